"""`annexwatch report XSO` end to end on the sample corpus: what a reader checks in the
Markdown, the HTML and the PDF (its text read back with pypdf)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from annexwatch.cli import app

pytestmark = pytest.mark.model
runner = CliRunner()
AS_OF = "2024-12-31"
SCORECARD_LABELS = ("Citizenship", "Currency", "Military", "Recognition", "Treaty", "Border with patron")


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("report") / "corpus.db"
    result = runner.invoke(app, ["ingest", str(corpus_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def report(db: Path, fmt: str, target: Path) -> Path:
    result = runner.invoke(
        app, ["report", "XSO", "--format", fmt, "--output", str(target), "--as-of", AS_OF, "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in " ".join(result.output.split())
    return target


@pytest.fixture(scope="module")
def pdf_text(corpus_db: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    target = report(corpus_db, "pdf", tmp_path_factory.mktemp("pdf") / "XSO.pdf")
    reader = PdfReader(target)
    assert len(reader.pages) >= 3
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_markdown_dossier_has_timeline_scorecard_and_resolving_footnotes(
    corpus_db: Path, tmp_path: Path
) -> None:
    text = report(corpus_db, "md", tmp_path / "XSO.md").read_text(encoding="utf-8")
    assert re.search(r"^\| 2008-08-26 \(dates differ\) \| Russia recognised South Ossetia \|", text, re.M)
    assert re.search(r"^\| 2015-03-18 \| Russia and South Ossetia signed an agreement \|", text, re.M)
    assert "| Recognition | **complete** | 2008-08-26 |" in text
    assert "| Border with patron | **none** |" in text
    assert "## Contested figures" in text and "Troops of Russia stationed there" in text
    defined = {int(n) for n in re.findall(r"^\[\^(\d+)\]:", text, flags=re.M)}
    cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
    assert cited == defined == set(range(1, len(defined) + 1))
    assert "[^1]: Russia recognises Abkhazia and South Ossetia, 2008-08-26, https://example.org/" in text
    assert (tmp_path / "XSO.chart.svg").read_text(encoding="utf-8").count("<rect") > 13


def test_html_dossier_is_self_contained_with_the_chart(corpus_db: Path, tmp_path: Path) -> None:
    html = report(corpus_db, "html", tmp_path / "XSO.html").read_text(encoding="utf-8")
    assert html.count("<svg") == 1 and "Integration of South Ossetia with Russia" in html
    assert not re.search(r"<script|<link|<img|src=|@import|url\(", html)
    cited = set(re.findall(r'href="#note-(\d+)"', html))
    defined = set(re.findall(r'id="note-(\d+)"', html))
    assert cited == defined and len(defined) >= 5
    for label in SCORECARD_LABELS:
        assert f">{label}</span>" in html


def test_pdf_has_every_section_and_the_summary(pdf_text: str) -> None:
    # ("Reported without a date" follows the timeline only when some event has no date at all)
    for title in ("Summary", "Timeline", "Integration scorecard",
                  "Integration over time", "Contested figures", "Recognitions", "Key quotes",
                  "Sources and notes"):  # fmt: skip
        assert title in pdf_text
    assert "Russia recognised South Ossetia as an independent state on 26 August 2008" in pdf_text
    assert "As of 31 December 2024, integration with Russia stands at 'complete' on" in pdf_text


def test_pdf_timeline_and_scorecard_are_legible_text(pdf_text: str) -> None:
    assert "2008-08-26" in pdf_text and "Russia recognised South Ossetia" in pdf_text
    assert "2018-01-24" in pdf_text and "Russia ratified an agreement with South Ossetia" in pdf_text
    for label in SCORECARD_LABELS:
        assert label in pdf_text
    assert "Hugo Chávez" in pdf_text  # a letter outside ASCII survives the font


def test_pdf_chart_has_its_title_axis_and_legend(pdf_text: str) -> None:
    # the years span the dated evidence, which depends on what the extractor dates
    span = re.search(r"Integration of South Ossetia with Russia, (\d{4})–(\d{4})", pdf_text)
    assert span is not None and int(span.group(1)) <= 2008 and int(span.group(2)) >= 2024
    assert "Level of each dimension" in pdf_text
    first, last = int(span.group(1)), int(span.group(2))
    ticks = {int(y) for y in re.findall(r"\b(\d{4})\b", pdf_text) if first <= int(y) <= last}
    assert len(ticks) >= 4  # a labelled time axis
    assert all(level in pdf_text for level in ("none", "partial", "extensive", "complete"))


def test_pdf_notes_list_each_cited_document_with_title_date_and_address(pdf_text: str) -> None:
    notes = pdf_text[pdf_text.rindex("Sources and notes") :]
    assert "1. Russia recognises Abkhazia and South Ossetia, 2008-08-26, https://example.org/" in notes
    # a PDF without a url is cited by its file name, its inferred date marked as such
    assert "Moscow absorbs South Ossetia's army units" in notes and "so-2018-duma-ratification.pdf" in notes
    numbers = [int(n) for n in re.findall(r"(?:^|\s)(\d+)\. ", notes)]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 5


def test_report_on_a_territory_with_nothing_stored_fails_cleanly(corpus_db: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "XLU", "--format", "md", "--output", str(tmp_path / "x.md"),
                                 "--db", str(corpus_db)])  # fmt: skip
    assert result.exit_code == 1
    assert "Nothing stored about XLU" in result.output
