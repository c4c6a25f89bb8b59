"""Practice widgets: typed numbers out of range are named, never clamped; module 05's
two widgets show the same SEM and reliable-change points as the exercise."""

from __future__ import annotations

import math
import re

import pytest

import course
from course.modules import m05
from course.modules.m04 import instrument_scorer
from course.widgets import srs_calculator

TRAINEES = [f"trainee-{k:02d}" for k in range(30)]


def test_srs_box_out_of_range_shows_a_message_and_no_total():
    box = srs_calculator()
    first, *_, result = box.children
    first.value = 12
    # The box keeps what was typed: no silent clamp to 10.
    assert first.value == 12
    assert "12 is outside 0-10: each SRS line is marked 0 to 10." in result.value
    assert "Total not computed" in result.value
    # 12 + 3 x 9.5 = 40.5 and a clamped 10 + 3 x 9.5 = 38.5: neither may be shown.
    assert "/ 40" not in result.value
    assert "srs-result" in result._dom_classes


def test_srs_negative_mark_is_named_too():
    box = srs_calculator()
    result = box.children[-1]
    box.children[2].value = -1
    assert "-1 is outside 0-10" in result.value and "/ 40" not in result.value


def test_srs_total_returns_once_the_mark_is_back_in_range():
    box = srs_calculator()
    first, *_, result = box.children
    first.value = 12
    first.value = 2
    # The browser test types 2 in the first box and reads this verdict.
    assert "30.5 / 40: at or below 36" in result.value
    assert "outside" not in result.value


def test_srs_boundaries_are_in_range():
    box = srs_calculator()
    first, second, *_, result = box.children
    first.value, second.value = 10, 0
    assert "outside" not in result.value and "29.0 / 40" in result.value


def test_instrument_scorer_names_an_out_of_range_typed_answer():
    box = instrument_scorer("srs")
    result = box.children[-1]
    boxes = [c for c in box.children if hasattr(c, "step") and c.description.startswith("1.")]
    (item1,) = boxes
    item1.value = 12
    assert item1.value == 12
    assert "Item 1: 12 is outside 0-10: this item is answered from 0 to 10." in result.value
    # Nothing is scored from a clamped 10 (that total would be 10 + 3 x 9 = 37.00).
    assert "Not scored" in result.value and "<table>" not in result.value
    item1.value = 9
    assert "<table>" in result.value and "outside" not in result.value


def _readouts(text: str) -> dict[str, str]:
    """The SEM and the reliable-change points a widget shows, as printed."""
    found = {"sem": re.search(r"SEM = (?:[\d.]+ x sqrt\(1 - [\d.]+\) = )?([\d.]+)", text)}
    found["rc"] = re.search(r"must exceed ([\d.]+) points", text)
    return {name: match.group(1) for name, match in found.items() if match}


@pytest.mark.parametrize("trainee", TRAINEES)
def test_m05_explorer_and_simulator_start_from_the_exercise_numbers(trainee, monkeypatch):
    monkeypatch.setenv("ALLIANCE_STUDENT_ID", trainee)
    # The notebook's own cells: caseload -> phq -> sd_intake -> the two widgets.
    phq = m05.phq9_trajectories(m05.caseload_for(course.identity()))
    sd_intake = m05.intake_sd(phq)
    sem = sd_intake * math.sqrt(1 - m05.PHQ9_RELIABILITY)
    rc_points = 1.96 * math.sqrt(2) * sem
    explorer = m05.rci_explorer(
        sd=sd_intake, reliability=m05.PHQ9_RELIABILITY, cutoff=m05.PHQ9_CUTOFF
    )
    simulator = m05.noise_simulator(sd=sd_intake, reliability=m05.PHQ9_RELIABILITY)
    _pre, _post, spread, rel, explorer_result = explorer.children
    shown = _readouts(explorer_result.value)
    simulated = _readouts(simulator.children[-1].value)
    assert f"{spread.value:.2f}" == f"{sd_intake:.2f}", "the SD slider starts at the caseload SD"
    assert rel.value == m05.PHQ9_RELIABILITY
    assert shown["sem"] == simulated["sem"] == f"{sem:.2f}", (trainee, shown, simulated)
    assert shown["rc"] == f"{rc_points:.2f}", (trainee, shown)


def test_m05_explorer_follows_the_sd_slider_once_moved():
    explorer = m05.rci_explorer(sd=4.5487, reliability=0.89)
    spread, result = explorer.children[2], explorer.children[-1]
    assert "SEM = 4.55 x sqrt(1 - 0.89) = 1.51" in result.value
    spread.value = 5.0
    assert "SEM = 5.00 x sqrt(1 - 0.89) = 1.66" in result.value
