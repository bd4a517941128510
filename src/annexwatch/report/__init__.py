"""The dossier: a briefing on one territory, built from the knowledge layer and rendered
as Markdown, HTML or PDF, every statement footnoted to the documents it rests on.

`build_dossier` gathers the data (dossier.py), `render` writes one format.
"""

from __future__ import annotations

from pathlib import Path

from annexwatch.report.dossier import build_dossier
from annexwatch.report.model import Dossier

FORMATS = ("md", "html", "pdf")


def render(dossier: Dossier, fmt: str, target_path: Path) -> None:
    """Write the dossier to `target_path` as md, html or pdf (Markdown also writes its chart
    beside it, as TARGET.chart.svg)."""
    target_path = Path(target_path)
    if fmt == "md":
        from annexwatch.report.markdown import write_markdown

        write_markdown(dossier, target_path)
    elif fmt == "html":
        from annexwatch.report.html import write_html

        write_html(dossier, target_path)
    elif fmt == "pdf":
        from annexwatch.report.pdf import write_pdf

        write_pdf(dossier, target_path)
    else:
        raise ValueError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "Dossier", "build_dossier", "render"]
