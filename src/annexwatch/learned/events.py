"""Events by learned models: which types a sentence states, their modality, who plays which role.

Three linear models (annexwatch.learned.linear) trained from the blind-written corpus
(`make train`) decide what the hand rules decided before: the type detector reads each sentence,
the modality model each detected type, the role model each candidate actor. The rules still
run, as features and for what they do well and generally: dates from time expressions.

An event's evidence is its whole sentence: the spec asks for the statement a reader checks,
subject and verb included. Two mentions of one event in a document become one event with two
evidence spans, as the spec counts them.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from annexwatch.learned.features import (
    Candidate,
    candidates,
    focus_territory,
    relation_features,
    role_features,
    sentence_features,
    side_features,
    symmetric_types,
)
from annexwatch.learned.linear import LinearModel
from annexwatch.learned.triggers import (
    candidate_triggers,
    covers,
    governing_verb,
    mention_token_kinds,
    modality_features,
    trigger_features,
)
from annexwatch.models import ActorMention, DateInterval, Event, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from annexwatch.nlp.context import ExtractionContext
    from annexwatch.nlp.timex import Timex

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
PAIR_CLASS = "event"  # the pair model's one class: these two are the sides of one event
MODALITIES = ("asserted", "negated", "hypothetical", "future")
NEWS_WEEK = dt.timedelta(days=7)  # present-perfect news: the week up to publication


@dataclass
class EventModels:
    """The three models of event extraction and the thresholds chosen for them at training."""

    types: LinearModel  # trigger words: which type a word states
    sentence_types: LinearModel  # sentences: which types a sentence states somewhere
    modality: LinearModel
    pairs: LinearModel
    thresholds: dict[str, float] = field(default_factory=dict)
    sentence_thresholds: dict[str, float] = field(default_factory=dict)
    pair_threshold: float = 0.5
    version: str = "untrained"

    def threshold(self, event_type: str) -> float:
        return self.thresholds.get(event_type, 0.5)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.types.save(folder / "event_types.npz")
        self.sentence_types.save(folder / "event_sentence_types.npz")
        self.modality.save(folder / "event_modality.npz")
        self.pairs.save(folder / "event_pairs.npz")
        settings = {
            "thresholds": self.thresholds,
            "sentence_thresholds": self.sentence_thresholds,
            "pair_threshold": self.pair_threshold,
            "version": self.version,
        }
        (folder / "events.json").write_text(
            json.dumps(settings, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path) -> EventModels:
        settings = json.loads((folder / "events.json").read_text(encoding="utf-8"))
        return cls(
            types=LinearModel.load(folder / "event_types.npz"),
            sentence_types=LinearModel.load(folder / "event_sentence_types.npz"),
            sentence_thresholds=settings["sentence_thresholds"],
            modality=LinearModel.load(folder / "event_modality.npz"),
            pairs=LinearModel.load(folder / "event_pairs.npz"),
            thresholds=settings["thresholds"],
            pair_threshold=settings.get("pair_threshold", 0.5),
            version=settings["version"],
        )


@lru_cache(maxsize=4)
def load_event_models(folder: Path = MODELS_DIR) -> EventModels:
    return EventModels.load(folder)


def models_available(folder: Path = MODELS_DIR) -> bool:
    return (folder / "events.json").is_file()


def rule_events_in(rule_events: Sequence[Event], start: int, end: int) -> list[Event]:
    """The rule events whose evidence lies in [start, end): the rules' view of one sentence."""
    return [ev for ev in rule_events if any(start <= e.start < end for e in ev.evidence)]


Sides = tuple[str, str | None]  # (first, second): source and target, or two parties; second may be None


def candidate_pairs(event_type: str, codes: Sequence[str]) -> list[Sides]:
    """Every way two candidates (or one alone) can be the sides of an event of `event_type`."""
    pairs: list[Sides] = []
    symmetric = event_type in symmetric_types()
    for i, a in enumerate(codes):
        pairs.append((a, None))
        for j, b in enumerate(codes):
            if i == j or (symmetric and j < i):
                continue
            pairs.append((a, b))
    return pairs


SECOND_PAIR = 0.7  # a trigger's second event (another target, another pair) must be this sure


def choose_pairs(event_type: str, scored: dict[Sides, float], threshold: float) -> list[Sides]:
    """The pairs the model believes, best first.

    The best pair is taken when it clears the threshold, or half of it when nothing does (the
    trigger states the type, so someone did it). Further pairs of the same trigger must be
    surer (SECOND_PAIR): one word mostly states one act, and a second target or pair is where
    the model is most often wrong. A side with a named partner does not also stand alone.
    """
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < threshold / 2:
        return []
    chosen = [ranked[0][0]] + [pair for pair, p in ranked[1:] if p >= max(threshold, SECOND_PAIR)]
    symmetric = event_type in symmetric_types()
    paired = {a for a, b in chosen if b is not None} | (
        {b for a, b in chosen if b is not None} if symmetric else set()
    )
    return [(a, b) for a, b in chosen if b is not None or a not in paired]


def _present_perfect(sent: Span) -> bool:
    return any(t.lower_ in {"has", "have"} and t.dep_ == "aux" and t.head.tag_ == "VBN" for t in sent)


def date_of(
    ctx: ExtractionContext, sent: Span, event: Event, rules_here: Sequence[Event], trigger: Token
) -> tuple[DateInterval | None, str | None]:
    """The event's date: the rules' date for the same act, else the date closest to the trigger
    in the parse (its own clause first), else the week before publication for present-perfect
    news, else none."""
    same = [r for r in rules_here if r.type == event.type and r.date is not None and covers(r, trigger)]
    same.sort(key=lambda r: (r.source != event.source, r.target != event.target, r.parties != event.parties))
    if same:
        return same[0].date, same[0].date_text
    dated = [
        t
        for t in ctx.timexes_in(sent.start_char, sent.end_char)
        if t.kind == "date" and t.interval is not None
    ]
    if dated:
        best = min(dated, key=lambda t: _closeness(ctx, t, trigger))
        return best.interval, best.text
    if event.modality == "asserted" and ctx.published is not None and _present_perfect(sent):
        end = ctx.published.end
        return DateInterval.between(end - NEWS_WEEK, end), None
    if event.modality == "asserted" and ctx.published is not None and not _told_in_present(trigger):
        return bounded_by_story(ctx, sent), None
    return None, None


def _told_in_present(trigger: Token) -> bool:
    """A state of affairs told in the present ("troops are based there", "Moscow pays for the
    budget") is no act of a moment: the spec leaves it undated."""
    verb = governing_verb(trigger)
    if verb is None:
        return False
    if verb.tag_ in {"VBZ", "VBP"}:
        return True  # "Moscow pays"
    # "troops are based", "Russia is building"; not "has recognised" (present perfect is news)
    return any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_ == "be" and c.tag_ in {"VBZ", "VBP"} for c in verb.children
    )


def agreement_of(event: Event, rules_here: Sequence[Event], trigger: Token) -> str | None:
    """The agreement's name as the rules read it ("Treaty on Alliance and Integration") for the
    same act, so that reports of one treaty merge across documents by its name."""
    for rule in rules_here:
        if rule.type == event.type and rule.agreement and covers(rule, trigger):
            return rule.agreement
    return None


def bounded_by_story(ctx: ExtractionContext, sent: Span) -> DateInterval | None:
    """A reported act with no date of its own happened by publication and after the latest
    date the story has reached before it (the spec: "from the latest earlier bound the text
    gives to the end of the publication interval"); no earlier date, no bound: None."""
    published = ctx.published
    if published is None:
        return None
    earlier = [
        t.interval.start
        for t in ctx.timexes_in(0, sent.start_char)
        if t.kind == "date" and t.interval is not None and t.interval.start <= published.end
    ]
    if not earlier:
        return None
    return DateInterval.between(max(earlier), published.end)


def _closeness(ctx: ExtractionContext, timex: Timex, trigger: Token) -> tuple[int, int]:
    """How near a time expression is to a trigger: in its clause first, then by words between."""
    span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None or not len(span):
        return (2, 0)
    head = span.root
    own_verb = governing_verb(trigger)
    same_clause = governing_verb(head) == own_verb or trigger in head.ancestors or head in trigger.ancestors
    return (0 if same_clause else 1, abs(head.i - trigger.i))


@lru_cache(maxsize=1)
def predecessors() -> dict[str, list[tuple[str, dt.date, dt.date]]]:
    """Actor code -> (the code it acted under, from, until), from the pack's predecessors.yaml."""
    from annexwatch.pack import load_yaml

    raw = (load_yaml("predecessors.yaml") or {}).get("predecessors") or {}
    return {
        code: [(p["actor"], _day(p["from"]), _day(p["until"])) for p in periods]
        for code, periods in raw.items()
    }


def _day(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def as_predecessor(ev: Event) -> None:
    """Attribute an event dated wholly inside a predecessor's period to the predecessor."""
    if ev.date is None:
        return
    table = predecessors()

    def swap(code: str | None) -> str | None:
        for actor, start, end in table.get(code or "", []):
            if start <= ev.date.start and ev.date.end <= end:  # type: ignore[union-attr]
                return actor
        return code

    ev.source, ev.target = swap(ev.source), swap(ev.target)
    if ev.parties:
        ev.parties = sorted({swap(p) or p for p in ev.parties})


def _codes(ev: Event) -> tuple[str, str | None, str | None, tuple[str, ...]]:
    return (ev.type, ev.source, ev.target, tuple(ev.parties or ()))


def merge_mentions(events: list[Event]) -> list[Event]:
    """One event per (type, actors, modality) in a document, its evidence the union of its mentions."""
    merged: dict[tuple, Event] = {}
    for ev in events:
        key = (*_codes(ev), ev.modality)
        kept = merged.get(key)
        if kept is None:
            merged[key] = ev
            continue
        if all(e.start != ev.evidence[0].start for e in kept.evidence):
            kept.evidence.extend(ev.evidence)
        if kept.date is None or (
            ev.date is not None and (ev.date.end - ev.date.start) < (kept.date.end - kept.date.start)
        ):
            kept.date, kept.date_text = ev.date, ev.date_text
    return list(merged.values())


def _event(
    ctx: ExtractionContext,
    sent: Span,
    event_type: str,
    modality: str,
    actors: tuple[str | None, str | None, list[str] | None],
    version: str,
) -> Event:
    spec = ctx.vocabulary.event_types[event_type]
    source, target, parties = actors
    persons = [
        m.person
        for m in ctx.mentions_in(sent.start_char, sent.end_char)
        if m.person and m.actor in {source, target, *(parties or [])}
    ]
    return Event(
        type=event_type,
        source=source,
        target=target,
        parties=parties,
        date=None,
        modality=modality,
        plover=spec.plover,
        cameo=spec.cameo,
        evidence=[Evidence(sent.start_char, sent.end_char, sent.text)],
        persons=list(dict.fromkeys(persons)),
        rule=f"learned.events@{version}",
    )


def extract_learned_events(
    ctx: ExtractionContext, rule_events: Sequence[Event], models: EventModels
) -> list[Event]:
    """Every event of one document, by the learned models (the rules' events as features)."""
    focus = focus_territory(ctx)
    previous: list[ActorMention] = []
    found: list[Event] = []
    for sent in ctx.doc.sents:
        mentions = ctx.mentions_in(sent.start_char, sent.end_char)
        rules_here = rule_events_in(rule_events, sent.start_char, sent.end_char)
        masked = mention_token_kinds(ctx.doc, mentions)
        cands: list[Candidate] | None = None
        for tok, event_type in detect_triggers(sent, mentions, masked, rules_here, models):
            if cands is None:
                cands = candidates(ctx, sent, previous, focus)
            found += _events_at(ctx, sent, tok, event_type, cands, rules_here, focus, models)
        if mentions:
            previous = mentions
    return merge_mentions(found)


def score_pairs(
    model: LinearModel, event_type: str, by_code: dict[str, Candidate], own: dict[str, list[str]]
) -> dict[Sides, float]:
    """P(event) of every candidate pair, as `model.probabilities(pair_features(...))` gives it,
    but with each side's part of the linear score computed once, not once a pair."""
    first = {code: model.partial_one(side_features("a", feats)) for code, feats in own.items()}
    second = {code: model.partial_one(side_features("b", feats)) for code, feats in own.items()}
    bias = float(model.bias[0])
    scored = {}
    for a, b in candidate_pairs(event_type, list(by_code)):
        relation = relation_features(event_type, by_code[a], by_code.get(b) if b else None)
        margin = bias + first[a] + (second[b] if b else 0.0) + model.partial_one(relation)
        scored[(a, b)] = 1.0 / (1.0 + math.exp(-margin))
    return scored


def detect_triggers(
    sent: Span,
    mentions: Sequence[ActorMention],
    masked: dict[int, str],
    rules_here: Sequence[Event],
    models: EventModels,
) -> list[tuple[Token, str]]:
    """(trigger word, event type) pairs of a sentence.

    Words the trigger model believes come first. A type the sentence model finds in the
    sentence with no word above threshold still gets its likeliest word: the sentence model
    reads the whole sentence and finds acts told in words the trigger model has not met.
    """
    tokens = candidate_triggers(sent, set(masked))
    bags = [trigger_features(tok, sent, masked, rules_here) for tok in tokens]
    scored = list(zip(tokens, models.types.probabilities_many(bags), strict=True))
    found = [(tok, t) for tok, probs in scored for t, p in probs.items() if p >= models.threshold(t)]
    sentence_probs = models.sentence_types.probabilities(sentence_features(sent, mentions, rules_here))
    have = {t for _, t in found}
    for event_type, p in sentence_probs.items():
        if event_type in have or p < models.sentence_thresholds.get(event_type, 0.5) or not scored:
            continue
        best = max(scored, key=lambda item: item[1][event_type])
        found.append((best[0], event_type))
    return found


def _events_at(
    ctx: ExtractionContext,
    sent: Span,
    trigger: Token,
    event_type: str,
    cands: list[Candidate],
    rules_here: list[Event],
    focus: str | None,
    models: EventModels,
) -> list[Event]:
    """The events one trigger states: its modality, then the actor pairs the pair model believes."""
    modality_probs = models.modality.probabilities(modality_features(trigger, event_type, rules_here))
    modality = max(modality_probs, key=modality_probs.__getitem__)
    own = {c.code: role_features(ctx, sent, event_type, c, cands, rules_here, focus, trigger) for c in cands}
    by_code = {c.code: c for c in cands}
    scored = score_pairs(models.pairs, event_type, by_code, own)
    symmetric = event_type in symmetric_types()
    out = []
    for a, b in choose_pairs(event_type, scored, models.pair_threshold):
        actors = (None, None, sorted(p for p in (a, b) if p)) if symmetric else (a, b, None)
        ev = _event(ctx, sent, event_type, modality, actors, models.version)
        ev.date, ev.date_text = date_of(ctx, sent, ev, rules_here, trigger)
        ev.agreement = agreement_of(ev, rules_here, trigger)
        as_predecessor(ev)
        out.append(ev)
    return out
