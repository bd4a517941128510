"""Quotes: words attributed to a speaker, with the speaker's actor code.

Two kinds of quote are extracted from an `ExtractionContext`:

* **Direct quotes** (``direct=True``): words between quotation marks (“ ”, " ", ‘ ’, « »,
  and ' ' where it is clearly quotation). A quotation that opens a paragraph (or follows a
  colon) and is not closed there runs on to the closing mark of a later paragraph, with or
  without re-opening marks (a multi-paragraph statement). One quote is one contiguous
  quoted passage: "“A,” she said, “B.”" is two quotes with the same speaker; a long
  multi-sentence statement stays one quote (its sentences are one utterance, and a quote
  containing a shorter cited stretch still cites it). The text is the words inside the
  marks, without them (one evidence span a paragraph).
* **Reported quotes** (``direct=False``): "X said (that) CLAUSE", "X told Y that CLAUSE",
  "X said in a statement that CLAUSE", "X described Y as Z", "X called Y Z", "X urged Y to
  DO", "according to X, CLAUSE", "as explained by X, CLAUSE", "CLAUSE, X said", "A, he
  said, B". The text is the reported clause; each verb of a coordination ("He described
  ..., said ..., and called ...", "said ..., adding that ...") and each "that" clause of
  "said A and that B" is its own quote; a relaying attribution closing the clause
  (", the press service reported") is left out of it.
* A direct quote inside a reported clause of the same speaker: the direct quote is kept
  when it is at least ``direct_share`` of the clause ("said that the vote was 'a staged
  show ...'"); otherwise the reported clause, marks and all, is the one quote ("said Ankara
  would 'triple' its grants").

The speaker is the subject of the speech verb (inherited through coordination), the
object of "according to", the agent of "as explained by", the one "quoted as saying", a
name before a colon ("Lavrov: '...'"), "he"/"she" resolved to the last person named
before (a subject preferred), "it"/"they" resolved to the organisation or state that was
the last subject before, "the statement" to whoever issued a statement just before, or,
for a quotation standing alone, the speaker of the sentence before it. A speaker is a
person (the actor is the resolver's actor for the person at the time, else the actor of
the title or affiliation around the name, "U.S. State Department Spokesperson X" -> USA,
else that of the same surname introduced earlier with a title) or an organisation
("Georgia's Foreign Ministry" -> GEO, "Officials in Tbilisi" -> GEO; a bare "the
government" -> the territory the sentence is about). A speaker with no actor ("critics",
"observers", an unknown expert) or a document ("the treaty states ...") yields no quote:
nothing is guessed. Negated, future and hypothetical speech ("did not say", "will
announce") and a document's content ("In the protocol, Ankara promises ...") are not quotes.

Scare quotes and names are skipped: quoted words after "so-called"/"known as"/...,
title-like capitalised phrases, and quotations shorter than ``min_direct_words`` words
unless they are the complement of "called"/"described as".

Evidence: the span(s) of the quote text (``text`` is those spans joined by one space),
then, last, the span of the speaker phrase when it lies outside them (the rule then ends
in "+speaker"). ``rule`` is "quotes.v1:direct:<how>" (verb, nested, colon, label,
continued) or "quotes.v1:reported:<how>" (clause, as, naming, infinitive, according,
inserted).

All word lists (speech verbs by class, pronouns, speaker heads, scare cues, thresholds)
are data in ``pack/quotes.yaml``.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annexwatch.errors import PackError
from annexwatch.models import ActorMention, Evidence, Quote
from annexwatch.pack import PACK_DIR, load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from annexwatch.nlp.context import ExtractionContext

RULE_VERSION = "quotes.v1"
VERB_CLASSES = ("clause", "as", "naming", "infinitive", "direct")

# Closed-class parse labels (not domain knowledge).
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MODIFIER_DEPS = {"compound", "amod", "poss", "nmod", "flat"}
AFFILIATION_PREPS = {"of", "for", "from", "in", "at"}
EDGE_DEPS = {"punct", "cc", "mark"}
EDGE_WORDS = {"that", "and", "but", "or", ",", ":", ";", "-", "–", "—"}
SENTENCE_END = (".", "!", "?", "…")


# ---------------------------------------------------------------------------------------
# The rules, from pack/quotes.yaml
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class QuoteRules:
    verbs: dict[str, frozenset[str]]  # lemma (or "lemma particle") -> classes
    attribution_preps: dict[str, str]
    person_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    body_pronouns: frozenset[str]
    organisation_heads: frozenset[str]
    role_heads: frozenset[str]
    local_heads: frozenset[str]
    document_heads: frozenset[str]
    message_heads: frozenset[str]
    frame_preposition: str
    frame_heads: frozenset[str]
    scare_cues: tuple[str, ...]
    min_direct_words: int
    max_title_words: int
    max_continued_paragraphs: int
    direct_share: float
    unreal_auxiliaries: frozenset[str]
    hearer_verbs: frozenset[str]
    continuation_verbs: frozenset[str]
    performative_verbs: frozenset[str] = frozenset()

    def classes_of(self, tok: Token) -> frozenset[str]:
        """The speech-verb classes of a token ("point out" needs its particle)."""
        lemma = tok.lemma_.lower()
        found: set[str] = set()
        for child in tok.children:
            if child.dep_ in {"prt", "prep"}:  # "point out", "point to"
                found |= self.verbs.get(f"{lemma} {child.lower_}", frozenset())
        found |= self.verbs.get(lemma, frozenset())
        return frozenset(found)


def _words(raw: Any, key: str) -> frozenset[str]:
    value = raw.get(key) or []
    if not isinstance(value, list):
        raise PackError(f"quotes.yaml: {key} must be a list")
    return frozenset(str(v).lower() for v in value)


@lru_cache(maxsize=2)
def load_quote_rules(pack_dir: Path = PACK_DIR) -> QuoteRules:
    raw = load_yaml("quotes.yaml", pack_dir)
    try:
        verbs: dict[str, set[str]] = {}
        for cls, lemmas in raw["speech_verbs"].items():
            if cls not in VERB_CLASSES:
                raise PackError(f"quotes.yaml: unknown speech verb class {cls!r} (one of {VERB_CLASSES})")
            for lemma in lemmas:
                verbs.setdefault(str(lemma).lower(), set()).add(cls)
        frames = raw.get("document_frames") or {}
        return QuoteRules(
            verbs={k: frozenset(v) for k, v in verbs.items()},
            attribution_preps={str(k).lower(): str(v).lower() for k, v in raw["attribution_preps"].items()},
            person_pronouns=_words(raw, "person_pronouns"),
            relative_pronouns=_words(raw, "relative_pronouns"),
            body_pronouns=_words(raw, "body_pronouns"),
            organisation_heads=_words(raw, "organisation_heads"),
            role_heads=_words(raw, "role_heads"),
            local_heads=_words(raw, "local_heads"),
            document_heads=_words(raw, "document_heads"),
            message_heads=_words(raw, "message_heads"),
            frame_preposition=str(frames.get("preposition", "in")).lower(),
            frame_heads=_words(frames, "heads"),
            scare_cues=tuple(sorted(_words(raw, "scare_cues"), key=len, reverse=True)),
            min_direct_words=int(raw["min_direct_words"]),
            max_title_words=int(raw["max_title_words"]),
            max_continued_paragraphs=int(raw["max_continued_paragraphs"]),
            direct_share=float(raw["direct_share"]),
            unreal_auxiliaries=_words(raw, "unreal_auxiliaries"),
            hearer_verbs=_words(raw, "hearer_verbs"),
            continuation_verbs=_words(raw, "continuation_verbs"),
            performative_verbs=_words(raw, "performative_verbs"),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise PackError(f"{pack_dir / 'quotes.yaml'}: missing or malformed entry {exc}") from exc


# ---------------------------------------------------------------------------------------
# Quotation marks
# ---------------------------------------------------------------------------------------
@dataclass
class Quotation:
    """A pair of quotation marks: `open` and `close` are the offsets of the marks."""

    open: int
    close: int
    reopeners: list[int] = field(default_factory=list)  # marks re-opening continued paragraphs
    parent: Quotation | None = None

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close

    def contains(self, other: Quotation) -> bool:
        return self.open < other.open and other.close < self.close


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    """[start, end) of each paragraph (blank-line separated)."""
    out, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum()


def _mark_roles(text: str, family: str) -> list[tuple[int, str]]:
    """Offsets of one family's marks with their role: open, close or either (straight ")."""
    out: list[tuple[int, str]] = []
    n = len(text)
    for i, ch in enumerate(text):
        prev = text[i - 1] if i > 0 else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if family == "double":
            if ch == "“":
                out.append((i, "open"))
            elif ch == "”":
                out.append((i, "close"))
        elif family == "guillemet":
            if ch == "«":
                out.append((i, "open"))
            elif ch == "»":
                out.append((i, "close"))
        elif family == "straight":
            if ch == '"':
                out.append((i, "either"))
        elif family == "single":
            if ch == "‘" and not _is_word_char(prev) and not nxt.isdigit() and not nxt.isspace():
                out.append((i, "open"))
            elif ch == "’" and not _is_word_char(nxt) and not prev.isspace():
                out.append((i, "close-if-open"))
        elif family == "straight-single" and ch == "'":
            if not _is_word_char(prev) and nxt.isalpha():
                out.append((i, "open"))
            elif not _is_word_char(nxt) and not prev.isspace():
                out.append((i, "close-if-open"))
    return out


def _continuable(text: str, paragraph_start: int, pos: int) -> bool:
    """An opening mark at a paragraph's start or after a colon may run into the next paragraph."""
    before = text[paragraph_start:pos].rstrip()
    return before == "" or before.endswith(":")


def _pair_family(
    text: str, family: str, paragraphs: list[tuple[int, int]], max_paragraphs: int
) -> list[Quotation]:
    marks = _mark_roles(text, family)
    starts = [p[0] for p in paragraphs]
    multi = family in {"double", "straight", "guillemet"}
    pairs: list[Quotation] = []
    stack: list[tuple[Quotation, int, bool]] = []  # (open quotation, paragraph, continuable)
    current = -1
    for pos, role in marks:
        k = bisect.bisect_right(starts, pos) - 1
        reopener = False
        if k != current:
            # a new paragraph: decide what carries over from the earlier ones
            first_char = text[paragraphs[k][0]:pos].strip() == ""
            opens_with_mark = first_char and role != "close" and role != "close-if-open"
            kept = []
            for quotation, par, cont in stack:
                if not multi or k - par > max_paragraphs:
                    continue
                if opens_with_mark or cont:
                    kept.append((quotation, par, True))
            stack = kept
            if stack and opens_with_mark and k - current >= 1 and current != -1:
                reopener = True
            current = k
        if reopener:
            stack[-1][0].reopeners.append(pos)
            continue
        if role == "either":
            role = "close" if stack else "open"
        if role == "open":
            stack.append((Quotation(pos, -1), k, _continuable(text, paragraphs[k][0], pos)))
        elif role in {"close", "close-if-open"} and stack:
            quotation = stack.pop()[0]
            quotation.close = pos
            if text[quotation.start:quotation.end].strip():
                pairs.append(quotation)
    return pairs


def find_quotations(text: str, max_paragraphs: int = 8) -> list[Quotation]:
    """Every pair of quotation marks in text order (an outer pair before the pairs inside it)."""
    paragraphs = paragraphs_of(text)
    found: list[Quotation] = []
    for family in ("double", "guillemet", "straight", "single", "straight-single"):
        found.extend(_pair_family(text, family, paragraphs, max_paragraphs))
    # a pair that crosses one of a surer family (curly before straight, double before single)
    # is a misreading: keep the surer one
    kept: list[Quotation] = []
    for q in found:
        crossing = any(
            (p.open < q.open < p.close < q.close) or (q.open < p.open < q.close < p.close) for p in kept
        )
        if not crossing:
            kept.append(q)
    kept.sort(key=lambda q: (q.open, -q.close))
    for q in kept:
        parents = [p for p in kept if p is not q and p.contains(q)]
        q.parent = min(parents, key=lambda p: p.close - p.open) if parents else None
    return kept


# ---------------------------------------------------------------------------------------
# Speakers
# ---------------------------------------------------------------------------------------
@dataclass
class Speaker:
    name: str
    actor: str
    span: tuple[int, int] | None  # the speaker phrase in the text, where named there


UNRESOLVED = Speaker("", "", None)  # a speaker is there, but it is no actor: say nothing


class _Reader:
    """Reads one document's quotes; holds the per-document lookups."""

    def __init__(self, ctx: ExtractionContext, rules: QuoteRules) -> None:
        self.ctx = ctx
        self.rules = rules
        self.doc = ctx.doc
        self.sents: list[Span] = list(ctx.sentences)
        self.sent_starts = [s.start_char for s in self.sents]
        self.quotations = find_quotations(ctx.text, rules.max_continued_paragraphs)
        self.persons = self._person_spans()
        self.person_starts = [p[0] for p in self.persons]
        self.verb_speakers: dict[int, Speaker | None] = {}
        self.sentence_speakers: dict[int, Speaker] = {}

    # --- positions ----------------------------------------------------------------------
    def sent_index(self, offset: int) -> int:
        return max(bisect.bisect_right(self.sent_starts, offset) - 1, 0)

    def in_quotation(self, tok: Token, quotations: list[Quotation] | None = None) -> Quotation | None:
        for q in quotations if quotations is not None else self.quotations:
            if q.open <= tok.idx <= q.close:
                return q
        return None

    # --- persons ------------------------------------------------------------------------
    def _person_spans(self) -> list[tuple[int, int, ActorMention | None]]:
        """Persons named in the text: the resolver's person mentions, then spaCy PERSON names."""
        out: list[tuple[int, int, ActorMention | None]] = [
            (m.start, m.end, m) for m in self.ctx.mentions if m.person
        ]
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            # a name the resolver took for a place or a body ("Tbilisi") is not a person
            if any(m.start < ent.end_char and ent.start_char < m.end for m in self.ctx.mentions):
                continue
            out.append((ent.start_char, ent.end_char, None))
        out.sort(key=lambda p: p[0])
        return out

    def person_at(self, tok: Token) -> tuple[int, int, ActorMention | None] | None:
        i = bisect.bisect_right(self.person_starts, tok.idx) - 1
        if i >= 0:
            s, e, m = self.persons[i]
            if s <= tok.idx < e:
                return s, e, m
        return None

    def _is_subject(self, start: int, end: int) -> bool:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        tok = span.root
        for _ in range(4):
            if tok.dep_ in SUBJECT_DEPS:
                return True
            if tok.dep_ in {"compound", "appos", "flat"} and tok.head.i != tok.i:
                tok = tok.head
                continue
            break
        return False

    def person_speaker(self, start: int, end: int, head: Token | None) -> Speaker | None:
        """A named person: canonical name and actor from the resolver, else from the title around."""
        mention = None
        for s, e, m in self.persons:
            if s == start and e == end:
                mention = m
                break
        name = self.ctx.text[start:end]
        if mention is not None and mention.person:
            return Speaker(mention.person, mention.actor, (start, end))
        resolver = self.ctx.resolver
        entry = resolver.person(name)  # a person entry (or its canonical name), None if unknown
        canonical_name = entry if isinstance(entry, str) else getattr(entry, "name", None)
        actor = resolver.actor_of_person(canonical_name or name, self.ctx.published)
        if not actor and head is not None:
            actor = self.phrase_actor(head)
        if not actor:
            earlier = self.introduced(name, start)
            if earlier is not None:
                return Speaker(earlier[0], earlier[1], (start, end))
            return None
        return Speaker(canonical_name or name, actor, (start, end))

    def introduced(self, name: str, before: int) -> tuple[str, str] | None:
        """(full name, actor) of the person a bare surname stands for, introduced earlier in
        the text: a person the resolver found there ("Turkish Cypriot leader Ersin Tatar ...
        Tatar said"), else one named with a title ("Abkhaz Deputy Minister Inal Gurgulia ...
        Gurgulia said"), so the resolver need not know them."""
        surname = name.split()[-1] if name.split() else ""
        if not surname:
            return None
        titled = None
        for s, e, mention in self.persons:
            if e > before:
                break
            full = self.ctx.text[s:e]
            canonical = mention.person if mention is not None and mention.person else full
            if surname not in {full.split()[-1], canonical.split()[-1]}:
                continue
            if mention is not None and mention.person:
                return mention.person, mention.actor
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if titled is None and span is not None and len(span):
                actor = self.phrase_actor(span.root)
                if actor:
                    titled = (full, actor)
        return titled

    def name_speaker(self, head: Token) -> Speaker | None:
        """A proper name neither the resolver nor the tagger took for anyone ("Tatar told",
        "government spokesman Marios Pelekanos said"): a person or body known by that name,
        or named earlier in full, or the actor of the title around it."""
        names = [c for c in head.children if c.dep_ in {"compound", "flat"} and c.pos_ == "PROPN"
                 and c.i < head.i]
        first = min([head.i, *(c.i for c in names)])
        tokens = [t for t in self.doc[first:head.i + 1] if t.pos_ == "PROPN"]
        if not tokens or not head.text[:1].isupper():
            return None
        start, end = tokens[0].idx, head.idx + len(head.text)
        name = self.ctx.text[start:end]
        resolver = self.ctx.resolver
        entry = resolver.person(name)
        canonical_name = entry if isinstance(entry, str) else getattr(entry, "name", None)
        actor = resolver.actor_of_person(canonical_name or name, self.ctx.published) if entry else None
        if actor:
            return Speaker(canonical_name or name, actor, (start, end))
        earlier = self.introduced(name, start)
        if earlier is not None:
            return Speaker(earlier[0], earlier[1], (start, end))
        actor = self.phrase_actor(head)
        if actor:
            return Speaker(name, actor, (start, end))
        return None

    def antecedent(self, offset: int) -> Speaker | None:
        """The person a 'he'/'she' at `offset` stands for: the last person named as a subject in
        its sentence or the one before, else the last person named there, else the last person
        named as a subject in the few sentences before, else the last one named there."""
        si = self.sent_index(offset)
        window_start = self.sents[max(si - 4, 0)].start_char
        i = bisect.bisect_left(self.person_starts, offset) - 1
        candidates = []
        while i >= 0 and self.persons[i][0] >= window_start:
            start, end, _ = self.persons[i]
            quoted = any(q.open < start < q.close for q in self.quotations)
            if end <= offset and not quoted:
                candidates.append(self.persons[i])
            i -= 1
        if not candidates:
            return None
        near_start = self.sents[max(si - 1, 0)].start_char
        near = [c for c in candidates if c[0] >= near_start]
        pool = near or candidates
        chosen = next((c for c in pool if self._is_subject(c[0], c[1])), pool[0])
        span = self.doc.char_span(chosen[0], chosen[1], alignment_mode="expand")
        head = span.root if span is not None and len(span) else None
        return self.person_speaker(chosen[0], chosen[1], head)

    def body_antecedent(self, pronoun: Token) -> Speaker | None:
        """What an "it"/"they" speaking stands for: the last subject named before it (in its own
        sentence or the one before) when that is an organisation or a state, not a person."""
        si = self.sent_index(pronoun.idx)
        subjects = [
            t for t in self.doc[self.sents[max(si - 1, 0)].start:pronoun.i]
            if t.dep_ in SUBJECT_DEPS and t.pos_ != "PRON" and not self.in_quotation(t)
        ]
        # "Georgia's ministry condemned it. The base 'has no legal force,' it said": the last
        # subject that names a body; a thing ("the base") stands for nobody
        for subject in reversed(subjects):
            if self.person_at(subject) is not None:
                return None
            found = self.resolve_phrase(subject, depth=1)
            if found is not None and found is not UNRESOLVED:
                return found
        return None

    # --- actors of a phrase -------------------------------------------------------------
    def _mention_of(self, tok: Token) -> ActorMention | None:
        return self.ctx.mention_at(tok.idx, tok.idx + len(tok.text))

    def phrase_actor(self, head: Token) -> str | None:
        mention = self.phrase_mention(head)
        return mention.actor if mention is not None else None

    def phrase_mention(self, head: Token, agents: bool = True) -> ActorMention | None:
        """The actor a speaker phrase names beside its head: the head itself, its modifiers
        ("Georgian", "U.S. State Department"), an apposition ("the columnist of a Russian
        newspaper"), an affiliation ("of Georgia", "for the Kremlin"), a participle phrase
        ("published on the site of the State Department"). Without `agents`, the agent of a
        participle is not the phrase's actor: "officials installed by Moscow" are not
        Moscow's, though "a statement issued by the ministry" is the ministry's."""
        ranked: list[tuple[int, int, ActorMention]] = []

        def visit(tok: Token, rank: int, depth: int) -> None:
            if depth > 12:
                return
            m = self._mention_of(tok)
            if m is not None:
                ranked.append((rank, tok.i, m))
            for child in tok.children:
                dep = child.dep_
                if dep == "relcl" or dep in {"punct", "cc", "det"}:
                    continue
                if dep == "prep":
                    word = child.lower_
                    if word in {"as", "like", "such"}:
                        continue
                    if rank >= 4:  # inside "published on the web site of X": any place counts
                        visit(child, rank, depth + 1)
                    elif word in AFFILIATION_PREPS:  # not "envoy to Georgia", "talks with X"
                        visit(child, max(rank, 3), depth + 1)
                elif dep in MODIFIER_DEPS:
                    visit(child, max(rank, 1), depth + 1)
                elif dep == "appos":
                    visit(child, max(rank, 2), depth + 1)
                elif dep == "agent" and not agents:
                    continue
                elif dep == "acl" or (rank >= 4 and dep in {"pobj", "dobj", "agent"}):
                    visit(child, max(rank, 4), depth + 1)
                elif dep == "pobj" or (dep == "conj" and depth > 0):
                    visit(child, rank, depth + 1)

        visit(head, 0, 0)
        if not ranked:
            return None
        ranked.sort(key=lambda r: (r[0], r[1]))
        return ranked[0][2]

    def phrase_span(self, head: Token) -> tuple[int, int]:
        toks = [t for t in head.subtree if not self._excluded_from_phrase(t, head)]
        while toks and (toks[0].dep_ in EDGE_DEPS or toks[0].is_punct or toks[0].is_space):
            toks.pop(0)
        while toks and (toks[-1].dep_ in EDGE_DEPS or toks[-1].is_punct or toks[-1].is_space):
            toks.pop()
        if not toks:
            return head.idx, head.idx + len(head.text)
        # keep it contiguous: stop at the first gap
        run = [toks[0]]
        for t in toks[1:]:
            if t.i != run[-1].i + 1:
                break
            run.append(t)
        return run[0].idx, run[-1].idx + len(run[-1].text)

    @staticmethod
    def _excluded_from_phrase(tok: Token, head: Token) -> bool:
        t = tok
        while t.i != head.i:
            if t.dep_ in {"relcl", "acl"} or (t.dep_ == "prep" and t.lower_ in {"as", "like", "such"}):
                return True
            if t.head.i == t.i:
                return False
            t = t.head
        return False

    def source_name(self, mention: ActorMention) -> str:
        """The name of the body a mention modifies ("US" of "the US State Department" -> the whole)."""
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return mention.text
        tok = span.root
        while tok.dep_ in {"compound", "amod", "poss", "nmod"} and tok.head.i != tok.i:
            tok = tok.head
        return self.org_name(tok) if tok.i != span.root.i else mention.text

    def org_name(self, head: Token) -> str:
        start, end = self.phrase_span(head)
        name = self.ctx.text[start:end].strip()
        return re.sub(r"^(?:the|a|an)\s+", "", name, flags=re.IGNORECASE)

    def resolve_phrase(self, head: Token, depth: int = 0) -> Speaker | None:
        """The speaker a subject (or agent, or object of "according to") names."""
        if depth > 3:
            return UNRESOLVED
        rules = self.rules
        lower = head.lower_
        if lower in rules.person_pronouns:
            found = self.antecedent(head.idx)
            if found is None:
                return UNRESOLVED
            return Speaker(found.name, found.actor, (head.idx, head.idx + len(head.text)))
        if lower in rules.relative_pronouns and head.head.dep_ in {"relcl", "acl"}:
            return self.resolve_phrase(head.head.head, depth + 1)
        if lower in rules.body_pronouns and head.dep_ == "nsubj" and depth == 0:
            found = self.body_antecedent(head)
            if found is None or found is UNRESOLVED:
                return UNRESOLVED
            return Speaker(found.name, found.actor, (head.idx, head.idx + len(head.text)))
        if head.pos_ == "PRON":
            return UNRESOLVED
        lemma = head.lemma_.lower()
        if lemma in rules.document_heads or lower in rules.document_heads:
            return UNRESOLVED
        # a named person: the head itself, or a name in apposition to a title
        person = self.person_at(head)
        if person is None:
            for child in head.children:
                if child.dep_ == "appos":
                    person = self.person_at(child)
                    if person is not None:
                        break
        if person is not None:
            found = self.person_speaker(person[0], person[1], head)
            if found is None:
                return UNRESOLVED
            start, end = self.phrase_span(head)
            return Speaker(found.name, found.actor, (min(start, person[0]), max(end, person[1])))
        span = self.phrase_span(head)
        mention = self._mention_of(head)
        if mention is not None:
            return Speaker(self.org_name(head), mention.actor, span)
        words = {lemma, lower}
        if head.pos_ == "PROPN" and not words & (rules.organisation_heads | rules.role_heads):
            named = self.name_speaker(head)
            if named is not None and named.span is not None:
                whole = (min(span[0], named.span[0]), max(span[1], named.span[1]))
                return Speaker(named.name, named.actor, whole)
        if words & (rules.organisation_heads | rules.role_heads):
            source = self.phrase_mention(head, agents=bool(words & rules.message_heads))
            if source is not None:
                # "the statement published on the site of the State Department": the source speaks
                name = self.source_name(source) if words & rules.message_heads else self.org_name(head)
                return Speaker(name, source.actor, span)
            if words & rules.message_heads and any(c.lower_ == "the" for c in head.children):
                earlier = self.earlier_message(head)
                if earlier is not None:
                    return Speaker(earlier.name, earlier.actor, span)
            earlier = self.earlier_body(head)
            if earlier is not None:
                return Speaker(self.org_name(head), earlier.actor, span)
            if words & rules.local_heads:
                territory = self.ctx.focus_territory(head.idx)
                if territory is not None:
                    return Speaker(self.org_name(head), territory, span)
        return UNRESOLVED

    def subject_of(self, verb: Token) -> Token | None:
        """The speaker slot of a speech verb: subject, passive agent, or inherited subject."""
        tok = verb
        for step in range(5):
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if subjects:
                return subjects[0]
            if step == 0 and tok.dep_ == "pcomp" and tok.head.lower_ == "as" and tok.head.dep_ == "prep":
                # "quoted X as saying", "X was quoted as saying": the one quoted speaks
                quoting = tok.head.head
                for dep in ("dobj", "nsubjpass"):
                    quoted = [c for c in quoting.children if c.dep_ == dep]
                    if quoted:
                        return quoted[0]
                return None
            if step == 0:  # "as explained by X": the agent of the speech verb itself
                for child in tok.children:
                    if child.dep_ == "agent":
                        objs = [c for c in child.children if c.dep_ == "pobj"]
                        if objs:
                            return objs[0]
            passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
            if passive:
                # "it was announced that ...": nobody named; "It was signed ... and states": "It"
                return passive[0] if step > 0 else None
            if tok.dep_ == "acl" and tok.tag_ in {"VBG", "VBD", "VBZ", "VBP"}:
                # "a statement saying that ...": the statement speaks (a finite verb parsed as
                # a noun's modifier is that noun's predicate)
                return tok.head
            if tok.dep_ == "advcl" and tok.tag_ == "VBG":
                # "X said ..., adding that ...": the nearest speech verb above speaks
                above = tok.head
                for _ in range(6):
                    if self.is_speech_word(above) and above.i != tok.i:
                        return self.subject_of(above)
                    if above.head.i == above.i:
                        break
                    above = above.head
                tok = tok.head
                continue
            if tok.dep_ == "conj" and tok.head.dep_ == "ccomp" and self.is_speech_word(tok.head.head):
                # "said it would X and called it Y": a speech verb coordinated into the reported
                # clause is the reporting verb's conjunct, whatever the parse says
                tok = tok.head.head
                continue
            if (tok.dep_ in {"conj", "ccomp"} or _infinitive(tok)) and tok.head.i != tok.i:
                tok = tok.head
                continue
            return None
        return None

    def speaker_of(self, verb: Token) -> Speaker | None:
        """Speaker of a speech verb (or of an "according to" word); None when nobody is named."""
        if verb.i in self.verb_speakers:
            return self.verb_speakers[verb.i]
        found: Speaker | None
        prep = self.rules.attribution_preps.get(verb.lower_)
        if prep is not None:
            found = None
            for child in verb.children:
                if child.lower_ == prep:
                    objs = [c for c in child.children if c.dep_ == "pobj"]
                    if objs:
                        found = self.resolve_phrase(objs[0])
                elif child.dep_ == "pobj":  # some parses hang the object on "according" itself
                    found = self.resolve_phrase(child)
        else:
            subject = self.subject_of(verb)
            found = self.resolve_phrase(subject) if subject is not None else None
            # a statement's speaker: "X issued a statement saying ..." -> X
            if (
                found is UNRESOLVED
                and subject is not None
                and subject.dep_ in {"dobj", "pobj"}
                and verb.dep_ == "acl"
            ):
                found = self.speaker_of_holder(subject)
        self.verb_speakers[verb.i] = found
        return found

    def earlier_message(self, head: Token) -> Speaker | None:
        """Who issued "the statement": the one that issued a statement in the sentence before
        ("The ministry issued a statement. 'We ...,' the statement said")."""
        si = self.sent_index(head.idx)
        lemma = head.lemma_.lower()
        for tok in reversed(self.doc[self.sents[max(si - 1, 0)].start:head.i]):
            if tok.lemma_.lower() != lemma:
                continue
            issued = tok.dep_ == "dobj" or (  # "issued a statement", "said in a statement"
                tok.dep_ == "pobj" and tok.head.dep_ == "prep"
                and tok.head.head.lower_ not in self.rules.attribution_preps
                and self.is_speech_word(tok.head.head)
            )
            if issued:
                found = self.speaker_of_holder(tok)
                return None if found is UNRESOLVED else found
            return None
        return None

    def earlier_body(self, head: Token) -> Speaker | None:
        """Whose "a government spokesman" or "the ministry" speaks when the phrase names no
        actor: the body named with its actor in the sentences just before ("The government
        of Cyprus took a different view. A government spokesman said ..."), as a reader
        takes it. Only the body's own noun counts, so "the ministry" is not "the army"."""
        rules = self.rules
        bodies = rules.organisation_heads - rules.message_heads
        nouns = {t.lemma_.lower() for t in (head, *head.children)
                 if (t.i == head.i or t.dep_ in {"compound", "amod"}) and t.lemma_.lower() in bodies}
        if not nouns:
            return None
        si = self.sent_index(head.idx)
        for tok in reversed(self.doc[self.sents[max(si - 2, 0)].start:head.i]):
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in nouns:
                continue
            if self.in_quotation(tok):
                continue
            mention = self.phrase_mention(tok)
            if mention is not None:
                return Speaker(self.org_name(tok), mention.actor, None)
        return None

    def speaker_of_holder(self, noun: Token) -> Speaker | None:
        holder = noun.head
        while holder.dep_ == "prep" and holder.head.i != holder.i:
            holder = holder.head
        subjects = [c for c in holder.children if c.dep_ == "nsubj"]
        return self.resolve_phrase(subjects[0]) if subjects else UNRESOLVED

    # --- speech verbs -----------------------------------------------------------------
    def is_speech_word(self, tok: Token) -> bool:
        if tok.lower_ in self.rules.attribution_preps:
            return any(c.lower_ == self.rules.attribution_preps[tok.lower_] for c in tok.children) or any(
                c.dep_ == "pobj" for c in tok.children
            )
        if tok.pos_ not in {"VERB"} or tok.dep_ in {"amod", "compound"}:
            return False
        return bool(self.rules.classes_of(tok))

    def is_real(self, verb: Token) -> bool:
        """Said, not 'did not say', 'will say', 'refused to say', 'In the treaty, X pledges'."""
        if verb.lower_ in self.rules.attribution_preps:
            return True
        for child in verb.children:
            if child.dep_ == "neg":
                return False
            if child.dep_ in {"aux", "auxpass"} and child.lower_ in self.rules.unreal_auxiliaries:
                return False
            if child.dep_ == "prep" and child.lower_ == self.rules.frame_preposition:
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.lemma_.lower() in self.rules.frame_heads:
                        return False
        if _infinitive(verb):  # "went on to say that": said; "refused to say": not
            return verb.head.lemma_.lower() in self.rules.continuation_verbs and self.is_real(verb.head)
        return verb.dep_ != "amod"


# ---------------------------------------------------------------------------------------
# Text of a stretch of tokens
# ---------------------------------------------------------------------------------------
def _infinitive(tok: Token) -> bool:
    """A "to say" governed by another verb ("went on to say", "refused to say")."""
    return tok.dep_ == "xcomp" or (
        tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _is_clause(tok: Token) -> bool:
    """A finite clause, not a verbless small clause ("declared [the region independent]")."""
    return tok.pos_ in {"VERB", "AUX"} or any(
        c.dep_ in {"aux", "auxpass", "cop"} or (c.dep_ == "mark" and c.lower_ == "that") for c in tok.children
    )


def _has_that(tok: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children)


def _runs(tokens: list[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    for t in sorted(tokens, key=lambda t: t.i):
        if runs and t.i == runs[-1][-1].i + 1:
            runs[-1].append(t)
        else:
            runs.append([t])
    return runs


def _is_edge(tok: Token) -> bool:
    return tok.is_space or tok.is_punct or tok.lower_ in EDGE_WORDS


def _word_count(text: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", text))


@dataclass
class _Found:
    """A quote before the direct/reported merge: its speaker and its text spans."""

    speaker: Speaker
    spans: list[tuple[int, int]]
    direct: bool
    rule: str
    quotation: Quotation | None = None

    @property
    def extent(self) -> tuple[int, int]:
        return self.spans[0][0], self.spans[-1][1]

    @property
    def chars(self) -> int:
        return sum(e - s for s, e in self.spans)

    def overlaps(self, other: _Found) -> bool:
        return any(s < oe and os < e for s, e in self.spans for os, oe in other.spans)


# ---------------------------------------------------------------------------------------
# The extractor
# ---------------------------------------------------------------------------------------
class QuoteExtractor(_Reader):
    def run(self) -> list[Quote]:
        direct = self.direct_quotes()
        reported = self.reported_quotes()
        dropped: set[int] = set()  # ids of direct quotes a reported clause took in
        kept: list[_Found] = []
        seen: set[tuple[int, int]] = set()
        for r in reported:
            inside = [d for d in direct if d.overlaps(r)]
            if inside and not self._takes_in(r, inside):
                continue  # the direct quote wins
            if r.extent in seen:
                continue
            seen.add(r.extent)
            dropped |= {id(d) for d in inside}
            kept.append(r)
        found = [d for d in direct if id(d) not in dropped] + kept
        found.sort(key=lambda f: f.extent)
        return [self._quote(f) for f in found]

    def _takes_in(self, reported: _Found, inside: list[_Found]) -> bool:
        """Does a reported clause stand for the direct quotes inside it? Yes when they are the
        same speaker's, lie wholly inside it and are only a small part of it ("said Russia would
        respond 'in kind'"); otherwise the direct quote is the record."""
        lo, hi = reported.extent
        for d in inside:
            q = d.quotation
            if q is None or d.speaker.actor != reported.speaker.actor:
                return False
            if q.open < lo - 1 or q.close > hi:
                return False
        quoted = sum(d.chars for d in inside)
        return quoted < self.rules.direct_share * reported.chars

    def _quote(self, f: _Found) -> Quote:
        text = self.ctx.text
        evidence = [Evidence.of(text, s, e) for s, e in f.spans]
        rule = f"{RULE_VERSION}:{f.rule}"
        span = f.speaker.span
        if span is not None and not any(s <= span[0] < e for s, e in f.spans):
            evidence.append(Evidence.of(text, *span))
            rule += "+speaker"
        return Quote(
            speaker=f.speaker.name,
            actor=f.speaker.actor,
            text=" ".join(text[s:e] for s, e in f.spans),
            direct=f.direct,
            evidence=evidence,
            rule=rule,
        )

    # --- direct quotes --------------------------------------------------------------------
    def direct_quotes(self) -> list[_Found]:
        out: list[_Found] = []
        for q in sorted(self.quotations, key=lambda q: q.open):
            inner = self.ctx.text[q.start:q.end]
            if not self._is_speech_like(q, inner):
                continue
            found = self.attribute(q)
            if found is None:
                continue
            speaker, how, verb = found
            if speaker is UNRESOLVED or not speaker.actor:
                continue
            if _word_count(inner) < self.rules.min_direct_words and not self._is_complement(q, verb):
                continue
            spans = self._quotation_spans(q)
            if not spans:
                continue
            self.sentence_speakers[self.sent_index(q.close)] = speaker
            out.append(_Found(speaker, spans, True, f"direct:{how}", q))
        return out

    def _quotation_spans(self, q: Quotation) -> list[tuple[int, int]]:
        """The words inside the marks, one span a paragraph, without re-opening marks."""
        text = self.ctx.text
        cuts = [q.start, *q.reopeners, q.end]
        out = []
        for a, b in itertools.pairwise(cuts):
            a = a + 1 if a in q.reopeners else a
            for para_start, para_end in paragraphs_of(text[a:b]):
                s, e = a + para_start, a + para_end
                while s < e and text[s].isspace():
                    s += 1
                while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
                    e -= 1
                if e > s and any(ch.isalpha() for ch in text[s:e]):
                    out.append((s, e))
        return out

    def _is_speech_like(self, q: Quotation, inner: str) -> bool:
        """Not a scare quote, a name or a title."""
        text = self.ctx.text
        if not any(ch.isalpha() for ch in inner):
            return False
        para_start = text.rfind("\n", 0, q.open) + 1
        before = re.sub(r"[\s(]+$", "", text[para_start:q.open].lower())
        for cue in self.rules.scare_cues:
            if before.endswith(cue) and (len(before) == len(cue) or not before[-len(cue) - 1].isalnum()):
                return False
        stripped = inner.strip()
        if len(stripped.split()) <= self.rules.max_title_words and not stripped.endswith(SENTENCE_END):
            long_words = [w for w in re.findall(r"[^\W\d_]+", inner) if len(w) >= 4]
            if long_words and all(w[0].isupper() for w in long_words):
                return False
        return True

    def _is_complement(self, q: Quotation, verb: Token | None) -> bool:
        """Is the quotation the complement of "called ..." / "described ... as ..."?"""
        if verb is None or not self.rules.classes_of(verb) & {"as", "naming"}:
            return False
        inside = [t for t in self.doc[verb.i:] if q.start <= t.idx < q.end]
        if not inside:
            return False
        tok = inside[0]
        for _ in range(6):
            if tok.head.i == verb.i:
                return tok.dep_ in {"prep", "oprd", "ccomp", "xcomp", "dobj", "attr", "acomp"}
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def _window(self, q: Quotation) -> tuple[int, int]:
        return self.sent_index(q.open), self.sent_index(max(q.close - 1, q.open))

    def _candidates(self, q: Quotation) -> list[Token]:
        """Speech words near a quotation: in its sentences, outside it and outside sibling
        quotations; inside its parent quotation when it is nested."""
        si, sj = self._window(q)
        lo, hi = self.sents[si].start_char, self.sents[sj].end_char
        if q.parent is not None:
            lo, hi = max(lo, q.parent.start), min(hi, q.parent.end)
        others = [
            p for p in self.quotations
            if p is not q and p is not q.parent and not q.contains(p)
            and (q.parent is None or q.parent.contains(p))
        ]
        out = []
        for tok in self.doc[self.sents[si].start:self.sents[sj].end]:
            if not (lo <= tok.idx < hi) or q.open <= tok.idx <= q.close:
                continue
            if self.in_quotation(tok, others):
                continue
            if self.is_speech_word(tok) and self.is_real(tok):
                out.append(tok)
        return out

    def attribute(self, q: Quotation) -> tuple[Speaker, str, Token | None] | None:
        """(speaker, how, speech verb) of a quotation, or None when nobody is named."""
        candidates = self._candidates(q)
        # 1. a speech verb governing the quotation ("X said that '...'", "described it as '...'"),
        #    else the nearest one in its sentences ("'...,' X said")
        governing = []
        for verb in candidates:
            lo, hi = verb.left_edge.idx, verb.right_edge.idx + len(verb.right_edge.text)
            if (lo <= q.open and q.close <= hi) or lo <= q.start < hi:
                governing.append(verb)
        governing.sort(key=lambda v: v.right_edge.i - v.left_edge.i)
        governing_ids = {v.i for v in governing}
        rest = sorted(
            (v for v in candidates if v.i not in governing_ids),
            key=lambda v: min(abs(v.idx - q.open), abs(v.idx - q.close)),
        )
        for verb in [*governing, *rest]:
            found = self.speaker_of(verb)
            if found is not None:
                return found, "nested" if q.parent is not None else "verb", verb
        if q.parent is not None:
            return None  # words quoted inside a quotation belong to it
        # 2. a colon introduction: "The statement reads as follows: '...'"
        before = self.ctx.text[: q.open].rstrip()
        if before.endswith(":"):
            colon = len(before) - 1
            sent = self.sents[self.sent_index(colon)]
            verbs = [
                t for t in sent
                if t.idx < colon and self.is_speech_word(t) and self.is_real(t) and not self.in_quotation(t)
            ]
            for verb in sorted(verbs, key=lambda v: -v.idx):
                found = self.speaker_of(verb)
                if found is not None:
                    return found, "colon", verb
            label = self._label_speaker(colon)
            if label is not None:
                return label, "label", None
            for tok in reversed(sent):  # "X issued a statement: '...'"
                if (tok.idx < colon and tok.dep_ == "dobj"
                        and tok.lemma_.lower() in self.rules.message_heads):
                    found = self.speaker_of_holder(tok)
                    if found is not None and found is not UNRESOLVED:
                        return found, "colon", None
                    break
        # 3. a quotation standing alone continues the speaker of the sentence before it
        si, sj = self._window(q)
        outside = [
            t for t in self.doc[self.sents[si].start:self.sents[sj].end]
            if not (q.open <= t.idx <= q.close) and not t.is_punct and not t.is_space
        ]
        if not outside and si > 0:
            prev = si - 1
            while prev > 0 and not self.sents[prev].text.strip(" \n\"“”'’‘«»"):
                prev -= 1
            found = self.sentence_speaker(prev)
            if found is not None:
                return found, "continued", None
        return None

    def _label_speaker(self, colon: int) -> Speaker | None:
        """A bare name before a colon ("Sergey Lavrov: '...'", an interview's "Bzhania: '...'")."""
        text = self.ctx.text
        line_start = text.rfind("\n", 0, colon) + 1
        sent = self.sents[self.sent_index(colon)]
        start = max(line_start, sent.start_char)
        tokens = [t for t in self.doc[sent.start:sent.end] if start <= t.idx < colon and not t.is_space]
        words = [t for t in tokens if not t.is_punct]
        if not words or len(words) > 8 or any(t.pos_ in {"VERB", "AUX", "PRON"} for t in words):
            return None
        if not all(t.pos_ in {"PROPN", "NOUN", "ADJ", "DET", "ADP", "PART"} for t in words):
            return None
        roots = [t for t in words if not (tokens[0].i <= t.head.i <= tokens[-1].i) or t.head.i == t.i]
        if len(roots) != 1:
            return None
        found = self.resolve_phrase(roots[0], depth=1)
        return None if found is None or found is UNRESOLVED else found

    def sentence_speaker(self, si: int) -> Speaker | None:
        """The speaker a sentence attributes words to (a direct or a reported quote there)."""
        if si in self.sentence_speakers:
            return self.sentence_speakers[si]
        found = None
        for tok in self.sents[si]:
            if self.is_speech_word(tok) and self.is_real(tok) and not self.in_quotation(tok):
                speaker = self.speaker_of(tok)
                if speaker is not None and speaker is not UNRESOLVED:
                    found = speaker
        return found

    # --- reported speech ---------------------------------------------------------------------
    def reported_quotes(self) -> list[_Found]:
        out: list[_Found] = []
        for tok in self.doc:
            if not self.is_speech_word(tok) or not self.is_real(tok) or self.in_quotation(tok):
                continue
            units = self.reported_units(tok)
            if not units:
                continue
            speaker = self.speaker_of(tok)
            if speaker is None or speaker is UNRESOLVED or not speaker.actor:
                continue
            for rule, tokens in units:
                if self._performs(tok, tokens, speaker):
                    continue
                spans = self._pieces(tokens)
                if not spans or _word_count(" ".join(self.ctx.text[s:e] for s, e in spans)) < 2:
                    continue
                out.append(_Found(speaker, spans, False, f"reported:{rule}"))
        return out

    def _performs(self, verb: Token, tokens: list[Token], speaker: Speaker) -> bool:
        """"Putin announced that Russia recognised the republics": a proclamation of the
        speaker's own state's act is that act (an event), not words reported. Intentions
        ("announced that Russia would ...") and other actors' acts stay quotes."""
        if verb.lemma_.lower() not in self.rules.performative_verbs:
            return False
        inside = {t.i for t in tokens}
        heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
        if not heads or heads[0].pos_ not in {"VERB", "AUX"}:
            return False
        head = heads[0]
        if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in self.rules.unreal_auxiliaries
               for c in head.children):
            return False
        subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
        mention = self._mention_of(subjects[0]) if subjects else None
        return mention is not None and mention.actor == speaker.actor

    def _pieces(self, tokens: list[Token]) -> list[tuple[int, int]]:
        """Contiguous runs of tokens, trimmed of edge punctuation, keeping the marks of a
        quotation that lies inside, as text spans."""
        out = []
        for run in _runs(tokens):
            while run and _is_edge(run[0]):
                run = run[1:]
            while run and _is_edge(run[-1]):
                run = run[:-1]
            if not run or not any(t.is_alpha for t in run):
                continue
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            for q in self.quotations:
                if q.open < start <= q.close < end and not self.ctx.text[q.start:start].strip():
                    start = q.open  # '"Moscow ...' keeps its opening mark
                if start < q.open < end <= q.close and not self.ctx.text[end:q.close].strip(" ,.;:"):
                    end = q.close + 1  # '... basis"' keeps its closing mark
            out.append((start, end))
        return out

    def _is_split(self, tok: Token) -> bool:
        """A conjunct that is a clause of its own: "said A and that B", "A, and B said"."""
        if tok.dep_ != "conj" or tok.pos_ not in {"VERB", "AUX"}:
            return False
        return _has_that(tok) or any(c.dep_ in SUBJECT_DEPS for c in tok.children)

    def _speech_inside(self, tok: Token) -> bool:
        """A speech verb coordinated inside a clause ("..., and called it ...", "..., adding
        that ..."): its words are its own quote, not part of the clause."""
        if not self.is_speech_word(tok):
            return False
        return (
            tok.dep_ == "conj"
            or tok.lower_ in self.rules.attribution_preps  # a relaying "according to Y"
            or (tok.dep_ == "advcl" and tok.tag_ == "VBG")
            # "..., he said" is its own speech; "as it had promised" compares, inside the clause
            or (
                tok.dep_ == "advcl"
                and any(c.dep_ == "nsubj" for c in tok.children)
                and not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
            )
            or self._trailing_attribution(tok)
        )

    def _trailing_attribution(self, tok: Token) -> bool:
        """", the press service reported." closing a clause: an attribution, not its words."""
        if not any(c.dep_ == "nsubj" for c in tok.children):
            return False
        before = self.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
        after = self.doc[tok.right_edge.i + 1: tok.sent.end]
        return (before is not None and before.text in {",", "—", "–"}
                and all(t.is_punct or t.is_space for t in after))

    def _clause_units(self, head: Token, exclude: Token | None = None) -> list[list[Token]]:
        """The tokens of a reported clause: one unit for the clause, one for each conjoined
        clause of its own; coordinated speech verbs (and `exclude`) left out."""
        removed: set[int] = set()
        for t in head.subtree:
            if t.i != head.i and self._speech_inside(t):
                removed |= {x.i for x in t.subtree}
        if exclude is not None:
            removed |= {x.i for x in exclude.subtree}
        splits = [t for t in head.subtree if t.i != head.i and t.i not in removed and self._is_split(t)
                  and not self.is_speech_word(t)]
        # "said A, and B": B may be the writer's words, so it is cut off A but not quoted;
        # "said A and that B": B is said too
        for t in splits:
            if not _has_that(t):
                removed |= {x.i for x in t.subtree}
        splits = [t for t in splits if _has_that(t)]
        units = []
        for unit_head in [head, *splits]:
            others = set()
            for t in splits:
                if t.i != unit_head.i and t.i in {x.i for x in unit_head.subtree}:
                    others |= {x.i for x in t.subtree}
            tokens = [x for x in unit_head.subtree if x.i not in removed and x.i not in others]
            if tokens:
                units.append(tokens)
        return units

    def _within_speech(self, tok: Token) -> bool:
        """Is this clause a speech verb's, or inside one's reported clause?"""
        for _ in range(8):
            if tok.pos_ == "VERB" and self.is_speech_word(tok) and self.subject_of(tok) is not None:
                return True
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    def _is_own_report(self, tok: Token) -> bool:
        """A speech verb with its own subject and clause: a report of its own, not a clause."""
        return (
            "clause" in self.rules.classes_of(tok)
            and any(c.dep_ in SUBJECT_DEPS for c in tok.children)
            and any(c.dep_ == "ccomp" for c in tok.children)
        )

    def reported_units(self, verb: Token) -> list[tuple[str, list[Token]]]:
        """(rule, tokens) of each reported clause a speech word introduces."""
        rules = self.rules
        if verb.lower_ in rules.attribution_preps:
            clause = verb.head
            while clause.pos_ not in {"VERB", "AUX"} and clause.head.i != clause.i:
                clause = clause.head
            if self._within_speech(clause):
                return []  # "X said ..., according to Y": Y only relays X's words
            return [("according", u) for u in self._clause_units(clause, exclude=verb)]
        classes = rules.classes_of(verb)
        children = list(verb.children)
        units: list[tuple[str, list[Token]]] = []
        if "clause" in classes:
            units += self._clause_complements(verb, children)
        if "as" in classes:
            for c in children:
                if c.dep_ == "prep" and c.lower_ == "as":
                    tokens = [t for t in c.subtree if t.i != c.i]
                    if tokens:
                        units.append(("as", tokens))
        if "naming" in classes:
            objects = [c for c in children if c.dep_ == "dobj"]
            predicates = [c for c in children if c.dep_ == "oprd" and c.i > verb.i]
            if not objects and len(predicates) >= 2:  # "called [the duties] [a blockade]"
                objects, predicates = predicates[:1], predicates[1:]
            if objects and predicates and self._is_name(objects[0], predicates[0]):
                pass  # "which calls the region the Tskhinvali region": a name it uses, not words said
            elif objects and predicates:
                # "called the vote illegitimate and a violation of ...": coordinated complements too
                tail = [c for c in children if c.dep_ == "conj" and c.i > predicates[0].i
                        and c.pos_ in {"NOUN", "PROPN", "ADJ"}]
                last = max(t.right_edge.i for t in [*predicates, *tail])
                units.append(("naming", list(self.doc[predicates[0].left_edge.i: last + 1])))
            elif "clause" not in classes:
                for c in children:  # "called [the vote illegal]" parsed as a small clause
                    subjects = [s for s in c.children if s.dep_ in SUBJECT_DEPS]
                    if c.dep_ == "ccomp" and subjects:
                        units.append(("naming", [t for t in c.subtree if t.i > subjects[0].right_edge.i]))
        if "infinitive" in classes:
            objects = [c for c in children if c.dep_ == "dobj"]
            xcomps = [c for c in children if c.dep_ == "xcomp"]
            if objects and xcomps:
                span = self.doc[objects[0].left_edge.i: xcomps[0].right_edge.i + 1]
                units.append(("infinitive", list(span)))
        return units

    @staticmethod
    def _is_name(obj: Token, predicate: Token) -> bool:
        """Is the complement of "call" a name for the object rather than a judgement of it: a
        proper name ("calls it Artsakh") or the object's own noun with a name put to it
        ("calls the region the Tskhinvali region")? "called the vote a Kremlin stunt" judges."""
        if predicate.pos_ == "PROPN":
            return True
        return predicate.lemma_.lower() == obj.lemma_.lower() and any(
            c.text[:1].isupper() for c in predicate.children if c.dep_ in {"compound", "amod", "nmod"})

    def _clause_complements(self, verb: Token, children: list[Token]) -> list[tuple[str, list[Token]]]:
        complements: list[Token] = []
        complements_after = [c for c in children if c.dep_ == "ccomp" and c.i > verb.i]
        for c in children:
            if not (c.dep_ == "ccomp" or (c.dep_ in {"advcl", "relcl"} and _has_that(c))):
                continue
            inverted = self._inverted_clause(c)
            if inverted is not None:
                # "X said [CLAUSE, the agency reported]": the clause is X's, the agency a relay
                complements.append(inverted)
            elif c.i > verb.i and not self._is_own_report(c) and _is_clause(c):
                complements.append(c)
            elif (c.i < verb.i and self._trails(verb, c) and not self._is_relayed(verb)
                  and self._fronted_clause(c) and not any(o.i > verb.i for o in complements_after)):
                complements.append(c)  # "CLAUSE, the ministry said."
        if not complements:
            # "said in a statement that ...": the clause hangs on the prepositional object
            for prep in children:
                if prep.dep_ != "prep" or prep.i < verb.i:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        complements += [
                            c for c in obj.children if c.dep_ in {"acl", "relcl", "ccomp"} and _has_that(c)
                        ]
        units: list[tuple[str, list[Token]]] = []
        complements = sorted({c.i: c for c in complements}.values(), key=lambda c: c.i)
        for k, c in enumerate(complements):
            clause_units = self._clause_units(c)
            if k > 0 and self._glued(verb, complements[k - 1], c) and units:
                # one clause the parser broke in two ("would 'never' abandon"): glue it back
                _, previous = units.pop()
                gap = list(self.doc[previous[-1].i + 1: clause_units[0][0].i])
                clause_units[0] = [*previous, *gap, *clause_units[0]]
            units += [("clause", self._with_fronted(verb, c, u)) for u in clause_units]
        if units or any(c.dep_ in {"dobj", "ccomp", "xcomp"} for c in children):
            return units
        # "As explained by X, CLAUSE" / "CLAUSE, he said, CLAUSE": the clause the verb is set in
        as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
        if as_clause and self._within_speech(verb.head):
            return units  # "said that Russia would protect it, as it had promised": the saying's words
        inserted = verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i)
        if as_clause or inserted:
            units += [("inserted", u) for u in self._clause_units(verb.head, exclude=verb)]
        return units

    def _inverted_clause(self, tok: Token) -> Token | None:
        """The clause before a speech verb set after it ("CLAUSE, the agency reported"), if any."""
        if not self.is_speech_word(tok) or not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            return None
        if any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
            return None
        for c in tok.children:
            if c.dep_ == "ccomp" and c.i < tok.i and self._trails(tok, c) and self._fronted_clause(c):
                return c
        return None

    @staticmethod
    def _fronted_clause(clause: Token) -> bool:
        """A clause that can be reported before its verb: not "after/when/because ..." (an
        adverbial clause the parser took for a complement)."""
        return not any(c.dep_ == "mark" and c.lower_ != "that" for c in clause.children)

    def _trails(self, verb: Token, clause: Token) -> bool:
        """Is the speech verb set after the clause, past a comma ("CLAUSE, X said")?"""
        last = clause.right_edge
        while last.i > clause.i and last.is_punct:
            last = self.doc[last.i - 1]
        between = self.doc[last.i + 1: verb.i]
        return any(t.text in {",", "—", "–"} for t in between)

    def _is_relayed(self, verb: Token) -> bool:
        """A trailing speech verb inside another's clause only relays it ("X said ..., Y reported")."""
        return verb.dep_ == "ccomp" and self.is_speech_word(verb.head) and verb.head.i < verb.i

    def _glued(self, verb: Token, first: Token, second: Token) -> bool:
        """Are two complements of one verb one clause broken by the parser? Yes when only the
        verb's own modifiers and marks stand between them, no conjunction, comma or "that"."""
        between = self.doc[first.right_edge.i + 1: second.left_edge.i]
        if _has_that(second) or any(t.lower_ in {"and", "or", "but", ",", ";"} for t in between):
            return False
        return all(t.head.i == verb.i for t in between)

    def _with_fronted(self, verb: Token, clause: Token, tokens: list[Token]) -> list[Token]:
        """Words the parser hung on the verb that begin the reported clause ("said, any of ...",
        "said [Russia] would ..." with the clause's subject taken for the verb's object)."""
        takes_hearer = verb.lemma_.lower() in self.rules.hearer_verbs
        fronted = [
            c for c in verb.children
            if verb.i < c.i < clause.left_edge.i and c.ent_type_ not in {"DATE", "TIME"}
            and (c.dep_ in {"npadvmod", "nsubj", "attr"}
                 or (c.dep_ == "dobj" and not takes_hearer and not _has_that(clause)
                     and c.right_edge.i + 1 == clause.left_edge.i))
        ]
        if not fronted or tokens[0].i != clause.left_edge.i:
            return tokens
        start = min(t.i for f in fronted for t in f.subtree)
        return [*self.doc[start:clause.left_edge.i], *tokens]


def extract_quotes(ctx: ExtractionContext, rules: QuoteRules | None = None) -> list[Quote]:
    """Every direct and reported quote of one document, in text order."""
    return QuoteExtractor(ctx, rules or load_quote_rules()).run()


__all__ = [
    "Quotation",
    "QuoteExtractor",
    "QuoteRules",
    "Speaker",
    "extract_quotes",
    "find_quotations",
    "load_quote_rules",
    "paragraphs_of",
]
