"""The class dashboard, from the instructor's seat: `alliance-course report` on a graded module.

Module 01 (items ex1 ... ex10) is built and graded with the real commands for a
simulated class (model answers, partial, typical mistakes, untouched, a cheat, a
broken file); a grader scores one written answer (as formgrader does) and one
trainee gets an extension. The page is then read as the instructor reads it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from course.instructor.coursedir import CourseDir
from course.instructor.demo import make_submissions
from course.instructor.extensions import grant
from course.instructor.report import gather
from course.instructor.results import natural_key
from tests.pipeline.instructor_cli import cli

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-report")]
MODULE = "01-working-alliance"
ROOT = Path(__file__).resolve().parents[2]


def section(page: str, heading: str) -> str:
    """The HTML between ``<h2>heading</h2>`` and the next ``<h2>``."""
    return page.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]


def column(table_html: str, index: int) -> list[str]:
    """The text of one column of the first table in ``table_html``."""
    rows = re.findall(r"<tr>(.*?)</tr>", table_html, re.S)[1:]
    return [re.findall(r"<td>(.*?)</td>", row, re.S)[index] for row in rows]


@pytest.fixture(scope="module")
def class_report(tmp_path_factory):
    work = tmp_path_factory.mktemp("report")
    cli("build", MODULE, cwd=work)
    cli("assign", MODULE, "--due", "2026-12-01T17:00:00+00:00", cwd=work)
    course = CourseDir(work / "instructor")
    plan = make_submissions(course, MODULE, 8)
    cli("grade", MODULE, "--workers", "2", cwd=work)
    graded = next(s for s, p in plan.items() if p == "solution")
    with Gradebook(course.gradebook_url) as gb:
        notebook = gb.find_submission_notebook(MODULE, MODULE, graded)
        task = next(g for g in notebook.grades if g.name == "ex10-task")
        task.manual_score, task.needs_manual_grade = 3.0, False
        gb.db.commit()
    extended = next(s for s, p in plan.items() if p == "partial")
    grant(course, MODULE, extended, days=2)
    out = cli("report", "--out", "report", cwd=work).stdout
    page = (work / "report" / "index.html").read_text()
    assert "report/index.html" in out
    return {"course": course, "plan": plan, "page": page, "graded": graded, "extended": extended}


def test_written_points_count_once_graded(class_report):
    totals = gather(class_report["course"])["totals"].set_index("student_id")
    graded = totals.loc[class_report["graded"]]
    # 18 autograded points plus the graded essay (3 of 4); nobody else's essay counts yet.
    assert (graded["points"], graded["max_points"]) == (21.0, 22.0)
    others = totals.drop(index=class_report["graded"])
    assert (others["max_points"] == 18.0).all() and (others["written_waiting"] == 1).all()
    assert "1 written answer" not in class_report["page"]  # 7 wait (one per ungraded trainee)
    assert "7 written answer(s) still wait" in class_report["page"]


def test_items_in_natural_order_with_difficulty_and_discrimination(class_report):
    stats = section(class_report["page"], "Item difficulty and discrimination")
    items = column(stats, 1)
    assert items == sorted(items, key=natural_key)
    assert items[-2:] == ["ex9-tests", "ex10-task"], items
    difficulty = [float(v) for v in column(stats, 3)]
    assert all(0 <= v <= 1 for v in difficulty)
    discrimination = [v for v in column(stats, 4) if v not in ("", "None", "NaN")]
    assert discrimination and all(-1 <= float(v) <= 1 for v in discrimination)
    assert "item-rest correlation" in stats and "does not separate trainees" in stats


def test_failure_messages_grouped_sorted_and_unattempted_apart(class_report):
    failures = section(class_report["page"], "Most frequent failure messages")
    main, unattempted = failures.split("<h3>Not attempted</h3>")
    counts = [int(v) for v in column(main, 0)]
    assert counts and counts == sorted(counts, reverse=True)
    messages = column(main, 2)
    assert len(messages) == len(set(messages)), "one row per teaching message"
    assert not [m for m in messages if m.startswith(("NameError", "NotImplementedError"))]
    # A cheat is held for review and listed there, not among the class's misconceptions.
    assert not [m for m in messages if "_AlwaysEqual" in m]
    # The untouched notebook's items are all counted as not attempted.
    assert [
        int(v) for v in column(unattempted, 2)
    ] and "failing test(s) were on answers" in failures


def test_charts_keep_full_labels_and_extensions_are_listed(class_report):
    page = class_report["page"]
    specs = re.findall(r"vegaEmbed\('#\w+', (\{.*?\}), \{actions", page)
    assert len(specs) == 3
    for spec in map(json.loads, specs):
        assert spec["config"]["axis"]["labelLimit"] == 0
    item_chart = json.loads(specs[1])
    shown = [row["cell"] for row in next(iter(item_chart["datasets"].values()))]
    assert shown == sorted(shown, key=natural_key)
    extensions = section(page, "Extensions")
    assert class_report["extended"] in extensions and MODULE in extensions


def test_report_without_a_course_is_one_line(tmp_path):
    result = cli(
        "report", "--out", "r", "--course-dir", str(tmp_path / "none"), cwd=tmp_path, ok=False
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "alliance-course build" in result.stderr and result.stderr.strip().count("\n") == 0


def test_a_class_with_no_failing_test_gets_its_dashboard(tmp_path):
    """Every trainee right on every item: no failure rows, and the page still renders."""
    from course.instructor.report import _failures

    course = CourseDir(tmp_path / "instructor")
    (course.autograded / "ada" / MODULE).mkdir(parents=True)  # graded, nothing failed
    failures = _failures(course, [MODULE])
    assert failures.empty and failures["unattempted"].dtype == bool
    assert failures[~failures["unattempted"]].columns.tolist() == failures.columns.tolist()
