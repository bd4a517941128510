"""Numbers as articles write them: digits, words, scales, ranges, shares, money, areas.

`find_quantities(text)` scans a text and returns every `Quantity` in it with its exact
character span, so a claim can cite "RUB 6.22 billion" or "30–40,000" verbatim.
`parse_number(text)` reads one number written in digits or words.

What is recognised:

- digits with thousands separators ("3,500", "30 000", "1.234.567" is not), decimals
  ("7.58"), attached or spaced scales ("6.22 billion", "$1.5bn", "20m", "5k");
- number words ("five", "twenty-three", "a dozen", "two thousand", "one and a half million");
- fractions in words ("half", "two-thirds", "nine in ten", "9 out of 10");
- percentages ("90 per cent", "82 percent", "97.1%", "20-25 per cent") as fractions (0.9);
- ranges ("30–40,000" is 30,000–40,000: the second number's scale is shared; "between
  20,000 and 30,000"; "from 1 to 2 million"; "1-2bn");
- money: a currency symbol or ISO code before ("RUB 6.22 billion", "$1.5bn", "€20m") or
  a currency word or code after ("43 billion rubles", "16 bn TL", "5 million Turkish lira");
- areas ("3,900 km2", "3,900 square kilometres", "1,500 sq mi" at 2.589988 km2 a square
  mile, "186 hectares" at 0.01 km2).

Nothing here decides what a number is about: that is the claim extractor's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = [
    "CURRENCY_WORDS",
    "Quantity",
    "find_quantities",
    "parse_number",
    "parse_number_words",
]

# --- vocabulary of numbers -------------------------------------------------------------

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALE_WORDS = {
    "hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
# Abbreviated scales; "m" and "k" are only taken when attached ("20m") or with a currency.
SCALE_ABBREVIATIONS = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6,
    "bn": 1e9, "bln": 1e9, "b": 1e9, "billion": 1e9, "tn": 1e12, "trn": 1e12, "tln": 1e12, "trillion": 1e12,
}
FRACTION_WORDS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "one-third": 1 / 3, "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25,
    "one quarter": 0.25, "one-quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75,
}

# Currency: symbols and codes written before the number, words and codes after it.
CURRENCY_SYMBOLS = {
    "US$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB", "₺": "TRY", "₾": "GEL",
    "֏": "AMD", "₼": "AZN", "₴": "UAH",
}
CURRENCY_CODES = {
    "RUB": "RUB", "RUR": "RUB", "USD": "USD", "EUR": "EUR", "GBP": "GBP", "TRY": "TRY",
    "TL": "TRY", "YTL": "TRY", "MDL": "MDL", "GEL": "GEL", "AMD": "AMD", "AZN": "AZN",
    "UAH": "UAH",
}
CURRENCY_WORDS = {
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR",
    "lira": "TRY", "liras": "TRY", "lire": "TRY",
    "leu": "MDL", "lei": "MDL", "lari": "GEL", "laris": "GEL",
    "dram": "AMD", "drams": "AMD", "manat": "AZN", "manats": "AZN",
    "hryvnia": "UAH", "hryvnias": "UAH", "hryvnya": "UAH", "hryvnyas": "UAH",
    "pound": "GBP", "pounds": "GBP",
}
# A nationality before a currency word names which one it is ("Transnistrian rouble" is
# no Russian rouble; it has no ISO code, PRB is the code in common use).
CURRENCY_NATIONALITY = {
    ("transnistrian", "RUB"): "PRB", ("pridnestrovian", "RUB"): "PRB",
    ("belarusian", "RUB"): "BYN", ("canadian", "USD"): "CAD", ("australian", "USD"): "AUD",
    ("egyptian", "GBP"): "EGP", ("syrian", "GBP"): "SYP", ("lebanese", "GBP"): "LBP",
    ("romanian", "MDL"): "RON", ("cypriot", "GBP"): "CYP",
}

AREA_UNITS = {
    "km2": 1.0, "km²": 1.0, "sq km": 1.0, "sq. km": 1.0, "sqkm": 1.0,
    "square kilometres": 1.0, "square kilometers": 1.0, "square kilometre": 1.0,
    "square kilometer": 1.0, "kilometres squared": 1.0, "kilometers squared": 1.0,
    "sq mi": 2.589988, "sq. mi": 2.589988, "sq mi.": 2.589988, "sq miles": 2.589988,
    "square miles": 2.589988, "square mile": 2.589988,
    "hectares": 0.01, "hectare": 0.01, "ha": 0.01,
}

# --- patterns ---------------------------------------------------------------------------

_SP = r"[ \u00a0\u202f\u2009]"  # spaces that may separate digit groups and words
_DIGITS = (
    r"(?:\d{1,3}(?:,\d{3})+(?!\d)"  # 3,500  1,234,567
    rf"|\d{{1,3}}(?:{_SP}\d{{3}})+(?!{_SP}?\d)"  # 30 000 (not a phone number's groups)
    r"|\d+)"
    r"(?:\.\d+)?"
)
_WORD_ATOMS = sorted([*UNITS, *TENS, "hundred", "thousand", "million", "billion", "trillion", "dozen"],
                     key=len, reverse=True)
_WORD_ATOM = r"(?:" + "|".join(_WORD_ATOMS) + r")"
_WORD_NUMBER = (
    rf"(?:(?:a{_SP}+(?=(?:dozen|hundred|thousand|million|billion)\b))?"
    rf"{_WORD_ATOM}(?:(?:{_SP}+|-)(?:and{_SP}+(?:a{_SP}+half{_SP}+)?)?{_WORD_ATOM})*)"
)
_SCALE = r"(?:trillion|billion|million|thousand|bln|bn|mln|mn|mio|trn|tln|tn|m|k|b)(?:\.(?=[ \u00a0]+[a-z]))?"
_SPACED_SCALES = {
    "trillion", "billion", "million", "thousand", "bln", "bn", "mln", "mn", "mio", "trn", "tln", "tn",
}
_CODES = r"(?-i:RUB|RUR|USD|EUR|GBP|TRY|YTL|TL|MDL|GEL|AMD|AZN|UAH)"
_CUR_PRE = (
    r"(?:US\$|\$|€|£|₽|₺|₾|֏|₼|₴|"
    rf"{_CODES}(?=[\s\u00a0]?\d))"
)
_NATIONALITY = (
    r"(?:Russian|Transnistrian|Pridnestrovian|Turkish|Moldovan|Georgian|Armenian|Azerbaijani|"
    r"Ukrainian|Belarusian|US|U\.S\.|American|Canadian|Australian|Cypriot|Egyptian|Syrian|"
    r"Lebanese|Romanian|new|old)"
)
_CUR_WORD = (
    r"(?:roubles?|rubles?|dollars?|euros?|liras?|lire|lira|lei|leu|laris?|drams?|manats?|"
    rf"hryvnias?|hryvnyas?|pounds?(?!\s+of)|{_CODES})"
)
_CUR_POST = rf"(?:{_NATIONALITY}{_SP}+)?{_CUR_WORD}"
_PERCENT = r"(?:%|per[ \u00a0]?cent\b|percent\b|pct\b|p\.c\.)"
_AREA = (
    r"(?:km2|km²|sq\.?[ \u00a0]?km\b|sqkm\b|square[ \u00a0]kilomet(?:re|er)s?\b|"
    r"kilomet(?:re|er)s[ \u00a0]squared\b|sq\.?[ \u00a0]?mi(?:les?)?\b\.?|square[ \u00a0]miles?\b|"
    r"hectares?\b|ha\b)"
)

_QUANTITY_RE = re.compile(
    rf"""
    (?P<cur_pre>{_CUR_PRE}{_SP}?)?
    (?:
        (?<![\w.,])(?P<digits>{_DIGITS})
        (?:(?P<ordinal>st|nd|rd|th)\b)?
      | (?<![\w-])(?P<words>{_WORD_NUMBER})(?![\w])
    )
    (?:
        (?:{_SP}?-?{_SP}?(?P<scale>{_SCALE})(?![\w]))
    )?
    (?:
        {_SP}?(?P<percent>{_PERCENT})
      | {_SP}?(?P<area>{_AREA})
      | {_SP}+(?P<cur_post>{_CUR_POST})(?![\w])
    )?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_FRACTION_RE = re.compile(
    r"(?<![\w-])(?:"
    r"(?P<word>(?:a|one|two|three)[ \u00a0-]?(?:half|third|thirds|quarter|quarters)|half)"
    r"|(?P<num>\d+|" + _WORD_ATOM + r")[ \u00a0]+(?:in|out[ \u00a0]+of)[ \u00a0]+(?P<den>\d+|"
    + _WORD_ATOM + r"))(?![\w-])",
    re.IGNORECASE,
)
_RANGE_SEP_RE = re.compile(r"^[ \u00a0]*(?:-|–|—|to)[ \u00a0]*$", re.IGNORECASE)
_BETWEEN_RE = re.compile(r"\b(?:between|from)[ \u00a0]+$", re.IGNORECASE)
_AND_RE = re.compile(r"^[ \u00a0]*(?:and|to|-|–)[ \u00a0]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """One number found in a text, with the span that states it.

    `kind` is "number" (a count or a bare figure), "percent" (value is a fraction: 90 per
    cent -> 0.9), "fraction" ("half", "nine in ten"), "money" (value in units of
    `currency`) or "area" (value in km2). A range has `low` and `high` and no `value`.
    """

    start: int
    end: int
    text: str
    kind: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    currency: str | None = None
    words: bool = False  # spelled in words ("five", "a dozen")
    scaled: bool = False  # carries a scale word or suffix ("billion", "bn")
    grouped: bool = False  # written with thousands separators ("3,500")
    year_like: bool = False  # a bare integer 1000-2199 that may be a year

    @property
    def is_range(self) -> bool:
        return self.low is not None and self.high is not None

    @property
    def numbers(self) -> tuple[float, ...]:
        if self.is_range:
            return (self.low, self.high)  # type: ignore[return-value]
        return (self.value,) if self.value is not None else ()


# --- parsing single numbers ------------------------------------------------------------


def parse_number_words(text: str) -> float | None:
    """The value of a number in words: "twenty-three" 23, "two thousand" 2000, "a dozen" 12."""
    words = re.split(r"[\s\u00a0-]+", text.strip().lower())
    words = [w for w in words if w and w != "and"]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    half = False
    for i, word in enumerate(words):
        if word == "a" and i + 1 < len(words):
            current = max(current, 1.0) if words[i + 1] != "half" else current
            continue
        if word == "half":
            half = True
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALE_WORDS:
            if half:
                current += 0.5
                half = False
            total += (current or 1) * SCALE_WORDS[word]
            current = 0.0
        else:
            return None
        seen = True
    if not seen:
        return None
    return total + current


def _digits_value(text: str) -> float:
    cleaned = re.sub(r"[,\s\u00a0\u202f\u2009]", "", text)
    return float(cleaned)


def parse_number(text: str) -> float | None:
    """One number in digits or words, with an optional scale: "3,500", "6.22 billion", "five"."""
    text = text.strip()
    m = re.fullmatch(rf"({_DIGITS})(?:{_SP}?-?{_SP}?({_SCALE}))?", text, re.IGNORECASE)
    if m:
        value = _digits_value(m.group(1))
        if m.group(2):
            value *= SCALE_ABBREVIATIONS[m.group(2).lower()]
        return _clean(value)
    value = parse_number_words(text)
    return _clean(value) if value is not None else None


def _clean(value: float) -> float:
    """Round away binary noise (0.971 stays 0.971, not 0.9710000000000001)."""
    return float(f"{value:.12g}")


# --- scanning ----------------------------------------------------------------------------


@dataclass
class _Raw:
    start: int
    end: int
    base: float  # the number as written, before scale
    scale: float | None
    kind: str
    currency: str | None
    area_factor: float | None
    words: bool
    grouped: bool
    group_lead: float | None  # "40" of "40,000", for "30–40,000"
    group_mult: float | None  # 1000 for "40,000"


def _currency_after(match_text: str) -> str | None:
    words = match_text.split()
    code = words[-1]
    if code.upper() in CURRENCY_CODES and code == code.upper():
        currency = CURRENCY_CODES[code.upper()]
    elif code.lower() in CURRENCY_WORDS:
        currency = CURRENCY_WORDS[code.lower()]
    else:
        return None
    if len(words) > 1:
        currency = CURRENCY_NATIONALITY.get((words[0].lower(), currency), currency)
    return currency


def _raw_quantities(text: str) -> list[_Raw]:
    out: list[_Raw] = []
    for m in _QUANTITY_RE.finditer(text):
        if m.group("ordinal"):
            continue
        digits, words = m.group("digits"), m.group("words")
        if digits is None and words is None:
            continue
        num_end = m.end("digits") if digits else m.end("words")
        start, end = m.start(), num_end
        cur_pre = m.group("cur_pre")
        currency = None
        if cur_pre:
            sym = cur_pre.strip()
            currency = CURRENCY_SYMBOLS.get(sym) or CURRENCY_CODES.get(sym.upper())
        post_currency = _currency_after(m.group("cur_post")) if m.group("cur_post") else None
        scale = None
        suffix_ok = True  # a suffix counts only when it follows the number or an accepted scale
        if m.group("scale"):
            key = m.group("scale").lower().rstrip(".")
            attached = m.start("scale") == num_end
            spaced_ok = key in _SPACED_SCALES
            has_currency = bool(currency or post_currency)
            if (spaced_ok or attached or has_currency) and (key != "b" or (attached and has_currency)):
                scale = SCALE_ABBREVIATIONS[key]
                end = m.end("scale")
            else:
                suffix_ok = False
        kind = "number"
        area_factor = None
        if suffix_ok and m.group("percent"):
            kind, currency, end = "percent", None, m.end("percent")
        elif suffix_ok and m.group("area"):
            unit = re.sub(r"[\s\u00a0]+", " ", m.group("area").lower()).rstrip(".")
            area_factor = AREA_UNITS.get(unit) or AREA_UNITS.get(unit.replace("sq.", "sq"))
            if area_factor is None:
                area_factor = 2.589988 if "mi" in unit else 1.0
            kind, end = "area", m.end("area")
        elif suffix_ok and post_currency:
            currency = currency or post_currency
            end = m.end("cur_post")
        if currency and kind == "number":
            kind = "money"
        if digits:
            base = _digits_value(digits)
            grouped = bool(re.search(r"[,\s\u00a0\u202f\u2009]\d{3}", digits))
            lead = mult = None
            if grouped and "." not in digits:
                groups = re.split(r"[,\s\u00a0\u202f\u2009]", digits)
                zeros = 0
                for g in reversed(groups[1:]):
                    if g != "000":
                        break
                    zeros += 1
                if zeros:
                    mult = 1000.0**zeros
                    lead = base / mult
        else:
            value = parse_number_words(words)
            if value is None:
                continue
            base, grouped, lead, mult = value, False, None, None
        out.append(_Raw(start, end, base, scale, kind, currency, area_factor, words is not None,
                        grouped, lead, mult))
    return out


def _value(raw: _Raw, scale: float | None = None) -> float:
    value = raw.base * (scale if scale is not None else (raw.scale or 1.0))
    if raw.kind == "percent":
        value /= 100.0
    if raw.kind == "area" and raw.area_factor:
        value *= raw.area_factor
    return _clean(value)


def _is_year_like(raw: _Raw, text: str) -> bool:
    if raw.kind != "number" or raw.words or raw.grouped or raw.scale:
        return False
    literal = text[raw.start:raw.end]
    return bool(re.fullmatch(r"1[0-9]{3}|2[01][0-9]{2}", literal))


def _single(raw: _Raw, text: str) -> Quantity:
    return Quantity(
        start=raw.start,
        end=raw.end,
        text=text[raw.start:raw.end],
        kind=raw.kind,
        value=_value(raw),
        currency=raw.currency,
        words=raw.words,
        scaled=raw.scale is not None,
        grouped=raw.grouped,
        year_like=_is_year_like(raw, text),
    )


def _merge_range(first: _Raw, second: _Raw, text: str) -> Quantity | None:
    """Read "30–40,000", "20-25 per cent", "$1-2bn", "between 5 and 7 million" as one range."""
    if first.kind != "number" and second.kind != "number" and first.kind != second.kind:
        return None
    kind = second.kind if first.kind == "number" else first.kind
    if _is_year_like(first, text) and _is_year_like(second, text):
        return None  # "2008-2012" is a span of years, left to the time engine
    # the first number borrows what only the second one states
    low_scale = first.scale
    if first.scale is None and second.scale is not None and first.base < second.base:
        low_scale = second.scale  # "1-2 million", "$1-2bn"
    elif (first.scale is None and not first.grouped and second.group_mult and second.group_lead
          and 0 < first.base < second.group_lead and first.base == int(first.base)):
        low_scale = second.group_mult  # "30–40,000"
    currency = first.currency or second.currency
    low_raw = _Raw(first.start, first.end, first.base, low_scale, kind, currency,
                   first.area_factor or second.area_factor, first.words, first.grouped, None, None)
    high_raw = _Raw(second.start, second.end, second.base, second.scale, kind, currency,
                    second.area_factor or first.area_factor, second.words, second.grouped, None, None)
    low, high = _value(low_raw), _value(high_raw)
    if not low < high:
        return None
    return Quantity(
        start=first.start,
        end=second.end,
        text=text[first.start:second.end],
        kind=kind,
        low=low,
        high=high,
        currency=currency,
        words=first.words and second.words,
        scaled=second.scale is not None,
        grouped=first.grouped or second.grouped,
    )


def _fractions(text: str, taken: list[tuple[int, int]]) -> list[Quantity]:
    out = []
    for m in _FRACTION_RE.finditer(text):
        if m.group("word"):
            value: float | None = FRACTION_WORDS.get(re.sub(r"[\s\u00a0]+", " ", m.group("word").lower()))
            if value is None:
                value = FRACTION_WORDS.get(m.group("word").lower().replace("-", " "))
        else:
            num = parse_number(m.group("num"))
            den = parse_number(m.group("den"))
            value = num / den if num is not None and den and num <= den else None
            # "one in seven" needs a small denominator; "5 in 2014" is no fraction
            if den is not None and (den > 100 or (den >= 1000)):
                value = None
        if value is None:
            continue
        out.append(Quantity(m.start(), m.end(), m.group(0), "fraction", value=_clean(value),
                            words=not any(c.isdigit() for c in m.group(0))))
        taken.append((m.start(), m.end()))
    return out


_OF_GAP_RE = re.compile(r"[\s\u00a0]+(?:of[\s\u00a0]+)?")
_A_SCALE_RE = re.compile(r"(?i)an?[\s\u00a0]+(?:hundred|thousand|million|billion|trillion)\b")


def _fractions_of_scales(
    text: str, fractions: list[Quantity], raws: list[_Raw]
) -> tuple[list[Quantity], list[Quantity]]:
    """'half a million', 'a quarter of a million', 'two-thirds of a billion roubles': a
    fraction of "a" scale word is one number. Returns the fractions left, and those numbers
    (each spanning both words, so the raw scale word is taken too)."""
    left, merged = [], []
    for f in fractions:
        after = (r for r in raws if r.start >= f.end and _OF_GAP_RE.fullmatch(text, f.end, r.start))
        scale = next(after, None)
        # only "a"/"an" and a scale word: "half a million", not "half of them, a million people"
        spelled = scale is not None and _A_SCALE_RE.match(text[scale.start : scale.end]) is not None
        if scale is None or f.value is None or not spelled:
            left.append(f)
            continue
        merged.append(
            Quantity(
                start=f.start,
                end=scale.end,
                text=text[f.start : scale.end],
                kind=scale.kind,
                value=_clean(f.value * _value(scale)),
                currency=scale.currency,
                words=True,
                scaled=True,
            )
        )
    return left, merged


def find_quantities(text: str) -> list[Quantity]:
    """Every number in `text`, merged into ranges, shares, money and areas, in text order."""
    all_raws = _raw_quantities(text)
    # "half" inside "one and a half million" is part of that number, not a share
    out = [f for f in _fractions(text, [])
           if not any(r.words and r.start <= f.start and f.end <= r.end and r.end - r.start > f.end - f.start
                      for r in all_raws)]
    out, scaled_fractions = _fractions_of_scales(text, out, all_raws)
    out += scaled_fractions
    taken = [(f.start, f.end) for f in out]
    raws = [r for r in all_raws if not any(s <= r.start < e or s < r.end <= e for s, e in taken)]
    i = 0
    while i < len(raws):
        raw = raws[i]
        if i + 1 < len(raws):
            nxt = raws[i + 1]
            between = text[raw.end:nxt.start]
            is_range = bool(_RANGE_SEP_RE.match(between))
            if not is_range and _AND_RE.match(between) and _BETWEEN_RE.search(text[:raw.start]):
                is_range = True
            merged = _merge_range(raw, nxt, text) if is_range else None
            if merged is not None:
                out.append(merged)
                i += 2
                continue
        out.append(_single(raw, text))
        i += 1
    out.sort(key=lambda q: q.start)
    return out


def shift(quantity: Quantity, offset: int) -> Quantity:
    """The same quantity with its span moved by `offset` (for text scanned in pieces)."""
    return replace(quantity, start=quantity.start + offset, end=quantity.end + offset)
