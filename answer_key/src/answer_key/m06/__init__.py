"""Module 06 (alliance and outcome): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the functions it
calls live beside it: :mod:`~answer_key.m06.estimates` (the numbers of exercises
1-3, 5 and 7-10, each computed from the trainee's own caseload) and
:mod:`~answer_key.m06.statements` (the keys and feedback of exercises 4 and 6,
and the check that judges exercise 6 against the trainee's own numbers).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m06.estimates import (
    alliance_outcome_r,
    attachment_summary,
    decompose,
    fisher_ci,
    meta_check,
    split_half_r,
    therapist_icc,
    therapists_apart,
    view_correlations,
)
from answer_key.m06.statements import (
    check_readings,
    claim_key,
    claim_rationales,
    reading_key,
    reading_rationales,
)
from course.modules.m06 import caseload


@dataclass(frozen=True)
class Reference:
    """What module 06's hidden tests expect of one trainee, named after the trainee's variables.

    ``reading_labels`` is the key for the correct numbers; exercise 6 also
    accepts labels that fit the trainee's own slopes and r
    (:func:`~answer_key.m06.statements.check_readings`).
    """

    r_views: dict[str, float]
    ci_95: list[float]
    meta_check: dict
    claim_labels: dict[str, str]
    slopes: dict[str, float]
    reading_labels: dict[str, str]
    outcome_icc: float
    therapists_apart: list[str]
    split_half_r: float
    attachment: dict


def reference(student_id: str) -> Reference:
    """Module 06's expected answers for ``student_id``, computed afresh on each call.

    >>> ref = reference("trainee-01")
    >>> ref.ci_95[0] < ref.r_views["client"] < ref.ci_95[1], list(ref.claim_labels)
    (True, ['c08', 'c11', 'c04', 'c03'])
    >>> sorted(ref.slopes), list(ref.reading_labels)
    (['between', 'within'], ['r4', 'r1', 'r7', 'r6'])
    """
    cl = caseload(student_id)
    clients = cl.clients
    r = alliance_outcome_r(clients)
    slopes = decompose(clients)
    return Reference(
        r_views=view_correlations(cl),
        ci_95=list(fisher_ci(r, len(clients))),
        meta_check=meta_check(r, len(clients)),
        claim_labels=claim_key(),
        slopes=slopes,
        reading_labels=reading_key(slopes, r),
        outcome_icc=therapist_icc(clients["outcome_change"], clients["therapist_id"]),
        therapists_apart=therapists_apart(clients),
        split_half_r=split_half_r(clients),
        attachment=attachment_summary(cl),
    )


__all__ = [
    "Reference",
    "reference",
    "check_readings",
    "claim_rationales",
    "reading_rationales",
]
