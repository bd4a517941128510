"""Reading each format end to end, metadata, and every error a user can meet.

Every fixture is written here into tmp_path; the sentences are invented or state public facts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import time
from pathlib import Path

import pytest

from annexwatch.documents import (
    DEFAULT_MAX_BYTES,
    SUPPORTED_SUFFIXES,
    iter_document_paths,
    load_document,
)
from annexwatch.documents.readers import fallback_html_text
from annexwatch.errors import DocumentError
from annexwatch.models import DateInterval

# --- fixtures -------------------------------------------------------------------------------------


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def _pdf_string(text: str) -> str:
    return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def build_pdf(pages: list[list[str]]) -> bytes:
    """A minimal valid PDF: one Helvetica text line per entry, xref offsets computed here."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages))).encode()
        + b"] /Count "
        + str(len(pages)).encode()
        + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        shown = [f"{_pdf_string(line)} Tj T*" for line in lines]
        operators = ["BT", "/F1 10 Tf", "14 TL", "50 780 Td", *shown, "ET"]
        stream = "\n".join(operators).encode("cp1252")
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents " + f"{5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def error_of(path: Path, **kwargs: int) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        load_document(path, **kwargs)
    return caught.value


# --- text and Markdown ----------------------------------------------------------------------------

FRONT_MATTER_ARTICLE = """---
title: Parliament ratifies the border treaty
url: https://example.org/news/1
published: 2018-01-24
source: Example News
language: en
tags: [treaty, border]
---
The parliament ratified the treaty on Wednesday.
"""


def test_txt_with_front_matter(tmp_path: Path) -> None:
    path = write(tmp_path / "article.txt", FRONT_MATTER_ARTICLE)
    doc = load_document(path)
    assert doc.path == str(path)
    assert doc.name == "article.txt"
    assert doc.format == "txt"
    assert doc.text == "The parliament ratified the treaty on Wednesday."
    assert doc.title == "Parliament ratifies the border treaty"
    assert doc.url == "https://example.org/news/1"
    assert doc.source == "Example News"
    assert doc.language == "en"
    assert doc.published == DateInterval.day(2018, 1, 24)
    assert doc.published_cues == ["metadata"]
    assert doc.metadata["published"] == "2018-01-24"  # dates are ISO strings in metadata
    assert doc.metadata["tags"] == ["treaty", "border"]
    assert doc.content_hash == hashlib.sha256(path.read_bytes()).hexdigest()


def test_markdown_becomes_plain_prose_with_heading_title(tmp_path: Path) -> None:
    raw = (
        "# NOTE\n\n## The *new* treaty and the border\n\n"
        "Moscow **signed** the [agreement](https://example.org) on Monday.\n\n"
        "> The border is closed, a resident said.\n"
    )
    doc = load_document(write(tmp_path / "piece.md", raw))
    assert doc.format == "md"
    assert doc.title == "The new treaty and the border"  # "# NOTE" is a label, not a title
    assert doc.text == (
        "NOTE\n\nThe new treaty and the border\n\nMoscow signed the agreement on Monday.\n\n"
        "The border is closed, a resident said."
    )
    assert doc.published is None and doc.published_cues == []


def test_markdown_suffix_variant(tmp_path: Path) -> None:
    assert load_document(write(tmp_path / "piece.markdown", "Some text here.")).format == "md"


@pytest.mark.parametrize("sidecar_name", ["article.md.meta.yaml", "article.meta.yaml"])
def test_sidecar_overrides_front_matter(tmp_path: Path, sidecar_name: str) -> None:
    path = write(tmp_path / "article.md", "---\ntitle: Old title\nsource: Paper\n---\nBody text.\n")
    sidecar = write(tmp_path / sidecar_name, "title: Corrected title\npublished: 2015-03\n")
    doc = load_document(path)
    assert doc.title == "Corrected title"
    assert doc.source == "Paper"  # fields the sidecar does not give come from the front matter
    assert doc.published == DateInterval.month(2015, 3)
    assert doc.metadata == {"title": "Corrected title", "source": "Paper", "published": "2015-03"}
    assert doc.content_hash == hashlib.sha256(path.read_bytes() + sidecar.read_bytes()).hexdigest()


def test_editing_the_sidecar_changes_the_hash(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Body text.")
    before = load_document(path).content_hash
    write(tmp_path / "a.meta.yaml", "published: 2016\n")
    assert load_document(path).content_hash != before


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-01-24", DateInterval.day(2018, 1, 24)),
        ("'2018-01-24'", DateInterval.day(2018, 1, 24)),
        ("2018-01", DateInterval.month(2018, 1)),
        ("2018", DateInterval.year(2018)),
        ("2018-01-24/2018-01-30", DateInterval(dt.date(2018, 1, 24), dt.date(2018, 1, 30), "range")),
        ("2015-03/2015-04", DateInterval(dt.date(2015, 3, 1), dt.date(2015, 4, 30), "range")),
        ("2018-01-24 10:30:00", DateInterval.day(2018, 1, 24)),
        ("'2018-01-24T10:30:00Z'", DateInterval.day(2018, 1, 24)),
    ],
)
def test_published_metadata_parses_to_interval(tmp_path: Path, value: str, expected: DateInterval) -> None:
    doc = load_document(write(tmp_path / "a.md", f"---\npublished: {value}\n---\nBody text.\n"))
    assert doc.published == expected
    assert doc.published_cues == ["metadata"]


@pytest.mark.parametrize("value", ["last Tuesday", "2018-02-30", "2018-05-01/2018-01-01"])
def test_published_that_is_not_a_date(tmp_path: Path, value: str) -> None:
    error = error_of(write(tmp_path / "a.md", f"---\npublished: '{value}'\n---\nBody text.\n"))
    assert error.code == "E010"
    assert "is not a date" in error.reason


def test_title_falls_back_to_first_line(tmp_path: Path) -> None:
    raw = "The Daily Courier logo\n\nTroops leave the border town\n\nBy Jane Doe\nThe last unit left."
    doc = load_document(write(tmp_path / "a.txt", raw))
    assert doc.title == "Troops leave the border town"
    assert doc.text.startswith("Troops leave the border town\n\nBy Jane Doe\n")


def test_markdown_rule_at_start_is_not_front_matter(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "a.md", "---\nThe first paragraph.\n\n---\nThe second paragraph.\n"))
    assert doc.text == "The first paragraph.\n\nThe second paragraph."


# --- HTML -----------------------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head>
<title>Border fence moves again | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2019-07-08T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<article>
<h1>Border fence moves again</h1>
<p>Photo: Example Agency</p>
<p>Border guards moved the fence near the village by several hundred metres on Monday, residents said.</p>
<p>The foreign ministry condemned the move and called on international monitors to visit the area.</p>
</article>
<footer><p>Subscribe to our newsletter</p></footer>
</body></html>
"""


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    doc = load_document(write(tmp_path / "page.html", HTML_PAGE))
    assert doc.format == "html"
    assert "Border guards moved the fence near the village" in doc.text
    assert "The foreign ministry condemned the move" in doc.text
    assert "Photo" not in doc.text
    assert "Sport" not in doc.text and "Subscribe" not in doc.text
    assert doc.title == "Border fence moves again"
    assert doc.source == "Example News"
    assert doc.language == "en"
    assert doc.published == DateInterval.day(2019, 7, 8)
    assert doc.published_cues == ["html-metadata"]


def test_html_metadata_date_loses_to_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path / "page.htm", HTML_PAGE)
    write(tmp_path / "page.meta.yaml", "published: 2019-07\n")
    doc = load_document(path)
    assert doc.format == "html"
    assert doc.published == DateInterval.month(2019, 7)
    assert doc.published_cues == ["metadata"]


def test_tiny_html_page_still_gives_text(tmp_path: Path) -> None:
    path = write(tmp_path / "tiny.html", "<html><body><p>Talks resume in May.</p></body></html>")
    doc = load_document(path)
    assert doc.text == "Talks resume in May."


def test_fallback_html_text_skips_scripts_and_navigation() -> None:
    html = (
        "<html><head><style>p{}</style><script>var x = 1;</script></head><body><nav>Home World</nav>"
        "<p>Talks resume in May.</p><div>The mission stays.</div><footer>Contact us</footer></body></html>"
    )
    text = fallback_html_text(html)
    assert "Talks resume in May." in text and "The mission stays." in text
    assert "var x" not in text and "Home" not in text and "Contact" not in text


def test_html_without_text(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.html", "<html><head><title>x</title></head><body></body></html>")
    error = error_of(path)
    assert error.code == "E014"


# --- PDF ------------------------------------------------------------------------------------------

PDF_PAGES = [
    [
        "Fence moves again near the border",
        "By Jane Doe",
        "The ceasefire line near the village has moved twice this",
        "year, and the monitors say the fence now runs along the inter-",
        "national road that is still treated as the",
        "Example Institute of",
        "Border Studies",
        "12 Harbour Street",
        "P.O. Box 77",
        "Telephone +44 20 7946 0000",
        "www.example.org",
    ],
    ["boundary of the two districts. Farmers lost access to their fields.", "2"],
]


def test_pdf_footer_removed_and_sentence_rejoined(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(build_pdf(PDF_PAGES))
    doc = load_document(path)
    assert doc.format == "pdf"
    assert doc.text == (
        "Fence moves again near the border\nBy Jane Doe\n"
        "The ceasefire line near the village has moved twice this year, and the monitors say "
        "the fence now runs along the international road that is still treated as the "
        "boundary of the two districts. "
        "Farmers lost access to their fields."
    )
    assert doc.title == "Fence moves again near the border"


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog\nthis is not a pdf")
    error = error_of(path)
    assert error.code == "E011"
    assert "corrupt" in error.reason


def test_text_file_renamed_pdf(tmp_path: Path) -> None:
    assert error_of(write(tmp_path / "notes.pdf", "Just some notes.")).code == "E011"


def test_encrypted_pdf(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "locked.pdf"
    path.write_bytes(buffer.getvalue())
    assert error_of(path).code == "E012"


def test_pdf_without_text(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    error = error_of(path)
    assert error.code == "E013"
    assert "no extractable text" in error.reason


# --- decoding -------------------------------------------------------------------------------------


def test_latin1_and_cp1252_text_decode_right(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("Tiraspol’s café reopened.".encode("cp1252"))
    assert load_document(path).text == "Tiraspol’s café reopened."
    path.write_bytes("Déclaration de Genève.".encode("latin-1"))
    assert load_document(path).text == "Déclaration de Genève."


def test_mixed_encoding_keeps_utf8_parts(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes("Sukhumi – “quoted” ".encode() + "café".encode("latin-1"))
    assert load_document(path).text == "Sukhumi – “quoted” café"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_unicode_with_bom(tmp_path: Path, encoding: str) -> None:
    doc = load_document(write(tmp_path / "bom.md", "---\ntitle: Été\n---\nTskhinvali – été.", encoding))
    assert doc.title == "Été"
    assert doc.text == "Tskhinvali – été."


# --- errors ---------------------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "empty.txt", ""))
    assert (error.code, error.reason) == ("E005", "file is empty (0 bytes)")


def test_whitespace_only_file(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "blank.txt", " \n\n\t \n"))
    assert error.code == "E005" and "whitespace" in error.reason


def test_front_matter_only(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "meta.md", "---\ntitle: Nothing else\n---\n\n"))
    assert error.code == "E005" and "only front matter" in error.reason


def test_only_boilerplate(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "chrome.txt", "The Daily Courier logo\n\nAdvertisement\n"))
    assert error.code == "E005" and "boilerplate" in error.reason


def test_binary_file_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x00\x01\x02binary\x00data" * 50)
    error = error_of(path)
    assert error.code == "E006" and "binary" in error.reason


def test_png_renamed_txt(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    error = error_of(path)
    assert error.code == "E006" and "PNG" in error.reason


def test_huge_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: nothing is written or read
    started = time.perf_counter()
    error = error_of(path)
    assert time.perf_counter() - started < 0.5
    assert error.code == "E004"
    assert error.reason == "52.4 MB is over the 20 MB limit for one article"


def test_max_bytes_is_adjustable(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "a.txt", "x" * 2000), max_bytes=1000)
    assert error.code == "E004" and "2 KB is over the 1 KB limit" in error.reason
    assert DEFAULT_MAX_BYTES == 20_000_000


def test_missing_path(tmp_path: Path) -> None:
    error = error_of(tmp_path / "nope.txt")
    assert (error.code, error.reason) == ("E001", "no such file or folder")
    assert str(error) == f"[E001] {tmp_path / 'nope.txt'}: no such file or folder"


def test_folder_is_not_a_document(tmp_path: Path) -> None:
    assert error_of(tmp_path).code == "E002"


def test_unsupported_suffix(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "notes.docx", "text"))
    assert error.code == "E003" and ".docx" in error.reason


def test_invalid_front_matter(tmp_path: Path) -> None:
    error = error_of(write(tmp_path / "a.md", "---\ntitle: [unclosed\nurl: x\n---\nBody.\n"))
    assert error.code == "E008" and "not valid YAML" in error.reason


def test_invalid_sidecar(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Body text.")
    write(tmp_path / "a.meta.yaml", "title: [unclosed\n")
    error = error_of(path)
    assert error.code == "E009" and "a.meta.yaml" in error.reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", "Body text.")
    path.chmod(0)
    try:
        assert error_of(path).code == "E007"
    finally:
        path.chmod(0o644)


# --- finding documents ----------------------------------------------------------------------------


def test_iter_document_paths(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "sub/c.html", "sub/deep/d.PDF", "sub/e.htm", "f.markdown"]:
        write(tmp_path / name, "x")
    for name in ["a.meta.yaml", "notes.docx", ".hidden.txt", ".git/g.txt", "sub/b.txt.meta.yaml"]:
        write(tmp_path / name, "x")
    found = iter_document_paths([tmp_path, tmp_path / "b.txt", str(tmp_path / "sub")])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.md",
        "b.txt",
        "f.markdown",
        "sub/c.html",
        "sub/deep/d.PDF",
        "sub/e.htm",
    ]
    assert all(isinstance(p, Path) for p in found)


def test_iter_document_paths_missing(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as caught:
        iter_document_paths([tmp_path / "missing"])
    assert caught.value.code == "E001"


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
