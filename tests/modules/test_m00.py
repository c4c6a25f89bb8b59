"""Module 00 (orientation): the practice SRS data a trainee sees and the key it is graded by."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from answer_key.m00 import Reference, reference, sessions_at_or_below_cutoff

from course.modules import get
from course.modules.m00 import SRS_CONCERN_CUTOFF, SRS_LINES, practice_srs

ROOT = Path(__file__).resolve().parents[2]

TRAINEES = [f"trainee-{n:02d}" for n in range(40)]


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


@pytest.mark.parametrize("student_id", TRAINEES[:10])
def test_reference_is_what_the_model_answer_computes_from_the_shown_marks(student_id):
    marks = practice_srs(student_id).drop(columns="total")  # what the notebook shows
    totals = marks[SRS_LINES].sum(axis=1).round(1)
    ref = reference(student_id)
    assert ref.last_session_total == pytest.approx(
        float(marks.iloc[-1][SRS_LINES].sum()), abs=0.051
    )
    assert ref.sessions_of_concern == [int(s) for s in marks.loc[totals <= 36, "session"]]


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
    assert "Every total your simulated client gave sits in the upper half of the scale" in text
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
