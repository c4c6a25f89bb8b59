"""An instructor's term on the pilot module through the real pipeline.

Roster import (course layout and Canvas export), due date, Canvas bulk-download
collection, parallel grading with the late-day penalty, feedback, nbgrader and
Canvas CSV export, and the class dashboard.
"""

import csv
import datetime as dt
import zipfile

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.export import export_canvas, export_csv
from course.instructor.grade import grade
from course.instructor.lms import assign, collect, parse_due
from course.instructor.report import render
from course.instructor.roster import RosterError, import_roster, read_roster
from course.instructor.submissions import cheat_answers, fill, solution_answers

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-term")]
MODULE = "00-orientation"
NOTEBOOK = "00-orientation.ipynb"
DUE = "2026-12-01T17:00:00-05:00"


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    root = tmp_path_factory.mktemp("term")
    course = CourseDir(root / "course")
    build(course, [MODULE])
    roster = root / "canvas-roster.csv"
    roster.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section\n"
        "Points Possible,,,,\n"
        '"Okafor, Ada",50001,S1,ada,Sec 1\n'
        '"Lindqvist, Bo",50002,S2,bo,Sec 1\n'
        '"Reyes, Cam",50003,S3,cam,Sec 1\n'
        '"Student, Test",50099,,,Sec 1\n'
    )
    entries = import_roster(roster, course.gradebook_url, course.root)
    zip_path = assign(course, MODULE, DUE)

    release = course.release / MODULE / NOTEBOOK
    source = course.source / MODULE / NOTEBOOK
    solution = fill(release, solution_answers(source))
    cheat = fill(release, cheat_answers(source))
    downloads = root / "submissions.zip"
    on_time = dt.datetime(2026, 12, 1, 20, 0)  # 15:00 at UTC-5: on time
    late = dt.datetime(2026, 12, 3, 0, 0)  # 31 h after the due time: two days late
    with zipfile.ZipFile(downloads, "w") as archive:
        for name, nb, when in [
            (f"okaforada_50001_9001_{NOTEBOOK}", solution, on_time),
            ("lindqvistbo_LATE_50002_9002_00-orientation-1.ipynb", solution, late),
            (f"reyescam_50003_9003_{NOTEBOOK}", cheat, on_time),
            (f"strangername_77777_9004_{NOTEBOOK}", solution, on_time),
        ]:
            info = zipfile.ZipInfo(name, date_time=when.timetuple()[:6])
            archive.writestr(info, nbformat.writes(nb))
    collected = collect(course, MODULE, downloads)
    report = grade(course, MODULE, workers=2, progress=False)
    course.nbgrader("generate_feedback", MODULE, "--force")
    # The written answer graded as formgrader's API grades it: 2 of 2 for Ada and Bo.
    with Gradebook(course.gradebook_url) as gb:
        for student in ("ada", "bo"):
            task = gb.find_grade("ex3-task", NOTEBOOK.removesuffix(".ipynb"), MODULE, student)
            task.manual_score, task.needs_manual_grade = 2.0, False
        gb.db.commit()
    return {
        "root": root,
        "course": course,
        "entries": entries,
        "zip": zip_path,
        "collected": collected,
        "report": report,
    }


def test_canvas_roster_import_skips_points_row_and_test_student(term):
    assert [e.id for e in term["entries"]] == ["ada", "bo", "cam"]
    assert term["entries"][0].first_name == "Ada" and term["entries"][0].lms_user_id == "50001"


def test_roster_errors_name_the_line(tmp_path):
    bad = tmp_path / "roster.csv"
    bad.write_text("id,first_name\nok-1,A\nnot valid!,B\n")
    with pytest.raises(RosterError, match="line 3"):
        read_roster(bad)


def test_due_date_needs_a_time_zone_and_is_stored_in_utc(term):
    with pytest.raises(ValueError, match="no time zone"):
        parse_due("2026-12-01 17:00")
    with Gradebook(term["course"].gradebook_url) as gb:
        assert gb.find_assignment(MODULE).duedate == dt.datetime(2026, 12, 1, 22, 0)


def test_assign_writes_the_student_version_as_an_lms_zip(term):
    names = zipfile.ZipFile(term["zip"]).namelist()
    assert names == [f"{MODULE}/{NOTEBOOK}"]
    text = zipfile.ZipFile(term["zip"]).read(names[0]).decode()
    assert "BEGIN SOLUTION" not in text and "last_session_total = ..." in text


def test_collect_matches_canvas_names_and_reports_strangers(term):
    collected = term["collected"]
    assert collected.collected == {n: [NOTEBOOK] for n in ("ada", "bo", "cam")}
    assert collected.unmatched == [f"strangername_77777_9004_{NOTEBOOK}"]
    assert "could not be matched" in collected.summary()


def test_grades_late_penalty_and_cheat(term):
    totals = term["report"].totals.set_index("student_id")
    assert totals.loc["ada", "auto_points"] == 6.0
    assert totals.loc["cam", "auto_points"] == 0.0, "an always-equal object must not pass"
    with Gradebook(term["course"].gradebook_url) as gb:
        ada, bo = gb.find_submission(MODULE, "ada"), gb.find_submission(MODULE, "bo")
        assert ada.late_submission_penalty == 0
        assert bo.total_seconds_late > 86_400
        # nbgrader's plugin ran at autograde, on the 6 autograded points; the export
        # recomputes it on the total once the written answer is graded.
        assert bo.late_submission_penalty == pytest.approx(0.2 * 6.0)


def test_canvas_export_parses_with_points_and_late_penalty(term):
    out = export_canvas(term["course"], term["root"] / "canvas.csv")
    rows = list(csv.reader(out.path.open()))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
    assert rows[0][5].startswith(MODULE) and len(rows[0]) == 6
    assert rows[1][0] == "Points Possible" and float(rows[1][-1]) == 8.0
    # The written points count, and Bo's two days late take 20% of the whole 8.
    scores = {r[1]: r[-1] for r in rows[2:]}
    assert {k: float(v) for k, v in scores.items() if v} == {
        "50001": 8.0,
        "50002": pytest.approx(6.4),
    }
    assert {r[1]: (r[2], r[4]) for r in rows[2:]}["50001"] == ("S1", "Sec 1")
    with Gradebook(term["course"].gradebook_url) as gb:
        assert gb.find_submission(MODULE, "bo").late_submission_penalty == pytest.approx(1.6)


def test_nbgrader_csv_export(term):
    out = export_csv(term["course"], term["root"] / "grades.csv")
    rows = list(csv.DictReader(out.path.open()))
    assert {r["student_id"] for r in rows} == {"ada", "bo", "cam"}


def test_dashboard_renders_offline_with_every_section(term):
    page = render(term["course"], term["root"] / "report").read_text()
    for heading in (
        "Scores, items and trainees",
        "Most frequent failure messages",
        "Manual-grading queue",
        "Late submissions",
        "Held for review",
    ):
        assert heading in page
    assert "window.vegaEmbed" in page and "cdn.jsdelivr" not in page
    assert "bo" in page and "ex3-task" in page
    # The cheat's always-equal object is held for review, and the dashboard says so.
    assert "defines __eq__" in page
