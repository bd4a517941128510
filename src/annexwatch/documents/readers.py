"""Reading documents: find them, read each format, and return one cleaned `Document`.

`load_document` does everything a document needs before extraction — size and type checks,
decoding, front matter and sidecar, format conversion, cleaning — and raises a
`DocumentError` with a numbered code and a human reason for anything it cannot do:

    E001  no such file or folder
    E002  the path is not a regular file (a folder, a device)
    E003  unsupported file type (suffix)
    E004  file too large for one article
    E005  file is empty: no bytes, only whitespace, only front matter, or no text left after cleaning
    E006  file looks binary (NUL bytes, control characters, or a known binary signature)
    E007  file cannot be read (permissions, I/O error)
    E008  front matter is not valid YAML, or not a mapping
    E009  sidecar (.meta.yaml) cannot be read, is not valid YAML, or is not a mapping
    E010  a `published` value that is not a date
    E011  PDF is corrupt or not a PDF
    E012  PDF is encrypted with a password
    E013  PDF has no extractable text (scanned images?)
    E014  HTML page has no text
"""

from __future__ import annotations

import codecs
import hashlib
import io
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annexwatch.documents.cleaning import clean_text, prepare_pdf_pages, strip_emphasis, word_count
from annexwatch.documents.frontmatter import (
    SIDECAR_SUFFIX,
    find_sidecar,
    merge_metadata,
    parse_published,
    read_sidecar,
    split_front_matter,
)
from annexwatch.errors import DocumentError
from annexwatch.models import DateInterval, Document

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
FORMAT_BY_SUFFIX = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
# One article is a few hundred kilobytes at most; 20 MB is far beyond any article and keeps a
# stray data dump from being read into memory.
DEFAULT_MAX_BYTES = 20_000_000


# --------------------------------------------------------------------------------------------
# Finding documents
# --------------------------------------------------------------------------------------------


def _is_hidden(name: str) -> bool:
    return name.startswith(".")


def _is_supported(path: Path) -> bool:
    """A document file by name: a supported suffix, and not a metadata sidecar."""
    name = path.name.lower()
    return path.suffix.lower() in SUPPORTED_SUFFIXES and not name.endswith(SIDECAR_SUFFIX)


def _walk_folder(folder: Path) -> list[Path]:
    """Every supported, non-hidden file under `folder`, not descending into hidden folders."""
    found: list[Path] = []
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = [name for name in dirnames if not _is_hidden(name)]
        for name in filenames:
            candidate = Path(root) / name
            if not _is_hidden(name) and _is_supported(candidate) and candidate.is_file():
                found.append(candidate)
    return found


def iter_document_paths(paths: Iterable[str | Path]) -> list[Path]:
    """The document files named by `paths` (files, or folders searched recursively).

    Supported suffixes only; `*.meta.yaml` sidecars and hidden files/folders inside folders
    are skipped (a file named explicitly is taken if its suffix is supported). The result is
    sorted and has no duplicates (two spellings of one file count once). A path that does not
    exist raises DocumentError E001.
    """
    found: dict[Path, Path] = {}
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise DocumentError(str(given), "E001", "no such file or folder")
        candidates = _walk_folder(path) if path.is_dir() else [path] if _is_supported(path) else []
        for candidate in candidates:
            found.setdefault(candidate.resolve(), candidate)
    return sorted(found.values(), key=str)


# --------------------------------------------------------------------------------------------
# Checks on the file before reading it
# --------------------------------------------------------------------------------------------


def _human_size(size: int) -> str:
    """A byte count as people read it: "52.4 MB", "20 MB", "3 KB", "12 bytes"."""
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def format_of(path: Path) -> str:
    """'txt' | 'md' | 'html' | 'pdf' from the suffix; E003 for anything else."""
    fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        shown = path.suffix or "(no suffix)"
        reason = f"unsupported file type {shown}; supported: {', '.join(SUPPORTED_SUFFIXES)}"
        raise DocumentError(str(path), "E003", reason)
    return fmt


def check_file(path: Path, max_bytes: int) -> int:
    """Stat the file (never reading it) and return its size; E001/E002/E004/E005/E007.

    Why stat first: a 5 GB file renamed .txt must be refused without being read into memory.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise DocumentError(str(path), "E001", "no such file or folder") from None
    except OSError as error:
        raise DocumentError(str(path), "E007", f"cannot read the file: {error.strerror or error}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise DocumentError(str(path), "E002", f"is {kind}, not a document file")
    if info.st_size > max_bytes:
        reason = f"{_human_size(info.st_size)} is over the {_human_size(max_bytes)} limit for one article"
        raise DocumentError(str(path), "E004", reason)
    if info.st_size == 0:
        raise DocumentError(str(path), "E005", "file is empty (0 bytes)")
    return info.st_size


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes (at most max_bytes + 1, in case it grew since the stat); E004/E007."""
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise DocumentError(str(path), "E007", f"cannot read the file: {error.strerror or error}") from None
    if len(data) > max_bytes:
        reason = f"file is over the {_human_size(max_bytes)} limit for one article"
        raise DocumentError(str(path), "E004", reason)
    return data


# --------------------------------------------------------------------------------------------
# Bytes -> text
# --------------------------------------------------------------------------------------------

_BINARY_SIGNATURES = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel document",
    b"\x7fELF": "a program",
    b"SQLite format 3": "an SQLite database",
}
# Bytes that never occur in text (tab, newlines and form feed excepted).
_CONTROL_BYTES = bytes(set(range(32)) - {9, 10, 12, 13}) + b"\x7f"
_SAMPLE_BYTES = 8192
_MAX_CONTROL_SHARE = 0.05


def _has_unicode_bom(data: bytes) -> bool:
    return data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def check_not_binary(data: bytes, path: Path) -> None:
    """E006 when the bytes are not text: a known binary signature, NUL bytes, or control bytes.

    Why: a PDF or image renamed .txt would otherwise decode into pages of junk "text".
    """
    if _has_unicode_bom(data):
        return  # UTF-16 text has NUL bytes by design
    for signature, kind in _BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise DocumentError(str(path), "E006", f"file looks binary: it starts like {kind}, not text")
    sample = data[:_SAMPLE_BYTES]
    if b"\x00" in sample:
        raise DocumentError(str(path), "E006", "file looks binary: it contains NUL bytes, so it is not text")
    controls = sum(sample.count(byte) for byte in _CONTROL_BYTES)
    if controls > _MAX_CONTROL_SHARE * len(sample):
        raise DocumentError(str(path), "E006", "file looks binary: too many control characters for text")


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Decode bytes that are not UTF-8 as cp1252 (Latin-1 for its five undefined bytes).

    Why per byte: files mix encodings (a UTF-8 article pasted next to a Windows-1252 quote);
    decoding just the bad bytes keeps the UTF-8 part right and gets "café" and "’" right too.
    """
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    try:
        return bad.decode("cp1252"), error.end
    except UnicodeDecodeError:
        return bad.decode("latin-1"), error.end


_FALLBACK_HANDLER = "annexwatch.cp1252-fallback"
codecs.register_error(_FALLBACK_HANDLER, _cp1252_fallback)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Bytes as text: a BOM's encoding, else UTF-8, else the declared charset, else cp1252/Latin-1.

    Never fails: undecodable bytes fall back per byte (see `_cp1252_fallback`).
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors=_FALLBACK_HANDLER)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass  # an unknown charset name: fall through
    return data.decode("utf-8", errors=_FALLBACK_HANDLER)


# --------------------------------------------------------------------------------------------
# Formats -> plain text
# --------------------------------------------------------------------------------------------


@dataclass
class Converted:
    """What a format reader found: cleaned text and whatever metadata the format itself holds."""

    text: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: str | None = None  # a date the format's own metadata gave (HTML)
    heading_title: str | None = None  # the first real Markdown heading


_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MIN_TITLE_WORDS = 3
_MAX_TITLE_WORDS = 25


def first_heading_title(text: str) -> str | None:
    """The first Markdown heading with a few words ("# COMMENT" or "# FIIA 9/2015" are labels)."""
    for match in _MARKDOWN_HEADING.finditer(text[:20_000]):
        heading = strip_emphasis(match.group(1)).lstrip("> ").strip()
        if _MIN_TITLE_WORDS <= word_count(heading) <= _MAX_TITLE_WORDS:
            return heading
    return None


def _empty_body_error(path: Path, had_front_matter: bool) -> DocumentError:
    if had_front_matter:
        return DocumentError(str(path), "E005", "file has only front matter, no article text")
    return DocumentError(str(path), "E005", "file is empty (only whitespace)")


def read_text_format(data: bytes, path: Path) -> Converted:
    """Plain text and Markdown: front matter off, then the shared cleaning (Markdown-aware)."""
    check_not_binary(data, path)
    text = decode_text(data).lstrip("\ufeff")
    front = split_front_matter(text, path)
    if not front.body.strip():
        raise _empty_body_error(path, len(front.body) != len(text))
    heading = first_heading_title(front.body)
    return Converted(clean_text(front.body), front_matter=front.fields, heading_title=heading)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w\-:.]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_DATE_PARAMS = {"original_date": True, "extensive_search": False}
# Elements whose text is never article text, for the fallback extraction.
_NON_CONTENT_TAGS = ("script", "style", "nav", "footer", "header", "aside", "noscript", "form", "template")
_BLOCK_TAGS = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "section")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def fallback_html_text(html: str) -> str:
    """Visible text of a page without its scripts, styles and navigation (lxml, no heuristics).

    Why: trafilatura refuses very small pages it cannot tell from boilerplate; a short
    statement page is still an article.
    """
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises several types for hopeless markup
        return ""
    for element in root.xpath("//" + " | //".join(_NON_CONTENT_TAGS)):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    body = root.find("body")
    return (body if body is not None else root).text_content()


def _trafilatura_extraction(html: str) -> Any:
    """trafilatura's main text and metadata, or None when it finds nothing or fails."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception:  # a parser failure on odd markup must not lose the document
        return None


def _trafilatura_metadata(html: str) -> Any:
    """Page metadata alone, for pages whose text trafilatura would not extract."""
    import trafilatura

    try:
        return trafilatura.extract_metadata(html, date_config=_DATE_PARAMS, extensive=False)
    except Exception:
        return None


def read_html(data: bytes, path: Path) -> Converted:
    """HTML: trafilatura for the main text and page metadata, lxml as a fallback; E014 if no text."""
    check_not_binary(data, path)
    html = _XML_DECLARATION.sub("", decode_text(data, _declared_charset(data)))
    extracted = _trafilatura_extraction(html)
    body = (getattr(extracted, "text", None) or "").strip()
    # trafilatura puts one paragraph per line: make them paragraphs for the cleaner.
    body = body.replace("\n", "\n\n") if body else fallback_html_text(html)
    text = clean_text(body)
    if not text:
        raise DocumentError(str(path), "E014", "HTML page has no article text")
    meta = extracted if getattr(extracted, "title", None) or getattr(extracted, "date", None) else None
    meta = meta or _trafilatura_metadata(html)
    language = _HTML_LANG.search(html[:5000])
    return Converted(
        text,
        title=_clean_field(getattr(meta, "title", None)),
        url=_clean_field(getattr(meta, "url", None)),
        source=_clean_field(getattr(meta, "sitename", None)),
        language=language.group(1).lower() if language else None,
        published=_clean_field(getattr(meta, "date", None)),
    )


_JUNK_PDF_TITLE = re.compile(r"\.(?:docx?|pdf|indd|rtf|odt)$|^untitled|^microsoft word", re.IGNORECASE)


def _pdf_pages(data: bytes, path: Path) -> tuple[list[str], str | None]:
    """Each page's text and the PDF's own title; E011 corrupt, E012 encrypted."""
    from pypdf import PdfReader

    # pypdf logs its repairs of damaged files ("EOF marker not found") as warnings; the
    # user gets one DocumentError naming the file instead
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not _decrypts_without_password(reader):
            reason = "PDF is encrypted with a password; save an unprotected copy"
            raise DocumentError(str(path), "E012", reason)
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title = info.title if info is not None else None
    except DocumentError:
        raise
    except Exception as error:  # pypdf raises many types for broken files
        raise DocumentError(str(path), "E011", f"PDF is corrupt or not a PDF ({error})") from None
    if title and _JUNK_PDF_TITLE.search(title.strip()):
        title = None
    return pages, title


def _decrypts_without_password(reader: Any) -> bool:
    """Whether an 'encrypted' PDF opens with the empty user password (many do)."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # missing crypto support counts as encrypted
        return False


def read_pdf(data: bytes, path: Path) -> Converted:
    """PDF: pypdf text per page, page furniture removed, pages joined, then cleaned; E013 if no text."""
    pages, title = _pdf_pages(data, path)
    if not any(page.strip() for page in pages):
        raise DocumentError(str(path), "E013", "PDF has no extractable text (is it scanned images?)")
    text = clean_text(prepare_pdf_pages(pages))
    if not text:
        raise DocumentError(str(path), "E013", "PDF has no extractable article text")
    return Converted(text, title=_clean_field(title))


READERS: dict[str, Callable[[bytes, Path], Converted]] = {
    "txt": read_text_format,
    "md": read_text_format,
    "html": read_html,
    "pdf": read_pdf,
}


# --------------------------------------------------------------------------------------------
# Metadata resolution
# --------------------------------------------------------------------------------------------


def _clean_field(value: Any) -> str | None:
    """A metadata value as a trimmed one-line string, or None when empty."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def first_line_title(text: str) -> str | None:
    """A title from the text itself: the first of its opening lines that looks like a headline.

    A headline has a few words, does not end in a full stop, and is not a byline.
    """
    for line in text.split("\n")[:6]:
        words = word_count(line)
        headline_sized = _MIN_TITLE_WORDS <= words <= _MAX_TITLE_WORDS
        if headline_sized and not line.endswith(".") and not line.startswith("By "):
            return line
    return None


def resolve_title(metadata: dict[str, Any], converted: Converted) -> str | None:
    """Metadata title, else the format's title (HTML/PDF), else a heading, else an opening line."""
    return (
        _clean_field(metadata.get("title"))
        or converted.title
        or converted.heading_title
        or first_line_title(converted.text)
    )


def resolve_published(
    metadata: dict[str, Any], converted: Converted, path: Path
) -> tuple[DateInterval | None, list[str]]:
    """Publication interval and its cue: metadata `published` (or `date`), else HTML metadata."""
    value = metadata.get("published", metadata.get("date"))
    published = parse_published(value, path)
    if published is not None:
        return published, ["metadata"]
    if converted.published:
        try:
            html_date = parse_published(converted.published, path)
        except DocumentError:
            html_date = None  # a page's odd date markup is not the user's error
        if html_date is not None:
            return html_date, ["html-metadata"]
    return None, []


# --------------------------------------------------------------------------------------------
# The entry point
# --------------------------------------------------------------------------------------------


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read, decode, parse metadata and clean one document; DocumentError (E0xx) on any problem.

    Metadata comes from front matter (text/Markdown) and a `NAME.meta.yaml` sidecar; the
    sidecar wins where both give a field. `content_hash` covers the file's bytes followed by
    the sidecar's bytes, so editing the sidecar counts as a change.
    """
    file = Path(path)
    check_file(file, max_bytes)
    fmt = format_of(file)
    data = read_bytes(file, max_bytes)
    sidecar = find_sidecar(file)
    sidecar_fields, sidecar_bytes = read_sidecar(sidecar, file) if sidecar else ({}, b"")
    converted = READERS[fmt](data, file)
    if not converted.text:
        raise DocumentError(str(file), "E005", "no article text left after removing boilerplate")
    metadata = merge_metadata(converted.front_matter, sidecar_fields)
    published, cues = resolve_published(metadata, converted, file)
    return Document(
        path=str(path),
        name=file.name,
        format=fmt,
        text=converted.text,
        content_hash=hashlib.sha256(data + sidecar_bytes).hexdigest(),
        title=resolve_title(metadata, converted),
        url=_clean_field(metadata.get("url")) or converted.url,
        source=_clean_field(metadata.get("source")) or converted.source,
        language=_clean_field(metadata.get("language", metadata.get("lang"))) or converted.language,
        published=published,
        published_cues=cues,
        metadata=metadata,
    )
