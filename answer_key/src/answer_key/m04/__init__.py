"""Module 04 (measuring the alliance): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the keys and the
teaching checks they use live beside it: :mod:`~answer_key.m04.labels`
(exercises 1-3, with the rationales shown for a wrong entry),
:mod:`~answer_key.m04.scoring` (exercise 4: the calls tried on ``score_wai_sr``
and :func:`~answer_key.m04.scoring.check_function_cases`) and
:mod:`~answer_key.m04.caseload` (exercises 5-9).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m04.caseload import (
    ITEM9_ANSWER,
    SEQ_ANSWER,
    audit_reference,
    csq_reference,
    item9_reference,
    ors_reference,
    rating_gap_reference,
    srs_reference,
)
from answer_key.m04.labels import licence_key, rater_key, tools_key
from answer_key.m04.scoring import Case, caseload_cases, edge_cases
from course.modules.m04 import licence_quiz, rater_scenarios, tools_for


@dataclass(frozen=True)
class Reference:
    """What module 04's hidden tests expect of one trainee, named after the trainee's variables.

    ``score_wai_sr_edge`` and ``score_wai_sr_caseload`` are the calls tried on the
    trainee's function ``score_wai_sr`` (exercise 4), each with its expected scores.
    """

    seed_list_status: dict[str, str]
    may_reprint: dict[str, bool]
    perspective: dict[str, str]
    score_wai_sr_edge: tuple[Case, ...]
    score_wai_sr_caseload: tuple[Case, ...]
    csq_summary: dict[str, float]
    seq_blocker: str
    srs_concern_sessions: list[int]
    ors_below_cutoff_sessions: list[int]
    audit_zones: list[int]
    missed_by_total: list[str]
    item9_first_step: str
    rating_gap: dict[str, object]


def reference(student_id: str) -> Reference:
    """Module 04's expected answers for ``student_id``, computed afresh on each call.

    >>> ref = reference("trainee-01")
    >>> len(ref.seed_list_status), len(ref.may_reprint), len(ref.perspective)
    (6, 5, 5)
    >>> ref.seq_blocker, ref.item9_first_step, ref.rating_gap["direction"]
    ('key', 'assess', 'clients higher')
    """
    return Reference(
        seed_list_status=tools_key(tools_for(student_id)),
        may_reprint=licence_key(licence_quiz(student_id)),
        perspective=rater_key(list(rater_scenarios(student_id))),
        score_wai_sr_edge=tuple(edge_cases(student_id)),
        score_wai_sr_caseload=tuple(caseload_cases(student_id)),
        csq_summary=csq_reference(student_id),
        seq_blocker=SEQ_ANSWER,
        srs_concern_sessions=srs_reference(student_id),
        ors_below_cutoff_sessions=ors_reference(student_id),
        audit_zones=audit_reference(student_id),
        missed_by_total=item9_reference(student_id),
        item9_first_step=ITEM9_ANSWER,
        rating_gap=rating_gap_reference(student_id),
    )


__all__ = ["Reference", "reference"]
