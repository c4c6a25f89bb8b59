"""A per-day late penalty as an nbgrader late-submission plugin.

nbgrader offers only "none" or "zero". This plugin takes ``percent_per_day``
of the notebook's score for each day or part of a day late, capped at
``max_percent``. Configure it in ``nbgrader_config.py``::

    c.AssignLatePenalties.plugin_class = "course.instructor.late_policy.PerDayPenalty"
    c.PerDayPenalty.percent_per_day = 10
    c.PerDayPenalty.max_percent = 50

nbgrader calls the plugin when it autogrades, with the score known then (the
autograded points). Written answers are graded later, in formgrader, which
does not call it; so :func:`apply_late_penalties` recomputes every penalty on
the total (autograded and written points) from the gradebook, and
``alliance-course export`` and ``alliance-course extend`` run it. It writes
only the penalty, never a score, so a submission held for review stays held.
Both honour per-trainee extensions (:mod:`course.instructor.extensions`).
"""

from __future__ import annotations

import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float

from course.instructor.extensions import extended_due, extensions

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
        """Points to take off ``score``, counting lateness from the trainee's extension if any."""
        total_seconds_late = self._seconds_late_with_extension(student_id, total_seconds_late)
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

    def _seconds_late_with_extension(self, student_id: str, seconds: float) -> float:
        """Lateness measured from the trainee's extended due time, when they have one.

        nbgrader's preprocessor (the parent) holds the module, the open gradebook
        and, through its configuration, the course directory.
        """
        parent = self.parent
        module = getattr(parent, "assignment_id", None)
        gradebook = getattr(parent, "gradebook", None)
        if module is None or gradebook is None:
            return seconds
        root = self.config.get("CourseDirectory", {}).get("root") or os.getcwd()
        until = extended_due(Path(root), module, student_id)
        if until is None:
            return seconds
        submission = gradebook.find_submission(module, student_id)
        return seconds_late(submission.timestamp, until)


def seconds_late(timestamp: dt.datetime | None, due: dt.datetime | None) -> float:
    """Seconds from ``due`` to ``timestamp`` (both naive UTC), 0 when on time or unknown.

    >>> seconds_late(dt.datetime(2027, 1, 2, 0, 0, 1), dt.datetime(2027, 1, 2))
    1.0
    >>> seconds_late(None, dt.datetime(2027, 1, 2))
    0
    """
    if timestamp is None or due is None:
        return 0
    return max(0.0, (timestamp - due).total_seconds())


@dataclass(frozen=True)
class LateSubmission:
    """One late (or extended) submission after :func:`apply_late_penalties`."""

    student_id: str
    module: str
    due: dt.datetime  # the trainee's own due time (extension included), naive UTC
    extended: bool
    hours_late: float
    percent: float
    penalty: float  # points taken off the total


def course_policy(course_root: Path) -> PerDayPenalty | None:
    """The course's per-day policy as configured in its ``nbgrader_config.py``.

    None when the course has set ``AssignLatePenalties.plugin_class`` to another
    plugin: then nbgrader's own penalties stand and nothing is recomputed.
    """
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()
    plugin = str(config.get("AssignLatePenalties", {}).get("plugin_class", ""))
    if not plugin.endswith("PerDayPenalty"):
        return None
    return PerDayPenalty(config=config)


def apply_late_penalties(course, modules: list[str] | None = None) -> list[LateSubmission]:
    """Recompute every late penalty on the notebook's total score and store it in the gradebook.

    The total is nbgrader's score (the manual score where a grader gave one,
    else the autograded one), so written points count. Only
    ``late_submission_penalty`` and nbgrader's ``extension`` are written: grades,
    comments and held-for-review decisions are left alone. Returns the late or
    extended submissions.
    """
    policy = course_policy(course.root)
    if policy is None:
        return []
    granted = extensions(course)
    late: list[LateSubmission] = []
    with Gradebook(course.gradebook_url) as gb:
        for assignment in gb.assignments:
            if modules is not None and assignment.name not in modules or not assignment.duedate:
                continue
            for submission in gb.assignment_submissions(assignment.name):
                student = submission.student.id
                until = granted.get((student, assignment.name))
                due = assignment.duedate
                if until is not None:
                    due = until.astimezone(dt.UTC).replace(tzinfo=None)
                    submission.extension = max(due - assignment.duedate, dt.timedelta(0))
                seconds = seconds_late(submission.timestamp, due)
                fraction = penalty_fraction(seconds, policy.percent_per_day, policy.max_percent)
                total = 0.0
                for notebook in submission.notebooks:
                    penalty = min(round(float(notebook.score) * fraction, 4), notebook.score)
                    notebook.late_submission_penalty = penalty if seconds > 0 else None
                    total += penalty
                if seconds > 0 or until is not None:
                    late.append(
                        LateSubmission(
                            student,
                            assignment.name,
                            due,
                            until is not None,
                            round(seconds / 3600, 1),
                            fraction * 100,
                            round(total, 4),
                        )
                    )
        gb.db.commit()
    return late
