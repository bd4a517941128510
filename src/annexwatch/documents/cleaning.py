"""Text cleaning: the one place where raw article text becomes the text every offset points into.

Cleaning happens once, before anything is extracted; every later step (sentences, mentions,
events, evidence spans) uses only the string `clean_text` returns, so offsets stay honest.

`clean_text` is applied to every format after it has been turned into plain text. It:

1. normalises characters (NFC, odd spaces, invisible characters, line endings, ligatures);
2. tidies lines (trailing/duplicate spaces) and turns Markdown into plain prose, keeping a
   note of which lines were links-only or fully italic (page-footer signals);
3. drops boilerplate lines (logos, photo credits, share/subscribe/cookie lines, adverts,
   separator rules, copyright lines);
4. drops page-footer address/contact blocks and the institutional paragraphs beside them;
5. drops a trailing "Related articles"/"Read more" block of headlines;
6. re-joins a sentence that a dropped block, a page break, a blank line or a hard line wrap
   cut in two (the first part ends without terminal punctuation, the rest starts lowercase).

The passes repeat until nothing changes, so the result is a fixed point (idempotent). List
markers ("- ", "1. ") are kept: they stop a list item being joined to its lead-in sentence.

The PDF reader additionally calls `prepare_pdf_pages` first, for the line-level problems only
a PDF text layer has (hyphenated line breaks, hard-wrapped lines, running headers, page numbers).

Curly quotes and dashes are kept as they are: the scorer normalises them, and evidence must
quote the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# --------------------------------------------------------------------------------------------
# 1. Characters
# --------------------------------------------------------------------------------------------

# Spaces that look like a space but are not U+0020: PDFs and CMSs use them for layout.
_ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Invisible characters with no meaning in prose: soft hyphens, zero-width and bidi marks, BOMs.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Control characters other than the newline (a stray \x07 or C1 byte is decoding debris).
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# Every line-break convention -> "\n", so the rest of the pipeline sees only one.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Typographic ligatures from PDF text layers: "ﬁrst" must match "first".
_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}


def normalize_characters(text: str) -> str:
    """NFC, one newline convention, plain spaces, no invisible characters or ligatures.

    Why: the same word must be the same string whatever the source encoded it as, or
    matching actors and gold text fails on bytes nobody can see.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return text


def tidy_line(line: str) -> str:
    """Strip the line and collapse runs of spaces: layout spacing carries no meaning."""
    return re.sub(r" {2,}", " ", line.strip())


# --------------------------------------------------------------------------------------------
# 2. Markdown -> plain prose (web and PDF extractions are often Markdown-ish, whatever the suffix)
# --------------------------------------------------------------------------------------------


@dataclass
class Line:
    """One line of the document while it is cleaned, with what its Markdown said about it."""

    text: str
    italic: bool = False  # the whole line was *emphasised*: institutional boilerplate in footers
    link_only: bool = False  # the line was nothing but a link: a footer/website or teaser line
    separator: bool = False  # a horizontal rule: ---, ***, ___, ===
    omit: bool = False  # markup with no text and no paragraph break (a table's |---| row)

    @property
    def blank(self) -> bool:
        return not self.text and not self.separator


_SEPARATOR = re.compile(r"^(?:[-*_=~•·—–]\s*){3,}$")
_HEADING = re.compile(r"^#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+$")
_BLOCKQUOTE = re.compile(r"^(?:>\s?)+")
# Bounded repeats keep a line of a thousand "[" from taking quadratic time.
_IMAGE = re.compile(r"!\[[^\]]{0,500}\]\([^)]{0,2000}\)")
_LINK = re.compile(r"\[([^\]]{0,1000})\]\((?:[^()\s]|\([^)]{0,200}\)){0,2000}(?:\s+\"[^\"]{0,500}\")?\)")
_REF_LINK = re.compile(r"\[([^\]]{1,1000})\]\[[^\]]{0,200}\]")
_LINK_DEFINITION = re.compile(r"^\[[^\]]+\]:\s*\S+")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+)>")
_TABLE_DELIMITER = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$")
# Emphasis only where it cannot be prose: an opener touching a word on its right and not on its
# left ("ISIS*" or "snake_case" are left alone).
_STAR_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_UNDERSCORE_EMPHASIS = re.compile(r"(?<![\w_])(_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w_])")
_STRIKE_OR_CODE = re.compile(r"(~~|`)(?=\S)(.+?)(?<=\S)\1")
_ITALIC_LINE = re.compile(r"^(\*{1,3}|_{1,3})(?=\S).*(?<=\S)\1$")


def strip_emphasis(text: str) -> str:
    """Remove *, **, _, __, ~~ and ` markers around words; repeat for nested markers."""
    previous = None
    while previous != text:
        previous = text
        text = _STAR_EMPHASIS.sub(r"\2", text)
        text = _UNDERSCORE_EMPHASIS.sub(r"\2", text)
        text = _STRIKE_OR_CODE.sub(r"\2", text)
    return text


def strip_line_prefixes(text: str) -> str:
    """Remove heading hashes and blockquote markers, however they are nested.

    Why: "### > Question?" and "> ## Heading" both occur in extractions; stripping until
    nothing changes keeps cleaning idempotent. List markers ("- ", "* ", "1. ") are kept on
    purpose: they keep a list item from being re-joined to the sentence that introduces it.
    """
    previous = None
    while previous != text:
        previous = text
        text = _BLOCKQUOTE.sub("", _HEADING.sub("", text)).strip()
    return text


def _table_row(text: str) -> str | None:
    """A Markdown table row as its cells joined by "; " (None for the |---| delimiter row)."""
    if _TABLE_DELIMITER.match(text):
        return None
    cells = [cell.strip() for cell in text.strip("|").split("|")]
    return "; ".join(cell for cell in cells if cell)


def markdown_line(raw: str) -> Line:
    """One tidied line as plain prose, remembering whether it was italic or only a link.

    Why: evidence spans must not contain markup the reader never saw, but whether a line was
    italic or a bare link is a strong page-footer signal, so it is kept beside the text.
    """
    text = tidy_line(raw)
    if _SEPARATOR.match(text):
        return Line("", separator=True)
    if _LINK_DEFINITION.match(text):
        return Line("", omit=True)
    if text.startswith("#"):
        text = _CLOSING_HASHES.sub("", text)
    text = strip_line_prefixes(text)
    if text.startswith("|") and text.endswith("|") and len(text) > 1:
        row = _table_row(text)
        if row is None:
            return Line("", omit=True)
        text = row
    text = _IMAGE.sub("", text)
    link_only = bool(text) and _LINK.sub("", text).strip() == "" and _LINK.search(text) is not None
    text = _AUTOLINK.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    italic = bool(_ITALIC_LINE.match(text)) and not text.startswith(("**", "__"))
    text = tidy_line(strip_emphasis(text))
    return Line(text, italic=italic, link_only=link_only)


# --------------------------------------------------------------------------------------------
# 3. Boilerplate lines
# --------------------------------------------------------------------------------------------

_TERMINAL = tuple('.!?:”")…’»')


def ends_sentence(text: str) -> bool:
    """Whether a line ends with punctuation that can close a sentence (or a quote/bracket)."""
    return text.rstrip().endswith(_TERMINAL)


def word_count(text: str) -> int:
    return len(text.split())


# "The Messenger logo", "Logo", "Site logo": an image's alt text left in the extraction.
_LOGO = re.compile(r"^(?:the\s+)?(?:[\w’'&.\-]+\s+){0,5}logo$|^logo\b", re.IGNORECASE)
# Photo and image credits, at the start of a line or closing a caption.
_CREDIT_START = re.compile(
    r"^[(\[]?\s*(?:(?:top|main|header|featured|cover|lead)\s+)?"
    r"(?:photos?|photograph|image|picture|pic|illustration|graphic|video)s?\s*"
    r"(?:courtesy|credits?|by|source|:|/|©|–|—|-|via)",
    re.IGNORECASE,
)
_CREDIT_END = re.compile(
    r"(?:\b(?:photos?|image|picture|foto)\s*(?:credits?)?\s*[:/©]|©)\s*[^.!?]{1,80}[)\]]?$", re.IGNORECASE
)
_AGENCY_CREDIT = re.compile(
    r"^[(\[]?\s*(?:©\s*)?(?:Reuters|AP|AFP|EPA|Getty Images|TASS|RIA Novosti|Sputnik|Shutterstock|"
    r"AP Photo|EPA-EFE|Anadolu Agency)(?:\s*/\s*[\w .]+)?\s*[)\]]?$"
)
# Share, subscribe, follow, cookie, print and advert lines: site chrome, not article text.
_CHROME = re.compile(
    r"^(?:share(?:\s+(?:this(?:\s+\w+)?|on\s+\w+|via\s+\w+|article|story|page))?:?|tweet|e-?mail|print|"
    r"whatsapp|facebook|twitter|linkedin|telegram|reddit|copy link|"
    r"subscribe\b.*|sign up\b.*(?:newsletter|updates|email|inbox).*|follow us\b.*|"
    r"click here\b.*|advertisement|advertising|sponsored(?: content)?|skip to (?:main )?content|"
    r"scroll to continue.*|continue reading.*|tags?:.*|comments(?:\s*\(\d+\))?|\d+\s+comments?|"
    r"all rights reserved\.?|copyright\b.*|\(c\)\s.*|©.*|listen to (?:this )?article.*|"
    r"(?:\d+\s+)?min(?:ute)?s? read)$",
    re.IGNORECASE,
)
_COOKIES = re.compile(r"\bcookies?\b", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:we use|this (?:web)?site uses|accept|consent|cookie (?:policy|settings))\b", re.IGNORECASE
)
_TEASER = re.compile(r"^(?:read more|read also|also read|see also|related)\s*:\s*\S", re.IGNORECASE)


def is_logo_line(text: str) -> bool:
    """A short line naming a logo: the alt text of the site's header image."""
    return word_count(text) <= 7 and not ends_sentence(text) and bool(_LOGO.match(text))


def is_credit_line(text: str) -> bool:
    """A photo/image credit ("Photo courtesy of ...", "(Photo by ...)", "© Reuters").

    Why: credits are captions of images the reader does not see; left in, "Photo: Reuters"
    becomes a sentence that names an actor.
    """
    words = word_count(text)
    if words > 30:
        return False
    starts = words <= 15 and _CREDIT_START.match(text)
    return bool(starts or _AGENCY_CREDIT.match(text) or _CREDIT_END.search(text))


def is_site_chrome_line(text: str) -> bool:
    """Share/subscribe/cookie/advert/copyright lines and "Read more: ..." teasers."""
    words = word_count(text)
    if words <= 12 and _CHROME.match(text):
        return True
    if words <= 40 and _COOKIES.search(text) and _COOKIE_CONTEXT.search(text):
        return True
    return words <= 25 and bool(_TEASER.match(text))


def is_boilerplate_line(text: str) -> bool:
    """Whether a whole line is site furniture rather than article text."""
    return bool(text) and (is_logo_line(text) or is_credit_line(text) or is_site_chrome_line(text))


def drop_boilerplate_lines(lines: list[Line]) -> list[Line]:
    """Remove logo, credit and site-chrome lines (a removed line leaves a paragraph break)."""
    return [Line("") if is_boilerplate_line(line.text) else line for line in lines]


# --------------------------------------------------------------------------------------------
# 4. Page-footer address/contact blocks
# --------------------------------------------------------------------------------------------

_PHONE_NUMBER = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d")
# Digit strings that are dates or year ranges, not telephone numbers.
_DATE_LIKE = re.compile(r"^\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}$|^\d{4}\s*[-/–]\s*\d{2,4}$")
_CONTACT_LABEL = re.compile(
    r"^(?:tel|tel\.|telephone|phone|fax|telefax|mobile|switchboard|e-?mail|web|website|internet|"
    r"contact|contacts|address|visiting address|postal address)\s*:?$",
    re.IGNORECASE,
)
_LABELLED_NUMBER = re.compile(
    r"^(?:tel|telephone|phone|fax|telefax|mobile|t|f)\.?\s*[:.]?\s*[+(\d]", re.IGNORECASE
)
_PO_BOX = re.compile(
    r"\b(?:p\.?\s?o\.?\s?box|pob|postbox|post office box|postfach|p\.?\s?b\.)\s*\d+", re.IGNORECASE
)
_POSTCODE_CITY = re.compile(
    r"^(?:[A-Z]{1,2}-)?\d{4,6}\s+[A-ZÄÖÅÜÉ][\w\-]+(?:\s+[A-ZÄÖÅÜÉ][\w\-]+)?$"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # UK
    r"|^[A-Z][\w .]+,\s*[A-Z]{2}\s+\d{5}(?:-\d{4})?$"  # US
)
_STREET = re.compile(
    r"^\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w.'\-]*\s+){0,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|"
    r"Lane|Ln|Drive|Dr|Square|Sq|Place|Pl|Way|Court|Ct|Terrace|Embankment|Prospekt|Highway)\b\.?"
    r"|^[A-ZÄÖÜÅ][\wäöüåéèß'\-]*(?:straße|strasse|str\.|katu|gatan|gata|gade|vej|weg|laan|straat|"
    r"tie|väg|vegen|veien|platz|plein)\s+\d+[a-zA-Z]?\b"
    r"|^\d{0,5},?\s*(?:rue|via|calle|avenida|ulitsa|ul\.|plac|piazza)\s+\w+",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_BARE_URL = re.compile(
    r"^<?(?:https?://\S+|www\.\S+|[\w\-]+(?:\.[\w\-]+)*\.(?:com|org|net|edu|gov|int|info|eu|[a-z]{2})(?:/\S*)?)>?$",
    re.IGNORECASE,
)
_INSTITUTION = re.compile(
    r"\b(?:Institute|Institut|University|Foundation|Centre|Center|Council|Agency|Association|"
    r"Ltd|Inc|GmbH|Office|Ministry|Department|Press|Group|Network|Society|Programme|Program|"
    r"Affairs|Studies|Research|Fund|Trust|School|College|Academy)\b"
)
# Sentences typical of an institution's or publisher's standing boilerplate.
_BOILERPLATE_CUES = re.compile(
    r"views expressed|do(?:es)? not necessarily (?:reflect|represent)|all rights reserved|"
    r"\bis an independent\b|reviewed by at least|responsibility for the (?:views|content)|"
    r"rests with the authors?|\bISSN\b|\bISBN\b|copyright|©|reproduction (?:is )?(?:prohibited|permitted)|"
    r"may not be reproduced|peer[- ]reviewed|language checking",
    re.IGNORECASE,
)


def looks_like_phone_number(text: str) -> bool:
    """A line that is mostly one telephone number ("+44 (0)20 7946 0321", "Tel. 020 7946 0000").

    Why a date test: "30.01.2018" and "2008-2014" have as many digits as a phone number.
    """
    match = _PHONE_NUMBER.search(text)
    if not match or len(match.group()) < 0.5 * len(text):
        return False
    number = match.group().strip()
    digits = sum(ch.isdigit() for ch in number)
    groups = len(re.findall(r"\d+", number))
    international = number.startswith(("+", "(", "00")) or "(0)" in number
    return digits >= 7 and (international or groups >= 2) and not _DATE_LIKE.match(number)


def contact_signals(line: Line) -> int:
    """How many kinds of postal/telephone/web contact detail a line holds.

    Why: one address line alone could be prose ("Box 3" is not much), but page footers
    stack several kinds — phone, fax, PO box, postcode, website — and prose almost never does.
    """
    text = line.text
    if not text or word_count(text) > 40:
        return 0
    signals = int(looks_like_phone_number(text))
    if _CONTACT_LABEL.match(text) or _LABELLED_NUMBER.match(text):
        signals += 1
    if _PO_BOX.search(text):
        signals += 1
    if word_count(text) <= 6 and (_POSTCODE_CITY.search(text) or _STREET.search(text)):
        signals += 1
    if "@" in text and word_count(text) <= 12 and _EMAIL.search(text):
        signals += 1
    if line.link_only or _BARE_URL.match(text):
        signals += 1
    return signals


def is_weak_footer_line(line: Line) -> bool:
    """A short label-like line (an institute's name split over lines, "Fax"): footer or heading."""
    text = line.text
    return bool(text) and word_count(text) <= 8 and len(text) <= 60 and not ends_sentence(text)


def _footer_kind(line: Line) -> str:
    """'strong', 'separator', 'weak', 'blank' or 'body': a line's part in a footer run."""
    if line.separator:
        return "separator"
    if not line.text:
        return "blank"
    if contact_signals(line):
        return "strong"
    if is_weak_footer_line(line):
        return "weak"
    return "body"


def _footer_runs(kinds: Sequence[str]) -> list[tuple[int, int]]:
    """Maximal index ranges [i, j] of non-body lines holding at least two contact lines."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(kinds):
        if kinds[i] == "body":
            i += 1
            continue
        j = i
        while j + 1 < len(kinds) and kinds[j + 1] != "body":
            j += 1
        if sum(kind == "strong" for kind in kinds[i : j + 1]) >= 2:
            runs.append((i, j))
        i = j + 1
    return runs


def _trim_run(lines: Sequence[Line], kinds: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Shrink a run to its anchored part so a heading or byline beside a footer survives.

    Why: short lines are only footer material when enclosed by contact lines or rules; at the
    edges they are kept, except an institution's name just above the first contact line.
    """
    anchors = [k for k in range(start, end + 1) if kinds[k] in ("strong", "separator")]
    first, last = anchors[0], anchors[-1]
    while first > start and kinds[first - 1] in ("weak", "blank"):
        if kinds[first - 1] == "weak" and not _INSTITUTION.search(lines[first - 1].text):
            break
        first -= 1
    return first, last


def _paragraph_bounds(lines: Sequence[Line], index: int, step: int) -> tuple[int, int] | None:
    """The paragraph next to line `index` in direction `step` (+1/-1), skipping blank lines."""
    k = index + step
    while 0 <= k < len(lines) and lines[k].blank:
        k += step
    if not 0 <= k < len(lines) or lines[k].separator:
        return None
    far = k
    while 0 <= far + step < len(lines) and lines[far + step].text:
        far += step
    return (min(k, far), max(k, far))


def _is_boilerplate_paragraph(lines: Sequence[Line]) -> bool:
    """An italic or standing-boilerplate paragraph (next to a footer it belongs to it)."""
    return all(line.italic for line in lines) or any(_BOILERPLATE_CUES.search(line.text) for line in lines)


def _extend_over_boilerplate(lines: Sequence[Line], start: int, end: int) -> tuple[int, int]:
    """Grow a footer run over adjacent italic/institutional paragraphs, in both directions."""
    for step in (1, -1):
        edge = end if step == 1 else start
        while (bounds := _paragraph_bounds(lines, edge, step)) is not None:
            if not _is_boilerplate_paragraph(lines[bounds[0] : bounds[1] + 1]):
                break
            edge = bounds[1] if step == 1 else bounds[0]
        if step == 1:
            end = edge
        else:
            start = edge
    return start, end


def drop_footer_blocks(lines: list[Line]) -> list[Line]:
    """Replace page-footer address/contact blocks (and their boilerplate paragraphs) by a break.

    Why: PDF and web extractions put a page's footer — institute name, street, PO box,
    postcode and city, telephone and fax numbers, website, disclaimers — between the last line
    of one page and the first of the next, cutting a sentence in two. The break left behind
    lets `rejoin_split_sentences` put the sentence back together.
    """
    kinds = [_footer_kind(line) for line in lines]
    out = list(lines)
    for run_start, run_end in _footer_runs(kinds):
        start, end = _trim_run(lines, kinds, run_start, run_end)
        start, end = _extend_over_boilerplate(lines, start, end)
        for k in range(start, end + 1):
            out[k] = Line("")
    return out


# --------------------------------------------------------------------------------------------
# 5. Trailing "Related articles" blocks
# --------------------------------------------------------------------------------------------

_RELATED_HEADER = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|news|content|posts|coverage|reading|topics))?|"
    r"read (?:more|also|next)|also read|more (?:stories|news|articles|on this(?: topic| story)?)|"
    r"more from\b.*|you (?:may|might) also (?:like|be interested in)|recommended(?: for you| stories)?|"
    r"most (?:read|popular|viewed)|popular(?: stories| now)?|trending(?: now)?|see also|"
    r"latest (?:news|stories)|other news|what to read next|top stories)\s*:?$",
    re.IGNORECASE,
)
# A trailing block is headlines and links: no line in it is longer than this many words.
_HEADLINE_MAX_WORDS = 25


def _is_headline(text: str) -> bool:
    """A headline or link text: short, and not a prose sentence closed by a full stop."""
    words = word_count(text)
    return words <= _HEADLINE_MAX_WORDS and not (words >= 12 and text.endswith("."))


def drop_trailing_related_block(lines: list[Line]) -> list[Line]:
    """Drop a "Related articles"/"Read more" header and, when only headlines follow, the rest.

    Why: sites append lists of other stories; their headlines name actors and dates that
    belong to other articles. A header with real prose after it is dropped alone.
    """
    for index, line in enumerate(lines):
        if not (line.text and word_count(line.text) <= 8 and _RELATED_HEADER.match(line.text)):
            continue
        rest = lines[index + 1 :]
        if all(_is_headline(other.text) for other in rest):
            return lines[:index]
        lines = [*lines[:index], Line(""), *rest]
    return lines


# --------------------------------------------------------------------------------------------
# 6. Paragraphs and re-joining split sentences
# --------------------------------------------------------------------------------------------

# A paragraph this short that ends without punctuation is a heading or a label, never cut prose.
_MIN_WORDS_TO_CONTINUE = 8
_MIN_LAST_LINE_WORDS = 4


def split_paragraphs(lines: Iterable[Line]) -> list[list[str]]:
    """Group non-blank lines into paragraphs (blank lines and rules separate them)."""
    paragraphs: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.text:
            current.append(line.text)
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def _starts_lowercase(text: str) -> bool:
    return bool(text) and text[0].islower()


def continues_sentence(previous: Sequence[str], following: Sequence[str]) -> bool:
    """Whether paragraph `following` is the rest of a sentence `previous` left unfinished.

    Why: a page break or a dropped footer leaves "...still the border" and "of Georgia and
    Russia." as two paragraphs. They are one sentence when the first ends without terminal
    punctuation and the second starts in lowercase; short first paragraphs are headings,
    not prose, and are never joined.
    """
    last = previous[-1]
    return (
        not ends_sentence(last)
        and _starts_lowercase(following[0])
        and word_count(last) >= _MIN_LAST_LINE_WORDS
        and sum(word_count(line) for line in previous) >= _MIN_WORDS_TO_CONTINUE
    )


def rejoin_split_sentences(paragraphs: list[list[str]]) -> list[list[str]]:
    """Merge each paragraph into the previous one when it continues its last sentence."""
    merged: list[list[str]] = []
    for paragraph in paragraphs:
        if merged and continues_sentence(merged[-1], paragraph):
            head = merged[-1]
            merged[-1] = [*head[:-1], f"{head[-1]} {paragraph[0]}", *paragraph[1:]]
        else:
            merged.append(list(paragraph))
    return merged


def rejoin_wrapped_lines(paragraph: list[str]) -> list[str]:
    """Within a paragraph, join a line to the next when the sentence plainly runs on.

    Why: hard-wrapped text ("signed in\\nlowercase continuation") puts a line break inside a
    sentence; the same test as for paragraphs keeps bylines and datelines on their own lines.
    """
    out: list[str] = []
    for line in paragraph:
        if out and continues_sentence([out[-1]], [line]) and word_count(out[-1]) >= _MIN_WORDS_TO_CONTINUE:
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def rejoin_until_stable(paragraphs: list[list[str]]) -> list[list[str]]:
    """Re-join lines and paragraphs until nothing more joins.

    Why: a join makes a longer line, which can in turn qualify for the next join; stopping
    early would make a second cleaning change the text (cleaning must be idempotent).
    """
    previous: list[list[str]] | None = None
    while previous != paragraphs:
        previous = paragraphs
        paragraphs = [rejoin_wrapped_lines(paragraph) for paragraph in paragraphs]
        paragraphs = rejoin_split_sentences(paragraphs)
    return paragraphs


# --------------------------------------------------------------------------------------------
# The whole pipeline
# --------------------------------------------------------------------------------------------


def clean_once(text: str) -> str:
    """One pass of every cleaning step, in order."""
    text = normalize_characters(text)
    lines = [line for line in map(markdown_line, text.split("\n")) if not line.omit]
    lines = drop_boilerplate_lines(lines)
    lines = drop_footer_blocks(lines)
    lines = drop_trailing_related_block(lines)
    paragraphs = rejoin_until_stable(split_paragraphs(lines))
    return "\n\n".join("\n".join(paragraph) for paragraph in paragraphs)


# Every pass only removes characters or turns line breaks into spaces, so a fixed point comes
# within a couple of passes; the cap is a guard, never reached in practice.
_MAX_PASSES = 8


def clean_text(raw: str) -> str:
    """The cleaned text of an article already turned into plain (or Markdown-ish) text.

    Paragraphs are separated by one blank line; lines inside a paragraph (a byline, a
    dateline) keep their own line. Idempotent — clean_text(clean_text(x)) == clean_text(x) —
    because passes repeat until nothing changes: a join can bring together markup or lines
    that the first pass saw apart, and the stored text must be a fixed point.
    """
    text = raw
    for _ in range(_MAX_PASSES):
        cleaned = clean_once(text)
        if cleaned == text:
            break
        text = cleaned
    return text


# --------------------------------------------------------------------------------------------
# PDF text layers
# --------------------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)
# "Page 3 of 12" names itself: layout wherever it sits (a footer block may follow it)
_EXPLICIT_PAGE_LABEL = re.compile(r"^page\s+\d{1,4}(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
_LINE_END_HYPHEN = re.compile(r"(\w+)-\n(\w+)")
# How many lines at the top and bottom of a page can be a running header or footer.
_EDGE_LINES = 3


def _edge_key(line: str) -> str:
    """A running header's identity: digits vary from page to page ("Page 3"), words do not."""
    return re.sub(r"\d+", "#", tidy_line(line).lower())


def drop_repeated_page_lines(pages: list[str]) -> list[str]:
    """Drop lines that repeat at the top or bottom of most pages, and bare page numbers.

    Why: running headers ("FIIA Comment 9/2015") and page numbers sit between the pages'
    text; they are layout, and they cut sentences that run over a page break.
    """
    page_lines = [page.split("\n") for page in pages]
    counts: Counter[str] = Counter()
    for lines in page_lines:
        edges = {_edge_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:] if line.strip()}
        counts.update(edges)
    needed = max(2, (len(pages) + 1) // 2)
    repeated = {key for key, count in counts.items() if count >= needed}
    cleaned: list[str] = []
    for lines in page_lines:
        edges = set(range(_EDGE_LINES)) | set(range(len(lines) - _EDGE_LINES, len(lines)))
        kept = [
            line
            for k, line in enumerate(lines)
            if not _EXPLICIT_PAGE_LABEL.match(line.strip())
            and (k not in edges or not _is_furniture(line, repeated))
        ]
        cleaned.append("\n".join(kept))
    return cleaned


def _is_furniture(line: str, repeated: set[str]) -> bool:
    """A running header/footer line seen on most pages, or a bare page number."""
    return _edge_key(line) in repeated or bool(_PAGE_NUMBER.match(line.strip()))


def join_pdf_hyphenation(text: str) -> str:
    """Undo hyphenation at PDF line ends: "inter-\\nnational" -> "international".

    Only for PDF text, where the reader produced the break. A lowercase continuation loses the
    hyphen unless the document spells the hyphenated compound elsewhere ("pro-\\nRussian" and
    "Russia-\\nGeorgia" keep it, as uppercase continuations always do).
    """
    words = Counter(re.findall(r"[\w\-]+", text.lower()))

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        keep_hyphen = not right[0].islower() or (
            words[f"{left}-{right}".lower()] > 0 and words[f"{left}{right}".lower()] == 0
        )
        return f"{left}-{right}" if keep_hyphen else f"{left}{right}"

    return _LINE_END_HYPHEN.sub(join, text)


def _typical_width(lines: Sequence[str]) -> int:
    """The width of a full line on the page: the 80th percentile of line lengths."""
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return 0
    return lengths[min(len(lengths) - 1, int(len(lengths) * 0.8))]


def unwrap_pdf_lines(page: str) -> str:
    """Turn a PDF page's visual lines into paragraphs.

    Why: a PDF text layer breaks every visual line; prose lines run on (joined with a space),
    a short line ending a sentence ends its paragraph (blank line), and short lines without
    punctuation (headings, bylines, datelines) keep their own line.
    """
    lines = [tidy_line(line) for line in page.split("\n")]
    width = _typical_width(lines)
    out = ""
    for index, line in enumerate(lines):
        if not line:
            out += "\n\n"
            continue
        following = next((other for other in lines[index + 1 :] if other), "")
        out += line
        full = width > 0 and len(line) >= 0.75 * width
        if full or (following and _starts_lowercase(following) and not ends_sentence(line)):
            out += " "
        elif ends_sentence(line):
            out += "\n\n"
        else:
            out += "\n"
    return out


def _drop_page_footer(page: str) -> str:
    """Drop a contact/address footer inside one page before its lines are unwrapped."""
    lines = drop_footer_blocks([markdown_line(line) for line in page.split("\n")])
    return "\n".join(line.text for line in lines)


def prepare_pdf_pages(pages: list[str]) -> str:
    """A PDF's page texts as one Markdown-free text, ready for `clean_text`.

    Page footers and running headers go first (unwrapping would glue them to prose), then
    hyphenated breaks are joined and lines unwrapped; pages are separated by a blank line so
    a sentence running over the page break is re-joined by `clean_text`.
    """
    pages = [normalize_characters(page) for page in pages]
    pages = drop_repeated_page_lines(pages)
    pages = [_drop_page_footer(page) for page in pages]
    pages = [unwrap_pdf_lines(join_pdf_hyphenation(page)) for page in pages]
    return "\n\n".join(page.strip() for page in pages if page.strip())
