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
