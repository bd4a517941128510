"""Shared fixtures. Tests that need the spaCy model use it through annexwatch's own
loader (cached once a process); `make test` installs the model, pinned by hash."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS
