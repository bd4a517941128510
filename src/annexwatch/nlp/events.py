"""Events: who did what to whom, when — from the dependency parse and the pack's triggers.

For every trigger (a verb or a nominalisation listed in pack/events.yaml) the extractor
finds the actors in the trigger's argument slots (subject, passive agent, object,
possessor, modifiers, prepositional objects), resolves the date from the trigger's own
clause, judges modality (negated, hypothetical, future), and cites the clause. Mentions
of the same event in one document are then merged into one event with several spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annexwatch.models import ActorMention, DateInterval, Event, Evidence
from annexwatch.nlp.quotes import load_quote_rules
from annexwatch.pack import PACK_DIR, load_territories, load_yaml

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from annexwatch.nlp.context import ExtractionContext
    from annexwatch.nlp.timex import Timex

RULE_VERSION = "events.v1"

# Dependency labels of clauses that are separate from the one containing a trigger.
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "xcomp", "acl", "pcomp", "parataxis", "csubj"}
# Modal and auxiliary cues of modality (closed-class words, not domain knowledge).
FUTURE_AUX = {"will", "shall", "'ll"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "must"}
CALL_VERBS = {"urge", "call", "demand", "ask", "appeal", "want", "seek", "insist", "press", "propose"}
FUTURE_VERBS = {
    "plan",
    "intend",
    "prepare",
    "aim",
    "expect",
    "schedule",
    "set",
    "threaten",
    "promise",
    "pledge",
}
NEGATIONS = {"not", "n't", "never", "no"}
PARTITIVES = {"part", "some", "much", "most", "all", "half", "portion", "share", "bulk", "rest", "parts"}
FUTURE_PREDICATES = {"due", "upcoming", "forthcoming", "planned", "proposed", "expected", "slated", "future"}
PERSONAL_PRONOUNS = {"he", "she", "him", "her"}
POSSESSIVE_PRONOUNS = {"its", "their"}  # of a state or a body
PART_VERBS = {"become", "make", "join", "remain"}  # "become part of Russia"
GROUP_PRONOUNS = {"it", "they", "we"}  # a state or a body, as a clause subject
TIME_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL"}
QUANTIFIERS = {"any", "every", "all", "each", "no"}
REACTIONS = {"condemn", "endorse"}
# acts by which a territory comes into being, or votes on it: they precede its proclamation
TERRITORY_OWN_ACTS = {"declare_independence", "hold_referendum", "announce_accession", "election"}
BALLOT_EVENTS = {"hold_referendum", "election"}  # what "the vote" refers back to first
REFUSAL_VERBS = {"refuse", "decline", "fail", "resist", "hesitate"}
# nouns of asking: what they ask for is not done ("calls to recognise", "a demand that X sign")
CALL_NOUNS = {
    "call",
    "demand",
    "appeal",
    "request",
    "proposal",
    "bid",
    "attempt",
    "offer",
    "pressure",
    "ultimatum",
}
# verbs whose object event is planned (or called off) rather than done
PLANNING_VERBS = {
    "schedule",
    "plan",
    "set",
    "fix",
    "call",
    "announce",
    "propose",
    "postpone",
    "suspend",
    "cancel",
    "delay",
}
DATE_KINDS = {"date"}
# a closing quote or bracket -> its opening mark
CLOSERS = {"”": "“", "’": "‘", ")": "(", "»": "«"}
AGREEMENT_KEY_STOP = {
    "the",
    "a",
    "an",
    "on",
    "of",
    "and",
    "new",
    "so-called",
    "called",
    "treaty",
    "treaties",
    "agreement",
    "agreements",
    "document",  # what an agreement is called on second mention, not what tells it apart
    "documents",
    "statement",
    "joint",
    "this",
    "bilateral",
    "historic",
    "landmark",
    "latest",
    "first",
    "second",
    "final",
}


@dataclass(frozen=True)
class EventRule:
    type: str
    verbs: frozenset[str]
    nouns: frozenset[str]
    object_class: str | None
    roles: dict[str, list[str]]
    target_kinds: str | None
    source_kinds: str | None = None
    free_verbs: frozenset[str] = frozenset()
    verb_particles: dict[str, str | list[str]] = field(default_factory=dict)
    counterpart: str | None = None
    target_optional: bool = False
    naming_verbs: frozenset[str] = frozenset()
    naming_class: str = "disapproval"
    stative_is_state: bool = False
    dated_by_statement: bool = False
    verb_objects: dict[str, str] = field(default_factory=dict)  # a verb's own object class
    subject_verbs: frozenset[str] = frozenset()  # verbs whose subject is of the object class
    noun_modifiers: dict[str, frozenset[str]] = field(default_factory=dict)  # "the second round"
    noun_governors: dict[str, frozenset[str]] = field(default_factory=dict)  # "made X part of Y"
    year_nouns: frozenset[str] = frozenset()  # "the 2019 budget, of which ...": the money's year
    process_modifiers: frozenset[str] = frozenset()  # "a creeping annexation": a process, no act
    aim_verbs: frozenset[str] = frozenset()  # "announced that X would join Russia": no object needed
    aim_class: str | None = None  # the words of the aim in the complement
    territory_verbs: frozenset[str] = frozenset()  # "X was proclaimed": the territory is the object
    verb_subjects: dict[str, str] = field(default_factory=dict)  # "crowds stormed": whose verb it is
    not_subjects: str | None = None  # a class of subjects that never make this event


@dataclass
class EventRules:
    rules: dict[str, EventRule]
    word_classes: dict[str, frozenset[str]]
    verb_index: dict[str, list[EventRule]] = field(default_factory=dict)
    noun_index: dict[str, list[EventRule]] = field(default_factory=dict)
    naming_index: dict[str, list[EventRule]] = field(default_factory=dict)

    @property
    def governed_nouns(self) -> set[str]:
        """Trigger nouns that name an event only with a verb of making ("part")."""
        return {word for rule in self.rules.values() for word in rule.noun_governors}

    def __post_init__(self) -> None:
        for rule in self.rules.values():
            for v in rule.naming_verbs:
                self.naming_index.setdefault(v, []).append(rule)
            for v in rule.verbs:
                self.verb_index.setdefault(v, []).append(rule)
            for n in rule.nouns:
                self.noun_index.setdefault(n, []).append(rule)


@lru_cache(maxsize=2)
def load_event_rules(pack_dir: Path = PACK_DIR) -> EventRules:
    raw = load_yaml("events.yaml", pack_dir)
    classes = {k: frozenset(v) for k, v in raw["word_classes"].items()}
    rules = {
        name: EventRule(
            type=name,
            verbs=frozenset(spec.get("verbs", [])),
            nouns=frozenset(spec.get("nouns", [])),
            object_class=spec.get("object"),
            roles={k: list(v or []) for k, v in spec.get("roles", {}).items()},
            target_kinds=spec.get("target_kinds"),
            source_kinds=spec.get("source_kinds"),
            free_verbs=frozenset(spec.get("free_verbs", [])),
            verb_particles=dict(spec.get("verb_particles", {})),
            counterpart=spec.get("counterpart"),
            target_optional=bool(spec.get("target_optional", False)),
            naming_verbs=frozenset(spec.get("naming_verbs", [])),
            naming_class=spec.get("naming_class", "disapproval"),
            stative_is_state=bool(spec.get("stative_is_state", False)),
            dated_by_statement=bool(spec.get("dated_by_statement", False)),
            verb_objects=dict(spec.get("verb_objects", {})),
            subject_verbs=frozenset(spec.get("subject_verbs", [])),
            noun_modifiers={k: frozenset(v) for k, v in spec.get("noun_modifiers", {}).items()},
            noun_governors={k: frozenset(v) for k, v in spec.get("noun_governors", {}).items()},
            year_nouns=frozenset(spec.get("year_nouns", [])),
            process_modifiers=frozenset(spec.get("process_modifiers", [])),
            aim_verbs=frozenset(spec.get("aim_verbs", [])),
            aim_class=spec.get("aim_class"),
            territory_verbs=frozenset(spec.get("territory_verbs", [])),
            verb_subjects=dict(spec.get("verb_subjects", {})),
            not_subjects=spec.get("not_subjects"),
        )
        for name, spec in raw["event_types"].items()
    }
    return EventRules(rules=rules, word_classes=classes)


@lru_cache(maxsize=2)
def news_verbs(pack_dir: Path = PACK_DIR) -> frozenset[str]:
    """Lemmas of the verbs that report an event of the vocabulary ("sign", "recognise")."""
    return frozenset(v for rule in load_event_rules(pack_dir).rules.values() for v in rule.verbs)


# ---------------------------------------------------------------------------------------
# One mention of an event, before merging
# ---------------------------------------------------------------------------------------
@dataclass
class EventMention:
    type: str
    trigger: Token
    source: list[str]
    target: list[str]
    parties: list[str]
    persons: list[str]
    date: DateInterval | None
    date_text: str | None
    date_conflict: str | None
    modality: str
    evidence: Evidence
    agreement: str | None
    rule: str
    party_groups: list[list[str]] | None = None  # separate bilateral events ("treaties with A and B")
    after: DateInterval | None = None  # a reaction comes after the act it reacts to
    perfect: bool = False  # told in the present perfect ("has withdrawn"): recent at publication
    signed_by: int | None = None  # the verb signing the agreement that does this act, undated here


class _DocState:
    """What the extractor remembers while reading a document from the top."""

    def __init__(self) -> None:
        self.last_agreement_parties: list[str] = []
        self.last_territory_group: list[str] = []
        self.last_leader_group: list[str] = []  # actors of the last people named together
        self.mentions: list[EventMention] = []
        # a date that sets the scene for the next sentence ("Last Friday, 12 June, was a
        # busy day for the minister. First, she signed ..."): the timex and where its sentence ended
        self.scene: tuple[Timex, int] | None = None
        self.reference_date: DateInterval | None = None  # of the act a reaction refers to

    def date_of(self, mention: EventMention) -> DateInterval | None:
        """The date of an event as told so far: the mention's own, else that of an earlier
        mention of it ("signed on Wednesday ... The document was signed by ...")."""
        if mention.date is not None:
            return mention.date
        same = (mention.type, mention.parties, mention.source)
        for m in reversed(self.mentions):
            if (m.type, m.parties, m.source) == same and m.date is not None:
                return m.date
        return None

    def last_event_of(self, types: set[str], directed: bool = False) -> EventMention | None:
        """The last mention of one of these types (with a source, if `directed`)."""
        for m in reversed(self.mentions):
            if m.type in types and (m.source or not directed):
                return m
        return None


# ---------------------------------------------------------------------------------------
# Actors of a noun phrase
# ---------------------------------------------------------------------------------------
def _is_de_facto(code: str) -> bool:
    return code.startswith("X")


def _mention_of_token(ctx: ExtractionContext, tok: Token) -> ActorMention | None:
    return ctx.mention_at(tok.idx, tok.idx + len(tok.text))


PLURAL_DETERMINERS = {"two", "these", "both", "those", "the", "three", "all"}
COUNT_WORDS = {"two": 2, "both": 2, "three": 3}


def _plural_territory_anaphor(
    tok: Token, rules: EventRules, state: _DocState, ctx: ExtractionContext | None = None
) -> list[str]:
    """'the two regions', 'these separatist enclaves', 'both republics' -> the last group of
    territories; 'the two leaders', 'both presidents' -> the actors of the last group of
    leaders named together."""
    if tok.tag_ not in {"NNS", "NNPS"}:
        return []
    if tok.lower_ in rules.word_classes["territory_nouns"]:
        group = state.last_territory_group
    elif tok.lower_ in rules.word_classes["leader_nouns"]:
        group = state.last_leader_group
    elif tok.lower_ in rules.word_classes["side_nouns"] and ctx is not None:
        group = _territory_and_patron(ctx, tok)  # "the two sides signed": the territory and its patron
    elif tok.lower_ in rules.word_classes.get("country_nouns", frozenset()) and ctx is not None:
        group = _last_states_named(ctx, tok, 2)  # "relations between the two countries"
    else:
        return []
    determiners = {c.lower_ for c in tok.children if c.dep_ in {"det", "nummod", "predet", "amod"}}
    counts = {COUNT_WORDS[d] for d in determiners if d in COUNT_WORDS}
    if counts and len(group) not in counts and ctx is not None:
        # "Putin and the two leaders": the leaders are the others of the group
        named = {m.actor for m in ctx.mentions_in(tok.sent.start_char, tok.idx)}
        group = [a for a in group if a not in named]
    if counts and len(group) not in counts:
        return []  # "the two leaders" after three were named: not that group
    if determiners & PLURAL_DETERMINERS and len(group) >= 2:
        return list(group)
    return []


def _last_states_named(ctx: ExtractionContext, tok: Token, count: int) -> list[str]:
    """The last `count` states named before a token, in its sentence and the one before
    ("Vanuatu no longer recognises Abkhazia. Envoys visiting Georgia signed a memorandum on
    relations between the two countries": Georgia and Vanuatu)."""
    sentences = ctx.sentences
    k = next((i for i, sent in enumerate(sentences) if sent.start <= tok.i < sent.end), 0)
    start = sentences[max(k - 1, 0)].start_char
    found: list[str] = []
    for mention in reversed(ctx.mentions_in(start, tok.idx)):
        if not _is_de_facto(mention.actor) and mention.actor not in found:
            found.append(mention.actor)
        if len(found) == count:
            return found
    return []


def _territory_and_patron(ctx: ExtractionContext, tok: Token) -> list[str]:
    territories = load_territories()
    focus = ctx.focus_territory(tok.idx)
    return [focus, territories[focus].patron] if focus in territories else []


def np_actors(
    ctx: ExtractionContext,
    tok: Token,
    rules: EventRules,
    state: _DocState,
    persons: list[str] | None = None,
    depth: int = 0,
) -> list[str]:
    """Actors a noun phrase headed by `tok` refers to (conjuncts included).

    A named actor in the head wins ("South Ossetia"); otherwise the phrase's owner:
    possessor, adjective/compound, then "of"/"by" objects ("the decision of Russia").
    """
    if depth > 4:
        return []
    out: list[str] = []
    mention = _mention_of_token(ctx, tok)
    if mention is None and tok.pos_ == "PRON" and tok.lower_ in PERSONAL_PRONOUNS:
        # an object pronoun is not its own clause's subject ("Putin congratulated him")
        subjects = _children(tok.head, "nsubj") if tok.dep_ in {"dobj", "pobj", "iobj"} else []
        skip = (subjects[0].left_edge.idx, subjects[0].right_edge.idx + 1) if subjects else None
        mention = _last_person_before(ctx, tok.idx, skip)
    if mention is None and tok.dep_ == "poss" and tok.lower_ in POSSESSIVE_PRONOUNS:
        # "Russia's recognition ..., days after its war": whose is the subject of its clause
        verb = _governing_verb(tok)
        subjects = [s for group in _verb_subjects(verb) for s in group] if verb is not None else []
        for subject in subjects[:1]:
            out.extend(np_actors(ctx, subject, rules, state, persons, depth + 1))
    if mention is None and tok.pos_ == "PRON" and tok.lower_ in GROUP_PRONOUNS and tok.dep_ == "nsubj":
        return _unique(_subject_pronoun_actors(ctx, tok, rules, state, persons, depth))
    if mention is not None:
        out.append(mention.actor)
        if persons is not None and mention.person:
            persons.append(mention.person)
        for child in tok.children:  # "the Russia-Georgia war": a hyphenated pair of names
            if child.dep_ == "compound" and child.i < mention_start_token(ctx, tok, mention):
                out.extend(np_actors(ctx, child, rules, state, persons, depth + 1))
    else:
        out.extend(_plural_territory_anaphor(tok, rules, state, ctx))
        if not out and _definite_territory_noun(tok, rules):
            focus = ctx.focus_territory(tok.idx)  # "representatives of the enclave": the one in view
            out.extend([focus] if focus else [])
        if not out and tok.lemma_.lower() in rules.word_classes["territory_nouns"]:
            # "Moldova's breakaway region of Transnistria": the territory, not its parent
            for pobj in _prep_objects(tok, "of"):
                found = np_actors(ctx, pobj, rules, state, persons, depth + 1)
                out.extend(a for a in found if _is_de_facto(a))
        if not out:
            for child in tok.children:
                if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                    out.extend(np_actors(ctx, child, rules, state, persons, depth + 1))
        if not out:  # "the two leaders, A and B": the apposition names them
            for child in tok.children:
                if child.dep_ == "appos":
                    out.extend(np_actors(ctx, child, rules, state, persons, depth + 1))
        if not out:  # "duties imposed by Moldova": the agent of a participle describing the noun
            for child in tok.children:
                if child.dep_ == "acl":
                    for agent in _prep_objects(child, "by"):
                        out.extend(np_actors(ctx, agent, rules, state, persons, depth + 1))
        if not out:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in {"of", "by", "from"}:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            out.extend(np_actors(ctx, pobj, rules, state, persons, depth + 1))
    for child in tok.children:
        if child.dep_ == "conj":
            out.extend(np_actors(ctx, child, rules, state, persons, depth + 1))
        elif (
            child.dep_ == "appos"
        ):  # "the leader, Eduard Kokoity, and the Abkhaz leader": the list hangs on the apposition
            for grandchild in child.children:
                if grandchild.dep_ == "conj":
                    out.extend(np_actors(ctx, grandchild, rules, state, persons, depth + 1))
    return _unique(out)


def _definite_territory_noun(tok: Token, rules: EventRules) -> bool:
    """'the enclave', 'the republic', 'this region': a singular definite territory noun with
    nothing that names another place (not "the Georgian region of X", not "the wider region")."""
    if tok.tag_ != "NN" or tok.lower_ not in rules.word_classes["territory_nouns"]:
        return False
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this"} for c in tok.children):
        return False
    breakaway = rules.word_classes["breakaway"]
    # "the breakaway Georgian region": the parent's adjective does not make it the parent
    if any(breakaway & {c.lower_, _hyphenated(c)} for c in tok.children):
        return True
    return all(c.dep_ in {"det", "punct"} for c in tok.children)


def _subject_pronoun_actors(
    ctx: ExtractionContext,
    tok: Token,
    rules: EventRules,
    state: _DocState,
    persons: list[str] | None,
    depth: int,
) -> list[str]:
    """'The EU leaders said that they condemn X': the subject of the clause reporting it;
    'Moscow was displeased. It then suspended aid': the subject of the sentence before."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ == "ccomp" and verb.head.pos_ in {"VERB", "AUX"}:
        reporters = _children(verb.head, "nsubj")
        return [a for r in reporters for a in np_actors(ctx, r, rules, state, persons, depth + 1)]
    if tok.lower_ != "it" or verb.dep_ != "ROOT":
        return []
    sentences = ctx.sentences
    k = next((i for i, s in enumerate(sentences) if s.start == tok.sent.start), 0)
    if k == 0:
        return []
    previous = sentences[k - 1].root
    subjects = _children(previous, "nsubj")
    found = [a for r in subjects for a in np_actors(ctx, r, rules, state, persons, depth + 1)]
    return found if len(found) == 1 else []


def _describes_territory(ctx: ExtractionContext, mention: ActorMention, rules: EventRules) -> bool:
    """'Georgia's breakaway region', 'a separatist enclave of Georgia': a state named only to
    say whose territory a region is."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    nouns = rules.word_classes["territory_nouns"]
    if tok.dep_ in {"poss", "amod", "compound"} and tok.head.lemma_.lower() in nouns:
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in nouns


def mention_start_token(ctx: ExtractionContext, tok: Token, mention: ActorMention) -> int:
    """Index of the first token of a mention that covers `tok`."""
    span = ctx.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.start if span is not None else tok.i


def _last_person_before(
    ctx: ExtractionContext, offset: int, skip: tuple[int, int] | None = None
) -> ActorMention | None:
    """'he signed': the last person named before the pronoun (within the document), outside
    `skip` (for 'Putin congratulated him', the subject of the pronoun's own clause)."""
    for m in reversed(ctx.mentions_in(0, offset)):
        if m.person and not (skip is not None and skip[0] <= m.start < skip[1]):
            return m
    return None


def _drop_described_parents(actors: list[str]) -> list[str]:
    """'a pact between Turkey and Northern Cyprus, the island's north claimed by Cyprus': when a
    territory and its patron are both parties, its parent state named beside them only
    describes the territory."""
    territories = load_territories()
    drop = {
        territories[a].parent
        for a in actors
        if a in territories
        and territories[a].patron in actors
        and territories[a].parent != territories[a].patron
    }
    return [a for a in actors if a not in drop]


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------------------------------
# Argument slots of a trigger
# ---------------------------------------------------------------------------------------
def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _verb_subjects(verb: Token) -> tuple[list[Token], list[Token]]:
    """(active subjects, passive subjects) of a verb, inherited through coordination and relative clauses."""
    active = _real_subjects(verb, "nsubj")
    passive = _real_subjects(verb, "nsubjpass")
    head = verb
    # "signed ... and ratified by ...": a conjoined verb shares its first conjunct's subject
    while not active and not passive and head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
        active = _real_subjects(head, "nsubj")
        passive = _real_subjects(head, "nsubjpass")
    # "the republic, proclaimed in 1990 and recognised by Russia": a passive conjunct with its
    # own "by" agent shares what its first conjunct is said of, as the thing acted on
    if head.i != verb.i and verb.tag_ == "VBN" and _prep_objects(verb, "by"):
        active, passive = [], active + passive
    # "the agreement, which was signed": the relative pronoun stands for the head noun
    if head.dep_ == "relcl":
        antecedents = relative_antecedents(head)
        active = [a for t in active for a in (antecedents if _relative_pronoun(t) else [t])]
        passive = [a for t in passive for a in (antecedents if _relative_pronoun(t) else [t])]
    # "Tuvalu's decision to recognise X": the infinitive's subject is the noun's possessor
    # ("the republic, proclaimed in 1991 and recognised by Russia": so for each conjunct)
    acl = head if head.dep_ == "acl" else verb
    if not active and not passive and acl.dep_ == "acl":
        active = _children(acl.head, "poss")
        if not active and verb.tag_ == "VBG":
            # "adopted a declaration (to X) condemning ...": whoever did the governing act
            governor = _governing_verb(acl.head)
            active = _verb_subjects(governor)[0] if governor is not None else []
        if not active and verb.tag_ == "VBN":
            # "duties imposed by Moldova": the noun is what was acted on, "by" names the doer
            passive = [acl.head]
    # "it suspended aid, before agreeing to send power": a participle adjunct shares the main subject
    if not active and not passive and verb.tag_ == "VBG" and verb.dep_ in {"advcl", "pcomp"}:
        governor = _governing_verb(verb)
        if governor is not None:
            active, passive = _verb_subjects(governor)
    if not active and not passive and verb.dep_ == "ROOT":
        active = _stranded_subject(verb)
    # "urges Russia to reverse": an open complement's subject is its governor's object, if any,
    # else its governor's subject ("decided to create")
    if not active and not passive and (verb.dep_ == "xcomp" or _infinitive_adjunct(verb)):
        # "calls on Nicaragua to withdraw": the one called on
        active = (
            _children(verb.head, "dobj")
            or _prep_objects(verb.head, "on")
            or _verb_subjects(verb.head)[0]  # "Nauru became the fourth state to recognise X"
            or (_verb_subjects(verb.head)[0] if verb.head.tag_ == "VBG" else [])  # "before agreeing to send"
        )
    return active, passive


TIME_NOUNS = {"morning", "evening", "night", "afternoon", "day", "week", "month", "year", "weekend"}


def _real_subjects(verb: Token, dep: str) -> list[Token]:
    """Subjects of a verb, less a time the parser took for one ("and, that same evening, signed")."""
    return [s for s in _children(verb, dep) if s.lemma_.lower() not in TIME_NOUNS]


def _stranded_subject(verb: Token) -> list[Token]:
    """'On 30 May, in the Kremlin, Putin and the two leaders signed', 'On 17 May Medvedev and X
    signed': the parser often swallows the subject into the opening phrase, as its object or
    a conjunct of it. A tensed verb with no subject then takes the names found there."""
    # "Nauru and Abkhazia have signed": a name before the verb, parsed as its adverb
    tensed = verb.tag_ in {"VBD", "VBZ", "VBP"} or (verb.tag_ == "VBN" and bool(_children(verb, "aux")))
    for left in verb.lefts:
        name = left.pos_ == "PROPN" and left.ent_type_ not in TIME_ENTS
        if tensed and name and left.dep_ in {"advmod", "npadvmod"}:
            return [left]
    if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return []
    for prep in _children(verb, "prep"):
        if prep.i > verb.i:
            continue
        for pobj in _children(prep, "pobj"):
            if pobj.pos_ == "PROPN" and pobj.ent_type_ not in TIME_ENTS and _children(pobj, "conj"):
                return [pobj]  # "On 17 May Medvedev and X ...": the object itself is a name
            # "in a hall of the Kremlin, Putin and ...": the first conjunct after the comma
            commas = [t.i for t in prep.subtree if t.text == "," and t.i > pobj.i]
            if not commas:
                continue
            after = [t for t in prep.subtree if t.dep_ == "conj" and t.head.i < commas[0] < t.i]
            if after:
                return after[:1]
    return []


def _relative_pronoun(tok: Token) -> bool:
    """'which', 'who', or 'that' opening a relative clause (the tagger calls 'that' a conjunction)."""
    return tok.tag_ in {"WDT", "WP"} or (tok.lower_ == "that" and tok.head.dep_ == "relcl")


def relative_antecedents(relcl: Token) -> list[Token]:
    """What a relative pronoun stands for: the noun the clause hangs on, and, when that noun
    sits inside a prepositional phrase ("the agreement between Russia and X, which ..."),
    the noun that phrase belongs to, since the parser often attaches the clause too low."""
    out = [relcl.head]
    cur = relcl.head
    for _ in range(6):
        if cur.dep_ not in {"pobj", "prep", "conj", "compound", "appos"} or cur.head.i == cur.i:
            break
        cur = cur.head
        if _is_nominal(cur) and cur.dep_ not in {"pobj", "compound"}:
            out.append(cur)
            break
    return out


def _is_nominal(tok: Token) -> bool:
    """A noun, or the pro-form 'one' ("the one with Abkhazia")."""
    return tok.pos_ in {"NOUN", "PROPN"} or tok.lower_ == "one"


def _infinitive_complement(verb: Token) -> bool:
    """'agreed to send', 'decided to recognise': an infinitive completing a verb of deciding."""
    is_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return (
        verb.pos_ == "VERB"
        and is_infinitive
        and verb.head.pos_ == "VERB"
        and (verb.dep_ == "xcomp" or _infinitive_adjunct(verb))
    )


def _infinitive_adjunct(verb: Token) -> bool:
    """'calls on X to withdraw': an infinitive the parser hangs on its governor as an adjunct."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _verb_objects(verb: Token) -> list[Token]:
    objects = _children(verb, "dobj", "attr", "oprd")
    if verb.dep_ == "relcl":
        # "which Moscow signed with ...": the relative pronoun object is the head noun
        pronoun_object = [o for o in objects if _relative_pronoun(o)]
        if pronoun_object or (not objects and not _children(verb, "nsubjpass") and _children(verb, "nsubj")):
            objects = [o for o in objects if not _relative_pronoun(o)] + relative_antecedents(verb)
    if not objects and verb.dep_ == "conj":
        objects = [o for o in _verb_objects(verb.head) if o.i > verb.i]
    return objects


def _prep_objects(tok: Token, word: str) -> list[Token]:
    """Objects of a preposition on `tok`, or on its particle ("broke away from Moldova")."""
    out = []
    heads = [tok, *(c for c in tok.children if c.dep_ in {"prt", "advmod"} and c.pos_ in {"ADP", "ADV"})]
    for head in heads:
        for prep in head.children:
            if prep.dep_ in {"prep", "agent"} and prep.lower_ == word:
                out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


@dataclass
class Slots:
    subj: list[Token] = field(default_factory=list)
    agent: list[Token] = field(default_factory=list)
    obj: list[Token] = field(default_factory=list)
    poss: list[Token] = field(default_factory=list)
    mod: list[Token] = field(default_factory=list)
    host: Token | None = None  # the token whose clause we cite and date


def verb_slots(verb: Token) -> Slots:
    active, passive = _verb_subjects(verb)
    slots = Slots(host=verb)
    if passive:
        slots.obj = passive + _verb_objects(verb)
        slots.agent = _prep_objects(verb, "by")
    else:
        slots.subj = active
        slots.obj = _verb_objects(verb)
    return slots


def noun_slots(noun: Token) -> Slots:
    slots = Slots(host=noun)
    slots.poss = _children(noun, "poss")
    slots.mod = _children(noun, "amod", "compound", "nmod")
    slots.agent = _prep_objects(noun, "by")
    # "a ceasefire signed by the presidents of A and B": the agent of a participle on the noun
    mediation = load_event_rules().word_classes.get("mediation_verbs", frozenset())
    for participle in _children(noun, "acl"):
        # "a ceasefire brokered by Russia": the broker is a third party, not a side
        if participle.tag_ == "VBN" and participle.lemma_.lower() not in mediation:
            slots.agent += _prep_objects(participle, "by")
    slots.obj = _prep_objects(noun, "of")
    return slots


# ---------------------------------------------------------------------------------------
# Modality, clause, date
# ---------------------------------------------------------------------------------------
def modality_of(tok: Token) -> str:
    """asserted | negated | hypothetical | future, from the trigger's own auxiliaries and governors."""
    verb = tok if tok.pos_ in {"VERB", "AUX"} else _governing_verb(tok)
    if verb is not tok and any(c.dep_ == "amod" and c.lower_ in FUTURE_PREDICATES for c in tok.children):
        return "future"  # "the upcoming elections"
    if verb is None:
        return "asserted"
    if verb.i != tok.i and verb.lemma_.lower() in PLANNING_VERBS:
        return "future"  # "scheduled the referendum", "suspended the vote": planned, not held
    chain = [verb]
    while chain[-1].dep_ == "conj" and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    aux = {c.lower_ for v in chain for c in v.children if c.dep_ in {"aux", "auxpass"}}
    negated = any(
        c.dep_ == "neg" or c.lower_ in NEGATIONS for v in chain for c in v.children if c.dep_ == "neg"
    )
    # "no longer recognises X", "has not ... any more": it did, and does no more
    negated = negated or any(
        c.dep_ == "advmod" and c.lower_ in {"longer", "more"} and any(g.lower_ == "no" for g in c.children)
        for v in chain
        for c in v.children
    )
    # "not even Armenia has recognised it": a negated subject
    subjects = [arg for v in chain for arg in v.children if arg.dep_ in {"nsubj", "nsubjpass"}]
    negated = negated or any(n.dep_ == "neg" for arg in subjects for n in arg.children)
    # "no date has been set", "no state has recognised it": a negated argument
    negated = negated or any(
        d.lower_ == "no" and d.dep_ == "det"
        for v in chain
        for arg in v.children
        if arg.dep_ in {"nsubj", "nsubjpass", "dobj"}
        for d in arg.children
    )
    # "did not recognise X until 2008" states that it did, in 2008
    until = any(c.lower_ == "until" for c in verb.subtree)
    if negated and not until and not _presupposed(tok):
        return "negated"
    if aux & FUTURE_AUX:
        return "future"
    # "elections are due in June": ahead, not held
    if any(c.dep_ in {"acomp", "xcomp"} and c.lower_ in FUTURE_PREDICATES for c in verb.children):
        return "future"
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in verb.children):
        return "hypothetical"
    # "urges Russia to reverse", "plans to sign": the event is called for or planned, not done
    governor = verb.head if verb.dep_ in {"xcomp", "ccomp", "acl"} or _infinitive_adjunct(verb) else None
    if governor is not None and governor.i != verb.i:
        if governor.lemma_ in REFUSAL_VERBS:
            return "negated"  # "refused to recognise", "declined to sign"
        if governor.lemma_ in CALL_VERBS or governor.lemma_.lower() in CALL_NOUNS:
            return "hypothetical"  # "calls to recognise", "Moscow's demand that Minsk recognise"
        if governor.lemma_ in FUTURE_VERBS or (governor.lemma_ == "be" and verb.dep_ == "xcomp"):
            return "future"
    return "asserted"


def _presupposed(tok: Token) -> bool:
    """'No candidate won in the first round', 'nobody was hurt during the clashes': an event
    named as the setting of a clause happened, whatever the clause denies."""
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ in SETTING_PREPS


def _governing_verb(tok: Token) -> Token | None:
    cur = tok
    for _ in range(8):
        if cur.head.i == cur.i:
            return cur if cur.pos_ in {"VERB", "AUX"} else None
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            return cur
    return None


def clause_tokens(host: Token) -> list[Token]:
    """The host's clause: its subtree without nested clauses or conjoined verbs of their own."""
    cut = {
        c.i
        for c in host.children
        if c.dep_ in CLAUSE_DEPS - {"xcomp"} or (c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"})
    }
    tokens: list[Token] = []
    for t in host.subtree:
        anc = t
        inside = True
        while anc.i != host.i:
            if anc.i in cut:
                inside = False
                break
            anc = anc.head
        if inside:
            tokens.append(t)
    return tokens


def clause_span(ctx: ExtractionContext, host: Token, extra: list[Token]) -> Evidence:
    tokens = clause_tokens(host) + extra
    # "broke away from Moldova as the Soviet Union collapsed": a clause telling when is cited too
    for clause in _children(host, "advcl"):
        if any(c.dep_ == "mark" and c.lower_ in TEMPORAL_MARKS for c in clause.children):
            tokens += list(clause.subtree)
    if host.dep_ == "pcomp" or (host.dep_ == "pobj" and host.pos_ in {"NOUN", "PROPN"}):
        tokens.append(host.head)  # "after beating X", "in Sunday's referendum": with the preposition
    if host.dep_ == "acl" and host.tag_ == "VBN" and host.head.i < host.i:
        tokens += _described_phrase(host.head)  # "drones supplied by Turkey": what was supplied
    if host.dep_ == "relcl":
        tokens += [c for c in host.children if _relative_pronoun(c)]
        # "the referendum on joining Russia that X had called": cite what the clause is about
        tokens += [t for t in host.head.subtree if t.i < host.left_edge.i and t.i >= host.head.left_edge.i]
    sent = host.sent
    tokens = sorted({t.i: t for t in tokens if sent.start <= t.i < sent.end}.values(), key=lambda t: t.i)
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space or tokens[0].dep_ == "cc"):
        tokens.pop(0)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # keep a trailing closing quote or bracket that belongs with the phrase: 'called it a "sham"'
    if _opened_inside(ctx.text, start, end):
        end += 1
    return Evidence.of(ctx.text, start, end)


def _described_phrase(noun: Token) -> list[Token]:
    """The noun phrase a participle describes, as a reader cites it: "trade duties (imposed by
    Moldova)", "under a separate accord (signed last April)", "a treaty on alliance and
    integration (signed in March 2015)", where the parser hangs the participle on the last noun."""
    head = noun
    # "a treaty on [alliance and integration]": up to the noun the "on"/"of" phrase completes
    while head.dep_ in {"pobj", "conj"} and head.head.i != head.i:
        up = head.head
        if head.dep_ == "pobj" and up.dep_ == "prep" and up.lower_ in {"on", "of"} and up.head.pos_ == "NOUN":
            head = up.head
        elif head.dep_ == "conj" and up.pos_ in {"NOUN", "PROPN"}:
            head = up
        else:
            break
    tokens = [head, *(t for c in head.lefts for t in c.subtree)]
    tokens += [t for t in head.subtree if head.i < t.i <= noun.i]
    if head.dep_ == "pobj" and head.head.i < head.i:
        tokens.append(head.head)  # "under a separate accord"
    return tokens


def _opened_inside(text: str, start: int, end: int) -> bool:
    """The mark right after text[start:end] closes a quote or bracket opened inside it."""
    mark = text[end : end + 1]
    if mark == '"':
        return text.count('"', start, end) % 2 == 1
    opening = CLOSERS.get(mark)
    return opening is not None and text.count(opening, start, end) > text.count(mark, start, end)


def _owner(tok: Token, triggers: set[int]) -> Token | None:
    """The nearest trigger or verb governing a token (itself excluded).

    A date that modifies a noun directly ("Tuvalu's 2011 decision", "the 2008 war") belongs
    to that noun, not to the verb above it.
    """
    cur = tok
    for _ in range(12):
        if cur.head.i == cur.i:
            return cur
        edge = cur.dep_
        cur = cur.head
        if cur.i in triggers or cur.pos_ in {"VERB", "AUX"}:
            return cur
        if cur.pos_ in {"NOUN", "PROPN"} and edge in {"nummod", "compound", "amod", "npadvmod"}:
            if _glued_to_name(cur):
                continue  # "On 17 May Medvedev signed": the parser glued the date to the subject
            return cur
    return None


def _glued_to_name(noun: Token) -> bool:
    """'On 9 June Russia and X signed': a name the parser glued to an opening 'On <date>'."""
    first = noun.sent[0]
    return noun.pos_ == "PROPN" and first.pos_ == "ADP" and noun.left_edge.i <= first.i + 1


def _negated_until(host: Token) -> bool:
    """'did not recognise X until 2008': the 'until' date is when it happened."""
    verb = host if host.pos_ in {"VERB", "AUX"} else _governing_verb(host)
    return verb is not None and any(c.dep_ == "neg" for c in verb.children)


def choose_date(ctx: ExtractionContext, host: Token, triggers: set[int]) -> tuple[Timex | None, str]:
    """The timex that dates the event: its own clause first, then its sentence when unambiguous."""
    sent = host.sent
    # "after the five-day war": a named period is its own war's date, whatever places it
    for timex in ctx.timexes_in(sent.start_char, sent.end_char):
        if timex.anchor == "history" and timex.interval and timex.start <= host.idx < timex.end:
            return timex, "clause"
    kinds = DATE_KINDS | {"until"} if _negated_until(host) else DATE_KINDS
    candidates = [t for t in ctx.timexes_in(sent.start_char, sent.end_char) if t.kind in kinds and t.interval]
    if _ended_by(host):  # "the war ended on 21 July": a day of its end is not the war's date
        candidates = [t for t in candidates if t.interval is not None and t.interval.width_days >= 365]
    if _reacted_to(host):  # "condemned the annexation of Crimea on 27 March": the condemning's date
        candidates = [t for t in candidates if t.end <= host.idx and t.start >= host.left_edge.idx]
    if not candidates:
        return None, "none"
    doc = host.doc
    owned: list[Timex] = []
    free: list[Timex] = []
    host_chain = {host.i}
    cur = host
    # "signed and ratified in 2015" share the date; "proclaimed in 1990 and recognised by
    # Russia", whose second verb has actors of its own, does not
    while cur.dep_ == "conj" and cur.head.i != cur.i and not _own_actors(cur):
        cur = cur.head
        host_chain.add(cur.i)
    if host.dep_ == "acl":  # "the 2011 decision to recognise": the noun's date is the act's
        host_chain.add(host.head.i)
    if _infinitive_complement(host):  # "agreed in late March to send": the agreeing dates it
        host_chain.add(host.head.i)
    # "signed and ratified in May 2031": the date often hangs on the last conjunct
    host_chain.update(
        c.i for c in host.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"} and not _own_actors(c)
    )
    governor = _governing_verb(host) if host.pos_ not in {"VERB", "AUX"} else None
    if _time_relative_noun(host):
        governor = None  # "recognised X on 26 August, after a war with Georgia": not the war's date
    for timex in candidates:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.head.i == host.i and root.dep_ in {"dobj", "oprd"}:
            continue  # "fixed 3 September as the day": a date scheduled, not the date of the act
        if root.dep_ == "pobj" and root.head.lower_ == "for" and root.head.head.i == host.i:
            continue  # "scheduled the vote for 3 September", "called for 3 September": likewise
        if root.head.i == host.i and any(c.lower_ == "as" and c.dep_ == "prep" for c in host.children):
            continue  # the parser often makes that "3 September" an adverbial
        if host.i in {t.i for t in span}:  # "the 2008 war": the timex sits on the trigger itself
            owned.append(timex)
            continue
        owner = _owner(root, triggers)
        if (
            (owner is not None and owner.i in host_chain)
            or (governor is not None and owner is not None and owner.i == governor.i)
            # "the plebiscite held on 2 May": a participle describing the noun dates it
            or (owner is not None and owner.dep_ == "acl" and owner.head.i == host.i)
        ):
            owned.append(timex)
        elif owner is not None and _gerund_complement_of(owner, host):
            owned.append(timex)  # "a referendum on joining Russia on 10 April": the parser's attachment
        elif (
            owner is not None
            and owner.i not in triggers
            and owner.pos_ in {"VERB", "AUX"}
            and not _within(owner, host)  # "said the vote held on 2 May": not the saying's date
        ):
            free.append(timex)
    own = [t for t in owned if _owned_by(t, host, doc, triggers)]
    if own:
        owned = own
    if owned:
        best = _most_precise(owned, host)
        partner = _explicit_partner(best, candidates)
        if partner is not None:  # "two days earlier - on 9 October": the explicit date wins
            return partner, f"clause; conflict: {best.conflict}"
        conflict = _conflict_among(owned)
        return best, "clause" if conflict is None else f"clause; conflict: {conflict}"
    # a sentence with exactly one date that no other trigger claims dates the event, unless
    # the event sits in a clause placed before or after another ("signed on Tuesday, two
    # weeks after Russian forces routed the Georgian army in a five-day war")
    # a named period ("in a five-day war") dates only its own clause
    free = [t for t in free if t.anchor != "history"]
    plain = [t for t in candidates if t.anchor != "history"]
    if len(free) == 1 and len(plain) == 1 and not _placed_apart(host, free[0]):
        return free[0], "sentence"
    return None, "none"


BEFORE_AFTER_MARKS = {"after", "before", "since", "until", "till"}


def _placed_apart(host: Token, timex: Timex) -> bool:
    """Is the event inside a clause that an "after"/"before" subordinates to another, with
    the date outside it? That date belongs to the other clause's act."""
    node = host
    while node.head.i != node.i:
        subordinated = node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in BEFORE_AFTER_MARKS for c in node.children
        )
        if subordinated or (node.dep_ == "pcomp" and node.head.lower_ in BEFORE_AFTER_MARKS):
            clause_end = node.right_edge.idx + len(node.right_edge)
            return not (node.left_edge.idx <= timex.start and timex.end <= clause_end)
        node = node.head
    return False


SETTING_PREPS = {"in", "at", "during", "throughout", "since", "after"}
TEMPORAL_MARKS = {"when", "as", "after", "before", "once"}  # not "while": often "whereas"
TEMPORAL_PREPS = {"after", "before", "since", "following", "until", "till", "prior", "ahead"}


def _reacted_to(host: Token) -> bool:
    """An act named as what a condemnation or a welcome is about: the clause's dates are the
    reaction's; only a date before the noun ("the 2014 annexation") is the act's own."""
    if host.pos_ != "NOUN" or host.dep_ not in {"dobj", "nsubjpass"}:
        return False
    rules = load_event_rules()
    verb = host.head.lemma_.lower()
    return any(verb in rules.rules[t].verbs or verb in rules.rules[t].naming_verbs for t in REACTIONS)


def _ended_by(host: Token) -> bool:
    """'ended the fighting on 10 November', 'the war ends': the date is of its end, not the war's."""
    if host.pos_ != "NOUN" or host.dep_ not in {"dobj", "nsubj", "nsubjpass"}:
        return False
    return host.head.lemma_.lower() in load_event_rules().word_classes["war_end_verbs"]


def _time_relative_noun(host: Token) -> bool:
    """'after a five-day war', 'since the 1992 war', 'prior to the vote': a nominal event placed
    before or after the act of its clause, so the clause's date is not its own."""
    if host.pos_ in {"VERB", "AUX"} or host.dep_ != "pobj":
        return False
    prep = host.head
    return prep.lower_ in TEMPORAL_PREPS or (prep.lower_ == "to" and prep.head.lower_ in TEMPORAL_PREPS)


def _signing_of_agreement_act(host: Token, rules: EventRules, triggers: set[int]) -> Token | None:
    """'signed treaties on 9 May under which the regions were admitted to Russia', 'treaties
    that make Crimea part of Russia': what an agreement does, told in a clause on the
    agreement noun, happens when it is signed; the verb that signs it, if a trigger."""
    clause = host if host.pos_ in {"VERB", "AUX"} else _governing_verb(host)
    if clause is None or clause.dep_ not in {"relcl", "acl"}:
        return None
    if clause.head.lemma_.lower() not in rules.word_classes["agreement"]:
        return None
    verb = _governing_verb(clause.head)
    return verb if verb is not None and verb.i in triggers else None


YEAR_MODIFIER_DEPS = {"nummod", "compound", "amod"}


def _year_of_noun(ctx: ExtractionContext, tok: Token, nouns: frozenset[str]) -> tuple[Timex, str] | None:
    """'the 2019 budget amounts to 8.7 billion, of which 7.4 billion came from Moscow': money
    told with a budget of one year flows in that year, when nothing else dates it."""
    sent = tok.sent
    years = []
    for timex in ctx.timexes_in(sent.start_char, sent.end_char):
        if timex.kind not in DATE_KINDS or timex.interval is None or timex.interval.precision != "year":
            continue
        span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
        root = span.root if span is not None else None
        if root is not None and root.dep_ in YEAR_MODIFIER_DEPS and root.head.lemma_.lower() in nouns:
            years.append(timex)
    if len({t.interval for t in years}) != 1:
        return None
    return years[0], "year of its budget"


def _gerund_complement_of(verb: Token, noun: Token) -> bool:
    """'a referendum on joining Russia': a gerund telling what a nominal event is about."""
    return (
        noun.pos_ == "NOUN"
        and verb.tag_ == "VBG"
        and verb.dep_ == "pcomp"
        and verb.head.dep_ == "prep"
        and verb.head.head.i == noun.i
    )


def _own_actors(verb: Token) -> bool:
    """A verb with a subject or a 'by' agent of its own."""
    subjects = _real_subjects(verb, "nsubj") + _real_subjects(verb, "nsubjpass")
    return bool(subjects or _prep_objects(verb, "by"))


def _owned_by(timex: Timex, host: Token, doc: Doc, triggers: set[int]) -> bool:
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return False
    owner = _owner(span.root, triggers)
    return host.i in {t.i for t in span} or (owner is not None and owner.i == host.i)


def _explicit_partner(best: Timex, candidates: list[Timex]) -> Timex | None:
    """The explicit date a flagged relative one stands beside, e.g. after a dash or comma."""
    if best.conflict is None:
        return None
    for t in candidates:
        if t is not best and t.start >= best.end and t.start - best.end <= 8 and t.conflict is None:
            return t
    return None


def _within(tok: Token, ancestor: Token) -> bool:
    return tok.i != ancestor.i and any(a.i == ancestor.i for a in tok.ancestors)


def _most_precise(timexes: list[Timex], host: Token | None = None) -> Timex:
    """The narrowest date; where cues disagree ('two days earlier - on 9 October'), the one
    the time engine did not flag, i.e. the explicit date; among equals, the nearest."""
    where = host.idx if host is not None else 0
    return min(
        timexes,
        key=lambda t: (
            t.conflict is not None,
            t.interval.width_days if t.interval else 10**6,
            abs(t.start - where),
        ),
    )


def _conflict_among(timexes: list[Timex]) -> str | None:
    return next((t.conflict for t in timexes if t.conflict), None)


# ---------------------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------------------
def extract_events(ctx: ExtractionContext) -> list[Event]:
    rules = load_event_rules()
    state = _DocState()
    for sent in ctx.sentences:
        _remember_context(ctx, sent, state, rules)
        before = len(state.mentions)
        _sentence_events(ctx, sent, rules, state)
        scene = _scene_of(ctx, sent, state.mentions[before:])
        dated = [
            t for t in ctx.timexes_in(sent.start_char, sent.end_char) if t.kind in DATE_KINDS and t.interval
        ]
        if scene is not None or dated:
            state.scene = scene  # a sentence with dates of its own ends the previous scene
        elif state.scene is not None and not _paragraph_break(ctx.text, state.scene[1], sent.start_char):
            state.scene = (state.scene[0], sent.end_char)  # the scene goes on within the paragraph
        else:
            state.scene = None  # a new paragraph ends it
    _date_by_following_statement(ctx, state.mentions, rules)
    _date_by_preceding_speech(ctx, state.mentions, rules)
    return merge_mentions(state.mentions, ctx)


def _date_by_following_statement(
    ctx: ExtractionContext, mentions: list[EventMention], rules: EventRules
) -> None:
    """'The US condemned the ratification. The statement published on January 26 reads ...':
    a statement or declaration dated in the very next sentence dates the act it reports."""
    messages = rules.word_classes["message_nouns"]
    sentences = ctx.sentences
    starts = [sent.start for sent in sentences]
    for m in mentions:
        if m.date is not None or not rules.rules[m.type].dated_by_statement:
            continue
        k = starts.index(m.trigger.sent.start) + 1
        if k >= len(sentences):
            continue
        following = sentences[k]
        if not any(t.lemma_.lower() in messages for t in following):
            continue
        days = [
            t
            for t in ctx.timexes_in(following.start_char, following.end_char)
            if t.kind in DATE_KINDS and t.interval is not None and t.interval.precision == "day"
        ]
        if len(days) == 1:
            m.date, m.date_text = days[0].interval, days[0].text
            m.rule = m.rule.replace("date=none", "date=next-sentence statement", 1)


def _date_by_preceding_speech(
    ctx: ExtractionContext, mentions: list[EventMention], rules: EventRules
) -> None:
    """'Addressing reporters in Sukhum after talks on 4 June, Lavrov told them ... He said the
    elections were fair': a judgement a pronoun goes on saying in the next sentence of the
    paragraph is part of the same speech, and dated by its day."""
    quote_rules = load_quote_rules()
    sentences = ctx.sentences
    starts = [sent.start for sent in sentences]
    for m in mentions:
        if m.date is not None or not rules.rules[m.type].dated_by_statement:
            continue
        verb = m.trigger if m.trigger.pos_ in {"VERB", "AUX"} else _governing_verb(m.trigger)
        while verb is not None and not quote_rules.classes_of(verb) and verb.dep_ in {"ccomp", "xcomp"}:
            verb = verb.head  # "He said the vote was democratic": the saying, not the judging
        if verb is None or not quote_rules.classes_of(verb):
            continue
        # "He said ... and called its results convincing": a conjunct shares the subject
        subjects = _children(verb, "nsubj") or (_children(verb.head, "nsubj") if verb.dep_ == "conj" else [])
        if not subjects or subjects[0].lower_ not in quote_rules.person_pronouns:
            continue
        k = starts.index(m.trigger.sent.start) - 1
        if k < 0 or _paragraph_break(ctx.text, sentences[k].end_char, sentences[k + 1].start_char):
            continue
        day = _speech_day(ctx, sentences[k], set(m.source), quote_rules)
        if day is not None:
            m.date, m.date_text = day.interval, day.text
            m.rule = m.rule.replace("date=none", "date=the speech it goes on", 1)


def _speech_day(ctx: ExtractionContext, sent: Span, speakers: set[str], quote_rules: Any) -> Timex | None:
    """The one day a sentence dates a speech of one of `speakers` by, outside what was said:
    'Addressing reporters ... after talks on 4 June, Lavrov told them that ...'."""
    root = sent.root
    for verb in [root, *root.conjuncts]:
        if not quote_rules.classes_of(verb):
            continue
        said = {t.i for c in _children(verb, "ccomp") for t in c.subtree}
        who = [ctx.mention_at(s.idx, s.idx + len(s.text)) for s in _children(verb, "nsubj")]
        if not any(w is not None and w.actor in speakers for w in who):
            continue
        days = []
        for timex in ctx.timexes_in(sent.start_char, sent.end_char):
            if timex.kind not in DATE_KINDS or timex.interval is None or timex.interval.precision != "day":
                continue
            span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and span.root.i not in said:
                days.append(timex)
        if len(days) == 1:
            return days[0]
    return None


def _scene_of(ctx: ExtractionContext, sent: Span, mentions: list[EventMention]) -> tuple[Timex, int] | None:
    """A sentence with one exact day that no event of its own took sets the scene for the next."""
    days = [
        t
        for t in ctx.timexes_in(sent.start_char, sent.end_char)
        if t.kind in DATE_KINDS and t.interval is not None and t.interval.precision == "day"
    ]
    if len(days) != 1 or any(m.date_text == days[0].text for m in mentions):
        return None
    # only a date of the main clause sets a scene ("Last Friday, 12 June, was a long day");
    # one inside a subordinate clause ("the plebiscite held on 2 May") dates that clause
    span = ctx.doc.char_span(days[0].start, days[0].end, alignment_mode="expand")
    if span is None or _owner(span.root, set()) is None or _owner(span.root, set()).i != sent.root.i:
        return None
    return days[0], sent.end_char


@dataclass
class _WeakCues:
    """Cues for an event's date that count only when no mention of it gave one."""

    after: DateInterval | None = None
    perfect: bool = False
    signed_by: int | None = None  # token of the verb signing the agreement that does the act


def date_from_context(
    events: list[Event], cues: list[_WeakCues], ctx: ExtractionContext, signings: dict[int, Event]
) -> list[Event]:
    """Weak dates, used only where no mention of an event gave one.

    An act an agreement does is dated by the agreement's signing, however the document
    dates that (`signings`: the event each signing verb's mention joined). A reaction comes
    after the act it reacts to and before publication ("condemned the
    ratification" of 25 January, in an article of 30 January: 25..30 January); an act
    reported in the present perfect happened recently, so within a publication interval
    known to the month at most.
    """
    published = ctx.published
    _date_by_signing(events, cues, signings)
    for ev, cue in zip(events, cues, strict=True):
        if ev.date is not None or ev.modality != "asserted" or published is None:
            continue
        after = cue.after
        if after is not None and after.precision == "day" and SAME_DAY.search(ev.evidence[0].text):
            ev.date, ev.date_text = after, "the same day as the act it reacts to"  # "on the day it began"
        elif after is not None and after.start <= published.end:
            ev.date = DateInterval.between(after.start, published.end)
            ev.date_text = f"after {after} and by publication"
        elif cue.perfect and published.width_days <= 31:
            ev.date = published
            ev.date_text = "present perfect: by publication"
    _date_by_signing(events, cues, signings)  # a signing dated only by the weak cues above
    for ev in events:
        _before_the_territory(ev)
    return events


def _before_the_territory(ev: Event) -> None:
    """'Turkish troops landed on the island in July 1974': an act on a de facto state's land
    dated wholly before it was proclaimed was an act on the state it later broke from."""
    if ev.date is None or ev.type in TERRITORY_OWN_ACTS:
        return
    territories = load_territories()

    def then(code: str | None) -> str | None:
        territory = territories.get(code) if code else None
        if territory is None or territory.since is None or ev.date is None or ev.date.end >= territory.since:
            return code
        return territory.parent

    if ev.parties:
        parties = sorted({then(p) or p for p in ev.parties})
        ev.parties = parties if len(parties) >= 2 else ev.parties  # a war of the parent with itself: no
    else:
        ev.target = then(ev.target)


def _date_by_signing(events: list[Event], cues: list[_WeakCues], signings: dict[int, Event]) -> None:
    """'have signed a treaty that makes Karabakh part of Armenia' + 'the signing took place on
    3 April': the act the agreement does takes the date of its signing."""
    for ev, cue in zip(events, cues, strict=True):
        signing = signings.get(cue.signed_by) if cue.signed_by is not None else None
        if ev.date is None and signing is not None and signing.date is not None:
            ev.date, ev.date_text = signing.date, signing.date_text
            ev.rule = ev.rule.replace("date=none", "date=agreement signed", 1)


def _remember_context(ctx: ExtractionContext, sent: Span, state: _DocState, rules: EventRules) -> None:
    territories = _unique(ctx.territories_in(sent.start_char, sent.end_char))
    if len(territories) >= 2:
        state.last_territory_group = territories
    leaders = _unique([m.actor for m in ctx.mentions_in(sent.start_char, sent.end_char) if m.person])
    if len(leaders) >= 2:
        state.last_leader_group = leaders
    agreement_words = rules.word_classes["agreement"]
    for tok in sent:
        if tok.lemma_.lower() in agreement_words and tok.pos_ in {"NOUN", "PROPN"}:
            end = tok.right_edge.idx + len(tok.right_edge.text)
            mentions = [
                m for m in ctx.mentions_in(tok.left_edge.idx, end) if not _describes_territory(ctx, m, rules)
            ]
            actors = _drop_described_parents(_unique([m.actor for m in mentions]))
            if len(actors) >= 2:
                state.last_agreement_parties = actors


def _trigger_rules(tok: Token, rules: EventRules) -> list[tuple[EventRule, str]]:
    lemma = tok.lemma_.lower()
    text = tok.lower_
    found: list[tuple[EventRule, str]] = []
    # "the self-proclaimed republic", "an annexed region": an adjective describes, it tells no act
    if (tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB")) and tok.dep_ != "amod":
        particles = {c.lower_ for c in tok.children if c.dep_ in {"prt", "advmod", "prep"}}
        # "called the votes a sham" names the votes; it calls no vote
        naming = any(c.dep_ == "oprd" for c in tok.children)
        for rule in [] if naming else rules.verb_index.get(lemma, []) + rules.verb_index.get(text, []):
            needed = rule.verb_particles.get(lemma)
            needed_set = {needed} if isinstance(needed, str) else set(needed or [])
            if not needed_set or needed_set & particles:  # "broke away from", not "broke ties"
                found.append((rule, "verb"))
        for rule in rules.naming_index.get(lemma, []):
            if _evaluative_complement(tok, rules.word_classes[rule.naming_class]):
                found.append((rule, "verb"))
    if tok.pos_ in {"NOUN", "PROPN"}:
        hyphenated = _hyphenated(tok)  # "run-off", which the tokenizer splits in three
        for word in (lemma, text, hyphenated):
            fitting = [r for r in rules.noun_index.get(word, []) if _noun_fits(tok, word, r)]
            found.extend((rule, "noun") for rule in fitting)
    seen: set[str] = set()
    return [(r, k) for r, k in found if not (r.type in seen or seen.add(r.type))]  # type: ignore[func-returns-value]


def _noun_fits(tok: Token, word: str, rule: EventRule) -> bool:
    """A noun that names the event only with a modifier ("the second round", not "a round of
    talks") has one, and no "of" complement; one that names it only as what a verb makes of
    something ("made Crimea part of Russia", not "part of the budget") has that verb and an
    "of" complement."""
    governors = rule.noun_governors.get(word)
    if governors is not None:
        verb = _governing_verb(tok)
        return verb is not None and verb.lemma_.lower() in governors and bool(_prep_objects(tok, "of"))
    needed = rule.noun_modifiers.get(word)
    if needed is None:
        return True
    modifiers = {c.lower_ for c in tok.children if c.dep_ in {"amod", "nummod", "compound"}}
    return bool(modifiers & needed) and not _prep_objects(tok, "of")


def _hyphenated(tok: Token) -> str:
    """'run-off' for the 'off' of 'run - off' (no spaces), else ''."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text != "-" or doc[tok.i - 1].whitespace_ or doc[tok.i - 2].whitespace_:
        return ""
    return f"{doc[tok.i - 2].lower_}-{tok.lower_}"


def _evaluative_complement(verb: Token, words: frozenset[str]) -> bool:
    """'called the vote illegal and void', 'described it as a sham', 'said the
    referendum was democratic': the verb's complement, or the predicate of the clause it
    reports, holds a word of judgement."""
    complements = [c for c in verb.children if c.dep_ in {"oprd", "acomp", "xcomp", "attr"}]
    # "described it as a sham", and "dismissed the vote as illegitimate" (parsed as "as" + amod,
    # or as an adjective clause with "as" on it)
    complements += [c for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" for c in p.children]
    complements += [c for c in _children(verb, "advcl") if any(a.lower_ == "as" for a in c.lefts)]
    for obj in _children(verb, "dobj"):  # the parser often hangs the complement on the object
        complements += [c for c in obj.children if c.dep_ in {"amod", "appos", "acl", "relcl"}]
    for clause in _children(verb, "ccomp"):  # "said (that) X was illegal": only its predicate
        complements += [c for c in clause.children if c.dep_ in {"acomp", "attr", "oprd"}]
    return any(t.lemma_.lower() in words for c in complements for t in c.subtree)


def _sentence_events(ctx: ExtractionContext, sent: Span, rules: EventRules, state: _DocState) -> None:
    """Append the sentence's event mentions to the document state, in reading order."""
    triggers = [(tok, rule, kind) for tok in sent for rule, kind in _trigger_rules(tok, rules)]
    # reactions last: "She said the vote held on 2 May was fair" judges an act
    # the same sentence reports, which must be known first
    triggers.sort(key=lambda t: t[1].type in REACTIONS)
    # A trigger word that states no event (an "incorporation of army units", which is no
    # annexation) must not take a date from the verb whose object it sits in: a dry run
    # finds the triggers that do state events, and only those own dates.
    saved = (state.reference_date, len(state.mentions))
    live = {
        tok.i
        for tok, rule, kind in triggers
        if _build_event(ctx, tok, rule, kind, rules, state, set()) is not None
    }
    state.reference_date = saved[0]
    del state.mentions[saved[1] :]
    for tok, rule, kind in triggers:
        mention = _build_event(ctx, tok, rule, kind, rules, state, live)
        if mention is not None:  # later triggers of the sentence may refer back to it
            state.mentions.append(mention)
    state.mentions.extend(_followed_ellipsis(ctx, sent, state))


def _object_ok(rule: EventRule, slots: Slots, rules: EventRules, kind: str) -> bool:
    host = slots.host
    own_class = rule.verb_objects.get(host.lemma_.lower()) if host is not None else None
    if (rule.object_class is None and own_class is None) or kind == "noun":
        return True
    if host is not None and host.lemma_.lower() in rule.free_verbs:
        return True
    aim = host is not None and host.lemma_.lower() in rule.aim_verbs and rule.aim_class
    if aim and _aims_at(host, rules.word_classes[rule.aim_class]):  # type: ignore[arg-type, index]
        return True
    if rule.object_class == "recognition_or_decision":
        return any(_mentions_recognition(o, rules) for o in slots.obj)
    # "barred trade with X" is a sanction though "trade" is no sanctions noun
    object_class = rule.verb_objects.get(host.lemma_.lower(), rule.object_class) if host else None
    object_class = object_class or rule.object_class
    words = rules.word_classes[object_class]
    # "suspended part of the assistance", "cut most of its aid": what the share is of
    heads = [*slots.obj, *(p for o in slots.obj if o.lower_ in PARTITIVES for p in _prep_objects(o, "of"))]
    heads += [c for o in slots.obj for c in o.children if c.dep_ == "compound"]  # "a sanctions package"
    if host is not None and host.lemma_.lower() in rule.subject_verbs:
        heads += slots.subj  # "peacekeepers arrived in X"
    if any(h.lemma_.lower() in words or h.lower_ in words for h in heads):
        return True
    if host is None:
        return False
    # "fixed 3 September as the day of a plebiscite": the class noun later in the verb's own
    # clause, not in a clause nested in it ("adopted a declaration condemning trade duties")
    window = [t for t in clause_tokens(host) if host.i < t.i <= host.i + 8 and not _nested_in_clause(t, host)]
    if any(t.lemma_.lower() in words and t.pos_ in {"NOUN", "PROPN"} for t in window):
        return True
    if any(
        o.tag_ not in {"WDT", "WP"} and o.ent_type_ not in {"DATE", "CARDINAL"}
        for o in _children(host, "dobj")
    ):
        return False  # its own object is something else: "signed a decree"
    # The parser often hangs a relative or passive clause on the wrong noun ("a treaty on
    # the integration of the forces of X, which Moscow signed"): an agreement noun earlier
    # in the sentence is what was signed.
    return any(t.lemma_.lower() in words for t in host.sent if t.i < host.i and t.pos_ in {"NOUN", "PROPN"})


def _proclaims_territory(
    ctx: ExtractionContext, rule: EventRule, slots: Slots, rules: EventRules, kind: str
) -> bool:
    """'Northern Cyprus was proclaimed on 15 November 1983', 'the breakaway state, proclaimed
    in 1983': what is proclaimed is the territory itself."""
    host = slots.host
    if kind != "verb" or host is None or host.lemma_.lower() not in rule.territory_verbs:
        return False
    things = [host.head] if host.dep_ == "acl" else _children(host, "nsubjpass")
    if not things and host.tag_ in {"VBD", "VBN"} and not _children(host, "dobj"):
        # "The breakaway state, proclaimed on ... ," parsed as "the state proclaimed"
        things = _children(host, "nsubj")
    breakaway = rules.word_classes["breakaway"]
    for thing in things:
        mention = _mention_of_token(ctx, thing)
        if mention is not None and _is_de_facto(mention.actor):
            return True
        if any(c.lower_ in breakaway or _hyphenated(c) in breakaway for c in thing.children):
            return True
    return False


def _nested_in_clause(tok: Token, host: Token) -> bool:
    """Is `tok` inside a clause (participle, relative, adverbial) that hangs below `host`?"""
    cur = tok
    while cur.i != host.i and cur.head.i != cur.i:
        if cur.dep_ in CLAUSE_DEPS - {"xcomp"}:
            return True
        cur = cur.head
    return False


def _aims_at(verb: Token, words: frozenset[str]) -> bool:
    """'announced that the republic would take steps to become part of Russia', 'asked Moscow
    to change the law so that the region can join Russia': a clausal complement of the verb
    holds a word of the aim ("part" only as "part of") with a name after it."""
    for clause in verb.children:
        if clause.dep_ not in {"ccomp", "xcomp", "advcl"}:
            continue
        for t in clause.subtree:
            if t.lemma_.lower() not in words:
                continue
            made_part = _prep_objects(t, "of") and t.head.lemma_.lower() in PART_VERBS
            if t.lemma_.lower() == "part" and not made_part:
                continue  # "to become part of Russia", not "a further part of the resort of Varosha"
            if any(d.pos_ == "PROPN" for d in t.subtree if d.i > t.i):
                return True
    return False


def _subject_ok(rule: EventRule, verb: Token, slots: Slots, rules: EventRules) -> bool:
    """'Crowds stormed the parliament' is a protest and no battle: the subject decides."""
    subjects = [*slots.subj, *([verb.head] if verb.dep_ == "acl" else [])]  # "companies investing"
    if verb.lemma_.lower() in rule.subject_verbs:
        subjects += _prep_objects(verb, "from")  # "the money came from Russian companies"
    heads = {s.lemma_.lower() for s in subjects} | {s.lower_ for s in subjects}
    needed = rule.verb_subjects.get(verb.lemma_.lower())
    if needed is not None and not heads & rules.word_classes[needed]:
        return False
    return not (rule.not_subjects and heads & rules.word_classes[rule.not_subjects])


def _generic(tok: Token, slots: Slots) -> bool:
    """'any of the agreements signed by Russia', 'all treaties signed': a class, not an event."""
    nouns = [*slots.obj, tok.head] if tok.dep_ == "acl" else list(slots.obj)
    for noun in nouns:
        words = {c.lower_ for c in noun.children if c.dep_ in {"det", "predet"}}
        if words & QUANTIFIERS:
            return True
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in QUANTIFIERS:
            return True
    return False


def _has_with(slots: Slots) -> bool:
    return slots.host is not None and bool(_prep_objects(slots.host, "with"))


def _mentions_recognition(obj: Token, rules: EventRules) -> bool:
    if obj.lemma_.lower() in rules.word_classes["recognition"]:
        return True
    # "reverses its decision to recognise X"
    return obj.lemma_.lower() == "decision" and any(
        c.lemma_.lower() in rules.rules["recognize"].verbs for c in obj.subtree
    )


def _build_event(
    ctx: ExtractionContext,
    tok: Token,
    rule: EventRule,
    kind: str,
    rules: EventRules,
    state: _DocState,
    trigger_ids: set[int],
) -> EventMention | None:
    state.reference_date = None  # only this trigger's own roles may say what it reacts to
    slots = verb_slots(tok) if kind == "verb" else noun_slots(tok)
    if not (_object_ok(rule, slots, rules, kind) or _proclaims_territory(ctx, rule, slots, rules, kind)):
        return None
    if _generic(tok, slots):
        return None
    if kind == "verb" and not _subject_ok(rule, tok, slots, rules):
        return None
    if rule.type in REACTIONS and _rebuffs_a_call(tok, slots):
        return None  # "rejected calls to recognise X" rebuffs a call; it condemns no act
    institutions = rules.word_classes["institutions"]
    if kind == "noun" and tok.dep_ in {"compound", "amod"} and tok.head.lower_ in institutions:
        return None  # "the election commission", "referendum observers": a body, not an event
    if rule.stative_is_state and kind == "verb" and _stative(tok):
        return None  # "troops stationed in X", "troops are stationed": a standing state, not an act
    undoing = rules.word_classes.get("undoing_verbs", frozenset())
    if kind == "noun" and tok.dep_ in {"dobj", "nsubjpass"} and tok.head.lemma_.lower() in undoing:
        return None  # "withdrew its recognition": the act undone is no act of this clause
    if rule.process_modifiers and _told_as_process(tok, rule.process_modifiers):
        return None  # "the annexation has been implemented gradually": a process, not an act
    persons: list[str] = []

    def slot_actors(name: str) -> list[str]:
        if name.endswith("!"):  # the slot's own word must name the actor: "annexation of Crimea"
            out = []
            for t in slot_tokens(name[:-1]):
                m = _mention_of_token(ctx, t)
                # "the two republics were incorporated": a plural noun naming the territories
                out += [m.actor] if m is not None else _plural_territory_anaphor(t, rules, state, ctx)
            return out
        out: list[str] = []
        for t in slot_tokens(name):
            out.extend(np_actors(ctx, t, rules, state, persons))
        return out

    def slot_tokens(name: str) -> list[Token]:
        if name.startswith("prep:"):
            tokens = _prep_objects(tok, name.split(":", 1)[1])
            if kind == "verb":  # "a treaty between Moscow and Sokhumi": prepositions on the object too
                for o in slots.obj:
                    tokens += _prep_objects(o, name.split(":", 1)[1])
                    # "treaties of friendship with X", "60 million euros in aid for X"
                    for nested in (n for p in _children(o, "prep") for n in _children(p, "pobj")):
                        tokens += _prep_objects(nested, name.split(":", 1)[1])
                    # "a protocol establishing (that established) relations between X and Y"
                    for inner in (n for c in _children(o, "acl", "relcl") for n in _children(c, "dobj")):
                        tokens += _prep_objects(inner, name.split(":", 1)[1])
        else:
            tokens = getattr(slots, name, [])
        return tokens

    roles: dict[str, list[str]] = {}
    # twice: a role may be derived from another one filled after it ("patron_of_target")
    for _ in range(2):
        for role, sources in rule.roles.items():
            if roles.get(role):
                continue
            actors: list[str] = []
            named = False  # someone named, even if of a kind the role does not take
            for src in sources:
                if src.endswith("?"):  # a fallback: only when nothing before it named anyone
                    if actors or named:
                        continue
                    src = src[:-1]
                if src.rstrip("!") in {"subj", "agent", "obj", "poss", "mod"} or src.startswith("prep:"):
                    found = slot_actors(src)
                else:
                    found = _special_slot(src, ctx, tok, slots, rules, state, roles, persons)
                # "made Karabakh part of Armenia": a territory in a source slot that takes only
                # states leaves the role to the next source
                named = named or bool(found)
                found = [a for a in found if _kind_fits(rule, role, a)]
                if found and role != "parties":
                    actors = found
                    break
                actors.extend(found)
            roles[role] = _unique(actors)

    vocab = ctx.vocabulary.event_types[rule.type]
    if vocab.symmetric:
        parties = roles.get("parties", [])
        if rule.counterpart == "patron" and not parties:
            # "the agreement was signed in Moscow": the agreement described before; "a military
            # pact was drawn up along the Transnistrian model": the sentence's territory
            definite = any(c.lower_ in {"the", "this", "that"} for o in slots.obj for c in o.children)
            remembered = list(state.last_agreement_parties)
            in_sentence = _sentence_territory_and_patron(ctx, tok)
            parties = (remembered or in_sentence) if definite else (in_sentence or remembered)
        elif rule.counterpart and len(parties) == 1:
            parties = _unique(parties + _counterpart(parties[0], rule.counterpart, ctx, tok, state))
        parties = _drop_described_parents(parties)
        if len(parties) < 2:
            return None
        source_actors, target_actors = [], []
    else:
        parties = []
        source_actors = roles.get("source", [])
        target_actors = roles.get("target", [])
        # (the roles hold only actors of the kinds the rule allows: see _kind_fits)
        target_actors = [a for a in target_actors if a not in source_actors]
        if not source_actors or (not target_actors and not rule.target_optional):
            return None
    party_groups = _bilateral_groups(slots, slot_actors, parties) if vocab.symmetric else None
    timex, how = choose_date(ctx, slots.host or tok, trigger_ids)
    signing = _signing_of_agreement_act(slots.host or tok, rules, trigger_ids) if timex is None else None
    if signing is not None:
        signed, signed_how = choose_date(ctx, signing, trigger_ids)
        if signed is not None and signed_how.startswith("clause"):
            timex, how, signing = signed, f"agreement {signed_how}", None
    if timex is None and rule.year_nouns:
        timex, how = _year_of_noun(ctx, tok, rule.year_nouns) or (timex, how)
    past = tok.tag_ == "VBD" or (kind == "noun" and _governing_verb(tok) is not None)
    if timex is None and past and state.scene is not None and _continues_scene(ctx, tok, state.scene[1]):
        timex, how = state.scene[0], "context"
    reference_date, state.reference_date = state.reference_date, None
    # the citation shows the date it gave the event when that date sits in the event's clause
    shown = _tokens_of(ctx, timex) if how.startswith("clause") else []
    if kind == "verb" and rule.naming_verbs and tok.lemma_.lower() in rule.naming_verbs:
        shown += [t for clause in _children(tok, "ccomp") for t in clause.subtree]  # what was said
    if kind == "verb" and tok.lemma_.lower() in rule.aim_verbs:
        # "announced in late March that the republic would ... become part of Russia": the aim
        shown += [t for clause in _children(tok, "ccomp", "xcomp", "advcl") for t in clause.subtree]
    if "purpose_object" in rule.roles.get("parties", []) and kind == "verb":
        shown += [t for clause in _purpose_clauses(tok, slots) for t in clause.subtree]  # "to absorb Crimea"
    if kind == "verb" and tok.dep_ == "conj" and not _children(tok, "nsubj", "nsubjpass"):
        # "The US and the EU have rejected X and have imposed sanctions": cite who did it
        shown += [t for subj in slots.subj for t in subj.subtree]
    if kind == "verb" and _infinitive_complement(tok):
        shown += clause_tokens(tok)  # cite "agreed in March to send power", not "to send power"
        evidence = clause_span(ctx, tok.head, shown)
    else:
        host = _evidence_host(tok, kind)
        if kind == "noun" and host.i != tok.i and all(t.i != tok.i for t in clause_tokens(host)):
            shown += list(tok.subtree)  # "a treaty that made [Karabakh part of Armenia]", parsed as a clause
        evidence = clause_span(ctx, host, shown)
    agreement = (
        _agreement_name(ctx, slots, rules) if rule.type in {"sign_agreement", "ratify_agreement"} else None
    )
    return EventMention(
        type=rule.type,
        trigger=tok,
        source=source_actors,
        target=target_actors,
        parties=sorted(parties),
        persons=_unique(persons),
        date=timex.interval if timex else None,
        date_text=timex.text if timex else None,
        date_conflict=how.split("conflict: ", 1)[1] if "conflict: " in how else None,
        modality=modality_of(tok),
        evidence=evidence,
        agreement=agreement,
        rule=f"{RULE_VERSION}:{rule.type}:{kind}:{tok.lemma_.lower()}:date={how.split(';')[0]}",
        party_groups=party_groups,
        after=reference_date,
        perfect=_present_perfect(tok),
        signed_by=signing.i if signing is not None else None,
    )


REBUFF_VERBS = {"reject", "dismiss", "rebuff", "ignore", "refuse"}
# "condemned the offensive on the day it began", "the same day": the day of the act reacted to
SAME_DAY = re.compile(
    r"(?i)\b(?:on )?the (?:same )?day (?:it|they|that|when|of its)\b|\b(?:the|that) same day\b"
)
CALL_CONTENT_DEPS = {"acl", "relcl", "ccomp"}


def _rebuffs_a_call(tok: Token, slots: Slots) -> bool:
    """'rejected calls to recognise X', 'welcomed appeals for talks': a call rebuffed or
    welcomed is no act condemned or endorsed; 'condemned the appeal' condemns the appealing."""
    for obj in slots.obj:
        if obj.lemma_.lower() not in CALL_NOUNS:
            continue
        # what is called for is told ("calls to recognise X", "appeals for talks")
        told = any(c.dep_ in CALL_CONTENT_DEPS or (c.dep_, c.lower_) == ("prep", "for") for c in obj.children)
        verb = tok.lemma_.lower()
        if told or verb in REBUFF_VERBS or verb in load_event_rules().rules["endorse"].verbs:
            return True
    return False


def _told_as_process(tok: Token, words: frozenset[str]) -> bool:
    """'the creeping annexation of X', 'X was annexed step by step', 'the annexation has been
    carried out gradually': a modifier of the trigger, or of the verb it is the subject of,
    tells a process."""
    hosts = [tok]
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in {"nsubj", "nsubjpass"}:
        hosts.append(tok.head)
    modifiers = [c for h in hosts for c in h.children if c.dep_ in {"amod", "advmod", "npadvmod", "compound"}]
    modifiers += [m for c in modifiers for m in c.conjuncts]
    return any(m.lemma_.lower() in words or m.lower_ in words for m in modifiers)


def _kind_fits(rule: EventRule, role: str, actor: str) -> bool:
    """Whether an actor may fill a role whose kinds the rule restricts (states, de facto ones)."""
    kinds = rule.source_kinds if role == "source" else rule.target_kinds if role == "target" else None
    if kinds == "state":
        return not _is_de_facto(actor)
    if kinds == "de_facto":
        return _is_de_facto(actor)
    return True


def _stative(verb: Token) -> bool:
    """A participle describing a noun, or a present-tense passive: a state of affairs; but
    "peacekeepers deployed under the ceasefire of November 2020" tells when they came."""
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        return not any(t.ent_type_ == "DATE" for t in verb.subtree if t.i > verb.i)
    aux = {c.lower_ for c in verb.children if c.dep_ in {"auxpass", "aux"}}
    return verb.tag_ in {"VBZ", "VBP"} or (
        verb.tag_ == "VBN" and bool(aux & {"is", "are", "remain", "remains"})
    )


def _continues_scene(ctx: ExtractionContext, tok: Token, scene_end: int) -> bool:
    """The trigger's sentence directly follows the scene-setting one, in the same paragraph."""
    start = tok.sent.start_char
    return 0 <= start - scene_end <= 3 and not _paragraph_break(ctx.text, scene_end, start)


def _paragraph_break(text: str, end: int, start: int) -> bool:
    """A blank line between a sentence ending at `end` (its trailing blanks included) and `start`."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return "\n\n" in text[end:start]


def _present_perfect(tok: Token) -> bool:
    """'has withdrawn', 'have condemned': an act the article reports as recent."""
    verb = tok if tok.pos_ in {"VERB", "AUX"} else _governing_verb(tok)
    if verb is None or verb.tag_ != "VBN":
        return False
    aux = [c.lower_ for c in verb.children if c.dep_ == "aux"]
    if any(c.dep_ == "auxpass" for c in verb.children):
        return False  # "has been signed ... as well" sums up a state more often than it reports news
    return any(a in {"has", "have", "'ve", "'s"} for a in aux)


def _bilateral_groups(slots: Slots, slot_actors: Any, parties: list[str]) -> list[list[str]] | None:
    """'Russia signed treaties with Abkhazia and South Ossetia': one bilateral event per partner.

    Only when the agreement noun is plural and one side signs with several partners; a
    singular 'a treaty with A and B' may well be trilateral, so it is left as one event.
    """
    if not any(o.tag_ in {"NNS", "NNPS"} for o in slots.obj):
        return None
    side = _unique(slot_actors("subj") + slot_actors("agent"))
    partners = [p for p in slot_actors("prep:with") if p not in side]
    if len(side) == 1 and len(partners) >= 2:
        return [[side[0], p] for p in _unique(partners)]
    # "Putin and the two separatist leaders signed treaties": the patron signs one with each
    territories = load_territories()
    states = [p for p in parties if not _is_de_facto(p)]
    clients = [p for p in parties if p in territories and territories[p].patron in states]
    if len(states) == 1 and len(clients) >= 2 and len(clients) + 1 == len(parties):
        return [[states[0], c] for c in clients]
    return None


def _tokens_of(ctx: ExtractionContext, timex: Timex | None) -> list[Token]:
    """The date's tokens, so the citation shows the date it gave the event."""
    if timex is None:
        return []
    span = ctx.doc.char_span(timex.start, timex.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _sentence_territory_and_patron(ctx: ExtractionContext, tok: Token) -> list[str]:
    """'Following the Transnistrian model, a customs agreement was concluded': the one territory
    the sentence names, with its patron."""
    territories = load_territories()
    named = _unique(
        [t for t in ctx.territories_in(tok.sent.start_char, tok.sent.end_char) if t in territories]
    )
    if len(named) != 1:
        return []
    return [named[0], territories[named[0]].patron]


JOINING_CUE = re.compile(
    r"\b(?:join(?:s|ed|ing)?|re-?unit(?:e|es|ed|ing|ification)|unification|union|accession|entry|part of"
    r"|admi(?:t|ts|tted|tting|ssion) (?:to|into)"
    r"|association|integration)"
    r"\b(?:\W+\w+){0,3}\W*$",
    re.IGNORECASE,
)


def _joining_in_sentence(ctx: ExtractionContext, tok: Token, source: set[str]) -> list[str]:
    """'... a plebiscite held in September ..., where most voters backed joining Armenia':
    a state the sentence speaks of joining, when it is the territory's patron."""
    territories = load_territories()
    patrons = {territories[t].patron for t in source if t in territories}
    sent = tok.sent
    for m in ctx.mentions_in(sent.start_char, sent.end_char):
        if m.actor in patrons and JOINING_CUE.search(ctx.text[max(sent.start_char, m.start - 40) : m.start]):
            return [m.actor]
    return []


def _counterpart(party: str, mode: str, ctx: ExtractionContext, tok: Token, state: _DocState) -> list[str]:
    """The other side of a two-sided event only one side of which is named.

    A territory's patron (agreements) or parent (wars); for a state, the territory in view
    whose patron or parent it is; for agreements, else the other party last described.
    """
    territories = load_territories()
    if mode == "parent":
        # "Moscow recognised X after a five-day war with Georgia": the clause's subject fought it
        fighter = _subject_of_clause_placed_after(ctx, tok)
        if fighter is not None and fighter != party:
            return [fighter]
    if party in territories:
        other = territories[party].patron if mode in {"patron", "agreement"} else territories[party].parent
        return [other]
    focus = ctx.focus_territory(tok.idx)
    if focus in territories:
        link = territories[focus].patron if mode in {"patron", "agreement"} else territories[focus].parent
        if link == party:
            return [focus]
        if mode == "parent" and territories[focus].patron == party:
            return [territories[focus].parent]  # the patron fought the parent (2008: Russia, Georgia)
    if mode in {"patron", "agreement"}:
        return [p for p in state.last_agreement_parties if p != party][:1]
    return []


def _subject_of_clause_placed_after(ctx: ExtractionContext, tok: Token) -> str | None:
    """The actor of 'Moscow recognised X ... after a war with Georgia': the subject of the
    clause a nominal event is placed before or after."""
    if not _time_relative_noun(tok):
        return None
    verb = _governing_verb(tok)
    for subj in _verb_subjects(verb)[0] if verb is not None else []:
        mention = _mention_of_token(ctx, subj)
        if mention is not None:
            return mention.actor
    return None


def _evidence_host(tok: Token, kind: str) -> Token:
    """Cite the verb's clause; for a nominal trigger, the clause of the verb that governs it;
    for 'adopted a declaration condemning X', the adopting clause, which names who condemned."""
    if kind == "verb" and tok.dep_ == "acl" and tok.tag_ == "VBG":
        governor = _governing_verb(tok.head)
        return governor if governor is not None else tok
    if kind == "verb":
        return tok
    gov = _governing_verb(tok)
    return gov if gov is not None else tok


def _special_slot(
    name: str,
    ctx: ExtractionContext,
    tok: Token,
    slots: Slots,
    rules: EventRules,
    state: _DocState,
    roles: dict[str, list[str]],
    persons: list[str],
) -> list[str]:
    if name == "agreement_other_party":
        source = set(roles.get("source", []))
        parties: list[str] = []
        for o in slots.obj:
            end = o.right_edge.idx + len(o.right_edge.text)
            parties += [
                m.actor
                for m in ctx.mentions_in(o.left_edge.idx, end)
                if not _describes_territory(ctx, m, rules)
            ]
        if not [p for p in parties if p not in source]:
            # "ratified it": the agreement whose signing was just reported, else the last described
            signed = state.last_event_of({"sign_agreement"})
            recent = signed is not None and tok.i - signed.trigger.i < 60
            parties = list(signed.parties) if recent and signed is not None else state.last_agreement_parties
        return [p for p in _unique(parties) if p not in source]
    if name == "recognition_target":
        out: list[str] = []
        for o in slots.obj:
            out += [
                m.actor for m in ctx.mentions_in(o.left_edge.idx, o.right_edge.idx + len(o.right_edge.text))
            ]
            for t in o.subtree:
                out += _plural_territory_anaphor(t, rules, state, ctx)
        if not [a for a in out if _is_de_facto(a)]:
            # "X withdrew its recognition": of what it had recognised, else the territories in view
            source = set(roles.get("source", []))
            earlier = [m for m in state.mentions if m.type == "recognize" and source & set(m.source)]
            out += earlier[-1].target if earlier else list(state.last_territory_group)
        if not [a for a in out if _is_de_facto(a)]:
            focus = ctx.focus_territory(tok.idx)  # "Tuvalu withdrew its recognition in 2014"
            out += [focus] if focus else []
        return _unique(out)
    if name == "obj_owner":  # "Russian troops were stationed": whose the object is
        out = []
        for o in slots.obj:
            for c in o.children:
                if c.dep_ in {"poss", "amod", "compound", "nmod"}:
                    out += np_actors(ctx, c, rules, state, persons)
            for pobj in _prep_objects(o, "from") + _prep_objects(o, "of"):
                out += np_actors(ctx, pobj, rules, state, persons)
        return out
    if name == "referendum_target":  # "a referendum on joining Russia": the state to join
        source = set(roles.get("source", []))
        nouns = [t for t in tok.subtree if t.lemma_.lower() in rules.word_classes["referendum"]] or [tok]
        out = []
        for noun in nouns:
            # "a referendum on joining Russia", or "held a referendum" + "on joining Russia"
            hosts = [noun] + ([noun.head] if noun.dep_ in {"dobj", "nsubjpass", "pobj"} else [])
            preps = [c for h in hosts for c in h.children if c.i > noun.i]
            for prep in preps:
                if prep.dep_ == "prep" and prep.lower_ in {"on", "about", "over"}:
                    out += [
                        m.actor
                        for m in ctx.mentions_in(prep.idx, prep.right_edge.idx + len(prep.right_edge.text))
                    ]
        found = [a for a in _unique(out) if a not in source and not _is_de_facto(a)][:1]
        return found or _joining_in_sentence(ctx, tok, source)
    if name == "governing_subject":  # "Transnistria sought union with Russia after a plebiscite"
        verb = _governing_verb(tok)
        out = []
        for subj in _verb_subjects(verb)[0] if verb is not None else []:
            out += np_actors(ctx, subj, rules, state, persons)
        return out
    if name == "conducting_subject":  # "Azerbaijan launched an offensive": who wages it
        verb = tok.head if tok.dep_ == "dobj" else None
        if verb is None or verb.lemma_.lower() not in rules.word_classes["conduct_verbs"]:
            return []
        return [a for subj in _verb_subjects(verb)[0] for a in np_actors(ctx, subj, rules, state, persons)]
    if name == "breakaway_focus":  # "the breakaway state, recognised by Turkey": the territory in view
        breakaway = rules.word_classes["breakaway"]
        modifiers = [c for o in slots.obj for c in o.children if c.dep_ in {"amod", "compound"}]
        # "the fourth state to recognise the region": "the region" is the territory in view
        definite = [
            o
            for o in slots.obj
            if (
                o.lower_ in rules.word_classes["territory_nouns"]
                and o.tag_ == "NN"
                and any(c.lower_ in {"the", "this"} for c in o.children)
            )
            or (o.lower_ == "it" and o.dep_ == "dobj")  # "Tuvalu, which had recognised it"
        ]
        if definite or any(c.lower_ in breakaway or _hyphenated(c) in breakaway for c in modifiers):
            focus = ctx.focus_territory(tok.idx)
            return [focus] if focus else []
        return []
    if name == "told_war_territory":
        return _told_war_territory(ctx, tok, rules)
    if name == "plural_territories":
        # "the referendums were held": one in each of the territories last named together
        return list(state.last_territory_group) if tok.tag_ in {"NNS", "NNPS"} else []
    if name == "focus_territory":
        focus = ctx.focus_territory(tok.idx)
        return [focus] if focus else []
    if name == "unnamed_subject_focus":  # "security officers detained ...": the territory's own
        named = [s for s in slots.subj if s.pos_ == "NOUN"]
        focus = ctx.focus_territory(tok.idx) if named else None
        return [focus] if focus else []
    if name == "patron_of_target":
        territories = load_territories()
        return [territories[t].patron for t in roles.get("target", []) if t in territories][:1]
    if name == "territory_of_parent":  # "duties imposed by Moldova": on its breakaway region in view
        focus = ctx.focus_territory(tok.idx)
        territories = load_territories()
        parent = territories[focus].parent if focus in territories else None
        return [focus] if focus and parent is not None and parent in roles.get("source", []) else []
    if name == "parent_of_source":
        territories = load_territories()
        return [territories[t].parent for t in roles.get("source", []) if t in territories][:1]
    if name == "made_into":
        # "treaties that make Crimea part of Russia", "declared the two regions part of Russia",
        # "Crimea became part of Russia": what the governing verb turns into the trigger noun
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.lemma_.lower() not in rules.governed_nouns:
            return []
        verb = _governing_verb(tok)
        if verb is None:
            return []
        tokens = _children(verb, "dobj", "nsubj", "nsubjpass")
        tokens += [c for c in tok.children if c.dep_ == "compound"]  # "declared the regions part of"
        if tok.dep_ == "appos":
            tokens.append(tok.head)  # the parser's "the town of Gagra, part of ..."
        out = []
        for t in tokens:
            if _relative_pronoun(t):
                continue
            for member in [t, *t.conjuncts]:
                out += np_actors(ctx, member, rules, state, persons)
        return out
    if name == "purpose_object":  # "signed a treaty on Tuesday to absorb Crimea": the one absorbed
        out = []
        for clause in _purpose_clauses(tok, slots):
            for obj in _children(clause, "dobj"):
                out += np_actors(ctx, obj, rules, state, persons)
        return out
    if name == "obj_poss":  # "reverses Tuvalu's decision": the possessor of the object acts
        out = []
        for o in slots.obj:
            for p in _children(o, "poss"):
                out += np_actors(ctx, p, rules, state, persons)
        return out
    if name == "complement_subject":  # "said the referendum was democratic": what was judged
        out = []
        for clause in _children(tok, "ccomp"):
            for subj in _children(clause, "nsubj", "nsubjpass"):
                out += np_actors(ctx, subj, rules, state, persons)
                noun = subj.lemma_.lower()
                types = {r.type for r in rules.noun_index.get(noun, [])}
                if noun in rules.word_classes["act_nouns"]:
                    types |= set(rules.rules) - {"condemn", "endorse"}  # "the vote", "the move"
                is_ballot = noun in rules.word_classes["ballot_nouns"]
                ballot = state.last_event_of(BALLOT_EVENTS) if is_ballot else None
                earlier = ballot or (state.last_event_of(types) if types and not out else None)
                earlier = earlier if not out else None
                if earlier is not None:
                    state.reference_date = state.date_of(earlier)
                    out += earlier.source or earlier.parties[:1]
        return out
    if name == "obj_actor":
        out = []
        for o in slots.obj:
            if o.lemma_.lower() in rules.noun_index and state.last_event_of(
                {r.type for r in rules.noun_index[o.lemma_.lower()]}
            ):
                continue  # "condemned the annexation of Crimea": aimed at the annexer, not at Crimea
            out += np_actors(ctx, o, rules, state, persons)
        return out
    if name == "referenced_event_actor":
        # "condemned the ratification": the act condemned is an event reported earlier; its doer is the target
        for o in slots.obj:
            head = o.lemma_.lower()
            for rule in rules.noun_index.get(head, []):
                earlier = state.last_event_of({rule.type})
                if earlier is not None:
                    state.reference_date = state.date_of(earlier)
                    return earlier.source or earlier.parties[:1]
            if head in rules.word_classes["agreement"]:  # "welcomed the agreement": the one just signed
                signed = state.last_event_of({"sign_agreement"})
                if signed is not None:
                    state.reference_date = state.date_of(signed)
                    return _other_parties(signed.parties, roles.get("source", []))
            if head in rules.word_classes["ballot_nouns"]:  # "dismissed the vote": the last ballot reported
                earlier = state.last_event_of(BALLOT_EVENTS)
                if earlier is not None and earlier.source:
                    state.reference_date = state.date_of(earlier)
                    return earlier.source
            if head in rules.word_classes["act_nouns"]:  # "the decision", "the move": the last act reported
                earlier = state.last_event_of(set(rules.rules) - REACTIONS, directed=True)
                if earlier is not None:
                    state.reference_date = state.date_of(earlier)
                    return earlier.source
        return []
    if name == "patron_of_context":
        territory = ctx.focus_territory(tok.idx)
        if territory and territory in load_territories():
            return [load_territories()[territory].patron]
        return []
    return []


def _purpose_clauses(tok: Token, slots: Slots) -> list[Token]:
    """'signed a treaty to absorb Crimea': infinitive clauses on the verb or its object."""
    return [
        clause
        for holder in [tok, *slots.obj]
        for clause in holder.children
        if clause.dep_ in {"advcl", "acl", "xcomp", "relcl"}
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    ]


def _told_war_territory(ctx: ExtractionContext, tok: Token, rules: EventRules) -> list[str]:
    """'The war broke out on 27 September', 'a brief war in 1992', 'six weeks of fighting': a
    war with no side named, told as an event of its own (it does something, or it has a date
    or a length), is the war over the territory in focus. A bare mention ("resolution of
    the conflict", "in the event of an attack") is not."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() not in rules.word_classes["war_nouns"]:
        return []
    told = tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.pos_ in {"VERB", "AUX"}
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ in {"NOUN", "NUM"}:
        told = told or tok.head.head.ent_type_ in TIME_ENTS  # "six weeks of fighting"
    told = told or any(t.ent_type_ in TIME_ENTS for t in tok.subtree if t.i != tok.i)
    focus = ctx.focus_territory(tok.idx) if told else None
    return [focus] if focus else []


def _other_parties(parties: list[str], source: list[str]) -> list[str]:
    """Who a reaction to an agreement is aimed at: its parties other than the one reacting;
    of several, the states ("condemned the protocol" of Turkey and Northern Cyprus: Turkey)."""
    others = [p for p in parties if p not in source]
    states = [p for p in others if not _is_de_facto(p)]
    return states if len(others) > 1 and states else others


def _agreement_name(ctx: ExtractionContext, slots: Slots, rules: EventRules) -> str | None:
    """What tells this agreement from others: its title words ("Treaty on Alliance and
    Integration") and kind ("military agreement", "integration treaty"), never the parties
    or a relative clause about it; None when the text gives neither."""
    candidates = list(slots.obj)
    host = slots.host
    if host is not None and not any(o.lemma_.lower() in rules.word_classes["agreement"] for o in candidates):
        # a misparsed "The pact ("Customs Union Protocol") has been signed"
        before = [
            t for t in host.sent if t.i < host.i and t.lemma_.lower() in rules.word_classes["agreement"]
        ]
        candidates += before[-1:]
    for o in candidates:
        if o.lemma_.lower() not in rules.word_classes["agreement"]:
            continue
        clauses = {t.i for c in o.children if c.dep_ in {"relcl", "acl"} for t in c.subtree}
        # a title in quotes or brackets right after the noun, however the parser attached it
        stop = min(host.i if host is not None and host.i > o.i else o.i + 9, o.i + 9, o.sent.end)
        after = o.doc[o.i + 1 : stop]
        quoted = len(after) > 0 and after[0].text in {"(", '"', "“", "«"}
        chosen = [t for t in after if quoted and t.pos_ == "PROPN" and t.text[:1].isupper()]
        for t in o.subtree:
            if (
                t.i in clauses
                or _mention_of_token(ctx, t) is not None
                or t.is_punct
                or t.ent_type_ in TIME_ENTS
                or _place_of_signing(t)
            ):
                continue
            titled = t.pos_ == "PROPN" and t.text[:1].isupper()
            kind = t.head.i == o.i and t.dep_ in {"amod", "compound"} and t.pos_ in {"NOUN", "ADJ", "PROPN"}
            if titled or kind or t.i == o.i:
                chosen.append(t)
        words = " ".join(t.text for t in sorted(chosen, key=lambda t: t.i))
        return _agreement_title(chosen) or words if _agreement_key(words) else None
    return None


def _place_of_signing(tok: Token) -> bool:
    """'the treaty ... in Sochi', 'at the Dagomys resort near Sochi': where it was signed,
    not part of its name (the 'Moscow' of 'Treaty of Moscow' is)."""
    if tok.ent_type_ not in {"GPE", "LOC", "FAC"}:
        return False
    node = tok
    while node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lemma_.lower() in {"in", "at", "near"}:
            return True
        if node.dep_ not in {"compound", "pobj", "prep", "amod"}:
            return False
        node = node.head
    return False


# Words a title may keep between its content words ("Treaty on Alliance and Integration").
_TITLE_GLUE = {"ADP", "CCONJ", "DET", "PART"}


def _agreement_title(chosen: list[Token]) -> str | None:
    """The name as the text spells it, when the chosen words are one run joined only by
    function words: "Treaty on Alliance and Integration", not "Treaty Alliance Integration"."""
    if not chosen:
        return None
    doc = chosen[0].doc
    first, last = min(t.i for t in chosen), max(t.i for t in chosen)
    picked = {t.i for t in chosen}
    for t in doc[first : last + 1]:
        if t.i not in picked and t.pos_ not in _TITLE_GLUE:
            return None
    return doc[first : last + 1].text


def _agreement_key(name: str | None) -> frozenset[str]:
    if not name:
        return frozenset()
    words = re.findall(r"[a-z]+", name.lower())
    return frozenset(w for w in words if w not in AGREEMENT_KEY_STOP and len(w) > 2)  # "gas agreement"


def _followed_ellipsis(ctx: ExtractionContext, sent: Span, state: _DocState) -> list[EventMention]:
    """'Turkey recognised X in 1983; Y followed in May, Z in June 1990.'

    'followed' (or 'did the same', 'followed suit') repeats the last event with a new source;
    a list of further actors each with its own date gaps the verb.
    """
    out: list[EventMention] = []
    for tok in sent:
        objects = [o for o in _children(tok, "dobj") if o.lower_ != "suit"]  # "followed suit"
        if tok.lemma_ != "follow" or tok.pos_ != "VERB" or objects:
            continue
        previous = state.last_event_of({"recognize", "withdraw_recognition", "sign_agreement", "condemn"})
        if previous is None or previous.trigger.i >= tok.i:
            continue
        subjects = _children(tok, "nsubj")
        # "X's recognition was followed by A in May and by B in June": the agents follow
        agents = [
            (by, pobj)
            for by in tok.subtree
            if by.lower_ == "by" and by.dep_ in {"agent", "conj", "prep"} and by.i > tok.i
            for pobj in _children(by, "pobj")
        ]
        if not subjects and not (agents and _children(tok, "nsubjpass")):
            continue
        # each actor named after the verb starts a segment that runs to the next actor
        heads = subjects + [
            c for c in tok.children if c.dep_ in {"npadvmod", "conj", "appos", "dobj"} and c.i > tok.i
        ]
        if not subjects:
            heads = [pobj for _, pobj in agents]
        anchors = []
        for head in heads:  # "A in May 1990 and B in June 1991": each its own
            for t in [head, *(d for d in head.subtree if d.dep_ == "conj" and d.head.i != tok.i)]:
                mention = _mention_of_token(ctx, t)
                if mention is not None:
                    anchors.append((t, [mention.actor]))
        anchors.sort(key=lambda x: x[0].i)
        by_of = {pobj.i: by for by, pobj in agents}
        for k, (anchor, actors) in enumerate(anchors):
            if subjects:
                seg_start = anchor.idx if k else anchor.left_edge.idx
                seg_end = anchors[k + 1][0].left_edge.idx if k + 1 < len(anchors) else sent.end_char
            else:  # "followed by A in May", "by B in June"
                seg_start = tok.idx if k == 0 else by_of.get(anchor.i, anchor).idx
                following = anchors[k + 1][0] if k + 1 < len(anchors) else None
                seg_end = by_of.get(following.i, following).idx if following is not None else sent.end_char
            dated = [t for t in ctx.timexes_in(seg_start, seg_end) if t.kind in DATE_KINDS and t.interval]
            timex = dated[0] if dated else None
            text = re.sub(r"(?:\s+(?:and|or))?[\s,;.]*$", "", ctx.text[seg_start:seg_end])
            out.append(
                EventMention(
                    type=previous.type,
                    trigger=tok,
                    source=actors,
                    target=list(previous.target),
                    parties=[],
                    persons=[],
                    date=timex.interval if timex else None,
                    date_text=timex.text if timex else None,
                    date_conflict=None,
                    modality="asserted",
                    evidence=Evidence(seg_start, seg_start + len(text), text),
                    agreement=None,
                    rule=f"{RULE_VERSION}:{previous.type}:ellipsis:follow",
                )
            )
    return out


# ---------------------------------------------------------------------------------------
# From mentions to events: split by actor, merge mentions of one event
# ---------------------------------------------------------------------------------------
def _split(m: EventMention) -> list[tuple[str | None, str | None, tuple[str, ...]]]:
    """Coordination yields one event per (source, target) pair: 'A and B recognised X and Y' is four."""
    if m.party_groups:
        return [(None, None, tuple(sorted(g))) for g in m.party_groups]
    if m.parties:
        return [(None, None, tuple(sorted(m.parties)))]
    targets: list[str | None] = list(m.target) or [None]
    return [(s, t, ()) for s in m.source for t in targets]


def _same_actors(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    """Same type, source, parties and modality; a target the text left unknown matches any."""
    (type_a, source_a, target_a, parties_a, mod_a), (type_b, source_b, target_b, parties_b, mod_b) = a, b
    same_rest = (type_a, source_a, parties_a, mod_a) == (type_b, source_b, parties_b, mod_b)
    return same_rest and (target_a == target_b or target_a is None or target_b is None)


def _compatible(a: DateInterval | None, b: DateInterval | None) -> bool:
    return a is None or b is None or a.overlaps(b)


def merge_mentions(mentions: list[EventMention], ctx: ExtractionContext) -> list[Event]:
    vocab = ctx.vocabulary.event_types
    events: list[Event] = []
    cues: list[_WeakCues] = []
    keys: list[tuple[Any, ...]] = []
    signings: dict[int, Event] = {}  # a signing verb's token -> the event its mention joined
    for m in mentions:
        for source, target, parties in _split(m):
            key = (m.type, source, target, parties, m.modality)
            merged = False
            # the most recent compatible event first: an unnamed "the treaty" is the one just discussed
            for i in range(len(keys) - 1, -1, -1):
                k, ev = keys[i], events[i]
                if not _same_actors(k, key) or not _compatible(ev.date, m.date):
                    continue
                ka, kb = _agreement_key(ev.agreement), _agreement_key(m.agreement)
                if ka and kb and not (ka & kb):
                    continue
                _absorb(ev, m)
                if ev.target is None and target is not None:  # "a referendum" then "on joining Russia"
                    ev.target = target
                    keys[i] = key
                cues[i].after = cues[i].after or m.after
                cues[i].perfect = cues[i].perfect or m.perfect
                cues[i].signed_by = cues[i].signed_by if cues[i].signed_by is not None else m.signed_by
                if m.type == "sign_agreement":
                    signings.setdefault(m.trigger.i, ev)
                merged = True
                break
            if merged:
                continue
            et = vocab[m.type]
            events.append(
                Event(
                    type=m.type,
                    source=source,
                    target=target,
                    parties=list(parties) if parties else None,
                    date=m.date,
                    modality=m.modality,
                    plover=et.plover,
                    cameo=et.cameo,
                    evidence=[m.evidence],
                    persons=list(m.persons),
                    agreement=m.agreement,
                    date_text=m.date_text,
                    date_conflict=m.date_conflict,
                    rule=m.rule,
                )
            )
            keys.append(key)
            cues.append(_WeakCues(after=m.after, perfect=m.perfect, signed_by=m.signed_by))
            if m.type == "sign_agreement":
                signings.setdefault(m.trigger.i, events[-1])
    return date_from_context(events, cues, ctx, signings)


def _absorb(ev: Event, m: EventMention) -> None:
    """Fold a further mention into an event: more evidence, the most precise date.

    The evidence that gives the event its date comes first, so a timeline cites the
    sentence its date came from."""
    gives_date = m.date is not None and (ev.date is None or m.date.width_days < ev.date.width_days)
    if all(e.start != m.evidence.start or e.end != m.evidence.end for e in ev.evidence):
        ev.evidence.insert(0 if gives_date else len(ev.evidence), m.evidence)
    if gives_date and m.date is not None:
        if ev.date is not None and not ev.date.contains(m.date):
            ev.date_conflict = f"{ev.date_text!r} vs {m.date_text!r}"
        ev.date, ev.date_text = m.date, m.date_text
        if m.date_conflict:
            ev.date_conflict = m.date_conflict
    ev.persons = _unique(ev.persons + m.persons)
    ev.agreement = ev.agreement or m.agreement
    ev.rule = ev.rule if m.rule in ev.rule else f"{ev.rule}; {m.rule}"
