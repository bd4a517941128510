"""Document metadata: YAML front matter, `NAME.meta.yaml` sidecars, and the `published` field.

A text or Markdown document may open with a YAML block between `---` lines; any document may
have a sidecar beside it. Both give the same fields (title, url, published, source, language,
and anything else). When both give a field, **the sidecar wins**: a sidecar is how a user
corrects a document without editing it.

Sidecar names: `article.pdf.meta.yaml` (the full file name) is looked for first, then
`article.meta.yaml` (the stem, as the spec writes `NAME.meta.yaml`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from annexwatch.errors import DocumentError
from annexwatch.models import DateInterval

SIDECAR_SUFFIX = ".meta.yaml"

# The front matter block: `---` on the first line, YAML, then a line of `---` or `...`.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# A YAML key at the start of a line: tells a broken front-matter block from a Markdown rule.
_YAML_KEY_LINE = re.compile(r"^[A-Za-z_][\w\- ]*:(?:\s|$)", re.MULTILINE)


@dataclass
class FrontMatter:
    """The fields of a front-matter block and the document body after it."""

    fields: dict[str, Any]
    body: str


def _yaml_problem(error: yaml.YAMLError) -> str:
    """A short, human account of a YAML error, with its line where PyYAML knows it."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).split("\n")[0]
    return f"{problem} (line {mark.line + 1})" if mark is not None else str(problem)


def split_front_matter(text: str, path: str | Path) -> FrontMatter:
    """Split a leading YAML front-matter block off `text`.

    A document that opens with a Markdown rule (`---`) and has no YAML keys after it has no
    front matter: the text is returned whole. A block with keys that is not valid YAML, or not
    a mapping, raises DocumentError E008, since silently treating it as prose would put
    `title:` lines into the article text.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter({}, text)
    block = match.group(1) or ""
    body = text[match.end() :]
    try:
        loaded = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as error:
        if not _YAML_KEY_LINE.search(block):
            return FrontMatter({}, text)
        reason = f"front matter is not valid YAML: {_yaml_problem(error)}"
        raise DocumentError(str(path), "E008", reason) from None
    if loaded is None:
        return FrontMatter({}, body)
    if not isinstance(loaded, dict):
        if not _YAML_KEY_LINE.search(block):
            return FrontMatter({}, text)
        raise DocumentError(str(path), "E008", "front matter must be a mapping of fields (key: value)")
    return FrontMatter(loaded, body)


def find_sidecar(path: str | Path) -> Path | None:
    """The `.meta.yaml` file beside a document, if there is one (full name first, then stem)."""
    path = Path(path)
    for candidate in (path.with_name(path.name + SIDECAR_SUFFIX), path.with_name(path.stem + SIDECAR_SUFFIX)):
        if candidate != path and candidate.is_file():
            return candidate
    return None


def read_sidecar(sidecar: Path, document: str | Path) -> tuple[dict[str, Any], bytes]:
    """The sidecar's fields and its raw bytes (the bytes feed the document's content hash).

    Errors name the document (it is the document that cannot be loaded) and the sidecar.
    """
    try:
        data = sidecar.read_bytes()
    except OSError as error:
        reason = f"cannot read sidecar {sidecar.name}: {error.strerror}"
        raise DocumentError(str(document), "E009", reason) from None
    try:
        loaded = yaml.safe_load(data.decode("utf-8-sig", errors="replace")) if data.strip() else {}
    except yaml.YAMLError as error:
        reason = f"sidecar {sidecar.name} is not valid YAML: {_yaml_problem(error)}"
        raise DocumentError(str(document), "E009", reason) from None
    if loaded is None:
        loaded = {}
    if not isinstance(loaded, dict):
        reason = f"sidecar {sidecar.name} must be a mapping of fields (key: value)"
        raise DocumentError(str(document), "E009", reason)
    return loaded, data


def plain_metadata(value: Any) -> Any:
    """Metadata as plain JSON-ready data: dates and datetimes become ISO strings, keys strings."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): plain_metadata(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain_metadata(item) for item in value]
    return value


def merge_metadata(front_matter: dict[str, Any], sidecar: dict[str, Any]) -> dict[str, Any]:
    """Front-matter fields overridden by sidecar fields, as plain data (the sidecar wins)."""
    return plain_metadata({**front_matter, **sidecar})


_DATE_HELP = "use YYYY, YYYY-MM, YYYY-MM-DD or START/END"


def parse_published(value: Any, path: str | Path) -> DateInterval | None:
    """A metadata `published` value as a DateInterval; None when absent or empty.

    Accepts a YAML date or datetime, a year as a number, and the strings YYYY, YYYY-MM,
    YYYY-MM-DD, an ISO datetime (its day), or START/END of those. Anything else raises
    DocumentError E010: a wrong date in metadata would silently date every event in the article.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return DateInterval.day(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return DateInterval.day(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return DateInterval.year(value)
    if isinstance(value, str):
        parsed = _parse_date_string(value.strip())
        if parsed is not None:
            return parsed
    raise DocumentError(str(path), "E010", f"published value {value!r} is not a date ({_DATE_HELP})")


def _parse_date_string(text: str) -> DateInterval | None:
    """YYYY[-MM[-DD]] or A/B via the shared notation, else an ISO datetime's day, else None."""
    if re.fullmatch(r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?(?:/\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?)?", text):
        try:
            return DateInterval.parse(text)
        except ValueError:
            return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return DateInterval.day(moment.year, moment.month, moment.day)
