"""The SQLite knowledge base: Store, its row records, and where the database lives."""

from __future__ import annotations

import os
from pathlib import Path

from annexwatch.store.db import InvalidRecordError, Store
from annexwatch.store.migrations import LATEST_VERSION
from annexwatch.store.rows import DocumentInfo, EventDetail, EvidenceSpan, SearchHit, TimelineRow

DB_ENV_VAR = "ANNEXWATCH_DB"
DEFAULT_DB_NAME = "annexwatch.db"


def default_db_path(cli_value: str | None) -> Path:
    """Where the database is: the --db value, else $ANNEXWATCH_DB, else ./annexwatch.db.

    An empty value counts as not given, so `ANNEXWATCH_DB=` does not mean "the cwd".
    """
    for candidate in (cli_value, os.environ.get(DB_ENV_VAR)):
        if candidate and candidate.strip():
            return Path(candidate).expanduser()
    return Path(DEFAULT_DB_NAME)


__all__ = [
    "DB_ENV_VAR",
    "DEFAULT_DB_NAME",
    "LATEST_VERSION",
    "DocumentInfo",
    "EventDetail",
    "EvidenceSpan",
    "InvalidRecordError",
    "SearchHit",
    "Store",
    "TimelineRow",
    "default_db_path",
]
