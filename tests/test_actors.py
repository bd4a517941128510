"""The actor dictionary (pack/actors.yaml, pack/actors.py) and the resolver (nlp/actors.py).

Every sentence here is written for the test; none is taken from an article.
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from annexwatch.errors import PackError
from annexwatch.models import ActorMention, DateInterval
from annexwatch.nlp.actors import ActorResolver, fold
from annexwatch.pack import PACK_DIR, load_vocabulary
from annexwatch.pack.actors import ACTOR_KINDS, load_actors


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver.from_pack()


def found(resolver: ActorResolver, text: str, when: DateInterval | None = None) -> list[tuple[str, str, str]]:
    return [(m.text, m.actor, m.kind) for m in resolver.find(text, when)]


def one(resolver: ActorResolver, text: str, when: DateInterval | None = None) -> ActorMention:
    mentions = resolver.find(text, when)
    assert len(mentions) == 1, [(m.text, m.actor, m.kind) for m in mentions]
    return mentions[0]


# --- the dictionary ------------------------------------------------------------------------


def test_every_vocabulary_code_has_an_entry() -> None:
    vocabulary = load_vocabulary()
    pack = load_actors()
    assert list(pack.actors) == list(vocabulary.actors)
    for code, entry in pack.actors.items():
        assert entry.kind in ACTOR_KINDS, code
        assert entry.names, code
        assert entry.wikidata is None or entry.wikidata.startswith("Q"), code
    assert pack.actors["XSO"].kind == "de_facto"
    assert pack.actors["NATO"].kind == "organisation"
    assert pack.actors["RUS"].wikidata == "Q159"


def test_every_person_refers_to_valid_codes() -> None:
    codes = set(load_vocabulary().actors)
    pack = load_actors()
    assert len(pack.people) >= 150
    for person in pack.people:
        assert person.affiliation is None or person.affiliation in codes, person.name
        for office in person.offices:
            assert office.actor in codes, (person.name, office.title)
            assert office.first_day <= office.last_day, (person.name, office.title)


def test_year_and_month_precision_dates() -> None:
    pack = load_actors()
    karasin = next(p for p in pack.people if p.name == "Grigory Karasin")
    office = karasin.offices[0]
    assert office.start == DateInterval.year(2005)
    assert office.last_day.isoformat() == "2019-12-31"
    zakharova = next(p for p in pack.people if p.name == "Maria Zakharova")
    assert zakharova.offices[0].first_day.isoformat() == "2015-08-01"
    assert zakharova.offices[0].end is None


# --- surface classes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks with Russia resumed.", ("Russia", "RUS", "name")),
        ("A Georgian village was cut off.", ("Georgian", "GEO", "adjective")),
        ("Officials flew to Tskhinvali.", ("Tskhinvali", "XSO", "capital")),
        ("Officials flew to Tskhinval.", ("Tskhinval", "XSO", "capital")),
        ("The Kremlin was silent.", ("Kremlin", "RUS", "metonym")),
        ("The talks were held in Sokhumi.", ("Sokhumi", "XAB", "capital")),
        ("Envoys went to Sukhumi and back.", ("Sukhumi", "XAB", "capital")),
        ("Pridnestrovie held a vote.", ("Pridnestrovie", "XTR", "name")),
        ("The TRNC marked the date.", ("TRNC", "XNC", "name")),
        ("Artsakh ceased to exist.", ("Artsakh", "XNK", "name")),
        ("The LNR and its militia.", ("LNR", "XLU", "name")),
        ("Shelling hit Lugansk overnight.", ("Lugansk", "XLU", "capital")),
        ("The occupied Tskhinvali region is small.", ("occupied Tskhinvali region", "XSO", "name")),
        ("Samachablo is an old name.", ("Samachablo", "XSO", "name")),
        ("The EUMM patrols the line.", ("EUMM", "EU", "metonym")),
        ("The Verkhovna Rada voted.", ("Verkhovna Rada", "UKR", "metonym")),
        ("The Milli Majlis approved it.", ("Milli Majlis", "AZE", "metonym")),
        ("The White House responded.", ("White House", "USA", "metonym")),
        ("Ossetian fighters crossed.", ("Ossetian", "XSO", "adjective")),
    ],
)
def test_surface_classes(resolver: ActorResolver, text: str, expected: tuple[str, str, str]) -> None:
    assert found(resolver, text) == [expected]


def test_mentions_carry_wikidata_and_offsets(resolver: ActorResolver) -> None:
    text = "Yesterday South Ossetia and Georgia met."
    mentions = resolver.find(text)
    assert [(m.actor, m.wikidata) for m in mentions] == [("XSO", "Q23427"), ("GEO", "Q230")]
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_the_is_not_part_of_a_mention(resolver: ActorResolver) -> None:
    assert found(resolver, "The United States objected.") == [("United States", "USA", "name")]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_possessive_mention_is_on_the_name(resolver: ActorResolver, apostrophe: str) -> None:
    text = f"Russia{apostrophe}s position has not changed."
    m = one(resolver, text)
    assert (m.text, m.actor, m.kind) == ("Russia", "RUS", "name")
    m = one(resolver, f"The United States{apostrophe} reply came late.")
    assert (m.text, m.actor) == ("United States", "USA")


# --- longest match -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("South Ossetian officials", [("South Ossetian officials", "XSO", "office")]),
        ("a South Ossetian village", [("South Ossetian", "XSO", "adjective")]),
        ("the North Ossetian capital", [("North Ossetian", "RUS", "name")]),
        ("Turkish Cypriot voters", [("Turkish Cypriot", "XNC", "adjective")]),
        ("Turkish-Cypriot voters", [("Turkish-Cypriot", "XNC", "adjective")]),
        ("Greek Cypriot voters", [("Greek Cypriot", "CYP", "adjective")]),
        ("Karabakh Armenians left", [("Karabakh Armenians", "XNK", "adjective")]),
        ("the Russian State Duma voted", [("Russian State Duma", "RUS", "metonym")]),
        ("Russia’s Federation Council voted", [("Russia’s Federation Council", "RUS", "metonym")]),
        ("the U.S. State Department said", [("U.S. State Department", "USA", "metonym")]),
        ("the Pridnestrovian Moldavian Republic", [("Pridnestrovian Moldavian Republic", "XTR", "name")]),
        ("the Donetsk People’s Republic", [("Donetsk People’s Republic", "XDN", "name")]),
        ("a visit to North Nicosia", [("North Nicosia", "XNC", "capital")]),
        ("a visit to Nicosia", [("Nicosia", "CYP", "capital")]),
        ("the OSCE Minsk Group met", [("OSCE Minsk Group", "OSCE", "metonym")]),
    ],
)
def test_longest_match_wins(resolver: ActorResolver, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert found(resolver, text) == expected


# --- office patterns -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "actor"),
    [
        (
            "The Ministry of Foreign Affairs of Georgia issued a note.",
            "Ministry of Foreign Affairs of Georgia",
            "GEO",
        ),
        ("Georgia's Foreign Ministry issued a note.", "Georgia's Foreign Ministry", "GEO"),
        ("Georgia’s Foreign Ministry issued a note.", "Georgia’s Foreign Ministry", "GEO"),
        ("The Georgian Foreign Ministry issued a note.", "Georgian Foreign Ministry", "GEO"),
        ("The Russian Defence Ministry denied it.", "Russian Defence Ministry", "RUS"),
        ("The Russian Defense Ministry denied it.", "Russian Defense Ministry", "RUS"),
        ("He met the president of South Ossetia.", "president of South Ossetia", "XSO"),
        ("She met the de facto leader of Abkhazia.", "de facto leader of Abkhazia", "XAB"),
        ("The Abkhaz parliament ratified it.", "Abkhaz parliament", "XAB"),
        ("The self-styled authorities in Tiraspol objected.", "self-styled authorities in Tiraspol", "XTR"),
        ("The head of the Abkhaz government resigned.", "head of the Abkhaz government", "XAB"),
        (
            "The Prime Minister of the Russian Federation spoke.",
            "Prime Minister of the Russian Federation",
            "RUS",
        ),
        ("Crimean separatist authorities announced a vote.", "Crimean separatist authorities", "XCR"),
        ("The Security Council of Russia met.", "Security Council of Russia", "RUS"),
        ("Russia's UN envoy objected.", "Russia's UN envoy", "RUS"),
        ("The Transnistrian deputies gathered.", "Transnistrian deputies", "XTR"),
        ("Moldova's pro-EU government raised duties.", "Moldova's pro-EU government", "MDA"),
    ],
)
def test_office_patterns(resolver: ActorResolver, text: str, span: str, actor: str) -> None:
    m = one(resolver, text)
    assert (m.text, m.actor, m.kind) == (span, actor, "office")


def test_office_of_a_possessive_is_not_the_owner(resolver: ActorResolver) -> None:
    # the president of Moldova's separatist region is not Moldova's president
    text = "She called the president of Moldova's separatist Transnistria region."
    assert found(resolver, text) == [("Moldova", "MDA", "name"), ("Transnistria", "XTR", "name")]


def test_office_patterns_are_built_from_the_pack(resolver: ActorResolver) -> None:
    # no code branch per country: any actor with an adjective gets the same phrases
    assert found(resolver, "the Nauruan government") == [("Nauruan government", "NRU", "office")]
    assert found(resolver, "the government of Tuvalu") == [("government of Tuvalu", "TUV", "office")]


def test_un_security_council_and_national_ones(resolver: ActorResolver) -> None:
    assert found(resolver, "The UN Security Council met.") == [("UN Security Council", "UN", "metonym")]
    assert found(resolver, "The Security Council met.") == [("Security Council", "UN", "metonym")]
    assert found(resolver, "The National Security Council met.") == []


# --- people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "person", "actor"),
    [
        (
            "Russian President Vladimir Putin arrived.",
            "Russian President Vladimir Putin",
            "Vladimir Putin",
            "RUS",
        ),
        ("President Putin arrived.", "President Putin", "Vladimir Putin", "RUS"),
        (
            "South Ossetian leader Leonid Tibilov spoke.",
            "South Ossetian leader Leonid Tibilov",
            "Leonid Tibilov",
            "XSO",
        ),
        ("Foreign Minister Sergey Lavrov spoke.", "Foreign Minister Sergey Lavrov", "Sergey Lavrov", "RUS"),
        (
            "Kremlin spokesman Dmitry Peskov declined.",
            "Kremlin spokesman Dmitry Peskov",
            "Dmitry Peskov",
            "RUS",
        ),
        (
            "State Department spokeswoman Heather Nauert said so.",
            "State Department spokeswoman Heather Nauert",
            "Heather Nauert",
            "USA",
        ),
        ("Russia's Putin flew in.", "Russia's Putin", "Vladimir Putin", "RUS"),
        (
            "Chechen leader Ramzan Kadyrov said it.",
            "leader Ramzan Kadyrov",
            "Ramzan Kadyrov",
            "RUS",
        ),
        (
            "The President of Russia Vladimir Putin signed.",
            "President of Russia Vladimir Putin",
            "Vladimir Putin",
            "RUS",
        ),
    ],
)
def test_person_with_title_is_one_mention(
    resolver: ActorResolver, text: str, span: str, person: str, actor: str
) -> None:
    m = one(resolver, text, DateInterval.year(2018))
    assert (m.text, m.person, m.actor, m.kind) == (span, person, actor, "person")


def test_surname_alone_and_transliterations(resolver: ActorResolver) -> None:
    for variant in ("Gagloyev", "Gagloev", "Alan Gagloev"):
        m = one(resolver, f"Later {variant} said nothing.")
        assert (m.person, m.actor, m.kind) == ("Alan Gagloyev", "XSO", "person")
    for variant, canonical in [
        ("Khadzhimba", "Raul Khajimba"),
        ("Khadjimba", "Raul Khajimba"),
        ("Kokoyty", "Eduard Kokoity"),
        ("Bzhaniya", "Aslan Bzhania"),
        ("Dzhioeva", "Alla Dzhioyeva"),
        ("Zurabishvili", "Salome Zourabichvili"),
        ("Zelenskyy", "Volodymyr Zelensky"),
        ("Erdogan", "Recep Tayyip Erdoğan"),
        ("Akinci", "Mustafa Akıncı"),
    ]:
        m = one(resolver, f"On Monday {variant} spoke.")
        assert m.person == canonical, variant


def test_other_person_with_same_surname_is_not_matched(resolver: ActorResolver) -> None:
    assert found(resolver, "The analyst Anton Lavrov disagreed.") == []
    assert found(resolver, "Anton Lavrov disagreed.") == []
    assert found(resolver, "When Lavrov arrived, talks began.") == [("Lavrov", "RUS", "person")]


def test_needs_title_aliases(resolver: ActorResolver) -> None:
    assert found(resolver, "Price rises hit the region.") == []
    assert found(resolver, "Spokesman Ned Price spoke.", DateInterval.year(2022)) == [
        ("Spokesman Ned Price", "USA", "person")
    ]
    assert found(resolver, "Mr Price spoke.") == [("Mr Price", "USA", "person")]
    # "Tatar" alone is an ethnonym
    assert found(resolver, "Crimean Tatars protested.") == []
    assert found(resolver, "President Tatar replied.") == [("President Tatar", "XNC", "person")]


def test_office_at_the_time(resolver: ActorResolver) -> None:
    text = "Saakashvili criticised the plan."
    assert one(resolver, text, DateInterval.year(2010)).actor == "GEO"
    assert one(resolver, text, DateInterval.month(2015, 6)).actor == "UKR"  # governor of Odesa
    assert one(resolver, text, DateInterval.year(2019)).actor == "GEO"  # no office: affiliation
    assert one(resolver, text).actor == "GEO"
    # a title that names an office picks it, whatever the date
    m = one(resolver, "Former Georgian President Mikheil Saakashvili spoke.", DateInterval.month(2016, 3))
    assert (m.actor, m.kind) == ("GEO", "person")
    m = one(resolver, "Ex-President Saakashvili spoke.", DateInterval.month(2016, 3))
    assert m.actor == "GEO"
    m = one(resolver, "Governor Saakashvili spoke.", DateInterval.month(2016, 3))
    assert m.actor == "UKR"


def test_people_whose_office_actor_differs_from_affiliation(resolver: ActorResolver) -> None:
    assert resolver.actor_of_person("Robert Kocharyan", DateInterval.year(1995)) == "XNK"
    assert resolver.actor_of_person("Robert Kocharyan", DateInterval.year(2003)) == "ARM"
    assert resolver.actor_of_person("Vadim Brovtsev", DateInterval.month(2012, 2)) == "XSO"
    assert resolver.actor_of_person("Vadim Brovtsev", None) == "RUS"
    assert resolver.actor_of_person("Javier Solana", DateInterval.year(1997)) == "NATO"
    assert resolver.actor_of_person("Javier Solana", DateInterval.year(2008)) == "EU"
    assert resolver.actor_of_person("Dmitry Medvedev", DateInterval.year(2010)) == "RUS"
    assert resolver.actor_of_person("Dmitry Medvedev", DateInterval.year(2015)) == "RUS"


def test_shared_surname_resolved_by_time(resolver: ActorResolver) -> None:
    m = one(resolver, "Clinton said it.", DateInterval.year(1998))
    assert m.person == "Bill Clinton"
    m = one(resolver, "Clinton said it.", DateInterval.year(2011))
    assert m.person == "Hillary Clinton"
    assert one(resolver, "Aliyev said it.", DateInterval.year(1998)).person == "Heydar Aliyev"
    assert one(resolver, "Aliyev said it.", DateInterval.year(2015)).person == "Ilham Aliyev"


def test_person_lookups(resolver: ActorResolver) -> None:
    person = resolver.person("Khadzhimba")
    assert person is not None and person.name == "Raul Khajimba"
    assert resolver.person("  vladimir   putin ") is not None
    assert resolver.person("Nobody Atall") is None
    assert resolver.actor_of_person("Nobody Atall", None) is None
    assert resolver.actor_of_person("Putin", DateInterval.year(2010)) == "RUS"
    assert resolver.actor_name("XSO") == "South Ossetia"
    assert resolver.actor_name("ZZZ") == "ZZZ"


# --- what is not an actor ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Let us talk about it.",
        "They ate turkey and rice.",
        "A Georgia Tech study was cited.",
        "Exports to Latin America grew.",
        "The Minsk agreements stalled.",
        "The Crimean Tatars were deported.",
        "pro-Russian separatists fired.",
        "anti-Western slogans were heard.",
        "The Moscow Times reported it.",
        "Civil Georgia reported it.",
        "The cypriot lira was replaced.",
    ],
)
def test_no_false_positives(resolver: ActorResolver, text: str) -> None:
    assert found(resolver, text) == []


def test_cypriot_alone_is_ambiguous(resolver: ActorResolver) -> None:
    assert found(resolver, "A Cypriot court ruled.") == []


def test_capitalised_title_case_and_case_sensitivity(resolver: ActorResolver) -> None:
    assert found(resolver, "US troops left; the us of it.") == [("US troops", "USA", "office")]
    assert found(resolver, "Turkey objected.") == [("Turkey", "TUR", "name")]


# --- normalisation -------------------------------------------------------------------------------


def test_diacritics_hyphens_and_dashes(resolver: ActorResolver) -> None:
    assert [m.actor for m in resolver.find("Chișinău, Chişinău and Chisinau")] == ["MDA"] * 3
    assert found(resolver, "Nagorno Karabakh") == [("Nagorno Karabakh", "XNK", "name")]
    assert found(resolver, "Nagorno–Karabakh") == [("Nagorno–Karabakh", "XNK", "name")]
    assert found(resolver, "South Ossetia–Alania") == [("South Ossetia–Alania", "XSO", "name")]
    assert fold("Erdoğan’s") == "Erdogan's"


def test_no_match_across_paragraphs(resolver: ActorResolver) -> None:
    assert found(resolver, "He went south\n\nOssetia") == []
    assert found(resolver, "the South\nOssetian side") == [("South\nOssetian side", "XSO", "office")]


# --- the list as a whole -------------------------------------------------------------------------


def _long_text() -> str:
    paragraph = (
        "Russian President Vladimir Putin met South Ossetian leader Anatoly Bibilov in Moscow on Tuesday. "
        "The Ministry of Foreign Affairs of Georgia protested against the visit, and the U.S. State "
        "Department said Washington stands by Georgia’s sovereignty. Abkhaz officials in Sukhumi and "
        "the de facto authorities in Tskhinvali welcomed Moscow's aid, while Tbilisi protested. The EU and "
        "NATO urged restraint; the OSCE sent observers to Georgian villages near Akhalgori and Gali. "
    )
    return "\n\n".join([paragraph] * 14)


def test_mentions_sorted_and_disjoint(resolver: ActorResolver) -> None:
    mentions = resolver.find(_long_text(), DateInterval.year(2018))
    assert mentions
    for a, b in itertools.pairwise(mentions):
        assert a.end <= b.start
    kinds = {m.kind for m in mentions}
    assert kinds == {"name", "adjective", "capital", "metonym", "person", "office"}


def test_fast_enough(resolver: ActorResolver) -> None:
    text = _long_text()
    assert len(text.split()) > 900
    resolver.find(text)
    start = time.perf_counter()
    for _ in range(5):
        resolver.find(text)
    assert (time.perf_counter() - start) / 5 < 0.05  # a few ms in practice


def test_from_pack_is_cached() -> None:
    assert ActorResolver.from_pack() is ActorResolver.from_pack(PACK_DIR)


# --- office terms for publication-date inference ----------------------------------------------


def test_office_terms(resolver: ActorResolver) -> None:
    published = pytest.importorskip(
        "annexwatch.documents.published", reason="annexwatch.documents.published (OfficeTerm) not written yet"
    )
    terms = resolver.office_terms()
    assert all(isinstance(t, published.OfficeTerm) for t in terms)
    tibilov = [t for t in terms if t.person == "Leonid Tibilov"]
    assert len(tibilov) == 1
    assert tibilov[0].start.isoformat() == "2012-04-19"
    assert tibilov[0].end is not None and tibilov[0].end.isoformat() == "2017-04-21"
    assert {"Tibilov", "Leonid Tibilov"} <= set(tibilov[0].aliases)
    assert {"President", "president", "leader", "South Ossetian President"} <= set(tibilov[0].titles)
    putin = [t for t in terms if t.person == "Vladimir Putin"]
    assert [(t.start.isoformat(), t.end) for t in putin][-1] == ("2012-05-07", None)
    assert any("PM" in t.titles for t in putin)
    # the terms bound an undated article that names "President Bibilov"
    inferred = published.infer_published(
        "South Ossetian President Anatoly Bibilov spoke about the plan.", None, terms=terms
    )
    assert inferred.interval is not None
    assert inferred.interval.start.year >= 2017 and inferred.interval.end.year <= 2022


# --- the loader rejects malformed entries ------------------------------------------------------


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@lru_cache(maxsize=1)
def _pack_text() -> str:
    return (PACK_DIR / "actors.yaml").read_text(encoding="utf-8")


def _pack_with(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of the pack in tmp_path with actors.yaml edited."""
    shutil.copy(PACK_DIR / "vocabulary.yaml", tmp_path / "vocabulary.yaml")
    data = yaml.load(_pack_text(), Loader=_LOADER)
    edit(data)
    text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True)
    (tmp_path / "actors.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _person(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in data["people"] if p["name"] == name)


def test_loader_names_an_unknown_office_actor(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        _person(data, "Leonid Tibilov")["offices"][0]["actor"] = "XXX"

    with pytest.raises(PackError, match=r"people\[\d+\] \(Leonid Tibilov\)\.offices\[0\]\.actor.*'XXX'"):
        load_actors(_pack_with(tmp_path, edit))


def test_loader_names_a_bad_date(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        _person(data, "Anatoly Bibilov")["offices"][1]["start"] = "spring 2017"

    with pytest.raises(PackError, match=r"Anatoly Bibilov\)\.offices\[1\]\.start"):
        load_actors(_pack_with(tmp_path, edit))


def test_loader_rejects_an_office_that_ends_before_it_starts(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        _person(data, "Alan Gagloyev")["offices"][0]["end"] = "2001"

    with pytest.raises(PackError, match=r"Alan Gagloyev\)\.offices\[0\]: ends"):
        load_actors(_pack_with(tmp_path, edit))


def test_loader_requires_every_vocabulary_code(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["actors"]["XTR"]

    with pytest.raises(PackError, match="without an entry: XTR"):
        load_actors(_pack_with(tmp_path, edit))


def test_loader_rejects_a_surface_form_of_two_actors(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["actors"]["XAB"]["capitals"].append("Tskhinvali")

    message = r"actors\.XAB\.capitals: 'Tskhinvali' is also listed under actors\.XSO"
    with pytest.raises(PackError, match=message):
        load_actors(_pack_with(tmp_path, edit))


def test_loader_rejects_unknown_fields_and_kinds(tmp_path: Path) -> None:
    def typo(data: dict[str, Any]) -> None:
        data["actors"]["GEO"]["adjectivs"] = ["Georgian"]

    with pytest.raises(PackError, match=r"actors\.GEO: unknown field\(s\) adjectivs"):
        load_actors(_pack_with(tmp_path, typo))

    def bad_kind(data: dict[str, Any]) -> None:
        data["actors"]["GEO"]["kind"] = "country"

    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(PackError, match=r"actors\.GEO\.kind: 'country'"):
        load_actors(_pack_with(other, bad_kind))


def test_actors_entity_floors_come_from_the_pack() -> None:
    resolver = ActorResolver.from_pack()
    floors = dict(resolver.entity_floors("Brussels said the EU and the DPR would not talk."))
    assert floors["EU"] == dt.date(1993, 11, 1)
    assert floors["DPR"] == dt.date(2014, 4, 7)
    assert "Russia" not in dict(resolver.entity_floors("Russia and Georgia"))  # old names bound nothing


def test_actors_entity_floor_from_a_stance_word() -> None:
    floors = ActorResolver.from_pack().entity_floors("Moldova's pro-EU government imposed duties.")
    assert ("pro-EU", dt.date(1993, 11, 1)) in floors
