"""The instructor's class dashboard in a real browser, with every network request blocked."""

from __future__ import annotations

import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.demo import make_submissions
from course.instructor.grade import grade
from course.instructor.report import render
from tests.browser.conftest import ARTIFACTS
from tests.browser.offline_file import offline_file_page

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
MODULE = "00-orientation"
SECTIONS = [
    "Scores, items and trainees",
    "Most frequent failure messages",
    "Item difficulty and discrimination",
    "Manual-grading queue",
    "Late submissions",
    "Extensions",
    "Held for review",
]


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory):
    course = CourseDir(tmp_path_factory.mktemp("dashboard") / "course")
    build(course, [MODULE])
    plan = make_submissions(course, MODULE, 8)
    grade(course, MODULE, workers=2, progress=False)
    return render(course, course.root.parent / "report"), plan


def test_dashboard_draws_every_chart_offline(browser, dashboard):
    path, plan = dashboard
    with offline_file_page(browser) as (page, blocked):
        page.goto(path.as_uri())
        for chart in ("scores", "items", "heatmap"):
            page.wait_for_selector(f"#{chart} svg .mark-rect, #{chart} svg path", timeout=30_000)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
        headings = page.locator("h2").all_inner_texts()
        assert headings == SECTIONS
        # Every trainee of the batch is on the per-trainee heatmap (aria labels name them).
        labels = " ".join(
            page.eval_on_selector_all(
                "#heatmap svg [aria-label]", "els => els.map(e => e.getAttribute('aria-label'))"
            )
        )
        assert all(student in labels for student in plan)
        # No chart label is cut short with an ellipsis.
        texts = page.eval_on_selector_all("svg text", "els => els.map(e => e.textContent)")
        assert texts and not [t for t in texts if t.endswith("…")], texts
        assert blocked == []
