"""Find actor mentions in text: names, adjectives, capitals, institutions, offices, people.

`ActorResolver.find(text, when)` returns every mention, sorted and non-overlapping.
It needs no spaCy: the text is split into word and punctuation tokens, and token tries
built from the pack (`pack/actors.yaml`) are walked left to right, taking the longest
match at each position.

What one mention covers:

* a name, adjective/demonym, capital/place or metonym: just those words ("Russia" of
  "Russia's", "South Ossetian" not "Ossetian", "Kremlin" of "the Kremlin"; a leading
  "the" is never part of a mention);
* an actor term followed by an institution of the same actor is one metonym mention
  ("Russian State Duma", "U.S. State Department", "Russia's Federation Council");
* an office phrase is one mention of kind ``office`` whose actor is the named one:
  "<actor>['s] [modifiers] <office words>" ("Georgia's Foreign Ministry", "Georgian
  Foreign Ministry", "Crimean secessionist authorities"), "[modifiers] <office words>
  of [the] <actor>" ("Ministry of Foreign Affairs of Moldova", "de facto leader of
  Abkhazia") and "<authorities|government|...> in <capital>" ("authorities in Tiraspol");
* a person named after a title is ONE mention of kind ``person`` spanning title and name
  ("Russian President Vladimir Putin", "South Ossetian leader Leonid Tibilov",
  "Foreign Minister Sergey Lavrov"), so the title's adjective never yields a second,
  competing actor mention. Its actor is the title's actor when the person ever held an
  office for it (or belongs to it), otherwise the actor of the office they held at `when`
  (else their affiliation).

Matching is case-sensitive for names ("US" but not "us", "Turkey" but not "turkey") and
case-insensitive for office words; apostrophes (’ ') and dashes are normalised and
diacritics folded. "pro-Russian"/"anti-Western" describe a stance, not an actor: they
yield no mention (but may stand before an office, "Moldova's pro-EU government").
A surname alone is dropped when an unknown capitalised word stands right before it
(mid-sentence), since that is most likely another person of the same surname
("Anton Lavrov").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annexwatch.models import ActorMention, DateInterval
from annexwatch.pack import PACK_DIR
from annexwatch.pack.actors import SURFACE_GROUPS, ActorPack, PersonEntry, load_actors

if TYPE_CHECKING:
    from annexwatch.documents.published import OfficeTerm

# --- tokens ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PUNCT = str.maketrans(
    {
        "’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'", "′": "'",
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    }
)  # fmt: skip
_SPECIAL = str.maketrans({"ı": "i", "İ": "I", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "ß": "ss"})
_SENTENCE_PUNCT = frozenset('.!?:;"“”«»()[]-')
# capitalised words that may stand right before a surname without being a given name
_CAPITALISED_OK = frozenset(
    {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
        "Sept", "Oct", "Nov", "Dec", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "I",
    }
)  # fmt: skip
# words that often open a sentence right before a surname ("When Lavrov arrived")
_SENTENCE_STARTERS = frozenset(
    {
        "A", "About", "After", "Afterwards", "Again", "Also", "Although", "And", "As", "At", "Because",
        "Before", "Both", "But", "By", "Continuing", "Despite", "During", "Earlier", "Either", "Even",
        "Following", "For", "From", "Here", "However", "If", "In", "Indeed", "Instead", "Last", "Later",
        "Meanwhile", "Moreover", "Neither", "Nor", "Now", "On", "Once", "Only", "Or", "Since", "So",
        "Speaking", "Still", "That", "The", "Then", "There", "This", "Though", "Thus", "To", "Today",
        "Tonight", "Under", "Unlike", "Until", "What", "When", "Whether", "While", "With", "Without",
        "Yesterday", "Yet",
    }
)  # fmt: skip
_STANCE = frozenset({"pro", "anti"})
_CONNECT_OF = ("of",)
_CONNECT_IN = ("in",)


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """A token's matching key: apostrophes and dashes normalised, diacritics removed."""
    if token.isascii() and token != "`":
        return token
    token = token.translate(_PUNCT)
    if token.isascii():
        return token
    token = unicodedata.normalize("NFKD", token.translate(_SPECIAL))
    return "".join(ch for ch in token if not unicodedata.combining(ch))


@lru_cache(maxsize=65536)
def _keys(token: str) -> tuple[str, str]:
    key = fold(token)
    return key, key.lower()


@dataclass(slots=True)
class _Tokens:
    """The tokens of a text as parallel lists (cheaper than one object per token)."""

    start: list[int]
    end: list[int]
    word: list[str]  # as written
    key: list[str]  # folded, case kept
    low: list[str]  # folded, lower case


def _tokenize(text: str) -> _Tokens:
    matches = list(_TOKEN.finditer(text))
    words = [m.group() for m in matches]
    keys = [_keys(w) for w in words]
    return _Tokens(
        [m.start() for m in matches],
        [m.end() for m in matches],
        words,
        [k for k, _ in keys],
        [low for _, low in keys],
    )


def _surface_keys(surface: str, lower: bool = False) -> list[tuple[str, ...]]:
    """Token keys of a surface form, plus the variant without hyphens between words."""
    keys = tuple(fold(t) for t in _TOKEN.findall(surface))
    if lower:
        keys = tuple(k.lower() for k in keys)
    variants = [keys]
    if "-" in keys[1:-1]:
        variants.append(tuple(k for k in keys if k != "-"))
    return variants


# --- tries ---------------------------------------------------------------------------------

_END = ""  # key of the payload in a trie node (no token is empty)


def _insert(trie: dict[str, Any], keys: tuple[str, ...], payload: Any, merge: Any = None) -> None:
    node = trie
    for k in keys:
        node = node.setdefault(k, {})
    if _END in node and merge is not None:
        node[_END] = merge(node[_END], payload)
    else:
        node[_END] = payload


@dataclass(frozen=True, slots=True)
class _Actor:
    code: str
    kind: str  # mention kind: name | adjective | capital | metonym
    group: str  # names | adjectives | capitals | places | metonyms


@dataclass(frozen=True, slots=True)
class _Not:
    code: str


@dataclass(frozen=True, slots=True)
class _Person:
    # (index into people, needs a title) for every person this surface may name
    refs: tuple[tuple[int, bool], ...]
    single: bool  # a one-word alias (a surname alone)


@dataclass(frozen=True, slots=True)
class _Office:
    title: bool
    body: bool
    seat: bool


def _merge_person(old: _Person, new: _Person) -> _Person:
    return _Person(old.refs + new.refs, old.single and new.single)


def _merge_office(old: _Office, new: _Office) -> _Office:
    return _Office(old.title or new.title, old.body or new.body, old.seat or new.seat)


def _plural(keys: tuple[str, ...]) -> tuple[str, ...] | None:
    last = keys[-1]
    if not last.isalpha() or last.endswith("s"):
        return None
    if last.endswith("y") and len(last) > 2 and last[-2] not in "aeiou":
        return (*keys[:-1], last[:-1] + "ies")
    return (*keys[:-1], last + "s")


@dataclass
class _Match:
    """One candidate at a position: tokens [i, end) and the mention it yields (or None)."""

    end: int
    mention: tuple[int, int, str, str, str | None, str | None] | None
    # (start_tok, end_tok, actor, kind, person, wikidata)


class ActorResolver:
    """Finds actor mentions in text with the dictionary of a pack."""

    def __init__(self, pack: ActorPack) -> None:
        self.pack = pack
        self._people: tuple[PersonEntry, ...] = pack.people
        self._main: dict[str, Any] = {}
        self._office: dict[str, Any] = {}
        self._mods: dict[str, Any] = {}
        self._by_name: dict[str, list[int]] = {}
        for code, entry in pack.actors.items():
            for group, kind in SURFACE_GROUPS.items():
                for surface in getattr(entry, group):
                    for keys in _surface_keys(surface):
                        _insert(self._main, keys, _Actor(code, kind, group))
            for surface in entry.not_forms:
                for keys in _surface_keys(surface):
                    _insert(self._main, keys, _Not(code))
        for idx, person in enumerate(self._people):
            names = [(n, False) for n in (person.name, *person.aliases)]
            names += [(n, True) for n in person.needs_title]
            for surface, needs_title in names:
                self._by_name.setdefault(fold(surface).lower(), []).append(idx)
                for keys in _surface_keys(surface):
                    payload = _Person(((idx, needs_title),), len([k for k in keys if k.isalnum()]) == 1)
                    _insert(self._main, keys, payload, _merge_person)
        words = pack.offices
        for group, payload in (
            ("titles", _Office(True, False, False)),
            ("bodies", _Office(False, True, False)),
            ("seats", _Office(False, True, True)),
        ):
            for surface in getattr(words, group):
                for keys in _surface_keys(surface, lower=True):
                    _insert(self._office, keys, payload, _merge_office)
                    plural = _plural(keys)
                    if plural:
                        _insert(self._office, plural, payload, _merge_office)
        for surface in words.modifiers:
            for keys in _surface_keys(surface, lower=True):
                _insert(self._mods, keys, True)
        # first tokens of anything that can start a match: other tokens are skipped at once
        self._first = frozenset(k for k in self._main if k != _END)
        self._first_low = (
            frozenset(k for trie in (self._office, self._mods) for k in trie if k != _END) | _STANCE
        )

    @classmethod
    def from_pack(cls, pack_dir: Path = PACK_DIR) -> ActorResolver:
        """The resolver of a pack, built once per pack directory."""
        return _cached_resolver(Path(pack_dir))

    # --- public lookups ------------------------------------------------------------------
    def person(self, name: str) -> PersonEntry | None:
        """The person with this canonical name or alias (the first listed, if shared)."""
        idxs = self._by_name.get(fold(" ".join(name.split())).lower())
        return self._people[idxs[0]] if idxs else None

    def actor_of_person(self, name: str, when: DateInterval | None) -> str | None:
        """The actor a named person acts for at `when`: office at the time, else affiliation."""
        idxs = self._by_name.get(fold(" ".join(name.split())).lower())
        if not idxs:
            return None
        return self._pick_person(idxs, when).actor_at(when)

    def actor_name(self, code: str) -> str:
        entry = self.pack.actors.get(code)
        return entry.name if entry is not None else code

    def entity_floors(self, text: str) -> list[tuple[str, dt.date]]:
        """(name as written, founding date) of every entity named in `text` whose pack entry
        says when it came into being: lower bounds for an undated article's date."""
        out = []
        for mention in self.find(text):
            entry = self.pack.actors.get(mention.actor)
            if entry is not None and entry.exists_from is not None and mention.kind != "person":
                out.append((mention.text, entry.exists_from.start))
        # "a pro-EU government" names no actor (a stance), but the EU must exist for it
        for entry in self.pack.actors.values():
            if entry.exists_from is None:
                continue
            for name in entry.names:
                match = re.search(rf"\b(?:pro|anti)-{re.escape(name)}\b", text)
                if match:
                    out.append((match.group(0), entry.exists_from.start))
        return out

    def office_terms(self) -> list[OfficeTerm]:
        """Every office of every person, as terms for publication-date inference.

        `aliases` are the canonical name and every alias; `titles` the office title, its
        lower-case form, common synonyms ("leader" for a president or head, "PM" for a prime
        minister, the title without "Acting"), and the title qualified by the actor
        ("Russian President", "President of Russia").
        """
        from annexwatch.documents.published import OfficeTerm

        terms = []
        for person in self._people:
            aliases = list(dict.fromkeys((person.name, *person.aliases, *person.needs_title)))
            for office in person.offices:
                terms.append(
                    OfficeTerm(
                        person=person.name,
                        aliases=aliases,
                        titles=self._titles(office.title, office.actor),
                        start=office.first_day,
                        end=None if office.end is None else office.end.end,
                    )
                )
        return terms

    def _titles(self, title: str, code: str) -> list[str]:
        actor = self.pack.actors[code]
        bases = [title]
        if title.lower().startswith("acting "):
            bases.append(title[len("acting ") :])
        if " of " in title:  # "Prime Minister of Crimea" is written "Prime Minister Aksyonov"
            bases.append(title.split(" of ", 1)[0])
        words = title.lower().split()
        if (words[-1] == "president" and "vice" not in words) or words[0] == "head":
            bases.append("leader")
        if "prime minister" in title.lower():
            bases += ["PM", "Premier"]
        titles = []
        for base in bases:
            titles += [base, base.lower(), base[:1].upper() + base[1:]]
            if actor.adjectives:
                titles.append(f"{actor.adjectives[0]} {base}")
            titles.append(f"{base} of {actor.names[0]}")
        return list(dict.fromkeys(titles))

    # --- finding -------------------------------------------------------------------------
    def find(self, text: str, when: DateInterval | None = None) -> list[ActorMention]:
        """Every actor mention in `text`, sorted by position and non-overlapping."""
        toks = _tokenize(text)
        if not toks.word:
            return []
        joinable = [text.count("\n", a, b) < 2 for a, b in zip(toks.end, toks.start[1:], strict=False)]
        joinable.append(False)
        scan = _Scan(self, toks, joinable, when)
        out: list[ActorMention] = []
        first, first_low, keys, lows = self._first, self._first_low, toks.key, toks.low
        i = 0
        while i < scan.n:
            if keys[i] not in first and lows[i] not in first_low:
                i += 1  # most tokens cannot start anything
                continue
            match = scan.best(i)
            if match is None:
                i += 1
                continue
            if match.mention is not None:
                s, e, actor, kind, person, qid = match.mention
                start, end = toks.start[s], toks.end[e - 1]
                out.append(ActorMention(start, end, text[start:end], actor, person, qid, kind))
                scan.consumed = e
            i = max(match.end, i + 1)
        return out

    # --- helpers -------------------------------------------------------------------------
    def _pick_person(self, idxs: list[int] | tuple[int, ...], when: DateInterval | None) -> PersonEntry:
        """Of the people sharing a name, the one in office at `when` (else the first listed)."""
        unique = list(dict.fromkeys(idxs))
        if len(unique) > 1 and when is not None:
            best = max(unique, key=lambda k: sum(o.overlap_days(when) for o in self._people[k].offices))
            if any(o.overlap_days(when) for o in self._people[best].offices):
                return self._people[best]
        return self._people[unique[0]]


@lru_cache(maxsize=4)
def _cached_resolver(pack_dir: Path) -> ActorResolver:
    return ActorResolver(load_actors(pack_dir))


class _Scan:
    """The matching state of one text."""

    def __init__(
        self, resolver: ActorResolver, toks: _Tokens, joinable: list[bool], when: DateInterval | None
    ) -> None:
        self.r = resolver
        self.start, self.end, self.word = toks.start, toks.end, toks.word
        self.key, self.low = toks.key, toks.low
        self.joinable = joinable
        self.when = when
        self.n = len(toks.word)
        self.consumed = 0  # tokens before this index are part of an emitted mention
        self._walks: dict[tuple[int, int], tuple[int, Any] | None] = {}

    # --- trie walks ------------------------------------------------------------------------
    def _walk(self, trie: dict[str, Any], i: int, lower: bool, which: int) -> tuple[int, Any] | None:
        """Longest match of `trie` starting at token i: (end token, payload)."""
        cache_key = (which, i)
        if cache_key in self._walks:
            return self._walks[cache_key]
        keys = self.low if lower else self.key
        best, node, j = None, trie, i
        while j < self.n:
            key = keys[j]
            child = node.get(key)
            if child is None and key == "-" and node is not trie and self.joinable[j - 1] and j + 1 < self.n:
                # a hyphen between words also matches a space: "Turkish-Cypriot"
                j += 1
                continue
            if child is None:
                break
            node = child
            j += 1
            if _END in node:
                best = (j, node[_END])
            if j < self.n and not self.joinable[j - 1]:
                break
        self._walks[cache_key] = best
        return best

    def main(self, i: int) -> tuple[int, Any] | None:
        return self._walk(self.r._main, i, False, 0) if i < self.n else None

    def office(self, i: int) -> tuple[int, _Office] | None:
        """One or more office words in a row: (end, merged flags of the words, last word a title)."""
        end, flags, j = None, None, i
        while j < self.n and (j == i or self.joinable[j - 1]):
            hit = self._walk(self.r._office, j, True, 1)
            if hit is None:
                break
            j, payload = hit
            if flags is not None:  # the last word decides whether a name may follow
                payload = _Office(payload.title, flags.body or payload.body, flags.seat or payload.seat)
            flags = payload
            end = j
        return (end, flags) if end is not None else None

    def mods(self, i: int) -> tuple[int, bool]:
        """Skip modifiers ("former", "de facto", "pro-EU"): (next token, any stance modifier)."""
        j, stance = i, False
        while j < self.n and (j == i or self.joinable[j - 1]):
            hit = self._walk(self.r._mods, j, True, 2)
            if hit is not None:
                j = hit[0]
                continue
            after = self.stance(j)
            if after is None:
                break
            j, stance = after, True
        return j, stance

    def stance(self, i: int) -> int | None:
        """'pro-X' / 'anti-X' with X an actor term: the token after it."""
        if (
            i + 2 < self.n
            and self.low[i] in _STANCE
            and self.key[i + 1] == "-"
            and self.end[i] == self.start[i + 1]
            and self.end[i + 1] == self.start[i + 2]
        ):
            hit = self.main(i + 2)
            if hit is not None and isinstance(hit[1], _Actor):
                return hit[0]
            if self.key[i + 2][:1].isupper():  # pro-Western, anti-Kremlin and the like
                return i + 3
        return None

    def possessive(self, j: int) -> int | None:
        """'s / ’s / bare ' after an s: the token after the possessive."""
        if j >= self.n or j == 0 or self.key[j] != "'" or self.end[j - 1] != self.start[j]:
            return None
        if j + 1 < self.n and self.low[j + 1] == "s" and self.end[j] == self.start[j + 1]:
            if j + 2 < self.n and self.end[j + 1] == self.start[j + 2] and self.key[j + 2].isalnum():
                return None
            return j + 2
        if self.low[j - 1].endswith("s"):
            return j + 1
        return None

    def connector(self, j: int, words: tuple[str, ...]) -> int | None:
        """'of' / 'of the' (or 'in' / 'in the') at j: the token after it."""
        if j < self.n and self.joinable[j - 1] and self.low[j] in words:
            k = j + 1
            if k < self.n and self.joinable[j] and self.low[k] == "the":
                k += 1
            if k < self.n and self.joinable[k - 1]:
                return k
        return None

    # --- people ------------------------------------------------------------------------------
    def person_at(self, i: int, titled: bool) -> tuple[int, PersonEntry] | None:
        hit = self.main(i)
        if hit is None or not isinstance(hit[1], _Person):
            return None
        end, payload = hit
        idxs = [k for k, needs_title in payload.refs if titled or not needs_title]
        if not idxs:
            return None
        if payload.single and not titled and self._other_given_name(i):
            return None
        return end, self.r._pick_person(idxs, self.when)

    def _other_given_name(self, i: int) -> bool:
        """An unknown capitalised word right before a surname, mid-sentence ("Anton Lavrov")."""
        if i == 0 or i <= self.consumed or not self.joinable[i - 1]:
            return False
        prev = self.word[i - 1]
        if not (prev[:1].isupper() and prev.isalpha()) or prev.isupper() or prev in _CAPITALISED_OK:
            return False
        if i - 1 == 0 or not self.joinable[i - 2] or self.key[i - 2] in _SENTENCE_PUNCT:
            # sentence-initial: "When Lavrov" is Lavrov, "Anton Lavrov" someone else
            return prev not in _SENTENCE_STARTERS
        return True

    def _person_mention(
        self,
        start: int,
        end: int,
        person: PersonEntry,
        explicit: str | None,
        title: tuple[int, int] | None = None,
    ) -> _Match:
        """A person mention; its actor is the title's (named actor, or the office the title names)."""
        actor = None
        if explicit is not None and person.held_office_for(explicit):
            actor = explicit
        elif title is not None:
            actor = self._office_actor(person, title)
        if actor is None:
            actor = person.actor_at(self.when)
        if actor is None:  # pragma: no cover - the loader requires an affiliation or an office
            return _Match(end, None)
        return _Match(end, (start, end, actor, "person", person.name, person.wikidata))

    def _office_actor(self, person: PersonEntry, title: tuple[int, int]) -> str | None:
        """The actor of the person's office that the title words name ("Ex-President" ->
        the presidency): the one held at `when` if several actors fit, else None."""
        words = {w for w in self.low[title[0] : title[1]] if w.isalpha()}
        words = {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words}
        if not words:
            return None
        fitting = [o for o in person.offices if words <= set(fold(o.title).lower().split())]
        actors = {o.actor for o in fitting}
        if len(actors) == 1:
            return actors.pop()
        if actors and self.when is not None:
            current = {o.actor for o in fitting if o.overlap_days(self.when)}
            if len(current) == 1:
                return current.pop()
        return None

    # --- actor chunks ----------------------------------------------------------------------
    def head(self, j: int) -> tuple[int, _Actor] | None:
        """An actor term at j, extended by institutions of the same actor ("Russian State Duma")."""
        hit = self.main(j)
        if hit is None or not isinstance(hit[1], _Actor):
            return None
        end, actor = hit
        while True:
            k = self.possessive(end) or end
            if k >= self.n or not self.joinable[k - 1]:
                break
            nxt = self.main(k)
            if nxt is None or not isinstance(nxt[1], _Actor) or nxt[1].code != actor.code:
                break
            if nxt[1].group != "metonyms":
                break
            end, actor = nxt[0], _Actor(actor.code, "metonym", "metonyms")
        return end, actor

    def chain(self, i: int, after_of: bool = False) -> list[_Match]:
        """Candidates that start at token i (see the module docstring).

        With `after_of` (the words after "of"/"in"): only what can own an office, i.e. an
        office chunk or a bare name/capital/metonym not followed by a possessive.
        """
        out: list[_Match] = []
        j, stance = self.mods(i)
        if j >= self.n or (j > i and not self.joinable[j - 1]):
            return [_Match(j, None)] if stance and not after_of else out
        head = self.head(j)
        if head is not None:
            out = self._after_head(i, j, *head)
            if after_of:
                poss = self.possessive(head[0]) is not None
                bare_ok = ("name", "capital", "metonym")
                out = [
                    m
                    for m in out
                    if m.mention is not None
                    and (m.mention[3] == "office" or (m.mention[3] in bare_ok and not poss))
                ]
        if after_of:
            return out
        # office words may also start here ("Security Council of Russia" beats the UN's
        # "Security Council"): the longest candidate wins in best()
        off = self.office(j)
        if off is not None:
            out += self._after_office(i, j, *off)
        if stance and not out:
            out.append(_Match(j, None))  # "pro-Russian": a stance, not a mention
        return out

    def _after_head(self, i: int, j: int, h_end: int, actor: _Actor) -> list[_Match]:
        """Candidates of "<mods> <actor term>['s] <mods> <office words> [person]"."""
        code = actor.code
        qid = self.r.pack.actors[code].wikidata
        out = [_Match(h_end, (j, h_end, code, actor.kind, None, qid))]
        after_poss = self.possessive(h_end)
        k = after_poss or h_end
        if k >= self.n or not self.joinable[k - 1]:
            return out
        k2, _ = self.mods(k)
        if k2 >= self.n or (k2 > k and not self.joinable[k2 - 1]):
            return out
        off = self.office(k2)
        t = k2
        if off is None:
            # an organisation as qualifier: "Russia's UN envoy", "the Georgian EU ambassador"
            org = self.main(k2)
            if (
                org is not None
                and isinstance(org[1], _Actor)
                and self.r.pack.actors[org[1].code].kind == "organisation"
                and org[0] < self.n
                and self.joinable[org[0] - 1]
            ):
                t = org[0]
                off = self.office(t)
        if off is not None:
            o_end, flags = off
            out.append(_Match(o_end, (i, o_end, code, "office", None, qid)))
            if flags.title and o_end < self.n and self.joinable[o_end - 1]:
                p = self.person_at(o_end, titled=True)
                if p is not None:
                    out.append(self._person_mention(i, p[0], p[1], code, (t, o_end)))
        elif after_poss is not None and k2 == k:
            p = self.person_at(k, titled=True)  # "Russia's Putin"
            if p is not None:
                out.append(self._person_mention(i, p[0], p[1], code))
        return out

    def _after_office(self, i: int, j: int, o_end: int, flags: _Office) -> list[_Match]:
        """Candidates of "<mods> <office words> [of|in <actor>] [person]" (office words at j)."""
        out: list[_Match] = []
        if flags.title and o_end < self.n and self.joinable[o_end - 1]:
            p = self.person_at(o_end, titled=True)
            if p is not None:
                out.append(self._person_mention(i, p[0], p[1], None, (j, o_end)))
        for words in (_CONNECT_OF, _CONNECT_IN):
            if words is _CONNECT_IN and not flags.seat:
                continue
            k = self.connector(o_end, words)
            if k is None:
                continue
            for sub in self.chain(k, after_of=True):
                assert sub.mention is not None
                _s, e, code, kind, _person, qid = sub.mention
                if words is _CONNECT_IN and kind not in ("name", "capital"):
                    continue
                out.append(_Match(e, (i, e, code, "office", None, qid)))
                if flags.title and e < self.n and self.joinable[e - 1]:
                    p = self.person_at(e, titled=True)  # "President of Russia Vladimir Putin"
                    if p is not None:
                        out.append(self._person_mention(i, p[0], p[1], code))
        return out

    def best(self, i: int) -> _Match | None:
        """The longest candidate starting at token i."""
        candidates = self.chain(i)
        hit = self.main(i)
        if hit is not None and isinstance(hit[1], _Not):
            candidates.append(_Match(hit[0], None))
        p = self.person_at(i, titled=False)
        if p is not None:
            candidates.append(self._person_mention(i, p[0], p[1], None))
        if not candidates:
            return None
        # longest wins; on a tie the earlier candidate (office/person over a bare term follows
        # from their length, a negative "not" form over an actor term from this order)
        best = candidates[0]
        for cand in candidates[1:]:
            if cand.end > best.end or (cand.end == best.end and cand.mention is None):
                best = cand
        return best


def mentions_of(mentions: list[ActorMention], code: str) -> list[ActorMention]:
    """The mentions of one actor code."""
    return [m for m in mentions if m.actor == code]


__all__ = ["ActorResolver", "fold", "mentions_of"]
