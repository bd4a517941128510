"""Quotes: direct and reported speech, speakers and their actors.

Every sentence here is made up for the test. The parser-dependent tests (marked `model`)
use a small stand-in actor resolver, so they test the quote rules, not the actor pack;
one test at the end runs the real `build_context`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from annexwatch.errors import PackError
from annexwatch.models import ActorMention, Quote
from annexwatch.nlp.context import ExtractionContext
from annexwatch.nlp.quotes import extract_quotes, find_quotations, load_quote_rules, paragraphs_of
from annexwatch.pack import PACK_DIR, load_vocabulary

# ---------------------------------------------------------------------------------------
# A stand-in resolver: a few names, adjectives, capitals and people
# ---------------------------------------------------------------------------------------
ACTORS = {
    "Russia": "RUS", "Russian": "RUS", "Moscow": "RUS", "Kremlin": "RUS",
    "Georgia": "GEO", "Georgian": "GEO", "Tbilisi": "GEO",
    "Abkhazia": "XAB", "Abkhaz": "XAB", "Sukhumi": "XAB",
    "South Ossetia": "XSO", "South Ossetian": "XSO",
    "Transnistria": "XTR", "Transnistrian": "XTR", "Moldova": "MDA", "Moldovan": "MDA",
    "United States": "USA", "US": "USA", "U.S.": "USA",
    "Northern Cyprus": "XNC", "Turkish Cypriot": "XNC", "Turkey": "TUR", "Turkish": "TUR",
}
PEOPLE = {
    "Olga Vetrova": "RUS", "Pavel Dronov": "RUS", "Timur Ardzinba": "XAB",
    "Nika Kapanadze": "GEO", "Laura Finch": "USA", "Mehmet Aydin": "XNC",
}
SURNAMES = {name.split()[-1]: name for name in PEOPLE}


class StubResolver:
    def find(self, text: str, when: object = None) -> list[ActorMention]:
        forms = sorted([*ACTORS, *PEOPLE, *SURNAMES], key=len, reverse=True)
        pattern = re.compile(r"\b(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)")
        out = []
        for m in pattern.finditer(text):
            form = m.group(1)
            person = form if form in PEOPLE else SURNAMES.get(form)
            if person:
                actor = PEOPLE[person]
                out.append(ActorMention(m.start(), m.end(), form, actor, person=person, kind="person"))
            else:
                out.append(ActorMention(m.start(), m.end(), form, ACTORS[form]))
        return out

    def person(self, name: str) -> str | None:
        return name if name in PEOPLE else SURNAMES.get(name.split()[-1]) if name.split() else None

    def actor_of_person(self, name: str, when: object) -> str | None:
        person = self.person(name)
        return PEOPLE.get(person) if person else None


@pytest.fixture(scope="session")
def nlp():
    from annexwatch.nlp.pipeline import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def quotes_of(nlp):
    resolver = StubResolver()
    vocabulary = load_vocabulary()

    def run(text: str) -> list[Quote]:
        ctx = ExtractionContext(
            text=text, doc=nlp(text), mentions=resolver.find(text), timexes=[], published=None,
            vocabulary=vocabulary, resolver=resolver,
        )
        quotes = extract_quotes(ctx)
        for q in quotes:  # every quote cites the text it states
            assert q.evidence
            assert all(text[e.start:e.end] == e.text for e in q.evidence)
        return quotes

    return run


def brief(quotes: list[Quote]) -> list[tuple[str | None, str, bool]]:
    return [(q.actor, q.text, q.direct) for q in quotes]


# ---------------------------------------------------------------------------------------
# Quotation marks (no parser)
# ---------------------------------------------------------------------------------------
def inner(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotations(text)]


def test_curly_and_straight_pairs():
    text = 'He said “we will stay” and she said "we will go" today.'
    assert inner(text) == ["we will stay", "we will go"]


def test_apostrophes_are_not_quotation_marks():
    text = "The region’s leader said ‘the border is closed’ and the Abkhaz’ neighbours agreed."
    assert inner(text) == ["the border is closed"]


def test_single_quotes_nested_in_double():
    text = "“He told us ‘the talks are over’ yesterday,” she said."
    quotations = find_quotations(text)
    assert [text[q.start:q.end] for q in quotations] == [
        "He told us ‘the talks are over’ yesterday,", "the talks are over"]
    assert quotations[1].parent is quotations[0]


def test_guillemets():
    assert inner("The minister said «the vote is final» on Friday.") == ["the vote is final"]


def test_statement_over_paragraphs_with_reopening_marks():
    text = "She said:\n\n“First part of the statement.\n\n“Second part of it.”\n\nNext paragraph."
    (q,) = find_quotations(text)
    assert text[q.open] == "“" and text[q.close] == "”"
    assert len(q.reopeners) == 1 and text[q.reopeners[0]] == "“"


def test_straight_statement_opening_a_paragraph_runs_to_its_closing_mark():
    text = 'It reads:\n\n" We reject the vote.\n\nThe line is clear: no talks."\n\nAfter that.'
    (q,) = find_quotations(text)
    assert text[q.start:q.end].strip().startswith("We reject") and text[q.start:q.end].endswith("talks.")


def test_unclosed_mark_in_mid_paragraph_is_dropped():
    text = "He called it “a farce and left.\n\nThen “the real quote” came."
    assert inner(text) == ["the real quote"]


def test_paragraphs_of():
    assert paragraphs_of("a\n\nb\n \nc") == [(0, 1), (3, 4), (7, 8)]


# ---------------------------------------------------------------------------------------
# The pack file
# ---------------------------------------------------------------------------------------
def test_rules_load_with_verb_classes():
    rules = load_quote_rules()
    assert "clause" in rules.verbs["say"]
    assert "as" in rules.verbs["describe"]
    assert "naming" in rules.verbs["call"]
    assert 0 < rules.direct_share <= 1


def test_unknown_verb_class_is_a_pack_error(tmp_path: Path):
    shutil.copy(PACK_DIR / "quotes.yaml", tmp_path / "quotes.yaml")
    path = tmp_path / "quotes.yaml"
    path.write_text(path.read_text().replace("  clause:\n", "  clauses:\n", 1))
    with pytest.raises(PackError, match="clauses"):
        load_quote_rules(tmp_path)


# ---------------------------------------------------------------------------------------
# Direct quotes
# ---------------------------------------------------------------------------------------
@pytest.mark.model
def test_direct_quote_with_speaker_after(quotes_of):
    (q,) = quotes_of("“We will never trade our land for promises,” Nika Kapanadze told reporters on Monday.")
    assert (q.speaker, q.actor, q.direct) == ("Nika Kapanadze", "GEO", True)
    assert q.text == "We will never trade our land for promises"
    assert q.evidence[-1].text == "Nika Kapanadze" and q.rule.endswith("+speaker")


@pytest.mark.model
def test_direct_quote_after_colon_and_title_gives_actor(quotes_of):
    text = ("Timur Ardzinba, the Abkhaz foreign minister, said: "
            "“Our independence cannot be reversed by anyone.”")
    (q,) = quotes_of(text)
    assert (q.speaker, q.actor) == ("Timur Ardzinba", "XAB")
    assert q.text == "Our independence cannot be reversed by anyone."


@pytest.mark.model
def test_split_quote_is_two_quotes_and_pronoun_is_resolved(quotes_of):
    text = ("Olga Vetrova spoke after the vote. "
            "“This is a day to remember,” she said, “and nobody will undo it.”")
    quotes = quotes_of(text)
    assert brief(quotes) == [
        ("RUS", "This is a day to remember", True),
        ("RUS", "and nobody will undo it.", True),
    ]
    assert {q.speaker for q in quotes} == {"Olga Vetrova"}


@pytest.mark.model
def test_quote_standing_alone_continues_the_previous_speaker(quotes_of):
    text = ("Laura Finch said Washington would not recognise the result. "
            "“The vote was held under occupation and has no legal force.”")
    quotes = quotes_of(text)
    assert [(q.actor, q.direct) for q in quotes] == [("USA", False), ("USA", True)]
    assert quotes[1].rule.startswith("quotes.v1:direct:continued")


@pytest.mark.model
def test_statement_over_paragraphs_is_one_quote(quotes_of):
    text = ("The statement of the Georgian Foreign Ministry reads:\n\n"
            "“The occupying power continues to move the fences.\n\n"
            "“We call on our partners to respond firmly.”")
    (q,) = quotes_of(text)
    assert q.actor == "GEO" and q.direct
    assert q.text == ("The occupying power continues to move the fences. "
                      "We call on our partners to respond firmly.")
    assert [e.text for e in q.evidence[:2]] == [
        "The occupying power continues to move the fences.", "We call on our partners to respond firmly."]


@pytest.mark.model
def test_described_as_quote(quotes_of):
    (q,) = quotes_of("Timur Ardzinba described the accord as “a guarantee of peace for generations”.")
    assert (q.actor, q.text, q.direct) == ("XAB", "a guarantee of peace for generations", True)


@pytest.mark.model
def test_short_quoted_word_in_a_naming_complement_is_a_quote(quotes_of):
    (q,) = quotes_of("Pavel Dronov called the blockade “illegal” on Tuesday.")
    assert (q.actor, q.text) == ("RUS", "illegal")


@pytest.mark.model
def test_nested_quote_with_its_own_speaker(quotes_of):
    text = ("An analyst wrote: "
            "“Pavel Dronov recently stated ‘the border will stay open for everyone’ in Sukhumi.”")
    quotes = quotes_of(text)
    assert brief(quotes) == [("RUS", "the border will stay open for everyone", True)]


# ---------------------------------------------------------------------------------------
# Not quotes
# ---------------------------------------------------------------------------------------
@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Pavel Dronov visited the so-called “parliament of the republic” in Sukhumi.",
    "Pavel Dronov signed the “Friendship and Good Neighbourliness” accord in Sukhumi.",
    "The region voted for the “independence” of the territory, Moscow newspapers wrote.",
    "Critics said the vote was “a farce staged for television cameras”.",
    "Observers claim that the money was lost to corruption.",
    "Pavel Dronov did not say that the troops would leave.",
    "Nika Kapanadze will announce on Friday that Georgia is leaving the talks.",
    "In the accord, Turkey promises that it will guard the coast of Northern Cyprus.",
    "The agreement states that Russia will defend South Ossetia.",
    "It was announced that the border would open in June.",
    "Pavel Dronov refused to say whether the troops would leave Abkhazia.",
    "The protocol was initialled by Turkey and says that the checkpoint will reopen.",
])
def test_not_quotes(quotes_of, text):
    assert quotes_of(text) == []


# ---------------------------------------------------------------------------------------
# Reported speech
# ---------------------------------------------------------------------------------------
@pytest.mark.model
def test_said_that_and_told_that(quotes_of):
    text = ("Pavel Dronov said that the base would stay in Abkhazia. "
            "Nika Kapanadze told a television channel that Tbilisi would appeal to the court.")
    assert brief(quotes_of(text)) == [
        ("RUS", "the base would stay in Abkhazia", False),
        ("GEO", "Tbilisi would appeal to the court", False),
    ]


@pytest.mark.model
def test_said_without_that_and_pronoun(quotes_of):
    text = "Mehmet Aydin arrived in Ankara. He said the talks on the island had reached a dead end."
    (q,) = quotes_of(text)
    assert (q.speaker, q.actor) == ("Mehmet Aydin", "XNC")
    assert q.text == "the talks on the island had reached a dead end"
    assert q.evidence[-1].text == "He"


@pytest.mark.model
def test_coordinated_speech_verbs_are_separate_quotes(quotes_of):
    text = ("Timur Ardzinba described the deal as a step towards prosperity, said it would protect the coast "
            "and called it a partnership of equals.")
    assert brief(quotes_of(text)) == [
        ("XAB", "a step towards prosperity", False),
        ("XAB", "it would protect the coast", False),
        ("XAB", "a partnership of equals", False),
    ]


@pytest.mark.model
def test_and_that_clauses_are_split(quotes_of):
    text = ("Pavel Dronov said the ministry would build two schools in the region and that the border "
            "would stay open.")
    assert [q.text for q in quotes_of(text)] == [
        "the ministry would build two schools in the region", "the border would stay open"]


@pytest.mark.model
def test_adding_that_is_its_own_quote(quotes_of):
    text = "Timur Ardzinba said the republic would hold elections, adding that observers would be welcome."
    assert [q.text for q in quotes_of(text)] == [
        "the republic would hold elections", "observers would be welcome"]


@pytest.mark.model
def test_according_to(quotes_of):
    (q,) = quotes_of("According to the Georgian government, forty people were detained near the line.")
    assert (q.actor, q.text, q.direct) == ("GEO", "forty people were detained near the line", False)
    assert q.rule.startswith("quotes.v1:reported:according")


@pytest.mark.model
def test_as_explained_by(quotes_of):
    (q,) = quotes_of("As explained by the Russian minister Pavel Dronov, the new base will secure the coast.")
    assert (q.speaker, q.actor, q.text) == ("Pavel Dronov", "RUS", "the new base will secure the coast")


@pytest.mark.model
def test_inserted_he_said(quotes_of):
    text = "Pavel Dronov spoke to the deputies. Moscow, he said, could not abandon its compatriots."
    (q,) = quotes_of(text)
    assert (q.actor, q.text) == ("RUS", "Moscow could not abandon its compatriots")
    assert [e.text for e in q.evidence[:2]] == ["Moscow", "could not abandon its compatriots"]


@pytest.mark.model
def test_organisation_speakers(quotes_of):
    text = ("The Moldovan Foreign Ministry said in a statement that the checkpoint was illegal. "
            "The Transnistrian authorities claimed that two residents had been detained.")
    quotes = quotes_of(text)
    assert [(q.speaker, q.actor) for q in quotes] == [
        ("Moldovan Foreign Ministry", "MDA"), ("Transnistrian authorities", "XTR")]


@pytest.mark.model
def test_bare_government_is_the_territory_the_sentence_is_about(quotes_of):
    text = ("Fighting stopped in South Ossetia on Friday. "
            "The government said the curfew in South Ossetia would end.")
    (q,) = quotes_of(text)
    assert (q.actor, q.text) == ("XSO", "the curfew in South Ossetia would end")


@pytest.mark.model
def test_it_said_stands_for_the_organisation_before(quotes_of):
    text = "The Georgian Foreign Ministry issued a statement. It said that the fence had moved again."
    (q,) = quotes_of(text)
    assert (q.actor, q.speaker) == ("GEO", "Georgian Foreign Ministry")


@pytest.mark.model
def test_spokesperson_of_an_organisation_takes_its_actor(quotes_of):
    (q,) = quotes_of("A spokesman for the Kremlin said the request had not arrived.")
    assert (q.actor, q.text) == ("RUS", "the request had not arrived")


# ---------------------------------------------------------------------------------------
# Direct quotes inside reported clauses
# ---------------------------------------------------------------------------------------
@pytest.mark.model
def test_quote_that_is_most_of_the_clause_wins(quotes_of):
    (q,) = quotes_of("Nika Kapanadze stated that it is “a flagrant violation of every norm of the law”.")
    assert (q.text, q.direct) == ("a flagrant violation of every norm of the law", True)


@pytest.mark.model
def test_clause_with_a_short_quoted_part_is_one_reported_quote(quotes_of):
    (q,) = quotes_of("Pavel Dronov said Moscow would respond “in a mirror-like way” to any new sanctions.")
    assert q.text == "Moscow would respond “in a mirror-like way” to any new sanctions"
    assert not q.direct


# ---------------------------------------------------------------------------------------
# The real context: parser, actor resolver and time engine together
# ---------------------------------------------------------------------------------------
@pytest.mark.model
def test_with_build_context():
    pytest.importorskip("annexwatch.nlp.actors")
    from annexwatch.extract import build_context

    text = "“Crimea will always be part of Russia,” Vladimir Putin told the deputies."
    quotes = extract_quotes(build_context(text, None))
    assert [(q.actor, q.text, q.direct) for q in quotes] == [
        ("RUS", "Crimea will always be part of Russia", True)]


@pytest.mark.model
def test_quoted_as_saying(quotes_of):
    text = "“There is no way back to the past,” the office of Timur Ardzinba quoted him as saying."
    (q,) = quotes_of(text)
    assert (q.speaker, q.actor, q.text) == ("Timur Ardzinba", "XAB", "There is no way back to the past")


@pytest.mark.model
def test_unknown_person_takes_the_actor_of_their_title_named_earlier(quotes_of):
    text = ("Abkhaz Deputy Minister Inal Gurgulia arrived in Moscow. "
            "Gurgulia said the new road would open in spring.")
    (q,) = quotes_of(text)
    assert (q.speaker, q.actor, q.text) == ("Inal Gurgulia", "XAB", "the new road would open in spring")


@pytest.mark.model
def test_person_without_any_actor_gives_nothing(quotes_of):
    assert quotes_of("Anna Morozova, a teacher, said the school had closed.") == []


@pytest.mark.model
def test_name_and_colon_attributes_a_quote(quotes_of):
    (q,) = quotes_of("Pavel Dronov: “Russia will never leave its allies in the Caucasus.”")
    assert (q.actor, q.direct) == ("RUS", True)
    assert q.rule.startswith("quotes.v1:direct:label")


@pytest.mark.model
def test_the_statement_said_is_the_issuer_named_before(quotes_of):
    text = ("The Moldovan Foreign Ministry issued a statement on Monday. "
            "“The new checkpoints are illegal and must be removed,” the statement said.")
    (q,) = quotes_of(text)
    assert (q.actor, q.text) == ("MDA", "The new checkpoints are illegal and must be removed")


@pytest.mark.model
def test_clause_before_the_speech_verb(quotes_of):
    (q,) = quotes_of("The crossing points will stay closed until Monday, the Abkhaz security service said.")
    assert (q.actor, q.text) == ("XAB", "The crossing points will stay closed until Monday")


@pytest.mark.model
def test_a_relaying_reporter_does_not_take_the_words(quotes_of):
    text = ("Pavel Dronov said Moscow would build a new hospital in Sukhumi, "
            "the Abkhaz press service reported.")
    assert brief(quotes_of(text)) == [("RUS", "Moscow would build a new hospital in Sukhumi", False)]


@pytest.mark.model
def test_unknown_name_with_a_title(quotes_of):
    (q,) = quotes_of("Moldovan government spokesman Ion Ceban said the talks would resume in May.")
    assert (q.actor, q.text) == ("MDA", "the talks would resume in May")


@pytest.mark.model
def test_went_on_to_say(quotes_of):
    (q,) = quotes_of("Pavel Dronov went on to say that Russia would keep its base in Abkhazia.")
    assert (q.actor, q.text) == ("RUS", "Russia would keep its base in Abkhazia")


@pytest.mark.model
def test_statement_issued_with_a_colon(quotes_of):
    text = ("Laura Finch issued a written statement: "
            "\"The United States rejects the so-called election in the occupied region.\"")
    (q,) = quotes_of(text)
    assert (q.speaker, q.actor, q.direct) == ("Laura Finch", "USA", True)


@pytest.mark.model
def test_according_to_that_relays_a_speaker_is_not_a_second_quote(quotes_of):
    text = ("In a call on Sunday, Laura Finch said the vote was illegal and that Washington "
            "would never recognise it, according to the State Department.")
    assert brief(quotes_of(text)) == [
        ("USA", "the vote was illegal", False),
        ("USA", "Washington would never recognise it", False),
    ]


@pytest.mark.model
def test_verbless_small_clause_is_not_reported_speech(quotes_of):
    assert quotes_of("On Monday the Abkhaz parliament declared the coast a protected zone.") == []


@pytest.mark.model
def test_pronoun_prefers_the_person_named_just_before(quotes_of):
    text = ("Pavel Dronov signed the order on Monday. The idea was Timur Ardzinba's. "
            "A month earlier he announced that the coast would be protected.")
    (q,) = quotes_of(text)
    assert (q.speaker, q.actor) == ("Timur Ardzinba", "XAB")


@pytest.mark.model
def test_clause_after_a_comma_and_is_cut_not_quoted(quotes_of):
    text = "Timur Ardzinba has said that the talks will resume in June, and the border remains closed."
    assert brief(quotes_of(text)) == [("XAB", "the talks will resume in June", False)]
