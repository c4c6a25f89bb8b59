"""Module 02 (using the relationship): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the teaching
check they call and the helpers it is built from live beside it:
:mod:`~answer_key.m02.labels` (exercises 1-4: the vignette key, with the
rationales and the concept each family turns on) and
:mod:`~answer_key.m02.caseload` (exercises 6, 7 and 10: mean changes, gaps, the gap
without ruptures) and :mod:`~answer_key.m02.choices` (exercises 8 and 10: which
interval to report and why, which explanation the results support).

>>> ref = reference("trainee-01")
>>> sorted(ref.corrective_labels.values()), ref.use_labels == reference("trainee-02").use_labels
([False, False, True, True], True)
>>> ref.change_after["focused"] > ref.change_after["unfocused"]
True
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m02.caseload import focus_gaps, gap_without_rupture, mean_change_after
from answer_key.m02.choices import BEST_EXPLANATION, INTERVAL_CHOICE
from answer_key.m02.labels import GRADED_IDS, check_labels, exercise_key
from course import simulate
from course.grading.memo import per_notebook
from course.modules.m02.bootstrap import (
    bootstrap_seed,
    client_bootstrap,
    excludes_zero,
    interval_table,
)
from course.modules.m02.caseload import attachment_groups, next_session_pairs, session_table
from course.modules.m02.vignettes import FAMILIES, MODULE


@dataclass(frozen=True)
class Reference:
    """What module 02's hidden tests expect of one trainee, named after the trainee's variables."""

    use_labels: dict[str, str]
    stance_labels: dict[str, str]
    purpose_labels: dict[str, str]
    corrective_labels: dict[str, bool]
    change_after: dict[str, float]
    focus_gap: dict[str, float]
    interval_choice: dict[str, str]
    beyond_noise: dict[str, bool]
    gap_no_rupture: float
    best_explanation: str


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 02's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    It rebuilds the caseload from the trainee's seed, so it never relies on a
    variable the trainee could have changed.
    """
    table = session_table(simulate.for_student(student_id, MODULE))
    pairs = next_session_pairs(table)
    groups = attachment_groups(table)
    boot = client_bootstrap(pairs, groups, bootstrap_seed(student_id))
    intervals = interval_table(pairs, groups, boot)
    keys = {family: exercise_key(family) for family in FAMILIES}
    return Reference(
        use_labels=keys["use"],
        stance_labels=keys["stance"],
        purpose_labels=keys["purpose"],
        corrective_labels=keys["corrective_experience"],
        change_after=mean_change_after(pairs),
        focus_gap=focus_gaps(pairs, groups),
        interval_choice=dict(INTERVAL_CHOICE),
        beyond_noise={
            "focus_gap": excludes_zero(list(intervals.loc["gap_all", ["ci_low", "ci_high"]])),
            "attachment_difference": excludes_zero(
                list(intervals.loc["difference", ["ci_low", "ci_high"]])
            ),
        },
        gap_no_rupture=gap_without_rupture(pairs),
        best_explanation=BEST_EXPLANATION,
    )


__all__ = ["GRADED_IDS", "Reference", "check_labels", "exercise_key", "reference"]
