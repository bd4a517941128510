"""Fixtures for the browser tests: the corpus database, a live server, headless Chromium.

The tests need Debian's `chromium` (`.ci/run` installs it); where it is absent they skip
and say why. Playwright drives the system binary; `playwright install` is never needed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import build_corpus_db, chromium, chromium_path, live_server

from annexwatch.web import create_app


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    return build_corpus_db(corpus_dir, tmp_path_factory.mktemp("browser") / "corpus.db")


@pytest.fixture(scope="session")
def base_url(browser_db: Path) -> Iterator[str]:
    with live_server(create_app(browser_db)) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium at /usr/bin/chromium: install Debian's `chromium` package (.ci/run does)")
    with chromium(executable) as launched:
        yield launched


class Recorder:
    """Every request a page makes, and every console error or page error it reports."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.recorder = Recorder(opened)
    yield opened
    context.close()
