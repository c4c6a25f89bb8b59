"""Module 05's feedback shows its formulas with no network: nothing is loaded from a CDN.

The course is made and graded by the instructor's real commands (`alliance-course build`,
`grade`, `feedback`); the feedback page is then opened in Chromium with every request
that is not the file itself blocked.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers, write_submission
from tests.browser.conftest import ARTIFACTS
from tests.browser.offline_file import offline_file_page
from tests.pipeline.instructor_cli import cli

pytestmark = [pytest.mark.browser, pytest.mark.e2e, pytest.mark.xdist_group("feedback-math")]
MODULE = "05-reliability-and-change"
NOTEBOOK = f"{MODULE}.ipynb"
SCRIPT_SRC = re.compile(r"<script[^>]*\bsrc\s*=\s*[\"']?([^\"' >]+)", re.I)


@pytest.fixture(scope="module")
def feedback_page(tmp_path_factory) -> Path:
    """Module 05 built, one model-answer submission graded, feedback written, by the CLI."""
    work = tmp_path_factory.mktemp("feedback-math")
    course = CourseDir(work / "instructor")
    cli("build", MODULE, cwd=work)
    release, source = course.release / MODULE / NOTEBOOK, course.source / MODULE / NOTEBOOK
    write_submission(
        fill(release, solution_answers(source)), course.submitted, "ana", MODULE, NOTEBOOK
    )
    cli("grade", MODULE, "--workers", "1", cwd=work)
    cli("feedback", MODULE, cwd=work)
    page = course.feedback / "ana" / MODULE / f"{MODULE}.html"
    assert page.is_file()
    return page


def test_feedback_loads_no_script_from_the_network_and_draws_every_formula(feedback_page):
    text = feedback_page.read_text()
    sources = SCRIPT_SRC.findall(text)
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))], sources
    # Every script it does reference is a file beside the page.
    for src in sources:
        assert src.startswith("data:") or (feedback_page.parent / src).is_file(), src
    assert "MathJax.Hub" not in text and "cdnjs" not in text
    # The formulas of module 05 are images whose alt text is their TeX; no raw TeX is left.
    images = [tag for tag in re.findall(r"<img\b[^>]*>", text) if 'class="formula"' in tag]
    alts = [html.unescape(re.search(r'alt="([^"]*)"', tag)[1]) for tag in images]
    assert any("\\frac{k}{k-1}" in alt for alt in alts), alts[:5]
    assert any("\\text{SEM}" in alt for alt in alts)
    assert "$$" not in text and "$s^2_j$" not in text


def test_feedback_formulas_render_in_a_browser_offline(browser, feedback_page):
    with offline_file_page(browser, 1200, 900) as (page, blocked):
        page.goto(feedback_page.as_uri())
        page.wait_for_load_state("load")
        sizes = page.eval_on_selector_all(
            "img.formula", "els => els.map(e => [e.naturalWidth, e.getBoundingClientRect().height])"
        )
        assert len(sizes) >= 10
        # Each formula was decoded and drawn at a readable size (a broken image has width 0).
        assert all(width > 0 and 8 <= height <= 120 for width, height in sizes), sizes
        formula = page.locator("img.formula[alt*='frac{k}']").first
        formula.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "feedback-math.png"))
        assert blocked == []


def test_feedback_before_grading_is_one_line_with_what_to_do(tmp_path):
    from course.instructor.errors import CourseInputError
    from course.instructor.feedback_filters import generate_feedback

    with pytest.raises(CourseInputError) as refused:
        generate_feedback(CourseDir(tmp_path / "instructor"), MODULE)
    message = str(refused.value)
    assert "\n" not in message and f"alliance-course grade {MODULE}" in message
