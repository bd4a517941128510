"""Errors a user sees, each with a stable code they can search for (as spaCy's E1042)."""

from __future__ import annotations


class AnnexwatchError(Exception):
    """Base class of every error annexwatch raises on purpose."""


class DocumentError(AnnexwatchError):
    """A document that cannot be read or cleaned: names the file and the reason.

    The batch goes on without it; the CLI reports it and exits non-zero at the end.
    """

    def __init__(self, path: str, code: str, reason: str) -> None:
        self.path = str(path)
        self.code = code
        self.reason = reason
        super().__init__(f"[{code}] {self.path}: {reason}")


class PackError(AnnexwatchError):
    """The domain pack (YAML) is malformed: names the file and the entry."""


class StoreError(AnnexwatchError):
    """The database cannot be opened or migrated."""
