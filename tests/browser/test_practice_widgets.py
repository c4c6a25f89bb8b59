"""The practice widgets of modules 08 and 09 in a real JupyterLab, used as a trainee uses them.

Each test runs the module top to bottom, then clicks and chooses in a widget and
waits for the kernel's answer to appear; a screenshot of the widget in use is
saved to tests/artifacts/widget-*.png.
"""

from __future__ import annotations

import pytest

from course.modules.m09.widget import RISK_STEPS
from tests.browser.conftest import (
    ARTIFACTS,
    error_outputs,
    offline_page,
    open_notebook,
    run_all,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PRACTICE_LAB = "notebooks/08-practice-lab/08-practice-lab.ipynb"
CULTURE = "notebooks/09-culture-consent-and-risk/09-culture-consent-and-risk.ipynb"


def _text(page, selector: str) -> str:
    return page.locator(selector).first.inner_text()


def _wait_for_text(page, selector: str, text: str, present: bool = True) -> None:
    page.wait_for_function(
        "([sel, text, present]) => (document.querySelector(sel)?.textContent ?? '')"
        ".includes(text) === present",
        arg=[selector, text, present],
        timeout=30_000,
    )


@pytest.fixture(scope="module")
def practice_lab(browser, lab_server):
    context, page = offline_page(browser)
    open_notebook(page, lab_server, PRACTICE_LAB)
    run_all(page, timeout_ms=240_000)
    assert error_outputs(page) == []
    yield page
    assert page.blocked.urls == [], "the widgets asked the network for something"
    context.close()


def test_the_repair_practice_client_answers_each_choice_and_replays(practice_lab):
    page, widget = practice_lab, ".m08-repair-practice"
    page.locator(widget).scroll_into_view_if_needed()
    _wait_for_text(page, ".m08-repair-log", "Session 1")
    page.locator(widget).get_by_text("metacommunicate about the rupture (metacommunicate)").click()
    for _ in range(6):
        page.locator(widget).get_by_role("button", name="Next session").click()
        if "You chose" in _text(page, ".m08-repair-log"):
            break
    _wait_for_text(page, ".m08-repair-log", "You chose metacommunicate")
    assert "SRS" in _text(page, ".m08-repair-log")
    page.locator(widget).screenshot(path=str(ARTIFACTS / "widget-08-repair-practice.png"))
    page.locator(widget).get_by_role("button", name="Start again").click()
    _wait_for_text(page, ".m08-repair-log", "You chose", present=False)


def test_the_alert_explorer_recounts_when_the_rule_changes(practice_lab):
    page, widget = practice_lab, ".m08-alert-explorer"
    page.locator(widget).scroll_into_view_if_needed()
    _wait_for_text(page, ".m08-alert-summary", "Check at session 3")
    before = _text(page, ".m08-alert-summary")
    page.locator(f"{widget} select").first.select_option(label="4")
    _wait_for_text(page, ".m08-alert-summary", "Check at session 4")
    assert _text(page, ".m08-alert-summary") != before
    page.locator(widget).screenshot(path=str(ARTIFACTS / "widget-08-alert-explorer.png"))


def test_the_risk_conversation_sorter_checks_an_order(page, lab_server):
    open_notebook(page, lab_server, CULTURE)
    run_all(page, timeout_ms=240_000)
    assert error_outputs(page) == []
    widget = page.locator(".m09-sorter")
    widget.scroll_into_view_if_needed()
    selects = widget.locator("select")
    assert selects.count() == len(RISK_STEPS)
    for position, step in enumerate(reversed(RISK_STEPS)):
        selects.nth(position).select_option(label=step)
    widget.get_by_role("button", name="Check my order").click()
    _wait_for_text(page, ".m09-sorter-feedback", "Position 1 is not right yet")
    for position, step in enumerate(RISK_STEPS):
        selects.nth(position).select_option(label=step)
    widget.get_by_role("button", name="Check my order").click()
    _wait_for_text(page, ".m09-sorter-feedback", "All 6 steps are in the course order.")
    widget.screenshot(path=str(ARTIFACTS / "widget-09-risk-sorter.png"))
