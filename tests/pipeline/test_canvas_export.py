"""A Canvas export that cannot damage a Canvas gradebook, with late work and extensions.

A term driven through the real ``alliance-course`` command: a Canvas roster
(early in the term, before any assignment exists in Canvas), three modules
built, two assigned (one with its Canvas assignment id), one extension, a
Canvas bulk download collected and graded in the sandbox, written answers
graded as formgrader stores them, and the export made with a later Canvas
gradebook export (Grades -> Export) that carries the assignment ids. The export
is read back with a reader of our own, as Canvas's importer reads it.

Canvas's gradebook CSV (its export, and the layout its import reads):
``Student`` ("Last, First"), ``ID`` (Canvas user id), ``SIS User ID``,
``SIS Login ID``, ``Section``, one column per assignment headed ``Name (id)``
(e.g. "Quiz 1 (87568490)"), read-only score columns, and a ``Points Possible``
row under the header; a new column creates a new assignment, and an imported
score overwrites the one in Canvas.
"""

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from nbgrader.api import Gradebook

from course.instructor.coursedir import CourseDir
from course.instructor.extensions import extensions
from course.instructor.submissions import cheat_answers, fill, solution_answers

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("pipeline-canvas-export")]
PROJECT = Path(__file__).resolve().parents[2]
MODULE, OTHER, UNASSIGNED = "00-orientation", "01-working-alliance", "03-client-perspective"
NOTEBOOK = "00-orientation.ipynb"
DUE = "2026-12-01T17:00:00-05:00"  # 22:00 UTC
FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
TRAINEES = {  # login: (Canvas name, Canvas user id, SIS User ID, section)
    "ada": ("Okafor, Ada", "50001", "S-001", "Sec A"),
    "bo": ("Lindqvist, Bo", "50002", "S-002", "Sec A"),
    "cam": ("Reyes, Cam", "50003", "S-003", "Sec B"),
    "dee": ("Nakamura, Dee", "50004", "S-004", "Sec B"),
    "eve": ("Adeyemi, Eve", "50005", "S-005", "Sec B"),
    "gus": ("Moreau, Gus", "50006", "S-006", "Sec A"),
}


def canvas_gradebook_csv(path: Path, assignments: list[str]) -> Path:
    """A file in the layout of Canvas's gradebook export, with the given assignment headers."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:  # Canvas writes a BOM
        writer = csv.writer(handle)
        writer.writerow([*FIXED, *assignments, "Current Score", "Final Score"])
        writer.writerow(["Points Possible", "", "", "", "", *["5.00"] * len(assignments), "", ""])
        for login, (name, lms_id, sis, section) in TRAINEES.items():
            writer.writerow([name, lms_id, sis, login, section, *[""] * len(assignments), "", ""])
        writer.writerow(["Student, Test", "50099", "", "", "Sec A", *[""] * len(assignments)])
    return path


def read_canvas_import(path: Path) -> tuple[list[str], dict[str, str], dict[str, dict]]:
    """Our own reader of a Canvas import file: header, points possible, rows by SIS Login ID."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = rows[0]
    assert header[:5] == FIXED, header
    assert rows[1][0] == "Points Possible", rows[1]
    points = dict(zip(header[5:], rows[1][5:], strict=True))
    by_login = {row[3]: dict(zip(header, row, strict=True)) for row in rows[2:]}
    return header, points, by_login


def alliance(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``alliance-course`` as an instructor would, in ``root``, on its course directory."""
    env = {
        **os.environ,
        "ALLIANCE_COURSE_PROJECT": str(PROJECT),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "course.cli", *args, "--course-dir", str(root / "instructor")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if check:
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result


def grade_written(course: CourseDir, student: str, points: float) -> None:
    """Score the written task as formgrader does: a manual score, no longer awaiting a grader."""
    with Gradebook(course.gradebook_url) as gb:
        grade = gb.find_grade("ex3-task", "00-orientation", MODULE, student)
        grade.manual_score = points
        grade.needs_manual_grade = False
        gb.db.commit()


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    root = tmp_path_factory.mktemp("canvas-term")
    course = CourseDir(root / "instructor")
    alliance(root, "build", MODULE, OTHER, UNASSIGNED)
    alliance(root, "students", "import", str(canvas_gradebook_csv(root / "roster.csv", [])))
    alliance(root, "assign", MODULE, "--due", DUE)
    alliance(
        root,
        "assign",
        OTHER,
        "--due",
        "2026-12-08T17:00:00-05:00",
        "--canvas-assignment-id",
        "12346",
    )
    extended = alliance(root, "extend", MODULE, "bo", "--days", "2")

    release, source = course.release / MODULE / NOTEBOOK, course.source / MODULE / NOTEBOOK
    solution = nbformat.writes(fill(release, solution_answers(source)))
    cheat = nbformat.writes(fill(release, cheat_answers(source)))
    download = root / "submissions.zip"
    with zipfile.ZipFile(download, "w") as archive:
        for login, late, notebook, when in [
            ("ada", "", solution, dt.datetime(2026, 12, 1, 20, 0)),  # on time
            ("bo", "_LATE", solution, dt.datetime(2026, 12, 3, 0, 0)),  # 26 h late, extended 2 days
            ("cam", "_LATE", solution, dt.datetime(2026, 12, 3, 10, 0)),  # 36 h: 2 days, 20 %
            ("dee", "", solution, dt.datetime(2026, 12, 1, 21, 0)),  # written answer never graded
            ("gus", "_LATE", cheat, dt.datetime(2026, 12, 2, 10, 0)),  # 12 h: 1 day, 10 %
        ]:
            lms_id = TRAINEES[login][1]
            name = f"{login}name{late}_{lms_id}_9{lms_id[-3:]}_{NOTEBOOK}"
            archive.writestr(zipfile.ZipInfo(name, date_time=when.timetuple()[:6]), notebook)
    alliance(root, "collect", MODULE, str(download))
    alliance(root, "grade", MODULE, "--workers", "2")
    with Gradebook(course.gradebook_url) as gb:
        penalties_at_autograde = {
            s.student.id: float(s.late_submission_penalty or 0)
            for s in gb.assignment_submissions(MODULE)
        }
        module = gb.find_assignment(MODULE)
        points = {"max": float(module.max_score), "auto": float(module.max_code_score)}
        ada = gb.find_submission(MODULE, "ada")
        assert float(ada.code_score) == points["auto"] > 0  # the model answers earn every point
    for student, written in {"ada": 2, "bo": 1, "cam": 2, "gus": 1}.items():
        grade_written(course, student, written)

    later = canvas_gradebook_csv(
        root / "canvas-gradebook.csv", ["00 Orientation (12345)", "Quiz 1 (999)"]
    )
    out = root / "canvas-grades.csv"
    exported = alliance(
        root, "export", "--format", "canvas", "--out", str(out), "--canvas-gradebook", str(later)
    )
    return {
        "root": root,
        "course": course,
        "out": out,
        "exported": exported.stdout,
        "extended": extended.stdout,
        "autograde_penalties": penalties_at_autograde,
        "points": points,  # the module's maximum, and its autograded part
    }


def test_headers_carry_canvas_assignment_ids_and_unassigned_modules_get_no_column(term):
    header, points, _ = read_canvas_import(term["out"])
    # 00 matched in the Canvas gradebook export by name; 01's id recorded at assign time.
    assert header[5:] == ["00 Orientation (12345)", f"{OTHER} (12346)"]
    assert UNASSIGNED not in " ".join(header) and "Quiz 1" not in " ".join(header)
    assert float(points["00 Orientation (12345)"]) == term["points"]["max"]
    assert float(points[f"{OTHER} (12346)"]) > 0
    assert f"No column (not assigned yet): {UNASSIGNED}" in term["exported"]


def test_sis_ids_and_sections_are_carried_from_the_roster(term):
    _, _, rows = read_canvas_import(term["out"])
    assert sorted(rows) == sorted(TRAINEES)  # the Test Student is not a trainee
    for login, (name, lms_id, sis, section) in TRAINEES.items():
        assert rows[login]["Student"] == name
        assert rows[login]["ID"] == lms_id
        assert rows[login]["SIS User ID"] == sis
        assert rows[login]["Section"] == section


def test_scores_are_final_and_anything_not_graded_stays_blank(term):
    _, _, rows = read_canvas_import(term["out"])
    column = "00 Orientation (12345)"
    scores = {login: row[column] for login, row in rows.items()}
    auto = term["points"]["auto"]  # every autograded point: the model answers
    assert float(scores["ada"]) == auto + 2  # 2 written points, on time
    assert float(scores["bo"]) == auto + 1  # 26 h late, within the 2-day extension: no penalty
    assert float(scores["cam"]) == pytest.approx(0.8 * (auto + 2))  # 20 % of the total
    assert float(scores["gus"]) == pytest.approx(0.9)  # held for review: 0 + 1 written, less 10 %
    assert scores["dee"] == ""  # written answer not graded yet: blank, never a partial score
    assert scores["eve"] == ""  # handed nothing in: blank, never 0
    assert all(row[f"{OTHER} (12346)"] == "" for row in rows.values())  # assigned, not graded
    assert "Blank for 00-orientation (written answers not graded yet): dee" in term["exported"]


def test_the_autograde_plugin_honours_the_extension(term):
    assert "bo may hand in 00-orientation until 2026-12-03T22:00:00+00:00" in term["extended"]
    penalties = term["autograde_penalties"]
    assert penalties["bo"] == 0  # on time within the extension
    # 20 % of the autograded points, all that grading knows of
    assert penalties["cam"] == pytest.approx(0.2 * term["points"]["auto"])
    assert extensions(term["course"]) == {
        ("bo", MODULE): dt.datetime(2026, 12, 3, 22, 0, tzinfo=dt.UTC)
    }
    stored = json.loads((term["course"].root / "extensions.json").read_text())
    assert stored == {MODULE: {"bo": "2026-12-03T22:00:00+00:00"}}


def test_the_export_recomputes_penalties_and_keeps_review_decisions(term):
    with Gradebook(term["course"].gradebook_url) as gb:
        cam = gb.find_submission(MODULE, "cam")
        # now 20 % of the total, written points included
        assert cam.late_submission_penalty == pytest.approx(0.2 * (term["points"]["auto"] + 2))
        gus = gb.find_submission(MODULE, "gus")
        held = [g for nb in gus.notebooks for g in nb.grades if g.cell.cell_type == "code"]
        assert held and all(g.manual_score == 0 for g in held)  # still held for review
        assert gb.find_submission(MODULE, "bo").extension == dt.timedelta(days=2)  # formgrader too


def test_the_canvas_ids_are_kept_beside_the_gradebook(term):
    known = json.loads((term["course"].root / "canvas.json").read_text())
    assert known["assignments"][MODULE] == {"id": "12345", "name": "00 Orientation"}
    assert known["assignments"][OTHER]["id"] == "12346"
    assert known["students"]["cam"] == {"sis_user_id": "S-003", "section": "Sec B"}


def test_bad_export_and_extension_input_get_one_line(term):
    root = term["root"]
    cases = [
        (["extend", MODULE, "cam", "--until", "2026-12-09 17:00"], "time zone"),
        (["extend", MODULE, "zed", "--days", "1"], "not on the roster"),
        (["extend", UNASSIGNED, "cam", "--days", "1"], "has no due date yet"),
        (
            ["export", "--format", "canvas", "--out", "x.csv", "--canvas-gradebook", "roster.txt"],
            "cannot read",
        ),
        (["assign", OTHER, "--due", "2026-12-08 17:00"], "no time zone"),
        (["assign", OTHER, "--due", DUE, "--canvas-assignment-id", "abc"], "Canvas address"),
    ]
    for args, words in cases:
        result = alliance(root, *args, check=False)
        err = result.stderr.strip()
        assert result.returncode == 2, (args, result.stderr[-2000:])
        assert err.count("\n") == 0 and words in err, (args, err)
