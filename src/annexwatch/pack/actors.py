"""The actor dictionary (`actors.yaml`): typed entries and their validation.

`load_actors()` reads the YAML once, checks every entry against the vocabulary and
returns an `ActorPack`. Every problem raises a `PackError` that names the file and the
entry (``actors.XSO.names``, ``people[12] (Eduard Kokoity).offices[0].start``), so a
broken edit is found without reading code.

Dates of office are written ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (quoted or not);
a coarser date means "some day in that month/year": an office starting ``'2009'``
covers 2009-01-01 onwards, one ending ``'2012'`` runs to 2012-12-31.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from annexwatch.errors import PackError
from annexwatch.models import DateInterval
from annexwatch.pack import PACK_DIR, load_vocabulary

ACTOR_KINDS = ("state", "de_facto", "organisation")
# surface-form groups of an actor, and the mention kind each one yields
SURFACE_GROUPS: dict[str, str] = {
    "names": "name",
    "adjectives": "adjective",  # adjectives and demonyms: Russian, Russians
    "capitals": "capital",  # capitals and seats of power
    "places": "name",  # other towns and regions that stand for the actor
    "metonyms": "metonym",  # institutions named on their own: the Kremlin, the State Duma
}
OFFICE_GROUPS = ("titles", "bodies", "seats", "modifiers")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_FAR_FUTURE = dt.date(9999, 12, 31)


@dataclass(frozen=True)
class ActorEntry:
    code: str
    name: str
    wikidata: str | None
    kind: str  # state | de_facto | organisation
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    places: tuple[str, ...]
    metonyms: tuple[str, ...]
    not_forms: tuple[str, ...]  # look-alikes that are NOT this actor ("Latin America", "Minsk agreements")
    # when the state or organisation came into being: an article naming it is no older
    exists_from: DateInterval | None = None

    def surfaces(self) -> dict[str, tuple[str, ...]]:
        """Group name -> surface forms, for every group in SURFACE_GROUPS."""
        return {group: getattr(self, group) for group in SURFACE_GROUPS}


@dataclass(frozen=True)
class Office:
    title: str
    actor: str
    start: DateInterval  # the day, month or year the office began
    end: DateInterval | None  # None: still held

    @property
    def first_day(self) -> dt.date:
        return self.start.start

    @property
    def last_day(self) -> dt.date:
        return self.end.end if self.end is not None else _FAR_FUTURE

    def overlap_days(self, when: DateInterval) -> int:
        start, end = max(self.first_day, when.start), min(self.last_day, when.end)
        return (end - start).days + 1 if start <= end else 0

    def distance_days(self, when: DateInterval) -> int:
        """0 when the office overlaps `when`, else the days between them."""
        if self.overlap_days(when):
            return 0
        if when.end < self.first_day:
            return (self.first_day - when.end).days
        return (when.start - self.last_day).days


@dataclass(frozen=True)
class PersonEntry:
    name: str  # canonical name
    wikidata: str | None
    aliases: tuple[str, ...]  # match anywhere: surname, transliterations
    needs_title: tuple[str, ...]  # match only after a title ("President Tatar", "Mr Price")
    affiliation: str | None  # the actor they act for when no office applies (nationality)
    offices: tuple[Office, ...]

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases, *self.needs_title)

    def offices_at(self, when: DateInterval) -> list[Office]:
        return [o for o in self.offices if o.overlap_days(when)]

    def held_office_for(self, actor: str) -> bool:
        return self.affiliation == actor or any(o.actor == actor for o in self.offices)

    def actor_at(self, when: DateInterval | None) -> str | None:
        """The actor this person acts for at `when`.

        An office overlapping `when` wins (the one overlapping most; on a tie the
        affiliation's, then the latest begun). Otherwise the affiliation; a person with
        no affiliation (a UN Secretary-General) gets the actor of the office nearest in
        time, or of the latest office when `when` is None.
        """
        if when is not None:
            current = self.offices_at(when)
            if current:
                best = max(
                    current,
                    key=lambda o: (o.overlap_days(when), o.actor == self.affiliation, o.first_day),
                )
                return best.actor
        if self.affiliation is not None:
            return self.affiliation
        if not self.offices:
            return None
        if when is None:
            return max(self.offices, key=lambda o: o.first_day).actor
        return min(self.offices, key=lambda o: o.distance_days(when)).actor


@dataclass(frozen=True)
class OfficeWords:
    """Generic office vocabulary, matched case-insensitively around actor names."""

    titles: tuple[str, ...]  # a person's office: president, foreign minister, spokeswoman
    bodies: tuple[str, ...]  # institutions and collectives: government, foreign ministry, troops
    seats: tuple[str, ...]  # those that also take "in <capital>": authorities in Tiraspol
    modifiers: tuple[str, ...]  # words that may stand before a title: former, de facto, so-called


@dataclass(frozen=True)
class ActorPack:
    actors: dict[str, ActorEntry]
    people: tuple[PersonEntry, ...]
    offices: OfficeWords
    source: Path


# --- parsing helpers ---------------------------------------------------------------------

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 5x faster on this file


def _read(path: Path) -> Any:
    """The YAML of `path`, with the same errors as `annexwatch.pack.load_yaml`."""
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_Loader)  # a safe loader (C or Python)
    except FileNotFoundError as exc:
        raise PackError(f"{path}: pack file missing") from exc
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: not valid YAML: {exc}") from exc


def _err(path: Path, where: str, message: str) -> PackError:
    return PackError(f"{path}: {where}: {message}")


def _strings(value: Any, path: Path, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _err(path, where, f"expected a list of strings, got {type(value).__name__}")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise _err(path, f"{where}[{i}]", f"expected a non-empty string, got {item!r}")
        out.append(item.strip())
    return tuple(out)


def _qid(value: Any, path: Path, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _QID.match(value):
        raise _err(path, where, f"not a Wikidata QID (Q followed by digits): {value!r}")
    return value


def _date(value: Any, path: Path, where: str) -> DateInterval:
    """A day (YAML date or 'YYYY-MM-DD'), a month ('YYYY-MM') or a year (YYYY or 'YYYY')."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return DateInterval(value, value, "day")
    if isinstance(value, (int, str)) and not isinstance(value, bool):
        text = str(value).strip()
        if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
            try:
                return DateInterval.parse(text)
            except ValueError as exc:
                raise _err(path, where, f"not a date: {value!r} ({exc})") from exc
    raise _err(path, where, f"not a date (YYYY-MM-DD, YYYY-MM or YYYY): {value!r}")


def _check_keys(raw: dict[str, Any], allowed: set[str], path: Path, where: str) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        allowed_list = ", ".join(sorted(allowed))
        raise _err(path, where, f"unknown field(s) {', '.join(unknown)}; allowed: {allowed_list}")


_ACTOR_KEYS = {"name", "wikidata", "kind", "not", "exists_from", *SURFACE_GROUPS}
_PERSON_KEYS = {"name", "wikidata", "aliases", "needs_title", "affiliation", "offices"}
_OFFICE_KEYS = {"title", "actor", "start", "end"}


def _parse_actor(code: str, raw: Any, path: Path) -> ActorEntry:
    where = f"actors.{code}"
    if not isinstance(raw, dict):
        raise _err(path, where, "expected a mapping")
    _check_keys(raw, _ACTOR_KEYS, path, where)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _err(path, f"{where}.name", "missing or empty")
    kind = raw.get("kind")
    if kind not in ACTOR_KINDS:
        raise _err(path, f"{where}.kind", f"{kind!r} is not one of {', '.join(ACTOR_KINDS)}")
    groups = {g: _strings(raw.get(g), path, f"{where}.{g}") for g in SURFACE_GROUPS}
    if not groups["names"]:
        raise _err(path, f"{where}.names", "an actor needs at least one name")
    return ActorEntry(
        code=code,
        name=name.strip(),
        wikidata=_qid(raw.get("wikidata"), path, f"{where}.wikidata"),
        kind=kind,
        not_forms=_strings(raw.get("not"), path, f"{where}.not"),
        exists_from=_date(raw["exists_from"], path, f"{where}.exists_from")
        if raw.get("exists_from")
        else None,
        **groups,
    )


def _parse_person(i: int, raw: Any, codes: set[str], path: Path) -> PersonEntry:
    where = f"people[{i}]"
    if not isinstance(raw, dict):
        raise _err(path, where, "expected a mapping")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _err(path, f"{where}.name", "missing or empty")
    where = f"people[{i}] ({name})"
    _check_keys(raw, _PERSON_KEYS, path, where)
    affiliation = raw.get("affiliation")
    if affiliation is not None and affiliation not in codes:
        raise _err(path, f"{where}.affiliation", f"unknown actor code {affiliation!r}")
    offices = []
    raw_offices = raw.get("offices") or []
    if not isinstance(raw_offices, list):
        raise _err(path, f"{where}.offices", "expected a list")
    for k, off in enumerate(raw_offices):
        ow = f"{where}.offices[{k}]"
        if not isinstance(off, dict):
            raise _err(path, ow, "expected a mapping {title, actor, start, end}")
        _check_keys(off, _OFFICE_KEYS, path, ow)
        title = off.get("title")
        if not isinstance(title, str) or not title.strip():
            raise _err(path, f"{ow}.title", "missing or empty")
        actor = off.get("actor")
        if actor not in codes:
            raise _err(path, f"{ow}.actor", f"unknown actor code {actor!r}")
        if "start" not in off:
            raise _err(path, f"{ow}.start", "missing (give at least the year)")
        start = _date(off["start"], path, f"{ow}.start")
        end = None if off.get("end") is None else _date(off["end"], path, f"{ow}.end")
        if end is not None and end.end < start.start:
            raise _err(path, ow, f"ends ({end}) before it starts ({start})")
        offices.append(Office(title=title.strip(), actor=actor, start=start, end=end))
    if affiliation is None and not offices:
        raise _err(path, where, "needs an affiliation or at least one office")
    return PersonEntry(
        name=name.strip(),
        wikidata=_qid(raw.get("wikidata"), path, f"{where}.wikidata"),
        aliases=_strings(raw.get("aliases"), path, f"{where}.aliases"),
        needs_title=_strings(raw.get("needs_title"), path, f"{where}.needs_title"),
        affiliation=affiliation,
        offices=tuple(offices),
    )


def _parse_offices(raw: Any, path: Path) -> OfficeWords:
    if not isinstance(raw, dict):
        raise _err(path, "offices", "expected a mapping with " + ", ".join(OFFICE_GROUPS))
    _check_keys(raw, set(OFFICE_GROUPS), path, "offices")
    words = {g: _strings(raw.get(g), path, f"offices.{g}") for g in OFFICE_GROUPS}
    if not words["titles"] or not words["bodies"]:
        raise _err(path, "offices", "titles and bodies must not be empty")
    return OfficeWords(**words)


def _fold_key(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def _check_unique(actors: dict[str, ActorEntry], people: list[PersonEntry], path: Path) -> None:
    """A surface form may belong to one actor only, and never to both an actor and a person."""
    owner: dict[str, str] = {}
    for code, entry in actors.items():
        for group, forms in (*entry.surfaces().items(), ("not", entry.not_forms)):
            for form in forms:
                key = _fold_key(form)
                where = f"actors.{code}.{group}"
                previous = owner.get(key)
                if previous is not None and previous.split(".")[1] != code:
                    raise _err(path, where, f"{form!r} is also listed under {previous}")
                owner.setdefault(key, where)
    for i, person in enumerate(people):
        for form in person.all_names:
            previous = owner.get(_fold_key(form))
            if previous is not None and previous.startswith("actors."):
                raise _err(path, f"people[{i}] ({person.name})", f"{form!r} is also listed under {previous}")


@lru_cache(maxsize=4)
def load_actors(pack_dir: Path = PACK_DIR) -> ActorPack:
    """Read and validate `actors.yaml` of the pack in `pack_dir`."""
    path = pack_dir / "actors.yaml"
    raw = _read(path)
    if not isinstance(raw, dict):
        raise _err(path, "top level", "expected a mapping with actors, people and offices")
    _check_keys(raw, {"actors", "people", "offices"}, path, "top level")
    vocabulary = load_vocabulary(pack_dir)
    codes = set(vocabulary.actors)

    raw_actors = raw.get("actors")
    if not isinstance(raw_actors, dict):
        raise _err(path, "actors", "expected a mapping of actor code -> entry")
    unknown = sorted(set(raw_actors) - codes)
    if unknown:
        raise _err(path, "actors", f"codes not in vocabulary.yaml: {', '.join(map(str, unknown))}")
    missing = [c for c in vocabulary.actors if c not in raw_actors]
    if missing:
        raise _err(path, "actors", f"vocabulary codes without an entry: {', '.join(missing)}")
    actors = {code: _parse_actor(code, raw_actors[code], path) for code in vocabulary.actors}

    raw_people = raw.get("people") or []
    if not isinstance(raw_people, list):
        raise _err(path, "people", "expected a list")
    people = [_parse_person(i, p, codes, path) for i, p in enumerate(raw_people)]
    seen: dict[str, int] = {}
    for i, person in enumerate(people):
        if person.name in seen:
            raise _err(path, f"people[{i}] ({person.name})", f"duplicate of people[{seen[person.name]}]")
        seen[person.name] = i
    _check_unique(actors, people, path)
    offices = _parse_offices(raw.get("offices"), path)
    return ActorPack(actors=actors, people=tuple(people), offices=offices, source=path)


__all__ = [
    "ACTOR_KINDS",
    "SURFACE_GROUPS",
    "ActorEntry",
    "ActorPack",
    "Office",
    "OfficeWords",
    "PersonEntry",
    "load_actors",
]
