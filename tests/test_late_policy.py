"""The per-day late penalty at its boundaries, alone and inside real nbgrader."""

import pytest

from course.instructor.late_policy import PerDayPenalty, days_late, penalty_fraction

DAY = 86_400


@pytest.mark.parametrize(
    ("seconds", "days"),
    [(0, 0), (-5, 0), (1, 1), (DAY - 1, 1), (DAY, 1), (DAY + 1, 2), (5 * DAY, 5)],
)
def test_any_part_of_a_day_counts_as_a_day(seconds, days):
    assert days_late(seconds) == days


@pytest.mark.parametrize(
    ("seconds", "fraction"),
    [
        (0, 0.0),
        (1, 0.1),
        (DAY, 0.1),
        (DAY + 1, 0.2),
        (5 * DAY, 0.5),
        (6 * DAY, 0.5),
        (99 * DAY, 0.5),
    ],
)
def test_ten_percent_a_day_capped_at_fifty(seconds, fraction):
    assert penalty_fraction(seconds, 10, 50) == pytest.approx(fraction)


def test_plugin_returns_points_not_percent():
    plugin = PerDayPenalty(percent_per_day=10, max_percent=50)
    assert plugin.late_submission_penalty("s1", 8.0, 2 * DAY) == pytest.approx(1.6)
    assert plugin.late_submission_penalty("s1", 8.0, 0) == 0
    assert plugin.late_submission_penalty("s1", 8.0, 40 * DAY) == pytest.approx(4.0)


def test_nbgrader_config_uses_the_plugin():
    from traitlets.config.loader import PyFileConfigLoader

    from course.instructor.project import project_root

    config = PyFileConfigLoader("nbgrader_config.py", path=str(project_root())).load_config()
    assert config.AssignLatePenalties.plugin_class.endswith("late_policy.PerDayPenalty")
    assert config.PerDayPenalty.percent_per_day == 10.0


def _late_submission(tmp_path, extension: str | None):
    """nbgrader's own late-penalty preprocessor, set up as autograde sets it up, on a course
    directory with a submission 26 hours late (and maybe an extension in extensions.json)."""
    import datetime as dt
    import json

    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import AssignLatePenalties
    from traitlets.config import Config

    gb = Gradebook(f"sqlite:///{tmp_path / 'gradebook.db'}")
    gb.add_assignment("m", duedate=dt.datetime(2026, 12, 1, 22))
    gb.add_student("bo")
    gb.add_submission("m", "bo", timestamp=dt.datetime(2026, 12, 3, 0))
    if extension:
        (tmp_path / "extensions.json").write_text(json.dumps({"m": {"bo": extension}}))
    config = Config()
    config.CourseDirectory.root = str(tmp_path)
    config.AssignLatePenalties.plugin_class = PerDayPenalty
    preprocessor = AssignLatePenalties(config=config)
    preprocessor.assignment_id, preprocessor.gradebook = "m", gb
    preprocessor.init_plugin()
    return preprocessor.plugin_inst


def test_plugin_counts_lateness_from_the_trainees_extension(tmp_path):
    plugin = _late_submission(tmp_path, "2026-12-03T17:00:00-05:00")  # 22:00 UTC on the 3rd
    assert plugin.late_submission_penalty("bo", 10.0, 26 * 3600) == 0


def test_plugin_without_an_extension_uses_nbgraders_lateness(tmp_path):
    plugin = _late_submission(tmp_path, None)
    assert plugin.late_submission_penalty("bo", 10.0, 26 * 3600) == pytest.approx(2.0)


def test_an_extension_shorter_than_the_lateness_still_costs_a_day(tmp_path):
    plugin = _late_submission(tmp_path, "2026-12-02T22:00:00+00:00")  # 2 h late after it
    assert plugin.late_submission_penalty("bo", 10.0, 26 * 3600) == pytest.approx(1.0)
