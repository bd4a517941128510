"""The dossier on a small hand-built database (no spaCy model): the summary's templates,
the footnote numbering, what --as-of leaves out, and the three renderers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from annexwatch.knowledge import refresh
from annexwatch.models import (
    ActorMention,
    Claim,
    DateInterval,
    Document,
    Event,
    Evidence,
    Extraction,
    Indicator,
    Quote,
    Sentence,
)
from annexwatch.report import Dossier, build_dossier, render
from annexwatch.report.phrases import when
from annexwatch.store import Store

TEXT_A = (
    "Russia recognised South Ossetia on 26 August 2008. "
    "Russia and South Ossetia signed a treaty on 18 March 2015. "
    "About 30,000 people live in South Ossetia. "
    "Most residents hold Russian passports. "
    "“I believe that unification with Russia is our strategic goal,” said Anatoly Bibilov in Tskhinvali."
)
TEXT_B = (
    "The census counted 53,000 residents of South Ossetia. Nauru recognised South Ossetia in December 2009."
)


def span(text: str, phrase: str) -> Evidence:
    start = text.index(phrase)
    return Evidence.of(text, start, start + len(phrase))


def sentences_of(text: str) -> list[Sentence]:
    out, start = [], 0
    while start < len(text):
        end = text.find(". ", start)
        end = len(text) if end < 0 else end + 1
        out.append(Sentence(start, end, text[start:end]))
        start = end + 1
    return out


def mention(text: str, phrase: str, actor: str, person: str | None = None) -> ActorMention:
    start = text.index(phrase)
    return ActorMention(start, start + len(phrase), phrase, actor, person=person)


def event(text: str, phrase: str, type_: str, date: DateInterval, **fields: object) -> Event:
    base: dict[str, object] = dict(
        type=type_,
        source=None,
        target=None,
        parties=None,
        date=date,
        modality="asserted",
        plover=None,
        cameo=None,
        evidence=[span(text, phrase)],
        date_text=str(date),
    )
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def document(name: str, text: str, title: str, url: str | None, published: DateInterval) -> Document:
    return Document(
        path=f"/corpus/{name}",
        name=name,
        format="txt",
        text=text,
        content_hash=f"hash-{name}",
        title=title,
        url=url,
        published=published,
        published_cues=["metadata"],
    )


def extraction_a() -> Extraction:
    t = TEXT_A
    return Extraction(
        sentences=sentences_of(t),
        mentions=[
            mention(t, "South Ossetia", "XSO"),
            mention(t, "Anatoly Bibilov", "XSO", person="Anatoly Bibilov"),
        ],
        events=[
            event(
                t,
                "Russia recognised South Ossetia on 26 August 2008",
                "recognize",
                DateInterval.day(2008, 8, 26),
                source="RUS",
                target="XSO",
            ),
            event(
                t,
                "Russia and South Ossetia signed a treaty on 18 March 2015",
                "sign_agreement",
                DateInterval.day(2015, 3, 18),
                parties=["RUS", "XSO"],
            ),
        ],
        claims=[
            Claim(
                "XSO",
                "population",
                30000.0,
                None,
                None,
                "person",
                None,
                "approximate",
                [span(t, "About 30,000 people live in South Ossetia")],
            ),
        ],
        quotes=[
            Quote(
                "Anatoly Bibilov",
                "XSO",
                "I believe that unification with Russia is our strategic goal",
                True,
                [span(t, "I believe that unification with Russia is our strategic goal")],
            ),
        ],
        indicators=[
            Indicator("XSO", "RUS", "recognition", "complete", [span(t, "Russia recognised South Ossetia")]),
            Indicator("XSO", "RUS", "citizenship", "extensive", [span(t, "hold Russian passports")]),
        ],
    )


def extraction_b() -> Extraction:
    t = TEXT_B
    return Extraction(
        sentences=sentences_of(t),
        mentions=[mention(t, "South Ossetia", "XSO")],
        events=[
            event(
                t,
                "Nauru recognised South Ossetia in December 2009",
                "recognize",
                DateInterval.month(2009, 12),
                source="NRU",
                target="XSO",
            ),
        ],
        claims=[
            Claim(
                "XSO",
                "population",
                53000.0,
                None,
                None,
                "person",
                None,
                "exact",
                [span(t, "53,000 residents of South Ossetia")],
            ),
        ],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Store:
    db = Store(tmp_path / "hand.db")
    db.save_document(
        document(
            "a.txt",
            TEXT_A,
            "Russia and South Ossetia sign treaty",
            "https://example.org/a",
            DateInterval.day(2015, 3, 20),
        ),
        extraction_a(),
        "test-1",
    )
    db.save_document(
        document("b.txt", TEXT_B, "Census in Tskhinvali", None, DateInterval.day(2016, 1, 10)),
        extraction_b(),
        "test-1",
    )
    refresh(db)
    yield db  # type: ignore[misc]
    db.close()


AS_OF = dt.date(2020, 1, 1)
SECTION_TITLES = (
    "Summary",
    "Timeline",
    "Integration scorecard",
    "Integration over time",
    "Contested figures",
    "Recognitions",
    "Key quotes",
    "Sources and notes",
)


@pytest.fixture()
def dossier(store: Store) -> Dossier:
    built = build_dossier(store, "XSO", AS_OF)
    assert built is not None
    return built


def summary_text(d: Dossier) -> list[str]:
    return [s.text for s in d.summary]


def note_for(d: Dossier, text: str) -> list[str]:
    """The titles of the notes a summary sentence cites."""
    statement = next(s for s in d.summary if s.text.startswith(text))
    titles = {n.number: n.source.title or n.source.document for n in d.notes}
    return [titles[n] for n in d.cite(statement.sources)]


# --- the summary ------------------------------------------------------------------------
def test_summary_states_the_patrons_recognition_with_its_day_and_source(dossier: Dossier) -> None:
    assert "Russia recognised South Ossetia as an independent state on 26 August 2008" in summary_text(
        dossier
    )
    assert note_for(dossier, "Russia recognised") == ["Russia and South Ossetia sign treaty"]


def test_summary_lists_other_recognitions_at_the_precision_given(dossier: Dossier) -> None:
    assert "The sources report recognition by one other state: Nauru (December 2009)" in summary_text(dossier)


def test_summary_flags_the_contested_population_with_both_sources(dossier: Dossier) -> None:
    sentence = "The sources disagree on the population: 30,000 to 53,000"
    assert sentence in summary_text(dossier)
    assert sorted(note_for(dossier, sentence)) == [
        "Census in Tskhinvali",
        "Russia and South Ossetia sign treaty",
    ]


def test_summary_counts_the_scorecard_levels_as_of_the_date(dossier: Dossier) -> None:
    text = " ".join(summary_text(dossier))
    assert "As of 1 January 2020, integration with Russia stands at 'complete' on 1 of 13 dimensions" in text
    assert "(recognition) and 'extensive' on 1 more; 11 show no evidence" in text
    # the treaty is the only agreement, so the summary says one, with its day
    assert "The sources report one agreement signed by Russia and South Ossetia, 18 March 2015" in text


def test_summary_compares_with_ten_years_earlier_only_when_the_sources_reach_back(dossier: Dossier) -> None:
    text = " ".join(summary_text(dossier))
    assert "Ten years earlier, on 1 January 2010, one dimension was at 'extensive' or above" in text
    assert "since then citizenship has risen" in text


def test_as_of_leaves_out_what_came_later(store: Store) -> None:
    early = build_dossier(store, "XSO", dt.date(2012, 12, 31))
    assert early is not None
    assert [r.date.start.year for r in early.timeline if r.date] == [2008, 2009]
    assert not any("agreement" in s for s in summary_text(early))
    assert early.figures == []  # both figures were published after 2012
    assert all("disagree" not in s for s in summary_text(early))


def test_nothing_stored_about_a_territory_gives_no_dossier(store: Store) -> None:
    assert build_dossier(store, "XTR", AS_OF) is None


def test_notes_are_numbered_by_first_citation_one_per_document(dossier: Dossier) -> None:
    assert [n.number for n in dossier.notes] == [1, 2]
    assert [n.source.document for n in dossier.notes] == ["a.txt", "b.txt"]  # a.txt is cited first
    assert dossier.notes[0].published_text == "2015-03-20"


def test_when_keeps_the_precision_of_the_date() -> None:
    assert when(DateInterval.day(2008, 8, 26)) == "on 26 August 2008"
    assert when(DateInterval.month(2009, 12)) == "in December 2009"
    assert (
        when(DateInterval.between(dt.date(2008, 9, 1), dt.date(2008, 9, 10)))
        == "between 1 and 10 September 2008"
    )


def test_key_quotes_keep_the_leaders_words(dossier: Dossier) -> None:
    assert [(q.speaker, q.direct) for q in dossier.quotes] == [("Anatoly Bibilov", True)]


# --- the renderers ----------------------------------------------------------------------
def cited_and_defined_md(text: str) -> tuple[set[int], set[int]]:
    defined = {int(n) for n in re.findall(r"^\[\^(\d+)\]:", text, flags=re.M)}
    cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
    return cited, defined


def test_markdown_has_sections_footnotes_that_resolve_and_the_chart_file(
    dossier: Dossier, tmp_path: Path
) -> None:
    target = tmp_path / "XSO.md"
    render(dossier, "md", target)
    text = target.read_text(encoding="utf-8")
    for title in SECTION_TITLES:
        assert f"## {title}" in text
    assert "| 2008-08-26 | Russia recognised South Ossetia |" in text
    assert "| Recognition | **complete** | 2008-08-26 |" in text
    cited, defined = cited_and_defined_md(text)
    assert cited == defined == {1, 2}
    assert "[^1]: Russia and South Ossetia sign treaty, 2015-03-20, https://example.org/a" in text
    assert "[^2]: Census in Tskhinvali, 2016-01-10, b.txt" in text  # no url: the file name
    svg = tmp_path / "XSO.chart.svg"
    assert "![Integration over time](XSO.chart.svg)" in text
    assert svg.read_text(encoding="utf-8").startswith('<svg xmlns="http://www.w3.org/2000/svg"')


def test_html_is_self_contained_with_inline_svg_and_resolving_notes(dossier: Dossier, tmp_path: Path) -> None:
    target = tmp_path / "XSO.html"
    render(dossier, "html", target)
    html = target.read_text(encoding="utf-8")
    assert "<svg" in html and "Integration of South Ossetia with Russia" in html
    assert not re.search(r"<script|<link|<img|src=|@import|url\(", html)
    cited = set(re.findall(r'href="#note-(\d+)"', html))
    defined = set(re.findall(r'id="note-(\d+)"', html))
    assert cited == defined == {"1", "2"}
    assert "The sources disagree on the population: 30,000 to 53,000" in html


def test_pdf_text_has_the_sections_the_dates_and_the_notes(dossier: Dossier, tmp_path: Path) -> None:
    target = tmp_path / "XSO.pdf"
    render(dossier, "pdf", target)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    for title in SECTION_TITLES:
        assert title in text
    assert "2008-08-26" in text and "2009-12" in text
    assert "1. Russia and South Ossetia sign treaty, 2015-03-20, https://example.org/a" in text
    assert "2. Census in Tskhinvali, 2016-01-10, b.txt" in text
    assert "Tskhinvali" in text


def test_render_refuses_an_unknown_format(dossier: Dossier, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        render(dossier, "docx", tmp_path / "x.docx")
