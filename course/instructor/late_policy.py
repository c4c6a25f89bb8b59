"""A per-day late penalty as an nbgrader late-submission plugin.

nbgrader offers only "none" or "zero". This plugin takes ``percent_per_day``
of the notebook's score for each day or part of a day late, capped at
``max_percent``. Configure it in ``nbgrader_config.py``::

    c.AssignLatePenalties.plugin_class = "course.instructor.late_policy.PerDayPenalty"
    c.PerDayPenalty.percent_per_day = 10
    c.PerDayPenalty.max_percent = 50

nbgrader calls the plugin when it autogrades, with the score known then (the
autograded points); a manual grade entered later does not re-run it, so
regrade with ``--force`` after manual grading if the penalty must cover it.
"""

from __future__ import annotations

import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

SECONDS_PER_DAY = 86_400


def days_late(total_seconds_late: float) -> int:
    """Whole days late, counting any part of a day as a day.

    >>> [days_late(s) for s in (0, 1, 86_400, 86_401)]
    [0, 1, 1, 2]
    """
    if total_seconds_late <= 0:
        return 0
    return math.ceil(total_seconds_late / SECONDS_PER_DAY)


def penalty_fraction(
    total_seconds_late: float, percent_per_day: float, max_percent: float
) -> float:
    """Share of the score taken away, between 0 and ``max_percent`` / 100.

    >>> penalty_fraction(3 * 86_400, 10, 50)
    0.3
    >>> penalty_fraction(30 * 86_400, 10, 50)
    0.5
    """
    return min(days_late(total_seconds_late) * percent_per_day, max_percent) / 100


class PerDayPenalty(LateSubmissionPlugin):
    """Deduct a percentage of the score per day late, up to a cap."""

    percent_per_day = Float(10.0, help="Percent of the score deducted per day late.").tag(
        config=True
    )
    max_percent = Float(50.0, help="The most that lateness can deduct, in percent.").tag(
        config=True
    )

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        fraction = penalty_fraction(total_seconds_late, self.percent_per_day, self.max_percent)
        penalty = round(score * fraction, 4)
        self.log.info(
            "%s is %d day(s) late: %.0f%% penalty (%.2f points)",
            student_id,
            days_late(total_seconds_late),
            fraction * 100,
            penalty,
        )
        return penalty
