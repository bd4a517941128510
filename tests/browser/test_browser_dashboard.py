"""The dashboard in headless Chromium: filter the timeline, zoom it, click through to an
event and see its sentence highlighted; and no page asks for anything outside the server."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = pytest.mark.model

PAGES = [
    "/",
    "/territories/XSO",
    "/events?actor=XAB",
    "/events/1",
    "/documents",
    "/documents/1?sentence=3#s-3",
    "/search?q=passports&actor=XSO",
    "/docs",
]


def visible_rows(page: Any, selector: str = "#timeline-list li.event") -> list[str]:
    return page.eval_on_selector_all(
        selector,
        "rows => rows.filter(r => r.offsetParent !== null).map(r => r.dataset.type + ':' + r.dataset.id)",
    )


def assert_only_own_origin(page: Any, base_url: str) -> None:
    foreign = [url for url in page.recorder.requests if not url.startswith(base_url + "/")]
    assert not foreign, f"requests outside the server: {foreign}"
    assert not page.recorder.errors, f"console errors (a CSP violation shows here): {page.recorder.errors}"


def test_territory_timeline_filter_zoom_and_click_through(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/territories/XSO")
    assert page.is_visible("#timeline-chart"), "the script shows the chart"
    rows = visible_rows(page)
    recognitions = [r for r in rows if r.startswith("recognize:")]
    assert len(rows) > 10 and recognitions
    assert page.locator("#timeline-svg a.tl-mark").count() > 5

    # uncheck a type: its rows and its marks vanish, the others stay
    page.uncheck("#timeline-filters input[value='recognize']")
    after = visible_rows(page)
    assert not [r for r in after if r.startswith("recognize:")]
    assert len(after) == len(rows) - len(recognitions)
    for row in recognitions:
        assert page.locator(f"#timeline-svg a.tl-mark[data-id='{row.split(':')[1]}']").count() == 0
    assert "hidden" in page.inner_text("#timeline-status")
    page.check("#timeline-filters input[value='recognize']")
    assert len(visible_rows(page)) == len(rows)

    # zoom in twice: the window narrows and rows outside it are hidden; Reset brings them back
    ticks_before = page.eval_on_selector_all(".tl-tick", "ts => ts.map(t => t.textContent)")
    page.click("button[data-zoom='in']")
    page.click("button[data-zoom='in']")
    status = page.inner_text("#timeline-status")
    assert re.search(r"\d{4}-\d{2} to \d{4}-\d{2}", status), status
    zoomed = visible_rows(page)
    assert 0 < len(zoomed) < len(rows)
    assert page.eval_on_selector_all(".tl-tick", "ts => ts.map(t => t.textContent)") != ticks_before
    # keyboard: the chart takes focus and zooms out with "-"
    page.focus("#timeline-svg")
    page.keyboard.press("-")
    assert len(visible_rows(page)) >= len(zoomed)
    page.click("button[data-zoom='reset']")
    assert len(visible_rows(page)) == len(rows)

    # click an event: its page shows the sentence highlighted in its article
    link = page.locator("#timeline-list li.event[data-type='sign_agreement'] a.event-link").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"{base_url}{href}")
    api = page.request.get(f"{base_url}/api{href}").json()
    marks = page.locator("blockquote.context mark.evidence")
    assert marks.count() >= 1 and marks.first.is_visible()
    shown = " ".join(" ".join(marks.all_inner_texts()).split())
    for mention in api["mentions"]:
        assert " ".join(mention["evidence"][0]["text"].split()) in shown
    assert_only_own_origin(page, base_url)


def test_chart_mark_links_to_its_event(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/territories/XAB")
    mark = page.locator("#timeline-svg a.tl-mark").first
    event_id = mark.get_attribute("data-id")
    mark.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/events/{event_id}")
    assert page.locator("mark.evidence").count() >= 1
    assert_only_own_origin(page, base_url)


def test_type_filter_works_without_the_script_too(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/territories/XSO?type=recognize&type=withdraw_recognition#timeline")
    types = {r.split(":")[0] for r in visible_rows(page)}
    assert types == {"recognize", "withdraw_recognition"}
    # checking a type the server left out asks the server for it
    with page.expect_navigation():
        page.click("#timeline-filters input[value='sign_agreement']")
    page.wait_for_load_state()
    assert "type=sign_agreement" in page.url
    assert "sign_agreement" in {r.split(":")[0] for r in visible_rows(page)}


@pytest.mark.parametrize("path", PAGES)
def test_pages_request_nothing_outside_the_server(page: Any, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    assert page.title().endswith("annexwatch")
    assert page.recorder.requests and page.recorder.requests[0].startswith(base_url)
    assert_only_own_origin(page, base_url)


def test_document_page_links_each_extraction_to_its_marked_span(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/documents/so-2008-recognition.html")
    first = page.locator(".xlist li a.jump").first
    anchor = first.get_attribute("href")
    first.click()
    assert page.url.endswith(anchor)
    targeted = page.locator("#doc-text mark.targeted")
    assert targeted.count() == 1 and targeted.is_visible()
    page.uncheck("#kind-toggles input[value='event']")
    assert "hide-event" in page.get_attribute("#doc-text", "class")
    assert_only_own_origin(page, base_url)


def test_keyboard_first_stop_is_the_skip_link(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/territories/XSO")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("path", ["/", "/territories/XSO", "/events/1", "/documents/1", "/search?q=treaty"])
def test_narrow_screen_has_no_sideways_scroll(browser: Any, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 400, "height": 800})
    narrow = context.new_page()
    narrow.goto(base_url + path)
    width = narrow.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert width <= 400, f"{path} is {width}px wide on a 400px screen"
