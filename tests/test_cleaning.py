"""Cleaning rules, one short example each (all text written for these tests)."""

from __future__ import annotations

import pytest

from annexwatch.documents.cleaning import (
    clean_text,
    join_pdf_hyphenation,
    looks_like_phone_number,
    prepare_pdf_pages,
    unwrap_pdf_lines,
)

# --- characters and whitespace ------------------------------------------------------------------


def test_nfc_normalisation() -> None:
    assert clean_text("Tiraspol cafe\u0301 owners") == "Tiraspol café owners"


def test_odd_spaces_become_plain_spaces() -> None:
    assert clean_text("South\u00a0Ossetia and\u202fAbkhazia\u2009today") == "South Ossetia and Abkhazia today"


def test_soft_hyphens_and_zero_width_characters_are_removed() -> None:
    assert clean_text("inter\u00adnational re\u200bcog\u2060nition\ufeff") == "international recognition"


def test_crlf_trailing_and_repeated_spaces() -> None:
    assert clean_text("The  treaty   was signed.   \r\nIt entered into force.\t\r\n") == (
        "The treaty was signed.\nIt entered into force."
    )


def test_many_blank_lines_become_one() -> None:
    expected = "First paragraph.\n\nSecond paragraph."
    assert clean_text("First paragraph.\n\n\n\n\nSecond paragraph.") == expected


def test_curly_quotes_and_dashes_are_kept() -> None:
    text = "He called it “illegal” – and ‘void’ — in 2008."
    assert clean_text(text) == text


def test_pdf_ligatures_are_expanded() -> None:
    assert clean_text("the \ufb01rst of\ufb01cial \ufb02ag") == "the first official flag"


# --- Markdown -------------------------------------------------------------------------------------


def test_markdown_headings_emphasis_and_links() -> None:
    raw = "## The *new* treaty ##\n\nMoscow **signed** the [agreement](https://example.org/a) on _Monday_."
    assert clean_text(raw) == "The new treaty\n\nMoscow signed the agreement on Monday."


def test_markdown_images_dropped_and_blockquotes_unmarked() -> None:
    raw = "![A map of the region](map.png)\n\n> The border is closed, the minister said.\n\n### > Why now?"
    assert clean_text(raw) == "The border is closed, the minister said.\n\nWhy now?"


def test_horizontal_rules_are_dropped() -> None:
    expected = "One paragraph.\n\nAnother paragraph."
    assert clean_text("One paragraph.\n\n---\n\n* * *\n\nAnother paragraph.") == expected


def test_table_pipes_become_cells() -> None:
    raw = "| Year | Troops |\n|------|--------|\n| 2015 | 3,500 |"
    assert clean_text(raw) == "Year; Troops\n2015; 3,500"


def test_list_markers_are_kept_so_items_are_not_joined_to_their_lead_in() -> None:
    raw = "The treaty provides for several joint measures in the region\n\n- a common defence\n* open borders"
    assert clean_text(raw) == raw


def test_prose_asterisks_and_underscores_survive() -> None:
    text = "The group ISIS* is banned in Russia; see file_name_2008 for details."
    assert clean_text(text) == text


# --- boilerplate lines ----------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["The Daily Courier logo", "Logo", "Site logo"])
def test_logo_lines_are_dropped(line: str) -> None:
    assert clean_text(f"{line}\n\nTroops left the town on Monday.") == "Troops left the town on Monday."


@pytest.mark.parametrize(
    "line",
    [
        "Photo courtesy of the regional press service",
        "Photo: Example Agency",
        "Image credit: Jane Roe",
        "(Photo by John Smith/Getty Images)",
        "© Reuters",
        "Residents queue at the crossing. Photo: Example Agency",
    ],
)
def test_photo_credits_are_dropped(line: str) -> None:
    assert clean_text(f"Troops left the town on Monday.\n\n{line}") == "Troops left the town on Monday."


@pytest.mark.parametrize(
    "line",
    [
        "Share this article",
        "Subscribe to our newsletter",
        "We use cookies to improve your experience. Accept all cookies",
        "Advertisement",
        "Read more: Parliament votes on the budget",
        "Copyright 2019 Example News. All rights reserved.",
    ],
)
def test_site_chrome_is_dropped(line: str) -> None:
    assert clean_text(f"The vote was held on Sunday.\n\n{line}\n\nTurnout was low.") == (
        "The vote was held on Sunday.\n\nTurnout was low."
    )


def test_trailing_related_block_is_dropped_with_its_headlines() -> None:
    raw = (
        "The vote was held on Sunday.\n\nRelated Articles\n\n"
        "Parliament approves new budget\n\nBorder crossing reopens after talks\n\nOpposition leader detained"
    )
    assert clean_text(raw) == "The vote was held on Sunday."


def test_related_header_before_real_prose_is_dropped_alone() -> None:
    prose = (
        "The commission will publish its full findings next spring, after hearing witnesses "
        "from both sides of the ceasefire line and from the monitoring mission."
    )
    assert clean_text(f"The vote was held on Sunday.\n\nRead more\n\n{prose}") == (
        f"The vote was held on Sunday.\n\n{prose}"
    )


def test_byline_and_dateline_are_kept() -> None:
    raw = "Parliament ratifies the treaty\n\nBy Jane Doe\nTuesday, January 30\nThe vote was on Monday."
    assert clean_text(raw) == raw


# --- page-footer blocks and split sentences -------------------------------------------------------

FOOTER = (
    "---\n\nExample Institute of\nBorder Studies\n\n---\n\n12 Harbour Street\n\n---\n\nP.O. Box 77\n\n---\n\n"
    "AB1 2CD Sampletown\n\n---\n\nTelephone\n\n---\n\n+44 (0)20 7946 0000\n\n---\n\nFax\n\n---\n\n"
    "+44 (0)20 7946 0001\n\n[www.example.org](http://www.example.org)\n\n"
    "*The Example Institute is an independent research body that informs public debate.*\n\n"
    "*All papers are reviewed by two outside experts before they are published.*\n\n"
)


def test_footer_block_is_dropped_and_split_sentence_rejoined() -> None:
    raw = (
        "Monitors said the fence now runs along the road that is still treated as the\n\n"
        + FOOTER
        + "boundary of the two districts. Farmers lost access to their fields."
    )
    assert clean_text(raw) == (
        "Monitors said the fence now runs along the road that is still treated as the boundary of the two "
        "districts. Farmers lost access to their fields."
    )


def test_footer_on_one_line_is_dropped() -> None:
    raw = (
        "Monitors said the fence now runs along the road that is still treated as the\n"
        "Example Institute, 12 Harbour Street, P.O. Box 77, Tel. +44 20 7946 0000, www.example.org\n"
        "Fax +44 20 7946 0001, info@example.org\n"
        "boundary of the two districts."
    )
    assert clean_text(raw) == (
        "Monitors said the fence now runs along the road that is still treated as the "
        "boundary of the two districts."
    )


def test_heading_and_byline_beside_a_footer_survive() -> None:
    footer = "Telephone\n+44 (0)20 7946 0321\nFax\n+44 (0)20 7946 0322"
    raw = f"Looking ahead\n\n{footer}\n\nBy Jane Doe\n\nTalks resume in May."
    assert clean_text(raw) == "Looking ahead\n\nBy Jane Doe\n\nTalks resume in May."


def test_year_ranges_are_not_mistaken_for_a_footer() -> None:
    raw = "Presidents of the region\n\n2008-2012\n\n2012-2017\n\n30.01.2018\n\nThe list ends here."
    assert clean_text(raw) == raw


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+44 (0)20 7946 0321", True),
        ("Tel. 020 7946 0000", True),
        ("2008-2014", False),
        ("30.01.2018", False),
    ],
)
def test_phone_numbers_and_dates(text: str, expected: bool) -> None:
    assert looks_like_phone_number(text) is expected


def test_sentence_split_by_page_break_is_rejoined() -> None:
    first = "The residents are citizens, the money comes from the budget in Moscow, and soldiers"
    assert clean_text(f"{first}\n\nguard the border.") == f"{first} guard the border."


def test_paragraph_ending_with_full_stop_is_never_joined() -> None:
    raw = "The treaty entered into force after both parliaments ratified it.\n\nit was a quiet year."
    assert clean_text(raw) == raw


def test_heading_is_not_joined_to_lowercase_body() -> None:
    raw = "Background\n\nin 2008 the war lasted five days."
    assert clean_text(raw) == raw


def test_hard_wrapped_lines_join_only_lowercase_continuations() -> None:
    first = "The agreement on border protection was signed in"
    second = "Moscow and was ratified by the parliament in"
    raw = f"{first}\n{second}\nthe spring."
    assert clean_text(raw) == f"{first}\n{second} the spring."


# --- PDF-only steps -------------------------------------------------------------------------------


def test_pdf_hyphenation_is_joined() -> None:
    assert join_pdf_hyphenation("an inter-\nnational mission") == "an international mission"


def test_pdf_hyphenation_keeps_compounds() -> None:
    assert join_pdf_hyphenation("the Russia-\nGeorgia war") == "the Russia-Georgia war"
    text = "a pro-Russian party and a pro-\nRussian mayor; a well-known and well-\nknown fact"
    expected = "a pro-Russian party and a pro-Russian mayor; a well-known and well-known fact"
    assert join_pdf_hyphenation(text) == expected


def test_plain_text_hyphen_line_ends_are_not_joined_by_clean_text() -> None:
    assert clean_text("A well-\nknown fact.") == "A well-\nknown fact."


def test_unwrap_pdf_lines() -> None:
    page = (
        "Annual border report\nBy Jane Doe\n"
        "The ceasefire line near the village has moved twice this year, and\n"
        "monitors say it now follows the road.\nA second paragraph starts here.\n"
    )
    assert unwrap_pdf_lines(page).strip() == (
        "Annual border report\nBy Jane Doe\n"
        "The ceasefire line near the village has moved twice this year, and monitors say it now "
        "follows the road.\n\nA second paragraph starts here."
    )


def test_running_headers_and_page_numbers_are_dropped() -> None:
    pages = [
        "Border Review 2018\nThe first page ends in the middle of a long sentence about the\n1",
        "Border Review 2018\nboundary of the two districts.\n2",
    ]
    assert clean_text(prepare_pdf_pages(pages)) == (
        "The first page ends in the middle of a long sentence about the boundary of the two districts."
    )


# --- idempotence ----------------------------------------------------------------------------------

EXAMPLES = [
    "The Daily Courier logo\n\n# Title of *the* piece\n\nBy Jane Doe\nTuesday, January 30\nBody text here.",
    "Monitors said the fence now runs along the road that is still treated as the\n\n"
    + FOOTER
    + "boundary of the two districts.",
    "## Head\n\n> - **bold** and _it_ [link](http://x.org)\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    "Long paragraph that runs on without any end at all and keeps going and\n\nthen continues here,\n\n"
    "and here too without stopping at all for a while longer now\n\nand ends.",
    "Text.\n\nRelated\n\nHeadline one\n\nHeadline two",
    "  \u00a0Odd\u2009spacing\u00ad here \r\n\r\n\r\n\r\nand\u200b more ",
]


@pytest.mark.parametrize("raw", EXAMPLES)
def test_cleaning_is_idempotent(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once


def test_empty_and_whitespace_clean_to_empty() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\n \u00a0\n") == ""
