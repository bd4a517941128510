"""Features of sentences and of the actors in them, read off the parse, the pack and the rules.

Three questions are asked of a sentence, each by its own model (annexwatch.learned.events):
which event types it states (`sentence_features`), with which modality (`modality_features`),
and which actor plays which role in each (`role_features`). The features are names, so that a
model card can show what a model leans on.

Actor names are masked by their kind (`<state>`, `<territory>`, `<org>`): the models learn how
acts are told, not which countries this corpus happened to name. Rule output enters as
features (`rule:recognize`, `rule-role:source`): the hand rules are precise where they fire,
and the model learns from many writers how far to trust them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from annexwatch.models import ActorMention, Event
from annexwatch.pack import load_territories, load_vocabulary
from annexwatch.pack.actors import load_actors

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from annexwatch.nlp.context import ExtractionContext

# Words kept although they are stop words: they carry negation, modality, time and roles.
# fmt: off
KEPT_STOP_WORDS = frozenset(
    {
        "not", "n't", "never", "no", "nor", "without", "will", "would", "could", "might", "may", "should",
        "must", "shall", "can", "by", "with", "from", "to", "against", "into", "between", "among", "of", "on",
        "after", "before", "since", "until", "yet", "still", "already", "again", "also", "only",
    }
)
# fmt: on
NONE: frozenset[str] = frozenset()
PRONOUNS = frozenset({"it", "they", "he", "she", "its", "their", "his", "her", "them", "him"})


@dataclass(frozen=True)
class ActorKinds:
    """What the pack says an actor code is: a territory (with parent and patron), a state or an org."""

    territories: dict[str, tuple[str, str]]  # code -> (parent, patron)
    organisations: frozenset[str]

    def category(self, code: str) -> str:
        if code in self.territories:
            return "territory"
        if code in self.organisations:
            return "org"
        return "state"


@lru_cache(maxsize=1)
def actor_kinds() -> ActorKinds:
    territories = {code: (t.parent, t.patron) for code, t in load_territories().items()}
    organisations = frozenset(
        code for code, entry in load_actors().actors.items() if entry.kind == "organisation"
    )
    return ActorKinds(territories, organisations)


@lru_cache(maxsize=1)
def symmetric_types() -> frozenset[str]:
    return frozenset(name for name, spec in load_vocabulary().event_types.items() if spec.symmetric)


@lru_cache(maxsize=1)
def trigger_lexicon() -> tuple[
    dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]
]:
    """Lemma -> event types whose trigger verbs, trigger nouns, or word classes (events.yaml) hold it.

    The pack's words enter as features even where the rules' syntax did not fire: a model then
    learns how far "sign" or "recognition" in any construction tells the event.
    """
    from annexwatch.nlp.events import load_event_rules

    rules = load_event_rules()
    verbs: dict[str, set[str]] = {}
    nouns: dict[str, set[str]] = {}
    classes: dict[str, set[str]] = {}
    for rule in rules.rules.values():
        for verb in rule.verbs | rule.naming_verbs:
            verbs.setdefault(verb, set()).add(rule.type)
        for noun in rule.nouns:
            nouns.setdefault(noun, set()).add(rule.type)
    for name, words in rules.word_classes.items():
        for word in words:
            if isinstance(word, str):  # YAML reads some class words (yes, no, null) as other types
                classes.setdefault(word.lower(), set()).add(name)
    freeze = lambda d: {k: frozenset(v) for k, v in d.items()}  # noqa: E731
    return freeze(verbs), freeze(nouns), freeze(classes)


@dataclass
class Candidate:
    """An actor that may play a role in a sentence's event: named there, or carried from context."""

    code: str
    origin: str  # here | focus | previous
    mentions: list[ActorMention] = field(default_factory=list)


def focus_territory(ctx: ExtractionContext) -> str | None:
    """The territory the document is about: the one named most, the earliest on a tie."""
    kinds = actor_kinds()
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in ctx.mentions:
        if m.actor in kinds.territories:
            counts[m.actor] = counts.get(m.actor, 0) + 1
            first.setdefault(m.actor, m.start)
    if not counts:
        return None
    return min(counts, key=lambda code: (-counts[code], first[code]))


def _lemma(tok: Token) -> str:
    if tok.like_num:
        return "<num>"
    return tok.lemma_.lower()


def _masked_tokens(sent: Span, mentions: Sequence[ActorMention]) -> list[str]:
    """The sentence's words as lemmas, each actor mention replaced by its kind in angle brackets."""
    kinds = actor_kinds()
    spans = [(m.start, m.end, f"<{kinds.category(m.actor)}>") for m in mentions]
    out: list[str] = []
    last_mask: tuple[int, int] | None = None
    for tok in sent:
        mask = next(((s, e, name) for s, e, name in spans if s <= tok.idx < e), None)
        if mask is not None:
            if last_mask != mask[:2]:
                out.append(mask[2])
                last_mask = mask[:2]
            continue
        last_mask = None
        if tok.is_punct or tok.is_space:
            continue
        out.append(_lemma(tok))
    return out


def _content(tok: Token) -> bool:
    return not (tok.is_punct or tok.is_space) and (not tok.is_stop or tok.lower_ in KEPT_STOP_WORDS)


def sentence_features(
    sent: Span, mentions: Sequence[ActorMention], rule_events: Sequence[Event]
) -> list[str]:
    """What tells which event types a sentence states."""
    feats = ["bias"]
    words = _masked_tokens(sent, mentions)
    feats += [f"w:{w}" for w in words if w not in {"the", "a", "an", "be"}]
    feats += [f"b:{a}_{b}" for a, b in pairwise(words)]
    mention_starts = {m.start for m in mentions}
    for tok in sent:
        if not _content(tok):
            continue
        lemma = _lemma(tok)
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"aux", "auxpass"}:
            feats.append(f"v:{lemma}")
            for child in tok.children:
                if child.dep_ in {"dobj", "nsubjpass", "attr", "prt", "xcomp", "ccomp"} and _content(child):
                    feats.append(f"vo:{lemma}>{child.dep_}>{_lemma(child)}")
                if child.dep_ == "prep":
                    feats.append(f"vp:{lemma}>{child.lower_}")
        elif tok.pos_ in {"NOUN", "PROPN"} and tok.idx not in mention_starts:
            feats.append(f"n:{lemma}")
            if tok.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj"}:
                feats.append(f"nh:{lemma}<{tok.dep_}<{_lemma(tok.head)}")
        if tok.dep_ == "neg":
            feats.append(f"neg:{_lemma(tok.head)}")
    lex_verbs, lex_nouns, lex_classes = trigger_lexicon()
    for tok in sent:
        lemma = tok.lemma_.lower()
        lower = tok.lower_
        if tok.pos_ in {"VERB", "AUX"}:
            feats += [f"lexv:{t}" for t in lex_verbs.get(lemma, ())]
        elif tok.pos_ in {"NOUN", "PROPN", "ADJ"}:
            feats += [f"lexn:{t}" for t in lex_nouns.get(lemma, NONE) | lex_nouns.get(lower, NONE)]
        feats += [f"class:{c}" for c in lex_classes.get(lower, NONE) | lex_classes.get(lemma, NONE)]
    kinds = actor_kinds()
    categories = sorted({kinds.category(m.actor) for m in mentions})
    feats += [f"has:{c}" for c in categories]
    feats.append(f"actors:{min(len({m.actor for m in mentions}), 4)}")
    for ev in rule_events:
        feats.append(f"rule:{ev.type}")
        feats.append(f"rule:{ev.type}:{ev.modality}")
    return feats


def modality_features(sent: Span, event_type: str, rule_events: Sequence[Event]) -> list[str]:
    """What tells whether the sentence asserts, negates, plans or supposes its event of `event_type`."""
    feats = ["bias", f"type:{event_type}"]
    for tok in sent:
        lower = tok.lower_
        if tok.dep_ == "neg" or lower in {
            "never",
            "no",
            "neither",
            "nor",
            "without",
            "refused",
            "declined",
            "rejected",
        }:
            feats += [f"neg:{lower}", f"neg:{lower}|{event_type}"]
        if tok.tag_ == "MD" or lower in {"will", "would", "could", "might", "may", "shall", "should", "must"}:
            feats += [f"md:{lower}", f"md:{lower}|{event_type}"]
        if tok.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG"} and tok.pos_ == "VERB":
            feats.append(f"tag:{tok.tag_}")
        if lower in {
            "if",
            "unless",
            "whether",
            "plan",
            "plans",
            "planned",
            "intends",
            "expected",
            "due",
            "ready",
            "threatened",
            "threatens",
            "prepared",
            "proposed",
            "calls",
            "urged",
            "called",
            "demanded",
        }:
            feats += [f"cue:{lower}", f"cue:{lower}|{event_type}"]
    for ev in rule_events:
        if ev.type == event_type:
            feats.append(f"rule-modality:{ev.modality}")
    return feats


def _head(doc_span: Span) -> Token:
    """The token of a span whose head lies outside it (its syntactic head)."""
    for tok in doc_span:
        if tok.head == tok or not (doc_span.start <= tok.head.i < doc_span.end):
            return tok
    return doc_span.root


def _mention_tokens(ctx: ExtractionContext, mention: ActorMention) -> Span | None:
    return ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")


def _syntax_of(head: Token) -> list[str]:
    """Where a mention sits in its clause: its dependency, through coordination, prepositions, possessives."""
    feats = []
    tok = head
    while tok.dep_ == "conj" and tok.head != tok:
        tok = tok.head  # "Russia and Nicaragua recognised": Nicaragua stands where Russia stands
        feats.append("conj")
    dep = tok.dep_
    feats.append(f"dep:{dep}")
    if dep == "pobj":
        prep = tok.head
        feats.append(f"prep:{prep.lower_}")
        feats.append(f"prep:{prep.lower_}<{_lemma(prep.head)}")
        if prep.dep_ == "agent" or prep.lower_ == "by":
            feats.append("agent")
    elif dep in {"poss", "compound", "amod"}:
        feats.append(f"mod:{dep}<{_lemma(tok.head)}")
        feats.append(f"mod-of:{tok.head.dep_}")
    else:
        feats.append(f"dep:{dep}<{_lemma(tok.head)}")
    governor = tok.head
    hops = 0
    while governor.pos_ not in {"VERB", "AUX"} and governor.head != governor and hops < 4:
        governor = governor.head
        hops += 1
    if governor.pos_ in {"VERB", "AUX"}:
        feats.append(f"gov:{_lemma(governor)}")
        feats.append(f"gov:{_lemma(governor)}|{dep}")
        feats.append("before-verb" if head.i < governor.i else "after-verb")
        if any(c.dep_ == "auxpass" for c in governor.children):
            feats.append(f"passive|{dep}")
    return feats


def candidates(
    ctx: ExtractionContext, sent: Span, previous: Sequence[ActorMention], focus: str | None
) -> list[Candidate]:
    """The actors of a sentence: those named in it, the document's territory, those of the sentence before."""
    found: dict[str, Candidate] = {}
    for m in ctx.mentions_in(sent.start_char, sent.end_char):
        found.setdefault(m.actor, Candidate(m.actor, "here")).mentions.append(m)
    if focus and focus not in found:
        found[focus] = Candidate(focus, "focus")
    for m in previous:
        if m.actor not in found:
            found[m.actor] = Candidate(m.actor, "previous")
    # the states a territory's story implies without naming them: "troops landed" on the
    # parent's land, "asked to join" the patron
    territories = actor_kinds().territories
    for code in [c for c in list(found) if c in territories]:
        parent, patron = territories[code]
        for implied, origin in ((parent, "implied-parent"), (patron, "implied-patron")):
            if implied not in found:
                found[implied] = Candidate(implied, origin)
    return list(found.values())


def role_features(
    ctx: ExtractionContext,
    sent: Span,
    event_type: str,
    candidate: Candidate,
    others: Sequence[Candidate],
    rule_events: Sequence[Event],
    focus: str | None,
    trigger: Token | None = None,
) -> list[str]:
    """What tells the role (source, target, party or none) of one candidate in an event of `event_type`."""
    kinds = actor_kinds()
    code = candidate.code
    base = [f"origin:{candidate.origin}", f"cat:{kinds.category(code)}"]
    here = [c.code for c in others if c.origin == "here"]
    if code == focus:
        base.append("is-focus")
    for other in here:
        if other == code:
            continue
        parent_patron = kinds.territories.get(other)
        if parent_patron:
            if code == parent_patron[0]:
                base.append("parent-of-named-territory")
            if code == parent_patron[1]:
                base.append("patron-of-named-territory")
    if code in kinds.territories:
        parent, patron = kinds.territories[code]
        if parent in here:
            base.append("its-parent-named")
        if patron in here:
            base.append("its-patron-named")
    base.append(f"named-actors:{min(len(here), 4)}")
    if candidate.origin == "here":
        order = sorted(c.mentions[0].start for c in others if c.origin == "here")
        position = order.index(candidate.mentions[0].start)
        base.append(
            "first-named" if position == 0 else "last-named" if position == len(order) - 1 else "middle-named"
        )
        for m in candidate.mentions[:3]:
            base.append(f"kind:{m.kind}")
            span = _mention_tokens(ctx, m)
            if span is not None and len(span):
                base += _syntax_of(_head(span))
                if trigger is not None:
                    from annexwatch.learned.triggers import path_features

                    base += path_features(_head(span), trigger)
    else:
        pronouns = [t.lower_ for t in sent if t.lower_ in PRONOUNS]
        base += [f"pronoun:{p}" for p in pronouns[:2]]
        if not here:
            base.append("nobody-named")
    for ev in rule_events:
        roles = []
        if ev.source == code:
            roles.append("source")
        if ev.target == code:
            roles.append("target")
        if ev.parties and code in ev.parties:
            roles.append("party")
        for role in roles:
            base.append(f"rule-role:{role}" if ev.type == event_type else f"other-rule-role:{role}")
    form = "symmetric" if event_type in symmetric_types() else "directed"
    return (
        ["bias", f"type:{event_type}"]
        + base
        + [f"{event_type}|{f}" for f in base]
        + [f"{form}|{f}" for f in base]
    )


def side_features(prefix: str, feats: Sequence[str]) -> list[str]:
    """One side's features inside a pair: `a.` for the first, `b.` for the second."""
    return [f"{prefix}.{f}" for f in feats if not f.startswith(("bias", "type:"))]


def relation_features(event_type: str, first: Candidate, second: Candidate | None) -> list[str]:
    """What a pair adds beyond its two sides: how the two actors relate, or that one stands alone."""
    if second is None:
        return ["bias", f"type:{event_type}", "b.none", f"{event_type}|b.none"]
    kinds = actor_kinds()
    relation = []
    a, b = first.code, second.code
    for x, y, name in ((a, b, "a-of-b"), (b, a, "b-of-a")):
        parent_patron = kinds.territories.get(y)
        if parent_patron and x == parent_patron[0]:
            relation.append(f"{name}:parent")
        if parent_patron and x == parent_patron[1]:
            relation.append(f"{name}:patron")
    relation.append(f"cats:{kinds.category(a)}-{kinds.category(b)}")
    relation.append(f"origins:{first.origin}-{second.origin}")
    if first.mentions and second.mentions:
        relation.append("a-first" if first.mentions[0].start < second.mentions[0].start else "b-first")
        gap = abs(first.mentions[0].start - second.mentions[0].start)
        relation.append(f"gap:{min(gap // 40, 5)}")
    return ["bias", f"type:{event_type}", *relation, *(f"{event_type}|{f}" for f in relation)]


def pair_features(
    event_type: str,
    first: Candidate,
    first_feats: Sequence[str],
    second: Candidate | None,
    second_feats: Sequence[str],
) -> list[str]:
    """What tells whether `first` and `second` are the two sides of one event of `event_type`:
    (source, target) for a directed type, two parties for a symmetric one; `second` None is
    an event with one side only (no target named, a unilateral truce).

    Three disjoint parts (the first side's, the second side's, the relation's), so that a
    linear score of a pair is the sum of the three and each side's part is computed once.
    """
    return (
        side_features("a", first_feats)
        + side_features("b", second_feats)
        + relation_features(event_type, first, second)
    )
