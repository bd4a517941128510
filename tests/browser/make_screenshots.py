"""Write docs/screenshots/*.png: each dashboard page on the sample corpus, in headless Chromium.

    python tests/browser/make_screenshots.py [--db demo.db] [--out docs/screenshots]

Without --db it ingests examples/corpus into a temporary database first. Pages are shot
1280 px wide (the territory page also 400 px wide, as a phone would show it); each shot is
the top of its page, as a visitor first sees it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from browser_support import build_corpus_db, chromium, chromium_path, live_server  # noqa: E402

# (file name, path, viewport width x height, what to do first, element to shoot or None for the viewport)
SHOTS = [
    ("overview", "/", (1280, 1820), None, None),
    ("territory", "/territories/XSO", (1280, 1250), "zoom", None),
    ("territory-scorecard", "/territories/XSO", (1280, 900), None, "#scorecard"),
    ("event", "/events/{event}", (1280, 1500), None, None),
    ("document", "/documents/{document}?sentence={sentence}", (1280, 1100), None, None),
    ("search", "/search?q=passports+OR+citizenship&actor=XSO", (1280, 900), None, None),
    ("territory-narrow", "/territories/XSO", (400, 1300), None, None),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to show (default: ingest examples/corpus)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    executable = chromium_path()
    if executable is None:
        print("no chromium found (apt-get install chromium)", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="annexwatch-shots-") as tmp:
        db = args.db or build_corpus_db(ROOT / "examples" / "corpus", Path(tmp) / "corpus.db")
        shoot(db, args.out, executable)
    return 0


def shoot(db: Path, out: Path, executable: Path) -> None:
    from annexwatch.web import create_app
    from annexwatch.web.queries import ReadOnlyStore, search

    with ReadOnlyStore(db) as store:
        # the South Ossetian recognition by Russia: several sources and a date conflict
        row = store.connection.execute(
            "SELECT m.id FROM merged_events m WHERE m.type = 'recognize' AND m.target = 'XSO' "
            "ORDER BY m.date_conflict IS NULL, m.document_count DESC, m.id LIMIT 1"
        ).fetchone()
        hit = search(store, "passports", actor="XSO", limit=1)["items"][0]
    values = {"event": row[0], "document": hit["document_id"], "sentence": hit["sentence_id"]}
    with live_server(create_app(db)) as base, chromium(executable) as browser:
        for name, path, (width, height), action, element in SHOTS:
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto(base + path.format(**values))
            page.wait_for_load_state("networkidle")
            if action == "zoom":
                page.click("button[data-zoom='in']")
            target = out / f"{name}.png"
            if element:
                page.locator(element).screenshot(path=str(target))
            else:
                page.screenshot(path=str(target))
            page.close()
            print(f"wrote {out / (name + '.png')}")


if __name__ == "__main__":
    raise SystemExit(main())
