"""Claims: figures an article states about a de facto territory, each with its citation.

For every number `numbers.find_quantities` finds in a sentence, the extractor decides
what it is about with the rules of `pack/claims.yaml`:

1. numbers that are labels, dates, durations or ordinals are dropped;
2. the figure's *clause window* is the stretch of its sentence between boundaries
   (";", "of which", the previous and next figure of the same kind);
3. a count's head noun ("3,500 Russian soldiers") and the nationality in front of it,
   or a cue in the window ("... came from Moscow", "total revenues of ...") pick the
   attribute: rules with a cue beat bare head-noun rules, and among cue rules the
   nearest cue wins;
4. the subject is the territory named with the figure, in its window or sentence, else
   the territory the passage is about (`ctx.focus_territory`);
5. the evidence runs from the qualifier ("an estimated") through the figure, its head
   noun and "of ..." phrase, and takes in a nearby cue, so it reads as the natural phrase
   ("the 2021 budget comes to RUB 6.1 billion").

A figure no rule accounts for is skipped: a claim with the wrong attribute is worse than
none. Actor mentions are masked in the text the patterns see (see `mask_text`), so a
pattern's {P} matches the patron however the article names it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annexwatch.errors import PackError
from annexwatch.models import Claim, DateInterval, Evidence
from annexwatch.nlp.numbers import Quantity, find_quantities, shift
from annexwatch.pack import PACK_DIR, load_territories, load_yaml

if TYPE_CHECKING:
    from annexwatch.nlp.context import ExtractionContext

__all__ = [
    "ClaimPack",
    "compile_pattern",
    "extract_claims",
    "load_claim_pack",
    "mask_text",
]

# --- masking actor mentions -------------------------------------------------------------
# Each mention is overwritten with one private-use character per original character, so
# offsets are kept and a pattern's placeholder can match any name of the actor.
PATRON_MARK = "\ue000"
TERRITORY_MARK = "\ue001"
STATE_MARK = "\ue002"
MARKS = PATRON_MARK + TERRITORY_MARK + STATE_MARK
_POSSESSIVE = r"(?:['’]s\b|['’](?=\s))?"
PLACEHOLDERS = {
    "{P}": f"{PATRON_MARK}+{_POSSESSIVE}",
    "{T}": f"{TERRITORY_MARK}+{_POSSESSIVE}",
    "{S}": f"{STATE_MARK}+{_POSSESSIVE}",
    "{A}": f"[{MARKS}]+{_POSSESSIVE}",
    "{A0}": f"[{PATRON_MARK}{STATE_MARK}]+{_POSSESSIVE}",
    "{P0}": f"{PATRON_MARK}+(?![{PATRON_MARK}'’])",  # the patron itself, not "Moscow's attempts"
    "{T0}": f"{TERRITORY_MARK}+(?![{TERRITORY_MARK}'’])",
    "{M}": MARKS,  # the bare marks, for use inside a character class
}


def mask_text(ctx: ExtractionContext, start: int, end: int, patron: str | None) -> str:
    """ctx.text[start:end] with each actor mention replaced by its mark, length kept.

    An office or institution ("Russian soldiers", "the Russian Armed Forces", "the de facto
    authorities of Transnistria") is masked on the actor's name inside it only, so its
    common nouns stay readable to the patterns.
    """
    chars = list(ctx.text[start:end])
    for m in ctx.mentions_in(start, end):
        if m.actor == patron:
            mark = PATRON_MARK
        elif m.actor.startswith("X"):
            mark = TERRITORY_MARK
        else:
            mark = STATE_MARK
        runs = [(0, m.end - m.start)]
        if m.kind in ("office", "metonym"):
            runs = _name_runs(m.text, m.actor) or runs
        for a, b in runs:
            for i in range(m.start - start + a, m.start - start + b):
                chars[i] = mark
    return "".join(chars)


@lru_cache(maxsize=64)
def _actor_name_re(actor: str) -> re.Pattern[str] | None:
    """The actor's names, adjectives, capitals and places, longest first, as one regex."""
    from annexwatch.pack.actors import load_actors

    try:
        entry = load_actors().actors.get(actor)
    except PackError:
        return None
    if entry is None:
        return None
    forms = sorted({*entry.names, *entry.adjectives, *entry.capitals, *entry.places}, key=len, reverse=True)
    if not forms:
        return None
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in forms) + r")(?:['’]s)?(?![\w])")


def _name_runs(text: str, actor: str) -> list[tuple[int, int]]:
    pattern = _actor_name_re(actor)
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _words_take_marks(pattern: str) -> str:
    """Let \\w match the mark characters too, so "(?:\\w+ ){0,3}" steps over a masked name."""
    out = []
    in_class = False
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" and i + 1 < len(pattern):
            pair = pattern[i:i + 2]
            if pair == "\\w":
                out.append(f"\\w{MARKS}" if in_class else f"[\\w{MARKS}]")
            else:
                out.append(pair)
            i += 2
            continue
        if c == "[" and not in_class:
            in_class = True
        elif c == "]" and in_class:
            in_class = False
        out.append(c)
        i += 1
    return "".join(out)


def compile_pattern(spec: str | list[str] | None, ignore_case: bool = True) -> re.Pattern[str] | None:
    """A pack pattern (one regex or a list of alternatives) with placeholders expanded.

    A space matches any run of whitespace; matching ignores case.
    """
    if spec is None:
        return None
    parts = [spec] if isinstance(spec, str) else list(spec)
    if not parts:
        return None
    expanded = []
    for part in parts:
        text = _words_take_marks(str(part))
        for key, regex in PLACEHOLDERS.items():
            text = text.replace(key, regex)
        text = re.sub(r"(?<!\\) ", r"[\\s\\u00a0]+", text)
        expanded.append(f"(?:{text})")
    try:
        return re.compile("|".join(expanded), re.IGNORECASE if ignore_case else 0)
    except re.error as exc:
        raise PackError(f"claims/indicators pattern {spec!r} is not a valid regex: {exc}") from exc


# --- the pack ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    attribute: str
    index: int
    kinds: frozenset[str]
    nouns: frozenset[str] | None
    nationality: str | None
    cue: re.Pattern[str] | None
    side: str | None
    requires: re.Pattern[str] | None
    requires_sentence: re.Pattern[str] | None
    patron: str | None
    veto: re.Pattern[str] | None
    owner_state: bool
    cite_cue: bool
    about_left: re.Pattern[str] | None = None


@dataclass(frozen=True)
class ClaimPack:
    qualifiers: list[tuple[str, str]]  # (phrase, qualifier), longest phrase first
    clause_qualifiers: list[tuple[re.Pattern[str], str]]
    lead_words: list[str]
    converted_qualifier: str
    skip_before: re.Pattern[str]
    skip_after: re.Pattern[str]
    noun_gap_stop: str
    noun_classes: list[tuple[str, re.Pattern[str]]]
    rules: list[Rule]
    boundaries: re.Pattern[str]
    window_chars: int
    cite_chars: int
    partitive_nouns: frozenset[str]
    units: dict[str, str] = field(default_factory=dict)  # attribute -> vocabulary unit
    owner_before: re.Pattern[str] | None = None
    owner_after: re.Pattern[str] | None = None
    owner_window: re.Pattern[str] | None = None
    cue_prepositions: frozenset[str] = frozenset()
    date_link: re.Pattern[str] | None = None  # between a figure's phrase and the date it is for
    anaphora: re.Pattern[str] | None = None  # "in Luhansk the figure was 98%": as the figure before
    # "30,000 live there, most of them in Tskhinvali": a place after this says where part lives
    distribution: re.Pattern[str] | None = None
    whole_after: re.Pattern[str] | None = None  # "almost all of the territory's" + the whole


_RULE_KEYS = {
    "attribute", "kinds", "nouns", "nationality", "cue", "side", "requires", "requires_sentence", "patron",
    "veto", "owner_state", "cite_cue", "about_left",
}
_KINDS = {"number", "percent", "fraction", "money", "area"}
_CHOICES = {
    "nationality": {None, "patron", "patron_or_none", "none"},
    "side": {None, "left", "right"},
    "patron": {None, "sentence", "nearest"},
}


def _required(pattern: re.Pattern[str] | None, what: str) -> re.Pattern[str]:
    if pattern is None:
        raise PackError(f"claims.yaml: {what} has no pattern")
    return pattern


def _rule(i: int, spec: dict[str, Any], units: dict[str, str], classes: set[str]) -> Rule:
    where = f"claims.yaml rules[{i}]"
    unknown = set(spec) - _RULE_KEYS
    if unknown:
        raise PackError(f"{where}: unknown keys {sorted(unknown)}")
    if spec["attribute"] not in units:
        raise PackError(f"{where}: unknown claim attribute {spec['attribute']!r}")
    if not set(spec["kinds"]) <= _KINDS:
        raise PackError(f"{where}: kinds must be among {sorted(_KINDS)}")
    if "nouns" in spec and not set(spec["nouns"]) <= classes | {"none"}:
        raise PackError(f"{where}: nouns must be noun classes or 'none'")
    for key, allowed in _CHOICES.items():
        if spec.get(key) not in allowed:
            raise PackError(f"{where}: {key} must be one of {sorted(a for a in allowed if a)}")
    return Rule(
        attribute=spec["attribute"],
        index=i,
        kinds=frozenset(spec["kinds"]),
        nouns=frozenset(spec["nouns"]) if "nouns" in spec else None,
        nationality=spec.get("nationality"),
        cue=compile_pattern(spec.get("cue")),
        side=spec.get("side"),
        requires=compile_pattern(spec.get("requires")),
        requires_sentence=compile_pattern(spec.get("requires_sentence")),
        patron=spec.get("patron"),
        veto=compile_pattern(spec.get("veto")),
        owner_state=bool(spec.get("owner_state", True)),
        cite_cue=bool(spec.get("cite_cue", True)),
        about_left=compile_pattern(spec.get("about_left"), ignore_case=False),
    )


def _ending(patterns: list[str] | None) -> re.Pattern[str] | None:
    """Patterns that must end where the text before a figure ends."""
    return compile_pattern([f"(?:{p})[\\s\\u00a0]*$" for p in patterns]) if patterns else None


@lru_cache(maxsize=4)
def load_claim_pack(pack_dir: Path = PACK_DIR) -> ClaimPack:
    """The claim rules of `claims.yaml`, checked against the vocabulary."""
    raw: dict[str, Any] = load_yaml("claims.yaml", pack_dir)
    try:
        from annexwatch.pack import load_vocabulary

        vocabulary = load_vocabulary(pack_dir)
        units = {name: spec["unit"] for name, spec in vocabulary.claim_attributes.items()}
        for name in [*raw["qualifiers"], *raw.get("clause_qualifiers", {}), raw.get("converted_qualifier")]:
            if name is not None and name not in vocabulary.claim_qualifiers:
                raise PackError(f"claims.yaml: unknown qualifier {name!r}")
        phrases = [(str(phrase).lower(), name)
                   for name, listed in raw["qualifiers"].items() for phrase in listed]
        qualifiers = sorted(phrases, key=lambda p: -len(p[0]))
        clause_qualifiers = [
            (_required(compile_pattern(pattern), f"clause_qualifiers.{name}"), name)
            for name, patterns in raw.get("clause_qualifiers", {}).items()
            for pattern in patterns
        ]
        noun_classes = [(name, _required(compile_pattern(spec), f"noun_classes.{name}"))
                        for name, spec in raw["noun_classes"].items()]
        classes = {name for name, _ in noun_classes}
        rules = [_rule(i, spec, units, classes) for i, spec in enumerate(raw["rules"])]
        owners = raw.get("owner_patterns", {})
        return ClaimPack(
            qualifiers=qualifiers,
            clause_qualifiers=clause_qualifiers,
            lead_words=[w.lower() for w in raw.get("lead_words", [])],
            converted_qualifier=raw.get("converted_qualifier", "approximate"),
            skip_before=_required(compile_pattern([f"(?:{p})[\\s\\u00a0]*$" for p in raw["skip"]["before"]]),
                                  "skip.before"),
            skip_after=_required(compile_pattern([f"^(?:{p})" for p in raw["skip"]["after"]]), "skip.after"),
            noun_gap_stop=raw["noun_gap_stop"],
            noun_classes=noun_classes,
            rules=rules,
            boundaries=_required(compile_pattern(raw["boundaries"]), "boundaries"),
            window_chars=int(raw.get("window_chars", 160)),
            cite_chars=int(raw.get("cite_chars", 80)),
            partitive_nouns=frozenset(raw.get("partitive_nouns", [])),
            units=units,
            owner_before=compile_pattern(owners.get("before")),
            owner_after=compile_pattern(owners.get("after")),
            owner_window=compile_pattern(owners.get("window")),
            date_link=compile_pattern(raw.get("date_link")),
            cue_prepositions=frozenset(w.lower() for w in raw.get("cue_prepositions", [])),
            anaphora=compile_pattern([f"(?:{p})[\\s\\u00a0]*$" for p in raw.get("anaphora", [])] or None),
            distribution=compile_pattern(raw.get("distribution")),
            whole_after=_ending(raw.get("whole_after")),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise PackError(f"{pack_dir / 'claims.yaml'}: missing or malformed entry {exc}") from exc


# --- one figure in its sentence ----------------------------------------------------------------

_NP_QUOTES = frozenset({'"', "“", "”", "-", "–"})
_SPACE = r"[\s\u00a0]"
# between a figure and its conversion: "RUB 3.4 billion (USD 52 million)", "(about $80m)"
_PARENTHESIS_RE = re.compile(rf"{_SPACE}*\({_SPACE}*(?:[\w.]+{_SPACE}+){{0,2}}")
# "RUB 5 billion, or about $80 million"
_OR_RE = re.compile(rf"{_SPACE}*,{_SPACE}*or{_SPACE}+(?:[\w.]+{_SPACE}+){{0,2}}")
# between a part and its whole: "30,000 of the district's (about) 85,000"
_PARTITIVE_RE = re.compile(
    rf"{_SPACE}+(?:out{_SPACE}+)?of{_SPACE}+(?:[^\s,;:.]+{_SPACE}+){{0,5}}?(?:\([^)]*\){_SPACE}+)?"
    rf"(?:[≈~]{_SPACE}*)?"
)

# "... from 700,000 in 1990 to about 350,000": the same quantity, later
_CONTINUATION_RE = re.compile(
    r"\bto(?:[\s\u00a0]+(?:about|around|some|roughly|nearly|almost|just over|just under|over|under|"
    r"more than|less than|an estimated))?[\s\u00a0]*$",
    re.IGNORECASE,
)

# where a counted group is: "(permanently) stationed in {T}", "in {T}"
_WHERE_RE = re.compile(
    rf"{_SPACE}+(?:(?:\w+ly{_SPACE}+)?(?:stationed|based|deployed|living|residing|serving|present){_SPACE}+)?"
    rf"(?:in|at|on){_SPACE}+(?:the{_SPACE}+)?{TERRITORY_MARK}+",
    re.IGNORECASE,
)
# the patron acting right before a cited verb: "{P} would allocate", "The {P} government has invested"
_ACTOR_BEFORE_RE = re.compile(rf"{PATRON_MARK}+(?:['’]s)?(?:{_SPACE}+[\w-]+){{0,3}}{_SPACE}+$")

# ", <appositive>, " right after a figure's phrase, then the next word (its verb)
_ASIDE_RE = re.compile(rf"{_SPACE}*,{_SPACE}*(?:[^,;:()]|(?<=\d),(?=\d)){{3,120}}?,(?P<after>{_SPACE}+)")

_FAMILY = {"number": "count", "percent": "share", "fraction": "share", "money": "money", "area": "area"}


@dataclass
class _Figure:
    q: Quantity
    noun: str | None = None  # noun class, "other" (a noun no class knows) or None
    noun_start: int | None = None
    noun_end: int | None = None
    partitive: bool = False  # "30,000 of the district's 85,000 residents": the noun is the whole's
    np_end: int = 0
    converted_from: _Figure | None = None  # "(USD 52 million)" after "RUB 3.4 billion"
    base_of: _Figure | None = None  # this is the whole in "N of the region's M inhabitants"
    aside: tuple[int, int] | None = None  # an appositive after it: "90,000 people, (half of ...),"
    aside_end: int | None = None  # this figure stands in an appositive that closes here
    claim: Claim | None = None

    @property
    def family(self) -> str:
        return _FAMILY[self.q.kind]


@dataclass
class _Sentence:
    start: int
    end: int
    text: str  # original
    masked: str  # with actor marks, for the patron of `patron`
    patron: str | None


def _strip_left(text: str) -> str:
    return text.rstrip(" \u00a0\t\n()[],\"'“”‘’")


def _qualifier(pack: ClaimPack, text: str, q_start: int, floor: int) -> tuple[str | None, int]:
    """The qualifier phrase ending right before the figure, and where it starts."""
    left = text[max(floor, q_start - 40):q_start]
    stripped = _strip_left(left).lower()
    adjacent = not left[len(_strip_left(left)):].strip()
    for phrase, name in pack.qualifiers:
        if stripped.endswith(phrase):
            before = stripped[: -len(phrase)]
            if before and (before[-1].isalnum() or before[-1] == "."):
                continue
            start = q_start - (len(left) - len(before))
            # cite the qualifier only when it is next to the figure ("some 3,500"), not
            # across a parenthesis ("(again, estimated) 30–40,000")
            if adjacent:
                start = q_start - (len(left) - len(before))
                # "an estimated": take the article with it
                art = re.search(r"\b(an?|the)\s+$", text[max(floor, start - 5):start], re.IGNORECASE)
                if art and phrase.startswith(("estimated", "average", "approximate")):
                    start -= len(art.group(0))
                return name, start
            return name, q_start
    for word in pack.lead_words:
        if stripped.endswith(word) and adjacent:
            before = stripped[: -len(word)]
            if not before or not before[-1].isalnum():
                return None, q_start - (len(left) - len(before))
    return None, q_start


class _Extractor:
    def __init__(self, ctx: ExtractionContext, pack: ClaimPack) -> None:
        self.ctx = ctx
        self.pack = pack
        self.territories = load_territories()
        self._token_starts = [t.idx for t in ctx.doc]

    # --- tokens ------------------------------------------------------------------------
    def _token_at(self, offset: int) -> Any | None:
        i = bisect.bisect_right(self._token_starts, offset) - 1
        if i < 0 or i >= len(self.ctx.doc):
            return None
        return self.ctx.doc[i]

    def _extend_of_phrase(self, end: int, limit: int) -> int:
        """After a figure or its noun: take in an "of ..." phrase ("of the 'state' budget")."""
        m = re.match(r"[\s\u00a0]+of[\s\u00a0]+", self.ctx.text[end:limit])
        if not m:
            return end
        pos = end + m.end()
        tok = self._token_at(pos)
        if tok is None or tok.idx != pos:
            return end
        doc = self.ctx.doc
        last = None
        i = tok.i
        taken = 0
        while i < len(doc) and doc[i].idx < limit and taken < 10:
            t = doc[i]
            nxt_pos = doc[i + 1].pos_ if i + 1 < len(doc) else ""
            if t.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PART") or t.text in ("'s", "’s", "'", "’"):
                last = t
            elif not ((t.text in _NP_QUOTES and nxt_pos in ("NOUN", "PROPN", "ADJ"))
                      or (t.pos_ == "ADV" and nxt_pos == "NUM")):
                # quotes before a noun ('the "state" budget') and "roughly" before a number
                # stay in the phrase; anything else ends it
                break
            i += 1
            taken += 1
        if last is None:
            return end
        return min(last.idx + len(last.text), limit)

    # --- head nouns --------------------------------------------------------------------------
    def _head_noun(self, fig: _Figure, sent: _Sentence) -> None:
        q = fig.q
        after = sent.masked[q.end - sent.start:]
        gap = rf"(?:(?!{self.pack.noun_gap_stop}\b)[\w{MARKS}'’.-]+[\s\u00a0]+){{0,4}}?"
        best: tuple[int, int, str] | None = None
        for name, pattern in self.pack.noun_classes:
            m = re.match(rf"[\s\u00a0]*(?:-[\s\u00a0]*)?{gap}(?P<noun>{pattern.pattern})\b", after,
                         re.IGNORECASE)
            if (m and (best is None or m.start("noun") < best[0])
                    and self._modifiers_only(q.end, q.end + m.start("noun"))):
                best = (m.start("noun"), m.end(), name)
        demonym = self._demonym_after(q.end)
        if demonym is not None and (best is None or q.end + best[0] > demonym[0]):
            # "100,000 ethnic Armenians fled": a plural demonym is the counted noun
            fig.noun, fig.noun_start, fig.noun_end = "people", demonym[0], demonym[1]
            return
        if best is not None:
            fig.noun, fig.noun_start, fig.noun_end = best[2], q.end + best[0], q.end + best[1]
            return
        # "30,000 of the district's about 85,000 residents": the noun of the whole
        m = re.match(rf"[\s\u00a0]+(?:out[\s\u00a0]+)?of[\s\u00a0]+(?:[\w{MARKS}'’,.–-]+[\s\u00a0]+){{0,5}}?",
                     after)
        if m and fig.q.kind == "number":
            for name, pattern in self.pack.noun_classes:
                nm = re.match(rf"(?:{pattern.pattern})\b", after[m.end():], re.IGNORECASE)
                if nm and name in self.pack.partitive_nouns:
                    fig.noun, fig.partitive = name, True
                    fig.noun_start = q.end + m.end()
                    fig.noun_end = q.end + m.end() + nm.end()
                    return
        tok = self._token_at(q.end)
        nxt = tok
        while nxt is not None and nxt.idx < q.end:
            nxt = nxt.nbor(1) if nxt.i + 1 < len(self.ctx.doc) else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ") and nxt.idx - q.end <= 2:
            fig.noun = "other"

    def _modifiers_only(self, start: int, end: int) -> bool:
        """Do the words in [start, end) only modify a following noun ("strong Russian FSB",
        "armed", "permanently stationed")? A verb, preposition or subject among them ("one
        list gives population") means the noun is not what the number counts."""
        tok = self._token_at(start)
        doc = self.ctx.doc
        i = tok.i if tok is not None else len(doc)
        while i < len(doc) and doc[i].idx < end:
            t = doc[i]
            if t.idx + len(t.text) <= start:
                i += 1
                continue
            if t.pos_ in ("AUX", "ADP", "PRON", "SCONJ", "CCONJ", "PART", "DET"):
                return False
            if t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBG"):
                return False
            if t.pos_ == "NOUN" and t.dep_ not in ("compound", "amod", "nmod", "nummod", "npadvmod"):
                return False
            i += 1
        return True

    def _demonym_after(self, end: int) -> tuple[int, int] | None:
        """A plural demonym right after a count ("Armenians", "ethnic Georgians"), not one
        that qualifies a following noun ("Russian soldiers")."""
        m = re.match(r"[\s\u00a0]+(?:ethnic[\s\u00a0]+)?", self.ctx.text[end:end + 20])
        if not m:
            return None
        pos = end + m.end()
        mention = self.ctx.mention_at(pos, pos + 1)
        if (mention is None or mention.start != pos or mention.kind != "adjective"
                or not mention.text.endswith("s")):
            return None
        nxt = self._token_at(mention.end + 1)
        if (nxt is not None and mention.end < nxt.idx <= mention.end + 1
                and nxt.pos_ in ("NOUN", "PROPN")):
            return None
        return pos, mention.end

    # --- sentence-level helpers ------------------------------------------------------------
    def _nearest_state(self, sent: _Sentence, pos: int) -> str | None:
        """The mark (patron or other state) named nearest `pos` in the sentence."""
        best = None
        for m in self.ctx.mentions_in(sent.start, sent.end):
            if m.actor.startswith("X"):
                continue
            d = min(abs(m.start - pos), abs(m.end - pos))
            if best is None or d < best[0]:
                best = (d, m.actor)
        if best is None:
            return None
        return PATRON_MARK if best[1] == sent.patron else STATE_MARK

    def _subject(self, fig: _Figure, sent: _Sentence, lo: int, hi: int) -> tuple[str | None, Any]:
        """The territory the figure is about, and the mention that names it (if any)."""
        q = fig.q
        np_lo = q.start
        np_hi = max(fig.np_end, fig.noun_end or 0)
        for start, end in ((np_lo, np_hi), (lo, hi), (sent.start, sent.end)):
            named = [m for m in self.ctx.mentions_in(start, end)
                     if m.actor in self.territories and not self._where_part_lives(q.end, m.start)]
            if named:
                named.sort(key=lambda m: min(abs(m.start - q.start), abs(m.end - q.end)))
                return named[0].actor, named[0]
        focus = self.ctx.focus_territory(q.start)
        return (focus, None) if focus in self.territories else (None, None)

    def _where_part_lives(self, figure_end: int, mention_start: int) -> bool:
        """Does a place named after the figure only say where part of it is ("an estimated
        35,000 live in the territory, most of them in or around Tskhinvali")?"""
        pattern = self.pack.distribution
        if pattern is None or mention_start < figure_end:
            return False
        return pattern.search(self.ctx.text, figure_end, mention_start) is not None

    def _window(self, fig: _Figure, figs: list[_Figure], sent: _Sentence) -> tuple[int, int]:
        q = fig.q
        lo = max(sent.start, q.start - self.pack.window_chars)
        hi = min(sent.end, max(fig.np_end, q.end) + self.pack.window_chars)
        for other in figs:
            if other is fig or other.family != fig.family or other.converted_from is not None:
                continue
            if other.q.end <= q.start:
                lo = max(lo, other.np_end if other.np_end <= q.start else other.q.end)
            elif other.q.start >= q.end and other is not fig.converted_from:
                if other.base_of is fig or fig.converted_from is other:
                    continue
                if fig.aside and fig.aside[0] <= other.q.start < fig.aside[1]:
                    continue  # in the appositive the figure reads past
                hi = min(hi, other.q.start)
        if fig.aside_end is not None:
            hi = min(hi, fig.aside_end)
        for m in self.pack.boundaries.finditer(sent.text, lo - sent.start, q.start - sent.start):
            lo = max(lo, sent.start + m.end())
        after = max(fig.np_end, q.end) - sent.start
        for m in self.pack.boundaries.finditer(sent.text, after, hi - sent.start):
            if m.group(0).lower().startswith("of wh") and not sent.text[after:m.start()].strip():
                continue  # "9.5 billion of which will be provided by Russia": the figure's own clause
            hi = sent.start + m.start()
            break
        return lo, hi

    # --- the rules ------------------------------------------------------------------------------
    def _rule_holds(self, rule: Rule, fig: _Figure, sent: _Sentence, lo: int, hi: int,
                    window: str) -> tuple[float, re.Match[str] | None, int] | None:
        """(distance, cue match, offset of the text the match is in) if the rule holds."""
        q = fig.q
        if q.kind not in rule.kinds:
            return None
        if rule.nouns is not None:
            noun = fig.noun or "none"
            if noun not in rule.nouns:
                return None
        if rule.nationality and fig.noun not in (None, "other"):
            gap = sent.masked[q.end - sent.start:(fig.noun_start or q.end) - sent.start]
            named = None
            if PATRON_MARK in gap:
                named = PATRON_MARK
            elif STATE_MARK in gap or TERRITORY_MARK in gap:
                named = STATE_MARK  # another state's, or the territory's own ("Abkhaz soldiers")
            if rule.nationality == "patron" and named != PATRON_MARK:
                return None
            if rule.nationality == "none" and named is not None:
                return None
            if rule.nationality == "patron_or_none":
                if named == STATE_MARK:
                    return None
                if named is None and self._nearest_state(sent, q.start) != PATRON_MARK:
                    return None
        if rule.requires_sentence and not rule.requires_sentence.search(sent.masked):
            return None
        if rule.patron == "sentence" and PATRON_MARK not in sent.masked:
            return None
        if rule.patron == "nearest" and self._nearest_state(sent, q.start) != PATRON_MARK:
            return None
        if rule.veto and rule.veto.search(window):
            return None
        if rule.requires and not rule.requires.search(window):
            return None
        if not rule.owner_state and self._owned_by_state(fig, sent, lo, window):
            return None
        if rule.cue is None:
            return (0.0, None, 0)
        best: tuple[float, re.Match[str] | None, int] | None = None
        q_lo, q_hi = q.start - lo, max(fig.np_end, q.end) - lo
        for m in rule.cue.finditer(window):
            if m.end() <= q_lo:
                if rule.side == "right":
                    continue
                dist = q_lo - m.end()
            elif m.start() >= q.end - lo:
                if rule.side == "left":
                    continue
                dist = max(0, m.start() - q_hi)
            else:
                # a cue inside the figure's own noun phrase ("70 per cent of the budget")
                dist = 0
            if best is None or dist < best[0]:
                best = (float(dist), m, lo)
        return best

    def _whole_after_quantifier(self, lo: int, qual_start: int) -> bool:
        pattern = self.pack.whole_after
        return pattern is not None and pattern.search(self.ctx.text[lo:qual_start]) is not None

    def _owned_by_state(self, fig: _Figure, sent: _Sentence, lo: int, window: str) -> bool:
        """Is the figure another state's ("Russia's 146 million people", "population of Georgia")?"""
        pack = self.pack
        qual_floor = _qualifier(pack, self.ctx.text, fig.q.start, lo)[1]
        left = sent.masked[lo - sent.start:min(qual_floor, fig.q.start) - sent.start]
        if pack.owner_before and pack.owner_before.search(left):
            return True
        after_from = max(fig.np_end, fig.noun_end or 0)
        right = sent.masked[after_from - sent.start:]
        if pack.owner_after and pack.owner_after.search(right):
            return True
        return bool(pack.owner_window and pack.owner_window.search(window))

    # --- the sentence ----------------------------------------------------------------------------
    def figures(self, sent: _Sentence) -> list[_Figure]:
        pack = self.pack
        figs: list[_Figure] = []
        timex_spans = [(t.start, t.end) for t in self.ctx.timexes_in(sent.start, sent.end)]
        currency = None
        for q in find_quantities(sent.text):
            q = shift(q, sent.start)
            if q.kind == "money":
                currency = q.currency
            elif q.kind == "number" and q.scaled and currency and (q.value or q.high or 0) >= 1e6:
                # "a budget of 10.6 billion roubles, 9.5 billion of which ...": the currency
                # named before goes on
                q = replace(q, kind="money", currency=currency)
            if any(s <= q.start < e for s, e in timex_spans) and q.kind == "number":
                continue
            before = self.ctx.text[max(sent.start, q.start - 30):q.start]
            after = self.ctx.text[q.end:min(sent.end, q.end + 40)]
            if pack.skip_before.search(before) or pack.skip_after.match(after):
                continue
            fig = _Figure(q=q, np_end=q.end)
            figs.append(fig)
        for fig in figs:
            q = fig.q
            if q.kind == "number":
                self._head_noun(fig, sent)
            end = fig.noun_end if fig.noun_end and not fig.partitive else q.end
            fig.np_end = self._extend_of_phrase(end, sent.end)
            if fig.partitive and fig.noun_end:
                fig.np_end = max(fig.np_end, fig.noun_end)
        # a bare year-like number counts only when it counts something ("1500 troops"), and so
        # does a small number word: "the two have been bound by a treaty" counts nobody
        figs = [f for f in figs if not f.q.year_like or (f.noun not in (None, "other") and not f.partitive)]
        figs = [f for f in figs if not (f.q.words and f.q.kind == "number" and f.noun in (None, "other"))]
        # conversions and partitive wholes
        for prev, fig in itertools.pairwise(figs):
            between = self.ctx.text[prev.q.end:fig.q.start]
            if fig.q.kind == "area" and prev.q.kind == "area" and _PARENTHESIS_RE.fullmatch(between):
                fig.converted_from = prev.converted_from or prev  # "1,500 sq mi (3,885 km2)"
            if (fig.q.kind == "money" and prev.q.kind == "money" and fig.q.currency != prev.q.currency
                    and (_PARENTHESIS_RE.fullmatch(between) or _OR_RE.fullmatch(between))):
                fig.converted_from = prev.converted_from or prev  # "RUB 3.4 billion (USD 52 million)"
            if (fig.q.kind == "number" and prev.q.kind in ("number", "percent", "fraction")
                    and _PARTITIVE_RE.fullmatch(between)):
                fig.base_of = prev  # "30,000 of the district's 85,000 residents"
        self._asides(figs, sent)
        return figs

    def _asides(self, figs: list[_Figure], sent: _Sentence) -> None:
        """"some 90,000 people, roughly half of the enclave's population of about 150,000,
        fled": a comma-bounded appositive with a figure of its own, between a figure and
        its verb, belongs to neither: the outer figure reads past it to its verb, the inner
        one stops at its closing comma."""
        text = self.ctx.text
        for fig in figs:
            start = max(fig.np_end, fig.noun_end or 0, fig.q.end)
            m = _ASIDE_RE.match(text, start, sent.end)
            if not m:
                continue
            close = m.end() - len(m.group("after"))
            inner = [f for f in figs if start < f.q.start and f.q.end <= close]
            verb = self._token_at(m.end())
            if not inner or verb is None or verb.idx != m.end() or verb.pos_ not in ("VERB", "AUX"):
                continue
            fig.aside = (start, close)
            for f in inner:
                f.aside_end = close if f.aside_end is None else min(f.aside_end, close)

    def claims_in(self, span_start: int, span_end: int) -> list[Claim]:
        ctx = self.ctx
        raw = ctx.text[span_start:span_end]
        # head nouns are read with the patron of the passage's territory masked; each
        # figure is re-masked for its own subject's patron before its rules are tried
        focus = ctx.focus_territory(span_start)
        patron = self.territories[focus].patron if focus in self.territories else None
        sent = _Sentence(span_start, span_end, raw, mask_text(ctx, span_start, span_end, patron), patron)
        figs = self.figures(sent)
        out: list[Claim] = []
        for fig in figs:
            if fig.q.kind == "area" and fig.converted_from is not None:
                # the same area in other units: cite it with the first figure, claim it once
                parent = fig.converted_from.claim
                if parent is not None:
                    ev = parent.evidence[0]
                    end = self._trim_end(ev.start, max(ev.end, fig.q.end))
                    parent.evidence[0] = Evidence.of(ctx.text, ev.start, end)
                continue
            claim = self._claim(fig, figs, sent)
            if claim is not None:
                fig.claim = claim
                out.append(claim)
        return out

    def _claim(self, fig: _Figure, figs: list[_Figure], sent0: _Sentence) -> Claim | None:
        pack, q = self.pack, fig.q
        lo, hi = self._window(fig, figs, sent0)
        subject, named_by = self._subject(fig, sent0, lo, hi)
        if subject is None:
            return None
        patron = self.territories[subject].patron
        sent = sent0
        if patron != sent0.patron:
            sent = _Sentence(sent0.start, sent0.end, sent0.text,
                             mask_text(self.ctx, sent0.start, sent0.end, patron), patron)
        # mask the other figures' noun phrases: "64 percent of total income" is that figure's
        chars = list(sent.masked[lo - sent.start:hi - sent.start])
        for other in figs:
            if other is fig or other is fig.converted_from or fig is other.converted_from:
                continue
            a, b = max(other.q.start, lo), min(max(other.np_end, other.noun_end or 0), hi)
            for i in range(a - lo, b - lo):
                chars[i] = " "
        if fig.aside:
            # the appositive's words are about its own figure, not this one
            for i in range(max(fig.aside[0], lo) - lo, min(fig.aside[1], hi) - lo):
                chars[i] = " "
        window = "".join(chars)
        qualifier, qual_start = _qualifier(pack, self.ctx.text, q.start, lo)

        attribute: str | None = None
        rule_used: Rule | None = None
        cue_match: re.Match[str] | None = None
        referent: Claim | None = None
        # "the enclave's population of about 150,000": the whole of a partitive, named before it
        named = self._whole_named_before(fig, lo, qual_start) if fig.base_of is not None else None
        if fig.converted_from is not None:
            source = fig.converted_from.claim
            if source is None:
                return None
            attribute = source.attribute
            subject = source.subject
            qualifier = qualifier or pack.converted_qualifier
            rule_text = f"conversion of {source.evidence[0].text!r}"
        elif fig.base_of is not None and fig.noun is None and named is None:
            return None  # "65,000 of 120,000 had fled": the whole did not flee
        elif fig.base_of is not None and fig.noun in (None, "inhabitants", "people"):
            if self._owned_by_state(fig, sent, lo, window):
                return None
            attribute = "population"
            rule_text = "whole of a partitive ('N of the region's M inhabitants')"
            if named is not None and fig.noun is None:
                qual_start = min(qual_start, named)  # cite "population of about 150,000"
        elif fig.noun in ("inhabitants", "people") and self._whole_after_quantifier(lo, qual_start):
            # "almost all of the territory's roughly 53,000 residents hold Russian passports":
            # what follows is said of a part; the figure is the whole
            if self._owned_by_state(fig, sent, lo, window):
                return None
            attribute = "population"
            rule_text = "whole after a quantifier ('most of the region's N inhabitants')"
        elif (referent := self._anaphoric(fig, figs, lo, qual_start)) is not None:
            attribute = referent.attribute
            rule_text = f"refers back to {referent.evidence[0].text!r}"
            # the clause names what the figure is for: "in Luhansk the reported figure was"
            qual_start = min(qual_start, self._skip_space(lo))
        else:
            candidates = []
            for rule in pack.rules:
                held = self._rule_holds(rule, fig, sent, lo, hi, window)
                if held is not None:
                    candidates.append((0 if rule.cue is not None else 1, held[0], rule.index, rule, held[1]))
            if not candidates:
                inherited = self._inherit(fig, figs, window)
                if inherited is None:
                    return None
                attribute, rule_text = inherited
            else:
                candidates.sort(key=lambda c: c[:3])
                _, _, _, rule_used, cue_match = candidates[0]
                attribute = rule_used.attribute
                cue_text = ""
                if cue_match:
                    cue_text = self.ctx.text[lo + cue_match.start():lo + cue_match.end()].strip()
                rule_text = f"claims.yaml rule {rule_used.index} ({attribute}): " + (
                    f"cue {cue_text!r}" if cue_match else f"counts {fig.noun}")
        unit = pack.units[attribute]
        if not _unit_fits(unit, q):
            return None
        if (attribute in ("population", "area") and named_by is not None and named_by.kind == "capital"
                and named_by.start >= q.start):
            return None  # "30,432 live in Tskhinvali": the capital's figure, not the territory's
        if qualifier is None:
            clause = self.ctx.text[lo:q.start]
            for pattern, name in pack.clause_qualifiers:
                if pattern.search(clause):
                    qualifier = name
                    break
        # --- evidence
        ev_start = min(qual_start, q.start)
        ev_end = max(fig.np_end, q.end)
        if fig.noun_end and fig.noun not in (None, "other"):
            ev_end = max(ev_end, fig.noun_end)
        # "... servicemen currently based in Transnistria", "... troops in Northern Cyprus"
        m = _WHERE_RE.match(sent.masked, ev_end - sent.start, hi - sent.start)
        if m:
            ev_end = sent.start + m.end()
        about = None
        if cue_match is not None and rule_used is not None and fig.converted_from is None:
            c_start, c_end = lo + cue_match.start(), lo + cue_match.end()
            if rule_used.cite_cue:
                if c_end <= q.start and q.start - c_end <= pack.cite_chars:
                    ev_start = min(ev_start, self._with_preposition(self._chunk_start(c_start, lo), lo))
                    # the patron acting: "Moscow will allocate", "the Turkish government has
                    # reportedly spent"
                    actor = _ACTOR_BEFORE_RE.search(sent.masked, max(lo, ev_start - 45) - sent.start,
                                                    ev_start - sent.start)
                    if actor:
                        ev_start = self._chunk_start(sent.start + actor.start(), lo)
                elif c_start >= q.end and c_start - ev_end <= pack.cite_chars:
                    ev_end = max(ev_end, c_end)
                elif c_start < q.end < c_end:
                    # a cue that runs on from the figure's own words: "42 per cent for the
                    # opposition candidate"
                    ev_end = max(ev_end, c_end)
            if "about" in cue_match.re.groupindex and cue_match.group("about"):
                a_start, a_end = lo + cue_match.start("about"), lo + cue_match.end("about")
                about = self.ctx.text[a_start:a_end].strip() or None
            if rule_used.requires is not None and rule_used.cite_cue:
                # cite the nearest supporting phrase too: "Moscow covers around 80% of ...",
                # "two thirds of the budget is paid for by Ankara"
                best = None
                for m in rule_used.requires.finditer(window):
                    m_start, m_end = lo + m.start(), lo + m.end()
                    if m_end <= ev_start:
                        dist = ev_start - m_end
                    else:
                        dist = m_start - ev_end if m_start >= ev_end else 0
                    if best is None or dist < best[0]:
                        best = (dist, m_start, m_end)
                if best is not None and 0 < best[0] <= pack.cite_chars:
                    if best[2] <= ev_start:
                        ev_start = self._chunk_start(best[1], lo)
                    else:
                        ev_end = max(ev_end, best[2])
        if fig.converted_from is not None and fig.converted_from.claim is not None:
            # a conversion is cited with what it converts: "RUB 900 million (USD 12
            # million) for new schools"
            parent = fig.converted_from.claim.evidence[0]
            ev_start, ev_end = min(ev_start, parent.start), max(ev_end, parent.end)
        if rule_used is not None and rule_used.about_left is not None:
            m = rule_used.about_left.search(self.ctx.text, lo, min(qual_start, q.start))
            if m and m.end() == min(qual_start, q.start):
                about = about or m.group("about")
                # "Gunba took 54.73 per cent": the winner and the verb are part of the claim
                ev_start = min(ev_start, m.start())
        ev_end = self._dated_tail(self._trim_end(ev_start, ev_end), hi)
        evidence = [Evidence.of(self.ctx.text, ev_start, ev_end)]
        if referent is not None:
            # "the figure was 98.42%" means what it refers to: cite that too, and its option
            evidence.append(referent.evidence[0])
            about = about or referent.about
        as_of = self._as_of(q, lo, hi)
        if fig.converted_from is not None and fig.converted_from.claim is not None:
            as_of = fig.converted_from.claim.as_of  # a conversion is dated as what it converts
        return Claim(
            subject=subject,
            attribute=attribute,
            value=q.value,
            low=q.low,
            high=q.high,
            unit=unit,
            currency=q.currency if unit == "money" else None,
            qualifier=qualifier or "exact",
            evidence=evidence,
            as_of=as_of,
            about=about,
            rule=rule_text,
        )

    def _inherit(self, fig: _Figure, figs: list[_Figure], window: str) -> tuple[str, str] | None:
        """A figure no rule accounts for takes the attribute of the claimed figure before it
        when it continues that one: "RUB 4.72 billion for X and RUB 1.5 billion for Y",
        "fell from 700,000 in 1990 to about 350,000"."""
        earlier = [f for f in figs if f.q.end <= fig.q.start and f.family == fig.family
                   and f.claim is not None and f.converted_from is None]
        if not earlier:
            return None
        prev = earlier[-1]
        assert prev.claim is not None
        between = self.ctx.text[max(prev.np_end, prev.q.end):fig.q.start]
        if len(between) > 90 or re.search(r"[;:]", between):
            return None
        if fig.q.kind == "money" and re.search(r"\band\b", between):
            return prev.claim.attribute, f"joined by 'and' to {prev.claim.evidence[0].text!r}"
        if _CONTINUATION_RE.search(between):
            return prev.claim.attribute, f"continues {prev.claim.evidence[0].text!r}"
        return None

    def _whole_named_before(self, fig: _Figure, lo: int, qual_start: int) -> int | None:
        """"half of the enclave's population of about 150,000": where the whole's noun
        stands before it, joined by "of" (None if it does not)."""
        before = self.ctx.text[lo:min(qual_start, fig.q.start)]
        for name, pattern in self.pack.noun_classes:
            m = re.search(rf"\b(?:{pattern.pattern}){_SPACE}+of{_SPACE}*$", before, re.IGNORECASE)
            if name in ("inhabitants", "people") and m:
                return lo + m.start()
        return None

    def _anaphoric(self, fig: _Figure, figs: list[_Figure], lo: int, qual_start: int) -> Claim | None:
        """"...; in Luhansk the figure was 98.42%": a figure that names itself by reference
        measures what the sentence's first claimed figure of its kind measured (the
        headline figure, not a side figure like a turnout given with it)."""
        pack = self.pack
        if pack.anaphora is None or qual_start - lo > pack.cite_chars:
            return None
        if not pack.anaphora.search(self.ctx.text, lo, min(qual_start, fig.q.start)):
            return None
        earlier = [f for f in figs if f.q.end <= fig.q.start and f.family == fig.family
                   and f.claim is not None and f.converted_from is None]
        if not earlier:
            return None
        return earlier[0].claim

    def _with_preposition(self, offset: int, floor: int) -> int:
        """Take in the preposition that opens a cited cue's phrase ("on a turnout of 97.5%",
        "with a population of 50,000"): the phrase reads as one unit with it."""
        tok = self._token_at(offset)
        if tok is None or tok.idx != offset or tok.i == 0:
            return offset
        prep = self.ctx.doc[tok.i - 1]
        if prep.lower_ not in self.pack.cue_prepositions or prep.idx < floor:
            return offset
        # the phrase is the preposition's object: one of its first words hangs on it
        governs = any(t.head.i == prep.i for t in self.ctx.doc[tok.i:tok.i + 4])
        return prep.idx if governs else offset

    def _dated_tail(self, end: int, hi: int) -> int:
        """Take in the date that follows the figure's phrase and dates it ("82% of the
        budget in 2020", "53,500 residents counted in the 2015 census"): the figure is
        stated for that date, so the date is part of the statement."""
        link = self.pack.date_link
        if link is None:
            return end
        for t in self.ctx.timexes_in(end, hi):
            if t.interval is None or t.kind not in ("date", "until"):
                continue
            if not link.fullmatch(self.ctx.text, end, t.start):
                return end
            # the whole noun phrase of the date: "the 2015 census"
            tok = self._token_at(t.end - 1)
            stop = t.end
            for chunk in self.ctx.doc.noun_chunks if self.ctx.doc.has_annotation("DEP") else []:
                if tok is not None and chunk.start <= tok.i < chunk.end:
                    stop = max(stop, min(hi, chunk.end_char))
                    break
            return stop
        return end

    def _skip_space(self, offset: int) -> int:
        text = self.ctx.text
        while offset < len(text) and text[offset] in " \u00a0\t\n":
            offset += 1
        return offset

    def _chunk_start(self, offset: int, floor: int) -> int:
        """The start of the noun chunk holding `offset` ("the 2019 budget"), else `offset`."""
        tok = self._token_at(offset)
        if tok is None:
            return offset
        for chunk in self.ctx.doc.noun_chunks if self.ctx.doc.has_annotation("DEP") else []:
            if chunk.start <= tok.i < chunk.end:
                return max(floor, min(offset, chunk.start_char))
        return offset

    def _trim_end(self, start: int, end: int) -> int:
        text = self.ctx.text
        while end > start and text[end - 1] in " \u00a0\t\n,;:(":
            end -= 1
        # close a parenthesis the span opened: "3 billion roubles (roughly USD 40 million)"
        span = text[start:end]
        if span.count("(") > span.count(")") and end < len(text) and text[end] == ")":
            end += 1
        return end

    def _as_of(self, q: Quantity, lo: int, hi: int) -> DateInterval | None:
        """The date in the figure's clause window that dates it: the nearest one, passing
        over the date of a report about it ("said on Monday that Moscow would send")."""
        best = None
        text = self.ctx.text
        for t in self.ctx.timexes_in(lo, hi):
            if t.interval is None or t.kind not in ("date", "until"):
                continue
            d = q.start - t.end if t.end <= q.start else t.start - q.end
            around = text[max(lo, t.start - 25):t.start] + " " + text[t.end:min(hi, t.end + 8)]
            if t.end <= q.start and _REPORTING_RE.search(around):
                d += 1000
            if best is None or d < best[0]:
                best = (d, t.interval)
        return best[1] if best else None


_REPORTING_RE = re.compile(
    r"\b(?:said|says|announced|reported|told|stated|claimed|added|declared|noted|wrote)\b|^\s*that\b|\sthat\b",
    re.IGNORECASE,
)


def _unit_fits(unit: str, q: Quantity) -> bool:
    return {
        "person": q.kind == "number",
        "fraction": q.kind in ("percent", "fraction"),
        "money": q.kind == "money",
        "km2": q.kind == "area",
    }.get(unit, False)


def extract_claims(ctx: ExtractionContext) -> list[Claim]:
    """Every figure in the document that the claim rules account for, in text order."""
    extractor = _Extractor(ctx, load_claim_pack())
    claims: list[Claim] = []
    for sent in ctx.sentences:
        claims.extend(extractor.claims_in(sent.start_char, sent.end_char))
    return _merge_restated(claims)


def _merge_restated(claims: list[Claim]) -> list[Claim]:
    """One claim per figure: a headline or a later paragraph that restates the same figure
    about the same subject ("pledges 16 billion lira" ... "16 billion Turkish lira in loans")
    adds an evidence span to the first statement instead of a second claim. Figures for
    different dates stay apart ("2 billion in 2019 and 2 billion in 2020")."""
    out: list[Claim] = []
    for claim in claims:
        same = next((c for c in out if _restates(c, claim)), None)
        if same is None:
            out.append(claim)
            continue
        same.evidence.extend(claim.evidence)
        same.as_of = same.as_of or claim.as_of
    return out


def _restates(a: Claim, b: Claim) -> bool:
    return (
        (a.subject, a.attribute, a.value, a.low, a.high, a.unit, a.currency)
        == (b.subject, b.attribute, b.value, b.low, b.high, b.unit, b.currency)
        and (a.as_of is None or b.as_of is None or a.as_of == b.as_of)
    )
