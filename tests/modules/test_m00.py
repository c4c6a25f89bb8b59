"""Module 00 (orientation): the practice data a trainee sees, its Python primer and its key."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from answer_key.m00 import Reference, lowest_mean_client, reference, sessions_at_or_below_cutoff

from course.instructor.submissions import load_profiles
from course.modules import get
from course.modules.m00 import (
    PRIMER_CLIENTS,
    SRS_CONCERN_CUTOFF,
    SRS_LINES,
    client_summary,
    practice_srs,
    primer_sessions,
)
from course.simulate import for_student
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]

TRAINEES = [f"trainee-{n:02d}" for n in range(40)]
# The graded answer cells, and the calls the primer teaches (all a graded answer may use).
GRADED = ["primer-count", "primer-mean", "primer-lowest", "ex1", "ex2"]
PRIMER_CALLS = {"len", "sum", "min", "max", "round", "list", "mean"}


@pytest.mark.parametrize("student_id", TRAINEES)
def test_every_trainee_has_a_total_of_exactly_36_and_one_above(student_id):
    scores = practice_srs(student_id)
    assert (scores["total"] == SRS_CONCERN_CUTOFF).any()
    assert (scores["total"] > SRS_CONCERN_CUTOFF).any()
    assert scores[SRS_LINES].sum(axis=1).round(1).equals(scores["total"])
    assert scores[SRS_LINES].ge(0).all().all() and scores[SRS_LINES].le(10).all().all()


def test_two_trainees_see_different_marks_and_one_trainee_always_the_same():
    assert not practice_srs("trainee-a").equals(practice_srs("trainee-b"))
    assert practice_srs("trainee-a").equals(practice_srs("trainee-a"))


def _source_notebook():
    return nbformat.read(ROOT / get("00").notebook_path, as_version=4)


def _answer_cells() -> dict[str, str]:
    """Model solutions of the answer cells, by grade id (solution markers removed)."""
    marker = re.compile(r"^### (BEGIN|END) SOLUTION$", re.M)
    return {
        c.metadata["nbgrader"]["grade_id"]: marker.sub("", c.source).strip()
        for c in _source_notebook().cells
        if c.metadata.get("nbgrader", {}).get("solution")
    }


def _shown_namespace(student_id: str) -> dict:
    """What the locked cells of the notebook give the answer cells, for ``student_id``."""
    marks = practice_srs(student_id).drop(columns="total")
    sessions = primer_sessions(student_id)
    return {
        "cutoff": 36,
        "marks": marks,
        "SRS_LINES": SRS_LINES,
        "totals": marks.assign(total=marks[SRS_LINES].sum(axis=1).round(1)),
        "last_marks": list(marks[SRS_LINES].iloc[-1]),
        "sessions": sessions,
        "summary": client_summary(sessions),
    }


def _run(code: str, student_id: str) -> dict:
    namespace = _shown_namespace(student_id)
    exec(code, namespace)  # noqa: S102 - the course's own model answers and profiles
    return namespace


@pytest.mark.parametrize("student_id", TRAINEES[:10])
def test_reference_is_what_the_model_answers_compute_from_what_the_notebook_shows(student_id):
    answers = _answer_cells()
    ref = reference(student_id)
    got = _run("\n".join(answers[f"{name}-answer"] for name in GRADED), student_id)
    assert got["last_session_total"] == pytest.approx(ref.last_session_total, abs=0.051)
    assert [int(s) for s in got["sessions_of_concern"]] == ref.sessions_of_concern
    assert got["n_flagged"] == ref.n_flagged
    assert got["mean_a"] == pytest.approx(ref.mean_a, abs=1e-9)
    assert got["check_in_first"] == ref.check_in_first


@pytest.mark.parametrize("student_id", TRAINEES)
def test_primer_caseload_lets_each_check_tell_the_slip_from_the_idea(student_id):
    """A session at exactly 36, a clearly lowest mean, and a lowest session elsewhere."""
    table = primer_sessions(student_id)
    assert sorted(table["client"].unique()) == PRIMER_CLIENTS
    assert table["srs"].between(0, 40).all() and table.groupby("client").size().min() >= 5
    ref = reference(student_id)
    below = int((table["srs"] < SRS_CONCERN_CUTOFF).sum())
    assert 0 < below < ref.n_flagged < len(table)
    means = table.groupby("client")["srs"].mean().sort_values()
    assert means.iloc[1] - means.iloc[0] >= 0.3 and means.index[0] == ref.check_in_first
    assert table.loc[table["srs"].idxmin(), "client"] != ref.check_in_first
    assert abs(ref.mean_a - table["srs"].mean()) > 0.051, "the all-clients slip must fail"


def test_primer_caseload_is_the_trainees_own_simulated_caseload():
    table = primer_sessions("trainee-01")
    simulated = for_student("trainee-01", "00-orientation").sessions
    pairs = set(zip(simulated["session"], simulated["srs"].astype(float).round(1), strict=True))
    moved = [r for r in table.itertuples() if (r.session, r.srs) not in pairs]
    # Every session comes from the simulator; at most one was moved onto the cut-off itself.
    assert len(moved) <= 1 and all(r.srs == SRS_CONCERN_CUTOFF for r in moved)
    assert primer_sessions("trainee-01").equals(table)
    assert not primer_sessions("trainee-02").equals(table)


def test_client_summary_shows_data_not_the_answer():
    summary = client_summary(primer_sessions("trainee-01"))
    assert list(summary.columns) == ["client", "problem", "sessions", "mean_srs", "lowest_srs"]
    assert "check_in_first" not in summary.columns


def test_the_key_picks_the_lowest_mean_not_the_lowest_session():
    frame = pd.DataFrame({"client": ["A", "A", "B", "B"], "srs": [30.0, 40.0, 34.0, 35.0]})
    assert lowest_mean_client(frame) == "B"


def test_every_graded_answer_uses_only_the_primer_in_two_lines_at_most():
    """Issue 15: no def, lambda, loop or comprehension; at most two lines per answer cell."""
    profiles = load_profiles("00-orientation")
    sources = dict(_answer_cells())
    sources |= {f"novice {k}": v for k, v in profiles["novice"]["answers"].items()}
    for name, code in sources.items():
        lines = [line for line in code.splitlines() if line.strip()]
        assert len(lines) <= 2, name
        assert not forbidden_constructs(code), name
        for call in (n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call)):
            func = call.func
            called = func.id if isinstance(func, ast.Name) else func.attr
            assert called in PRIMER_CALLS, f"{name}: {called}() is not taught in the primer"


@pytest.mark.parametrize("student_id", ["profile-novice", "trainee-ana", "trainee-ben"])
def test_the_novice_profile_earns_every_autograded_point(student_id):
    novice = load_profiles("00-orientation")["novice"]
    code = "\n".join(novice["answers"][f"{name}-answer"] for name in GRADED)
    got, ref = _run(code, student_id), reference(student_id)
    assert got["n_flagged"] == ref.n_flagged and got["check_in_first"] == ref.check_in_first
    assert got["mean_a"] == pytest.approx(ref.mean_a, abs=0.051)
    assert got["last_session_total"] == pytest.approx(ref.last_session_total, abs=0.051)
    assert [int(s) for s in got["sessions_of_concern"]] == ref.sessions_of_concern
    assert set(novice["expect"].values()) == {"full"}


def test_no_later_cell_needs_a_try_it():
    """Try-it cells are never graded: one left blank (or wrong) must break nothing below it."""
    cells = _source_notebook().cells
    graded_answers = {f"{name}-answer" for name in GRADED}
    for i, cell in enumerate(cells):
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if not cell.metadata.get("nbgrader", {}).get("solution") or grade_id in graded_answers:
            continue
        assert grade_id.startswith("primer-") and grade_id.endswith("-try-answer"), grade_id
        made = {
            t.id
            for n in ast.walk(ast.parse(_answer_cells()[grade_id]))
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
        assert made and all(name.startswith("my_") for name in made), grade_id
        later = "\n".join(c.source for c in cells[i + 1 :] if c.cell_type == "code")
        used = {n.id for n in ast.walk(ast.parse(later)) if isinstance(n, ast.Name)}
        assert not made & used, f"{grade_id}: {sorted(made & used)} used further down"


def test_the_primer_teaches_each_idea_with_an_example_and_a_try_it():
    text = (ROOT / get("00").source).read_text(encoding="utf-8")
    ideas = [
        "Names and assignment",
        "Numbers",
        "Text",
        "True and False",
        "Lists",
        "Dictionaries",
        "Calling a function",
        "A table and its columns",
        "A filter",
        "A mean",
    ]
    for n, idea in enumerate(ideas, start=1):
        assert f"### 3.{n} {idea}" in text, idea
    minutes = [int(m) for m in re.findall(r"^### 3\.\d+ .*\(about (\d+) minutes\)$", text, re.M)]
    assert 40 <= sum(minutes) + 3 * 2 <= 50, "the primer is about 45 minutes"
    assert "about 45 minutes" in text and "### Python you will meet" in text
    assert text.count("**Try it.**") == len(ideas)
    assert "**Estimated time:** about 80 minutes" in text
    assert "simulated" in text.split("### 3.1")[0].split("## 3. ")[1]


def test_reference_is_frozen_and_the_cutoff_is_inclusive():
    ref = reference("trainee-01")
    assert isinstance(ref, Reference)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.sessions_of_concern = []  # type: ignore[misc]
    frame = practice_srs("trainee-01").assign(total=[36.0, 35.9, 36.1, 40, 20, 36, 37, 10])
    assert sessions_at_or_below_cutoff(frame) == [1, 2, 5, 6, 8]


def test_the_trainee_package_carries_no_answer():
    import course.modules.m00 as shown

    assert not hasattr(shown, "sessions_at_or_below_cutoff")
    assert not hasattr(shown, "reference")


def test_what_exercise_3_says_about_the_client_holds_for_200_trainees():
    """Exercise 3 says: every total in the upper half of the scale, at least one flagged."""
    text = (ROOT / get("00").source).read_text(encoding="utf-8")
    assert (
        "Every total the practice client of section 2 gave sits in the upper half of the\nscale"
        in text
    )
    assert "at least one session still reaches the flag at 36 or below" in text
    for n in range(200):
        totals = practice_srs(f"sample-{n}")["total"]
        assert totals.min() >= 20 and (totals <= SRS_CONCERN_CUTOFF).any(), n


def test_the_orientation_names_the_written_answer_cells_as_they_appear():
    text = (ROOT / get("00").source).read_text(encoding="utf-8")
    assert "*Write your answer here.*" in text and "YOUR ANSWER HERE" not in text
    assert "Run All" in text and "NotImplementedError" in text


def test_what_the_chart_text_says_about_the_client_holds_for_200_trainees():
    """The chart text says most sessions sit close to the top of the scale (8 sessions)."""
    text = (ROOT / get("00").source).read_text(encoding="utf-8")
    assert "### Your client over eight sessions" in text
    assert "Notice how\nclose to the top of the scale most sessions sit" in text
    for n in range(200):
        student = f"audit-{n}"
        totals = practice_srs(student)["total"]
        assert len(totals) == 8, student
        # "close to the top": in the top quarter of the 0-40 scale, for most sessions
        assert (totals >= 30).mean() > 0.5, student


def test_every_answer_cell_shows_a_short_starter_with_blanks():
    """The release shows each starter in place of the model answer (issue 15)."""
    for cell in _source_notebook().cells:
        if not cell.metadata.get("nbgrader", {}).get("solution"):
            continue
        starter = cell.metadata.get("starter", "")
        lines = starter.splitlines()
        assert "..." in starter and 1 <= len(lines) <= 2, cell.id
        assert not [line for line in lines if line.lstrip().startswith("#")], cell.id
        ast.parse(starter)  # a blank is Python's `...`: the starter itself parses
