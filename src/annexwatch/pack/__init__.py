"""The domain pack: vocabulary, actors, event triggers, indicator cues, all in YAML.

Knowledge lives here as data; a new territory is a YAML edit, not a code change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from annexwatch.errors import PackError

PACK_DIR = Path(__file__).parent


def load_yaml(name: str, pack_dir: Path = PACK_DIR) -> Any:
    """Read one YAML file of the pack, naming the file when it is broken."""
    path = pack_dir / name
    # libyaml's C loader is five times faster than the pure-Python one on the actor pack
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=loader)  # a safe loader either way
    except FileNotFoundError as exc:
        raise PackError(f"{path}: pack file missing") from exc
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: not valid YAML: {exc}") from exc


@dataclass(frozen=True)
class EventType:
    name: str
    form: str  # symmetric | directed
    plover: str | None
    mode: str | None
    context: str | None
    cameo: str | None
    means: str

    @property
    def symmetric(self) -> bool:
        return self.form == "symmetric"


@dataclass(frozen=True)
class Vocabulary:
    event_types: dict[str, EventType]
    claim_attributes: dict[str, dict[str, str]]
    claim_qualifiers: list[str]
    indicator_dimensions: dict[str, str]
    indicator_levels: list[str]
    actors: dict[str, str]  # code -> display name


@lru_cache(maxsize=4)
def load_vocabulary(pack_dir: Path = PACK_DIR) -> Vocabulary:
    raw = load_yaml("vocabulary.yaml", pack_dir)
    try:
        event_types = {
            name: EventType(
                name=name,
                form=spec["form"],
                plover=spec.get("plover"),
                mode=spec.get("mode"),
                context=spec.get("context"),
                cameo=spec.get("cameo"),
                means=spec.get("means", ""),
            )
            for name, spec in raw["event_types"].items()
        }
        return Vocabulary(
            event_types=event_types,
            claim_attributes=raw["claim_attributes"],
            claim_qualifiers=list(raw["claim_qualifiers"]),
            indicator_dimensions=raw["indicator_dimensions"],
            indicator_levels=list(raw["indicator_levels"]),
            actors=raw["actors"],
        )
    except (KeyError, TypeError) as exc:
        raise PackError(f"{pack_dir / 'vocabulary.yaml'}: missing or malformed entry {exc}") from exc


@dataclass(frozen=True)
class Territory:
    code: str
    parent: str
    patron: str
    since: dt.date | None = None  # proclaimed then: an act on its land before it was the parent's


def _since(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


@lru_cache(maxsize=4)
def load_territories(pack_dir: Path = PACK_DIR) -> dict[str, Territory]:
    """De facto territory code -> its parent state and patron state."""
    raw = load_yaml("territories.yaml", pack_dir)
    try:
        return {
            code: Territory(
                code=code, parent=spec["parent"], patron=spec["patron"], since=_since(spec.get("since"))
            )
            for code, spec in raw["territories"].items()
        }
    except (KeyError, TypeError, ValueError) as exc:
        raise PackError(f"{pack_dir / 'territories.yaml'}: missing or malformed entry {exc}") from exc
