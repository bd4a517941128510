"""Triggers: the word that states an event ("recognised", "the annexation", "talks"), and what
the parse says around it.

Events are found word by word, as in the ACE tradition of event extraction: each content word
of a sentence is a candidate trigger, a model says which event type (if any) it states, and the
actors' roles are read relative to it (the subject of "recognised", the "of" of "annexation").
A gold record names no trigger, only a short key of words that carry it; the key's syntactic
head (the one word of the key whose head lies outside it) is taken as its trigger.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from annexwatch.learned.features import NONE, actor_kinds, trigger_lexicon
from annexwatch.models import ActorMention, Event

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

TRIGGER_POS = frozenset({"VERB", "NOUN", "PROPN", "ADJ"})
MODAL_WORDS = frozenset({"will", "would", "could", "might", "may", "shall", "should", "must", "can", "'ll"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "once", "should"})
LEFT_CUES = frozenset({"instead", "rather", "refused", "declined", "if"})  # just before a trigger


def covers(event: Event, tok: Token) -> bool:
    """Does one of the event's evidence spans hold the word: is it the rules' reading of that word?"""
    return any(e.start <= tok.idx < e.end for e in event.evidence)


def key_root(doc: Doc, start: int, end: int) -> Token | None:
    """The syntactic head of the words in [start, end): the key's trigger."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    content = [t for t in span if not (t.is_punct or t.is_space)]
    for tok in content:
        heads_outside = tok.head == tok or not (span.start <= tok.head.i < span.end)
        if heads_outside and tok.pos_ in TRIGGER_POS:
            return tok
    # a head that is no content word ("of" in "the signing of"): the first verb, else noun
    for pos in ("VERB", "NOUN", "PROPN", "ADJ"):
        for tok in content:
            if tok.pos_ == pos:
                return tok
    return content[0] if content else None


def candidate_triggers(sent: Span, mention_tokens: set[int]) -> list[Token]:
    """Content words that may state an event: verbs, nouns and adjectives outside actor names."""
    return [
        t
        for t in sent
        if t.pos_ in TRIGGER_POS and t.i not in mention_tokens and not t.is_stop and len(t.text) > 1
    ]


def mention_token_kinds(doc: Doc, mentions: Sequence[ActorMention]) -> dict[int, str]:
    """Token index -> the kind of the actor it names (`<state>`, `<territory>`, `<org>`)."""
    kinds = actor_kinds()
    out: dict[int, str] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            out[tok.i] = f"<{kinds.category(m.actor)}>"
    return out


def _word(tok: Token, masked: dict[int, str]) -> str:
    if tok.i in masked:
        return masked[tok.i]
    if tok.like_num:
        return "<num>"
    return tok.lemma_.lower()


def governing_verb(tok: Token) -> Token | None:
    """The verb a word belongs to (itself for a verb)."""
    hops = 0
    while tok.pos_ not in {"VERB", "AUX"} and tok.head != tok and hops < 5:
        tok = tok.head
        hops += 1
    return tok if tok.pos_ in {"VERB", "AUX"} else None


def trigger_features(
    tok: Token, sent: Span, masked: dict[int, str], rules_here: Sequence[Event]
) -> list[str]:
    """What tells whether a word states an event, and of which type."""
    lemma = tok.lemma_.lower()
    feats = [
        "bias",
        f"l:{lemma}",
        f"pos:{tok.pos_}",
        f"lp:{lemma}|{tok.pos_}",
        f"dep:{tok.dep_}",
        f"tag:{tok.tag_}",
    ]
    head = tok.head
    if head != tok:
        feats += [
            f"h:{_word(head, masked)}",
            f"hd:{tok.dep_}>{_word(head, masked)}",
            f"lh:{lemma}<{_word(head, masked)}",
        ]
    for child in tok.children:
        if child.is_punct:
            continue
        word = _word(child, masked)
        feats.append(f"c:{child.dep_}>{word}")
        feats.append(f"lc:{lemma}>{child.dep_}>{word}")
        if child.dep_ == "prep":
            feats.append(f"cp:{child.lower_}")
            for grand in child.children:
                if grand.dep_ == "pobj":
                    feats.append(f"cp:{child.lower_}>{_word(grand, masked)}")
                    feats.append(f"lcp:{lemma}>{child.lower_}>{_word(grand, masked)}")
    for offset in (-2, -1, 1, 2):
        i = tok.i + offset
        if sent.start <= i < sent.end:
            feats.append(f"w{offset:+d}:{_word(sent.doc[i], masked)}")
    lex_verbs, lex_nouns, lex_classes = trigger_lexicon()
    if tok.pos_ == "VERB":
        feats += [f"lexv:{t}" for t in lex_verbs.get(lemma, NONE)]
    else:
        feats += [f"lexn:{t}" for t in lex_nouns.get(lemma, NONE) | lex_nouns.get(tok.lower_, NONE)]
    feats += [f"class:{c}" for c in lex_classes.get(tok.lower_, NONE) | lex_classes.get(lemma, NONE)]
    for child in tok.children:
        feats += [
            f"cclass:{c}"
            for c in lex_classes.get(child.lower_, NONE) | lex_classes.get(child.lemma_.lower(), NONE)
        ]
    kinds_near = sorted(
        {masked[c.i] for c in tok.subtree if c.i in masked}
        | ({masked[head.i]} if head.i in masked else set())
    )
    feats += [f"near:{k}" for k in kinds_near]
    for ev in rules_here:
        inside = covers(ev, tok)
        feats.append(f"rule:{ev.type}")
        if inside:
            feats.append(f"rule-covers:{ev.type}")
    return feats


def modality_features(tok: Token, event_type: str, rules_here: Sequence[Event]) -> list[str]:
    """What tells whether the trigger's event is asserted, negated, planned or supposed."""
    feats = ["bias", f"type:{event_type}"]
    verb = governing_verb(tok)
    scope = [tok] + ([verb] if verb is not None and verb != tok else [])
    ancestors = list(tok.ancestors)[:4]
    for node in scope:
        for child in node.children:
            lower = child.lower_
            if child.dep_ == "neg" or lower in NEGATIONS:
                feats += [f"neg:{lower}", f"neg|{event_type}"]
            if lower in MODAL_WORDS:
                feats += [f"md:{lower}", f"md:{lower}|{event_type}"]
            if child.dep_ in {"aux", "auxpass"}:
                feats.append(f"aux:{lower}")
            if child.dep_ == "mark":
                feats.append(f"mark:{lower}")
        feats.append(f"vtag:{node.tag_}")
    for anc in ancestors:
        feats.append(f"anc:{anc.lemma_.lower()}")
        for child in anc.children:
            if child.dep_ == "neg" or child.lower_ in NEGATIONS:
                feats.append("anc-neg")
            if child.lower_ in MODAL_WORDS:
                feats.append(f"anc-md:{child.lower_}")
            if child.dep_ == "mark" and child.lower_ in CONDITION_MARKS:
                feats.append(f"anc-mark:{child.lower_}")
    for child in tok.children:
        if child.dep_ in {"amod", "compound"}:
            feats.append(f"mod:{child.lemma_.lower()}")
    # words just before the trigger: "not even Armenia has recognised", "instead of ratifying"
    sent = tok.sent
    for offset in range(1, 6):
        i = tok.i - offset
        if i < sent.start:
            break
        word = tok.doc[i].lower_
        if word in NEGATIONS or word in MODAL_WORDS or word in LEFT_CUES:
            feats += [f"left:{word}", f"left:{word}|{event_type}"]
    for ev in rules_here:
        if ev.type == event_type and covers(ev, tok):
            feats.append(f"rule-modality:{ev.modality}")
    return feats


def path_features(mention_head: Token, trigger: Token) -> list[str]:
    """How an actor's words reach the trigger in the parse: the dependency path, compactly."""
    feats = []
    up: list[str] = []
    node = mention_head
    trigger_ancestors = {a.i for a in trigger.ancestors} | {trigger.i}
    while node.i not in trigger_ancestors and node.head != node and len(up) < 6:
        up.append(node.dep_)
        node = node.head
    down: list[str] = []
    meet = node
    node = trigger
    while node != meet and node.head != node and len(down) < 6:
        down.append(node.dep_)
        node = node.head
    path = "^".join(up) + "|" + "v".join(reversed(down))
    feats.append(f"path:{path}")
    feats.append(f"up:{'^'.join(up[:2])}")
    if not down:
        feats.append(f"under-trigger:{up[-1] if up else 'self'}")
    prep = mention_head.head if mention_head.dep_ == "pobj" else None
    if prep is not None:
        feats.append(f"prep:{prep.lower_}")
        feats.append(f"prep:{prep.lower_}|{'under' if not down else 'away'}")
    feats.append("before-trigger" if mention_head.i < trigger.i else "after-trigger")
    distance = abs(mention_head.i - trigger.i)
    feats.append(f"dist:{min(distance // 3, 6)}")
    return feats
