"""Indicators: evidence that a de facto territory is integrated with its patron.

`extract_indicators(ctx, claims)` reads every sentence with the cues of
`pack/indicators.yaml` (one list per dimension of the vocabulary) and turns the figures
the claim extractor found into evidence as well (a 90 per cent passport share is
citizenship evidence at level "extensive").

A document yields ONE `Indicator` per (territory, patron, dimension): its `evidence`
lists every passage supporting it (the cue's clause), its `level` is the highest level
any of them supports, and `rule` names the cues and figures that gave it.

Modality, as documented in the YAML: negated cues ("has not recognised") and
hypothetical ones ("if all residents were ...", questions) do not count; future or
promised ones ("will hand passports", "would allocate") count at most as partial.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annexwatch.errors import PackError
from annexwatch.models import Claim, Evidence, Indicator
from annexwatch.nlp.claims import PATRON_MARK, TERRITORY_MARK, compile_pattern, mask_text
from annexwatch.pack import PACK_DIR, load_territories, load_yaml

if TYPE_CHECKING:
    from annexwatch.nlp.context import ExtractionContext

__all__ = ["Cue", "IndicatorPack", "extract_indicators", "load_indicator_pack"]


@dataclass(frozen=True)
class Cue:
    dimension: str
    name: str
    pattern: re.Pattern[str]
    level: str
    needs_patron: bool
    territory: str | None
    also: tuple[str, ...]
    veto: re.Pattern[str] | None
    # a pattern with {C} (the patron's currency) is compiled once per patron
    by_patron: tuple[tuple[str, re.Pattern[str]], ...] = ()

    def pattern_for(self, patron: str) -> re.Pattern[str] | None:
        if not self.by_patron:
            return self.pattern
        return dict(self.by_patron).get(patron)


def _with_currency(spec: Any, names: list[str]) -> Any:
    """A pattern spec with {C} spelled out as the currency's names ("rouble|ruble")."""
    alternation = "(?:" + "|".join(re.escape(n) for n in names) + ")"
    if isinstance(spec, str):
        return spec.replace("{C}", alternation)
    return [str(p).replace("{C}", alternation) for p in spec]


def _uses_currency(spec: Any) -> bool:
    return any("{C}" in str(p) for p in ([spec] if isinstance(spec, str) else spec))


@dataclass(frozen=True)
class ClaimEvidence:
    """How a claim attribute becomes indicator evidence."""

    attribute: str
    dimension: str
    level: str | None
    thresholds: tuple[tuple[float, str], ...]
    about: re.Pattern[str] | None


@dataclass(frozen=True)
class IndicatorPack:
    cues: list[Cue]
    from_claims: dict[str, ClaimEvidence]
    negation: re.Pattern[str]
    negation_exception: re.Pattern[str]
    conditional: re.Pattern[str]
    hypothetical: re.Pattern[str]
    future: re.Pattern[str]
    modality_chars: int
    modality_stops: re.Pattern[str]
    future_level: str
    evidence_chars: int
    clause_boundaries: re.Pattern[str]
    plural_reference: re.Pattern[str]
    plural_lookback: int
    plural_pronoun: re.Pattern[str] | None
    counted_reference: re.Pattern[str] | None
    level_order: list[str]

    def rank(self, level: str) -> int:
        return self.level_order.index(level)


def _pattern(spec: Any, what: str) -> re.Pattern[str]:
    pattern = compile_pattern(spec)
    if pattern is None:
        raise PackError(f"indicators.yaml: {what} has no pattern")
    return pattern


@lru_cache(maxsize=4)
def load_indicator_pack(pack_dir: Path = PACK_DIR) -> IndicatorPack:
    raw: dict[str, Any] = load_yaml("indicators.yaml", pack_dir)
    try:
        from annexwatch.pack import load_vocabulary

        vocabulary = load_vocabulary(pack_dir)
        levels = list(raw["levels"]["order"])
        if set(levels) != set(vocabulary.indicator_levels):
            raise PackError(f"indicators.yaml: levels {levels} differ from the vocabulary's")
        currencies = {str(k): [str(n) for n in v] for k, v in (raw.get("currencies") or {}).items()}
        cues = []
        for dimension, entries in raw["dimensions"].items():
            if dimension not in vocabulary.indicator_dimensions:
                raise PackError(f"indicators.yaml: unknown dimension {dimension!r}")
            for entry in entries:
                level = entry.get("level", "partial")
                also = tuple(entry.get("also", []))
                for d in also:
                    if d not in vocabulary.indicator_dimensions:
                        raise PackError(f"indicators.yaml: unknown dimension {d!r} in `also`")
                if level not in levels:
                    raise PackError(f"indicators.yaml: unknown level {level!r}")
                what = f"{dimension}/{entry['name']}"
                by_patron: tuple[tuple[str, re.Pattern[str]], ...] = ()
                spec = entry["pattern"]
                if _uses_currency(spec):
                    by_patron = tuple((patron, _pattern(_with_currency(spec, names), what))
                                      for patron, names in currencies.items())
                    spec = _with_currency(spec, sorted({n for ns in currencies.values() for n in ns}))
                cues.append(Cue(
                    dimension=dimension,
                    name=entry["name"],
                    by_patron=by_patron,
                    pattern=_pattern(spec, what),
                    level=level,
                    needs_patron=entry.get("patron", "sentence") != "none",
                    territory=entry.get("territory"),
                    also=also,
                    veto=compile_pattern(entry.get("veto")),
                ))
        from_claims = {}
        for attribute, spec in raw.get("from_claims", {}).items():
            thresholds = tuple((float(t["min"]), t["level"]) for t in spec.get("thresholds", []))
            from_claims[attribute] = ClaimEvidence(
                attribute=attribute,
                dimension=spec["dimension"],
                level=spec.get("level"),
                thresholds=tuple(sorted(thresholds, reverse=True)),
                about=compile_pattern(spec.get("about")),
            )
        return IndicatorPack(
            cues=cues,
            from_claims=from_claims,
            negation=_pattern(raw["negation"], "negation"),
            negation_exception=_pattern(raw["negation_exception"], "negation_exception"),
            conditional=_pattern(raw["conditional"], "conditional"),
            hypothetical=_pattern(raw["hypothetical"], "hypothetical"),
            future=_pattern(raw["future"], "future"),
            modality_chars=int(raw.get("modality_chars", 45)),
            modality_stops=_pattern(raw["modality_stops"], "modality_stops"),
            future_level=raw.get("future_level", "partial"),
            evidence_chars=int(raw.get("evidence_chars", 240)),
            clause_boundaries=_pattern(raw["clause_boundaries"], "clause_boundaries"),
            plural_reference=_pattern(raw["plural_reference"], "plural_reference"),
            plural_lookback=int(raw.get("plural_lookback_sentences", 5)),
            plural_pronoun=compile_pattern(raw.get("plural_pronoun")),
            counted_reference=compile_pattern(raw.get("counted_reference")),
            level_order=levels,
        )
    except (KeyError, TypeError) as exc:
        raise PackError(f"{pack_dir / 'indicators.yaml'}: missing or malformed entry {exc}") from exc


_LEADING_JUNK = frozenset(" \t\n\u00a0,;:.(\"“'‘–—-")
_TRAILING_JUNK = frozenset(" \t\n\u00a0,;:(\"“–—-")
_COORDINATION = re.compile(r"(?:['’]s)?\s*(?:,|and|or|&|as well as|,\s*and)?\s*(?:the\s+)?")


@dataclass
class _Support:
    evidence: Evidence
    level: str
    rules: list[str]


class _Reader:
    def __init__(self, ctx: ExtractionContext, pack: IndicatorPack) -> None:
        self.ctx = ctx
        self.pack = pack
        self.territories = load_territories()
        self.patrons = sorted({t.patron for t in self.territories.values()})
        self.found: dict[tuple[str, str, str], list[_Support]] = {}
        self._mention_starts = [m.start for m in ctx.mentions]  # ctx keeps them sorted

    # --- clauses and evidence -------------------------------------------------------
    def _clause(self, s0: int, s1: int, a: int, b: int) -> tuple[int, int]:
        """The stretch of the sentence [s0, s1) between clause boundaries around [a, b)."""
        text = self.ctx.text
        lo, hi = s0, s1
        for m in self.pack.clause_boundaries.finditer(text, s0, a):
            lo = m.end()
        m = self.pack.clause_boundaries.search(text, b, s1)
        if m:
            hi = m.start()
        return lo, hi

    def _evidence(self, s0: int, s1: int, a: int, b: int) -> Evidence:
        """The cue's clause; when that is long, the comma pieces around the cue that fit."""
        text = self.ctx.text
        lo, hi = self._clause(s0, s1, a, b)
        limit = self.pack.evidence_chars
        if hi - lo > limit:
            cuts = [lo, *(lo + m.end() for m in re.finditer(r",\s", text[lo:hi])), hi]
            left = max(c for c in cuts if c <= a)
            right = min(c for c in cuts if c >= b)
            grew = True
            while grew:
                grew = False
                wider_left = [c for c in cuts if c < left and right - c <= limit]
                if wider_left:
                    left, grew = wider_left[-1], True
                wider_right = [c for c in cuts if c > right and c - left <= limit]
                if wider_right:
                    right, grew = wider_right[0], True
            lo, hi = left, right
            if hi - lo > limit:
                # one long piece: a window on the cue, cut between words
                lo = max(lo, a - limit // 3)
                hi = min(hi, max(b, lo + limit))
                while lo < a and text[lo - 1].isalnum():
                    lo += 1
                while hi > b and hi < len(text) and text[hi].isalnum():
                    hi -= 1
        while lo < hi and text[lo] in _LEADING_JUNK:
            lo += 1
        while hi > lo and text[hi - 1] in _TRAILING_JUNK:
            hi -= 1
        if hi <= lo:
            lo, hi = a, b
        return Evidence.of(text, lo, hi)

    # --- modality ---------------------------------------------------------------------
    def _modality(self, s0: int, s1: int, a: int, b: int, masked: str) -> str:
        """asserted | negated | hypothetical | future, for a cue at [a, b)."""
        pack = self.pack
        text = self.ctx.text
        lo, hi = self._clause(s0, s1, a, b)
        sentence = text[s0:s1].rstrip()
        if sentence.endswith("?"):
            return "hypothetical"
        before_clause = text[lo:a]
        if pack.conditional.search(before_clause):
            return "hypothetical"
        # negation, "could" and "will" reach only within the cue's piece of the clause
        p_lo = self._piece(lo, hi, a, b)[0]
        for m in pack.modality_stops.finditer(text, p_lo, a):
            p_lo = m.end()
        near_lo = max(p_lo, a - pack.modality_chars)
        near = text[near_lo:b]
        if pack.negation.search(near) and not pack.negation_exception.search(text[b:hi]):
            return "negated"
        if pack.hypothetical.search(text[near_lo:a]):
            return "hypothetical"
        if pack.future.search(near):
            return "future"
        return "asserted"

    # --- territories ------------------------------------------------------------------
    def _territories(self, s0: int, s1: int, a: int, b: int) -> list[str]:
        """The territories a cue at [a, b) is about (see the YAML's header for the order)."""
        ctx = self.ctx
        inside = [m.actor for m in ctx.mentions_in(a, b) if m.actor in self.territories]
        if inside:
            return list(dict.fromkeys(inside))
        lo, hi = self._clause(s0, s1, a, b)
        p_lo, p_hi = self._piece(lo, hi, a, b)
        named = [m for m in ctx.mentions_in(p_lo, p_hi) if m.actor in self.territories]
        if named:
            return self._nearest_group(named, a, b)
        if self._refers_to_several(s0, p_lo, p_hi):
            earlier = self._territories_before(s0)
            if earlier:
                return earlier
        named = [m for m in ctx.mentions_in(s0, s1) if m.actor in self.territories]
        before = [m for m in named if m.end <= a]
        if before:
            # "In Transnistria, Russia keeps an arms depot"
            return self._nearest_group(before, a, b)
        context = self._territory_before_sentence(s0)
        if context is not None:
            # "While the deal was being initialled, veterans marched ... to mark the war in
            # Nagorno-Karabakh": a territory named only in a later clause is not what the cue is about
            return [context]
        if named:
            return self._nearest_group(named, a, b)
        focus = ctx.focus_territory(a)
        return [focus] if focus in self.territories else []

    def _refers_to_several(self, s0: int, p_lo: int, p_hi: int) -> bool:
        """Does the cue's piece name "these enclaves", "both republics", or say "their"/"them"
        of territories the sentence has just counted ("both republics", "the two regions")?"""
        pack = self.pack
        text = self.ctx.text
        if pack.plural_reference.search(text, p_lo, p_hi):
            return True
        return bool(pack.plural_pronoun is not None and pack.counted_reference is not None
                    and pack.plural_pronoun.search(text, p_lo, p_hi)
                    and pack.counted_reference.search(text, s0, p_lo))

    def _piece(self, lo: int, hi: int, a: int, b: int) -> tuple[int, int]:
        """The comma-separated piece of the clause [lo, hi) holding [a, b)."""
        text = self.ctx.text
        p_lo, p_hi = lo, hi
        for m in re.finditer(r",\s", text[lo:a]):
            p_lo = lo + m.end()
        m = re.search(r",\s", text[b:hi])
        if m:
            p_hi = b + m.start()
        return p_lo, p_hi

    def _nearest_group(self, named: list[Any], a: int, b: int) -> list[str]:
        """The mention nearest [a, b), with those coordinated with it ("Abkhazia and South Ossetia")."""
        text = self.ctx.text
        named = sorted(named, key=lambda m: m.start)
        nearest = min(named, key=lambda m: (a - m.end) if m.end <= a else (m.start - b) + 1)
        idx = named.index(nearest)
        group = [nearest]
        for step in (-1, 1):
            k = idx
            while 0 <= k + step < len(named):
                x, y = (named[k + step], named[k]) if step < 0 else (named[k], named[k + step])
                if not _COORDINATION.fullmatch(text[x.end:y.start]):
                    break
                group.append(named[k + step])
                k += step
        return list(dict.fromkeys(m.actor for m in sorted(group, key=lambda m: m.start)))

    def _territory_before_sentence(self, s0: int) -> str | None:
        """The territory the preceding passage is about: the one named in the nearest earlier
        sentence that names any; of several, the document's main territory if among them."""
        ctx = self.ctx
        i = bisect.bisect_left(self._mention_starts, s0) - 1
        while i >= 0 and ctx.mentions[i].actor not in self.territories:
            i -= 1
        if i < 0:
            return None
        last = ctx.mentions[i]
        sent = ctx.sentence_of(last.start)
        names = {m.actor for m in ctx.mentions_in(sent.start_char, sent.end_char)
                 if m.actor in self.territories}
        if len(names) > 1 and ctx.main_territory in names:
            return ctx.main_territory
        return last.actor

    def _territories_before(self, s0: int) -> list[str]:
        """The territories named together in the nearest earlier sentence that names two or more."""
        sents = self.ctx.sentences
        idx = next((i for i, s in enumerate(sents) if s.start_char >= s0), len(sents))
        seen: list[str] = []
        for s in reversed(sents[max(0, idx - self.pack.plural_lookback):idx]):
            names = list(dict.fromkeys(m.actor for m in self.ctx.mentions_in(s.start_char, s.end_char)
                                       if m.actor in self.territories))
            if len(names) >= 2:
                return names
            for n in names:
                if n not in seen:
                    seen.append(n)
        if len(seen) >= 2:
            return seen
        # "both republics" long after they were named together: still those
        for s in reversed(sents[:max(0, idx - self.pack.plural_lookback)]):
            names = list(dict.fromkeys(m.actor for m in self.ctx.mentions_in(s.start_char, s.end_char)
                                       if m.actor in self.territories))
            if len(names) >= 2:
                return names
        return []

    # --- recording --------------------------------------------------------------------
    def _add(self, territory: str, patron: str, dimension: str, support: _Support) -> None:
        """Record a passage; passages that overlap one already recorded are merged with it."""
        key = (territory, patron, dimension)
        supports = self.found.setdefault(key, [])
        for s in supports:
            ev, new = s.evidence, support.evidence
            if new.start < ev.end and ev.start < new.end:
                start, end = min(ev.start, new.start), max(ev.end, new.end)
                s.evidence = Evidence.of(self.ctx.text, start, end)
                if self.pack.rank(support.level) > self.pack.rank(s.level):
                    s.level = support.level
                s.rules = list(dict.fromkeys([*s.rules, *support.rules]))
                return
        supports.append(support)

    def _capped(self, level: str, modality: str) -> str:
        if modality == "future" and self.pack.rank(level) > self.pack.rank(self.pack.future_level):
            return self.pack.future_level
        return level

    # --- cues in sentences ------------------------------------------------------------
    def read_sentence(self, s0: int, s1: int) -> None:
        ctx = self.ctx
        for patron in self.patrons:
            masked = mask_text(ctx, s0, s1, patron)
            has_patron = PATRON_MARK in masked
            for cue in self.pack.cues:
                if cue.needs_patron and not has_patron:
                    continue
                pattern = cue.pattern_for(patron)
                if pattern is None:
                    continue
                for m in pattern.finditer(masked):
                    a, b = s0 + m.start(), s0 + m.end()
                    self._cue_match(cue, patron, s0, s1, a, b, masked)

    def _cue_match(self, cue: Cue, patron: str, s0: int, s1: int, a: int, b: int, masked: str) -> None:
        lo, hi = self._clause(s0, s1, a, b)
        if cue.veto and cue.veto.search(masked, lo - s0, hi - s0):
            return
        modality = self._modality(s0, s1, a, b, masked)
        if modality in ("negated", "hypothetical"):
            return
        territories = [cue.territory] if cue.territory else self._territories(s0, s1, a, b)
        evidence = self._evidence(s0, s1, a, b)
        level = self._capped(cue.level, modality)
        for territory in territories:
            spec = self.territories.get(territory)
            if spec is None or spec.patron != patron:
                continue  # the patron masked here is another territory's
            for dimension in (cue.dimension, *cue.also):
                rule = f"cue {dimension}/{cue.name!r} ({modality}) -> {level}"
                self._add(territory, patron, dimension, _Support(evidence, level, [rule]))

    # --- figures --------------------------------------------------------------------------
    def read_claim(self, claim: Claim) -> None:
        spec = self.pack.from_claims.get(claim.attribute)
        if spec is None or not claim.evidence:
            return
        territory = self.territories.get(claim.subject)
        if territory is None:
            return
        number = claim.value if claim.value is not None else claim.low
        level = spec.level
        for minimum, name in spec.thresholds:
            if number is not None and number >= minimum:
                level = name
                break
        if level is None:
            return
        if spec.about is not None:
            ev = claim.evidence[0]
            about_text = " ".join([claim.about or "", *(e.text for e in claim.evidence)])
            if not spec.about.search(about_text):
                return
            # a vote for joining the patron: the patron named in the sentence that states it
            # ("Officials installed by Moscow said 99% had backed accession")
            sent = self.ctx.sentence_of(ev.start)
            if PATRON_MARK not in mask_text(self.ctx, sent.start_char, max(sent.end_char, ev.end),
                                            territory.patron):
                return
        # every passage that states the figure (a restatement, the figure a "the figure
        # was ..." refers to) supports the indicator
        for ev in claim.evidence:
            self._claim_passage(claim, spec, territory.patron, level, ev)

    def _claim_passage(self, claim: Claim, spec: ClaimEvidence, patron: str, level: str,
                       ev: Evidence) -> None:
        sent = self.ctx.sentence_of(ev.start)
        s0, s1 = sent.start_char, max(sent.end_char, ev.end)
        masked = mask_text(self.ctx, s0, s1, patron)
        modality = self._modality(s0, s1, ev.start, ev.end, masked)
        if modality in ("negated", "hypothetical"):
            return
        level = self._capped(level, modality)
        evidence = self._evidence(s0, s1, ev.start, ev.end)
        figure = claim.value if claim.value is not None else f"{claim.low}-{claim.high}"
        rule = f"claim {claim.attribute}={figure} ({modality}) -> {level}"
        self._add(claim.subject, patron, spec.dimension, _Support(evidence, level, [rule]))

    # --- result ---------------------------------------------------------------------------
    def indicators(self) -> list[Indicator]:
        out = []
        for (territory, patron, dimension), supports in self.found.items():
            supports.sort(key=lambda s: s.evidence.start)
            level = max((s.level for s in supports), key=self.pack.rank)
            rules = list(dict.fromkeys(r for s in supports for r in s.rules))
            out.append(Indicator(
                territory=territory,
                patron=patron,
                dimension=dimension,
                level=level,
                evidence=[s.evidence for s in supports],
                rule="; ".join(rules) + f"; level = highest supported ({level})",
            ))
        out.sort(key=lambda i: (i.evidence[0].start, i.territory, i.dimension))
        return out


def extract_indicators(ctx: ExtractionContext, claims: list[Claim]) -> list[Indicator]:
    """One indicator per (territory, patron, dimension) the document gives evidence for."""
    reader = _Reader(ctx, load_indicator_pack())
    for sent in ctx.sentences:
        reader.read_sentence(sent.start_char, sent.end_char)
    for claim in claims:
        reader.read_claim(claim)
    return reader.indicators()


# TERRITORY_MARK is re-exported for tests that build masked text by hand.
__all__ += ["TERRITORY_MARK"]
