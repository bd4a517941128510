#!/usr/bin/env python3
"""Write the sample PDFs of examples/corpus/ from plain-text sources.

A small PDF writer with no dependencies beyond the standard library. It uses the
standard 14 fonts Helvetica and Helvetica-Bold with WinAnsiEncoding (nothing is
embedded), wraps paragraphs to the page width with the fonts' AFM widths, draws an
optional page-footer block on every page, and computes the cross-reference table. The
output is deterministic (no timestamps), so regenerating an unchanged source gives the
same bytes.

Source format (``examples/sources/NAME.pdf.txt`` -> ``examples/corpus/NAME.pdf``):

* Directive lines at the very top, each ``%% key: value``:
    ``%% title: ...``        the PDF's /Title (document information dictionary)
    ``%% footer: ...``       one line of the footer block; repeat for more lines
    ``%% page-numbers: yes`` add "Page N of M" as the footer's first line
* Then the body: paragraphs separated by blank lines. A paragraph starting with ``# ``
  is a heading (bold, larger). ``[[pagebreak]]`` - alone or inside a paragraph - starts
  a new page; inside a paragraph the paragraph continues at the top of the next page,
  so the sentence it cuts is split by the footer block in the extracted text, as in
  many PDF-extracted reports. A page also breaks by itself when it is full.

Content-stream order per page is body first, footer last, so text extraction yields
"... first half of a sentence / footer lines / second half ...".

Usage:
    python tools/make_sample_pdf.py                 # every examples/sources/*.pdf.txt
    python tools/make_sample_pdf.py SOURCE [-o OUT]
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "examples" / "sources"
CORPUS = ROOT / "examples" / "corpus"

# Glyph widths (1/1000 em) of WinAnsi codes 32..255, from Adobe's Core 14 AFM files
# (Helvetica.afm, Helvetica-Bold.afm). Codes undefined in WinAnsi are 0.
_HELVETICA = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
]
_HELVETICA_BOLD = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 0,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
]
FONTS = {"F1": ("Helvetica", _HELVETICA), "F2": ("Helvetica-Bold", _HELVETICA_BOLD)}

# Characters outside WinAnsi that the sources may contain, with a WinAnsi stand-in.
_FALLBACK = {
    "\u2212": "-",   # minus sign
    "\u2011": "-",   # non-breaking hyphen
    "\u2010": "-",   # hyphen
    "\u2009": " ",   # thin space
    "\u202f": " ",   # narrow no-break space
    "\u0131": "i",   # dotless i
    "\u0259": "e",   # schwa (Azerbaijani)
    "\u018f": "E",
}

PAGE_W, PAGE_H = 595, 842          # A4 in points
MARGIN_L, MARGIN_R = 72, 72
MARGIN_TOP = 72
BODY_SIZE, BODY_LEADING = 10.5, 14.5
HEAD_SIZE, HEAD_LEADING = 14, 19
FOOT_SIZE, FOOT_LEADING = 8, 10.5
FOOT_BOTTOM = 40                   # baseline of the footer's last line
PARA_GAP = 6


def to_winansi(text: str) -> bytes:
    """Encode text as WinAnsi (cp1252) bytes, replacing what it lacks."""
    out = bytearray()
    for ch in text:
        ch = _FALLBACK.get(ch, ch)
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore")
            out += base or b"?"
    return bytes(out)


def pdf_string(data: bytes) -> str:
    """A PDF literal string: escape ( ) \\ and write bytes >= 128 as octal (\\222 = ’)."""
    parts = []
    for b in data:
        c = chr(b)
        if c in "()\\":
            parts.append("\\" + c)
        elif 32 <= b < 127:
            parts.append(c)
        else:
            parts.append(f"\\{b:03o}")
    return "(" + "".join(parts) + ")"


def text_width(data: bytes, font: str, size: float) -> float:
    widths = FONTS[font][1]
    return sum(widths[b - 32] if b >= 32 else 0 for b in data) * size / 1000


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap on spaces; a word longer than the line stands alone."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if current and text_width(to_winansi(trial), font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


@dataclass
class Source:
    title: str
    footer: list[str]
    page_numbers: bool
    blocks: list[tuple[str, str]]  # (kind, text): kind is "para", "head" or "break"


def parse_source(text: str) -> Source:
    title, footer, page_numbers = "", [], False
    lines = text.replace("\r\n", "\n").split("\n")
    while lines and (lines[0].startswith("%%") or not lines[0].strip()):
        line = lines.pop(0)
        if not line.startswith("%%"):
            continue
        key, _, value = line[2:].partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "title":
            title = value
        elif key == "footer":
            footer.append(value)
        elif key == "page-numbers":
            page_numbers = value.lower() in {"yes", "true", "1"}
        else:
            raise ValueError(f"unknown directive: {line}")
    blocks: list[tuple[str, str]] = []
    for para in re.split(r"\n\s*\n", "\n".join(lines)):
        para = " ".join(para.split())
        if not para:
            continue
        kind = "para"
        if para.startswith("# "):
            kind, para = "head", para[2:]
        pieces = para.split("[[pagebreak]]")
        for i, piece in enumerate(pieces):
            if i:
                blocks.append(("break", ""))
            if piece.strip():
                blocks.append((kind, piece.strip()))
    return Source(title, footer, page_numbers, blocks)


def layout(src: Source) -> list[list[tuple[str, float, float, float, str]]]:
    """Place the body on pages: a page is a list of (font, size, x, y, text)."""
    foot_width = PAGE_W - MARGIN_L - MARGIN_R
    n_footer = sum(len(wrap(line, "F1", FOOT_SIZE, foot_width)) for line in src.footer)
    n_footer += 1 if src.page_numbers else 0
    bottom = FOOT_BOTTOM + n_footer * FOOT_LEADING + 24  # lowest body baseline
    width = PAGE_W - MARGIN_L - MARGIN_R
    pages: list[list] = [[]]
    y = PAGE_H - MARGIN_TOP
    first_on_page = True
    for kind, text in src.blocks:
        if kind == "break":
            pages.append([])
            y, first_on_page = PAGE_H - MARGIN_TOP, True
            continue
        font, size, leading = ("F2", HEAD_SIZE, HEAD_LEADING) if kind == "head" else (
            "F1", BODY_SIZE, BODY_LEADING)
        if not first_on_page:
            y -= PARA_GAP
        for line in wrap(text, font, size, width):
            if y < bottom:
                pages.append([])
                y = PAGE_H - MARGIN_TOP
            pages[-1].append((font, size, MARGIN_L, y, line))
            y -= leading
        first_on_page = False
    return pages


def content_stream(body, footer_lines: list[str]) -> bytes:
    ops = []
    for font, size, x, y, line in body:
        ops.append(f"BT /{font} {size:g} Tf {x:g} {y:g} Td {pdf_string(to_winansi(line))} Tj ET")
    # footer: a rule, then the lines, top to bottom, ending at FOOT_BOTTOM
    if footer_lines:
        top = FOOT_BOTTOM + (len(footer_lines) - 1) * FOOT_LEADING
        rule_y = top + FOOT_LEADING + 2
        ops.append(f"0.5 w {MARGIN_L} {rule_y:g} m {PAGE_W - MARGIN_R} {rule_y:g} l S")
        for i, line in enumerate(footer_lines):
            y = top - i * FOOT_LEADING
            ops.append(f"BT /F1 {FOOT_SIZE:g} Tf {MARGIN_L} {y:g} Td "
                       f"{pdf_string(to_winansi(line))} Tj ET")
    return ("\n".join(ops) + "\n").encode("latin-1")


def build_pdf(src: Source) -> bytes:
    pages = layout(src)
    objects: list[bytes] = []  # object i+1 is objects[i]

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font_ids = {}
    for name, (base, _) in FONTS.items():
        font_ids[name] = add(
            f"<< /Type /Font /Subtype /Type1 /BaseFont /{base} "
            f"/Encoding /WinAnsiEncoding >>".encode())
    resources = " ".join(f"/{n} {i} 0 R" for n, i in font_ids.items())
    kids = []
    for number, body in enumerate(pages, start=1):
        footer = ([f"Page {number} of {len(pages)}"] if src.page_numbers else []) + src.footer
        footer = [part for line in footer
                  for part in wrap(line, "F1", FOOT_SIZE, PAGE_W - MARGIN_L - MARGIN_R)]
        stream = content_stream(body, footer)
        content_id = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream")
        kids.append(add(
            f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] "
            f"/Resources << /Font << {resources} >> >> /Contents {content_id} 0 R >>".encode()))
    objects[pages_id - 1] = (
        f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
        f"/Count {len(kids)} >>".encode())
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R >>".encode()
    info = add(b"<< /Title " + pdf_string(to_winansi(src.title)).encode("latin-1")
               + b" /Producer (annexwatch tools/make_sample_pdf.py) >>")

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, catalog, info, xref))
    return bytes(out)


def output_for(source: Path) -> Path:
    name = source.name
    if not name.endswith(".pdf.txt"):
        raise ValueError(f"source must be named NAME.pdf.txt: {source}")
    return CORPUS / name[: -len(".txt")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path,
                        help="a NAME.pdf.txt file (default: every examples/sources/*.pdf.txt)")
    parser.add_argument("-o", "--output", type=Path, help="output PDF (one source only)")
    args = parser.parse_args(argv)
    if args.source is None:
        if args.output:
            parser.error("--output needs a source")
        sources = sorted(SOURCES.glob("*.pdf.txt"))
    else:
        sources = [args.source]
    for source in sources:
        out = args.output or output_for(source)
        data = build_pdf(parse_source(source.read_text(encoding="utf-8")))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
        print(f"{source} -> {out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
