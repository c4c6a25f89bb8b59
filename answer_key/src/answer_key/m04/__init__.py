"""Module 04 (measuring the alliance): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the keys and the
teaching rationales they use live beside it: :mod:`~answer_key.m04.labels`
(exercises 1-3), :mod:`~answer_key.m04.scoring` (exercise 4: the missing-item rule
on hand-made forms and a colleague's hand-scored totals) and
:mod:`~answer_key.m04.caseload` (exercises 5-9).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m04.caseload import (
    CSQ_ANSWER,
    CSQ_CONCEPT,
    CSQ_WHY,
    SEQ_ANSWER,
    audit_reference,
    item9_actions,
    item9_rationales,
    ors_reference,
    rating_gap_reference,
    srs_reference,
)
from answer_key.m04.labels import (
    licence_key,
    licence_rationales,
    rater_key,
    rater_rationales,
    tools_key,
    tools_rationales,
)
from answer_key.m04.scoring import (
    FORM_CONCEPT,
    SLIP_CONCEPT,
    colleague_slips,
    form_rationales,
    form_verdicts,
    slip_rationales,
)
from course.grading.memo import per_notebook
from course.modules.m04 import tools_for


@dataclass(frozen=True)
class Reference:
    """What module 04's hidden tests expect of one trainee, named after the trainee's
    variables, with the rationale shown for each entry a trainee gets wrong
    (``*_why``)."""

    seed_list_status: dict[str, str]
    seed_list_status_why: dict[str, str]
    may_reprint: dict[str, bool]
    may_reprint_why: dict[str, str]
    perspective: dict[str, str]
    perspective_why: dict[str, str]
    form_verdicts: dict[str, str]
    form_verdicts_why: dict[str, str]
    colleague_slips: dict[str, str]
    colleague_slips_why: dict[str, str]
    csq_report: str
    seq_blocker: str
    srs_concern_sessions: list[int]
    ors_below_cutoff_sessions: list[int]
    audit_zones: list[int]
    item9_actions: dict[str, str]
    item9_actions_why: dict[str, str]
    rating_gap: dict[str, object]


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 04's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> len(ref.seed_list_status), list(ref.may_reprint)[0], list(ref.perspective)[0]
    (6, 'L1', 'S1')
    >>> ref.csq_report, ref.seq_blocker, sorted(ref.item9_actions)[0]
    ('C', 'key', 'K1')
    """
    names = tools_for(student_id)
    return Reference(
        seed_list_status=tools_key(names),
        seed_list_status_why=tools_rationales(names),
        may_reprint=licence_key(student_id),
        may_reprint_why=licence_rationales(student_id),
        perspective=rater_key(),
        perspective_why=rater_rationales(),
        form_verdicts=form_verdicts(student_id),
        form_verdicts_why=form_rationales(student_id),
        colleague_slips=colleague_slips(student_id),
        colleague_slips_why=slip_rationales(student_id),
        csq_report=CSQ_ANSWER,
        seq_blocker=SEQ_ANSWER,
        srs_concern_sessions=srs_reference(student_id),
        ors_below_cutoff_sessions=ors_reference(student_id),
        audit_zones=audit_reference(student_id),
        item9_actions=item9_actions(student_id),
        item9_actions_why=item9_rationales(student_id),
        rating_gap=rating_gap_reference(student_id),
    )


__all__ = [
    "Reference",
    "reference",
    "CSQ_WHY",
    "CSQ_CONCEPT",
    "FORM_CONCEPT",
    "SLIP_CONCEPT",
]
