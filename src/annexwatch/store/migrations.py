"""Versioned schema migrations for the annexwatch database.

Each migration has a version number and runs in its own transaction together with the
row in `schema_migrations` that records it, so a failed migration leaves the database at
the previous version rather than half-upgraded. `PRAGMA user_version` mirrors the latest
applied version (cheap to read from outside), and `PRAGMA application_id` marks the file
as ours so that opening some other SQLite database is refused instead of "upgraded".

To change the schema: append a Migration with the next version; never edit one that has
shipped (schema.sql is migration 1 and so stays the version-1 schema).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

from annexwatch.errors import StoreError

# 'anxw' in ASCII: written into the SQLite header by the first migration.
APPLICATION_ID = 0x616E7877


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[sqlite3.Connection], None]


def split_statements(script: str) -> Iterator[str]:
    """The statements of an SQL script, one at a time.

    `executescript` would be simpler but it COMMITs any open transaction first, which
    would defeat running a migration atomically; `sqlite3.complete_statement` knows
    about strings, comments and trigger bodies, so splitting at the `;` where it says
    a statement is complete is safe.
    """
    *pieces, tail = script.split(";")
    buffer = ""
    for piece in pieces:
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            buffer = ""
            if _has_code(statement):
                yield statement
    # what follows the last complete statement must be comments/whitespace only
    rest = (buffer + tail).strip()
    if _has_code(rest):
        raise StoreError(f"incomplete SQL statement at end of migration script: {rest[:80]!r}")


def _has_code(sql: str) -> bool:
    """Whether the text holds more than comments and whitespace."""
    lines = (line.split("--", 1)[0].strip() for line in sql.splitlines())
    return any(line and line != ";" for line in lines)


def run_script(conn: sqlite3.Connection, script: str) -> None:
    for statement in split_statements(script):
        conn.execute(statement)


def _initial_schema(conn: sqlite3.Connection) -> None:
    script = resources.files("annexwatch.store").joinpath("schema.sql").read_text(encoding="utf-8")
    run_script(conn, script)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _knowledge_layer(conn: sqlite3.Connection) -> None:
    script = resources.files("annexwatch.store").joinpath("schema_v2.sql").read_text(encoding="utf-8")
    run_script(conn, script)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema", _initial_schema),
    Migration(2, "knowledge layer: merged events, indicator dates", _knowledge_layer),
)
LATEST_VERSION = MIGRATIONS[-1].version

_BOOKKEEPING = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


def _user_tables(conn: sqlite3.Connection) -> set[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    return {row[0] for row in rows}


def current_version(conn: sqlite3.Connection) -> int:
    """The schema version of the database: 0 for an empty file.

    Raises StoreError for a database that is not annexwatch's (tables but no
    bookkeeping, or another application's id in the header).
    """
    tables = _user_tables(conn)
    if not tables:
        return 0
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if "schema_migrations" not in tables or app_id not in (0, APPLICATION_ID):
        raise StoreError("not an annexwatch database (it holds other tables and no annexwatch schema)")
    row = conn.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def check_version(version: int, latest: int) -> None:
    if version > latest:
        raise StoreError(
            f"the database has schema version {version}, newer than this annexwatch knows "
            f"(up to {latest}): upgrade annexwatch to open it"
        )


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to the latest version; return that version.

    `conn` must be in autocommit mode (isolation_level=None): transactions are explicit.
    Each pending migration runs under BEGIN IMMEDIATE and re-reads the version inside
    the transaction, so two processes opening a fresh file at once apply it only once.
    """
    latest = migrations[-1].version if migrations else 0
    check_version(current_version(conn), latest)
    for migration in migrations:
        _apply_one(conn, migration, latest)
    return current_version(conn)


def _apply_one(conn: sqlite3.Connection, migration: Migration, latest: int) -> None:
    if current_version(conn) >= migration.version:
        return  # cheap no-op path for the common case: nothing to do, no write lock taken
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = current_version(conn)
        check_version(version, latest)
        if version < migration.version:
            conn.execute(_BOOKKEEPING)
            migration.apply(conn)
            conn.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:  # some errors (disk full, I/O) already rolled back
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.Error):
            raise StoreError(f"migration {migration.version} ({migration.name}) failed: {exc}") from exc
        raise
