"""The stored calibrations (course/data/calibration.json) are exactly what a fresh pilot gives."""

from dataclasses import asdict

import pytest

from course.simulate import calibrate
from course.simulate.params import GroundTruth


def test_every_course_caseload_size_is_stored():
    stored = calibrate.stored_calibrations()
    for max_sessions in calibrate.STORED_MAX_SESSIONS:
        assert calibrate.calibration_key(GroundTruth(), max_sessions) in stored


@pytest.mark.parametrize("max_sessions", calibrate.STORED_MAX_SESSIONS)
def test_stored_calibration_equals_a_fresh_one(max_sessions):
    gt = GroundTruth()
    stored = calibrate.stored_calibrations()[calibrate.calibration_key(gt, max_sessions)]
    assert stored == asdict(calibrate.calibrate(gt, max_sessions))


def test_changed_ground_truth_is_calibrated_not_read_from_the_store():
    gt = GroundTruth(alliance_outcome_r=0.2)
    assert calibrate.calibration_key(gt, 12) not in calibrate.stored_calibrations()
    assert calibrate.latent_structure(gt, 12) == calibrate.calibrate(gt, 12)


def test_key_changes_with_any_ground_truth_value_and_with_session_count():
    base = calibrate.calibration_key(GroundTruth(), 12)
    assert calibrate.calibration_key(GroundTruth(), 10) != base
    assert calibrate.calibration_key(GroundTruth(outcome_icc=0.07), 12) != base
