"""Module 06 (alliance and outcome): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; what it calls
lives beside it: :mod:`~answer_key.m06.estimates` (the values computed from the
trainee's own caseload), :mod:`~answer_key.m06.statements` (the keys and
feedback of the claims of exercise 4 and the readings of exercise 6) and
:mod:`~answer_key.m06.judgements` (the keys and feedback of exercises 3, 5, 7,
9 and 10, and :func:`~answer_key.m06.judgements.check_parts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m06.estimates import (
    alliance_outcome_r,
    attachment_reading,
    contains_meta,
    icc_readings,
    interval_of,
    own_interval,
    therapists_apart,
    top5_repeat,
    view_correlations,
)
from answer_key.m06.judgements import (
    ATTACHMENT_WHY,
    CASELOAD_LETTER,
    ICC_WHY,
    INTERVAL_LETTER,
    META_WHY,
    RANKING_LETTER,
    RANKING_WHY,
    SLOPE_KEY,
    SLOPE_WHY,
    check_parts,
)
from answer_key.m06.statements import claim_key, claim_rationales, reading_key, reading_rationales
from course.grading.memo import per_notebook
from course.modules.m06 import caseload, decompose


@dataclass(frozen=True)
class Reference:
    """What module 06's hidden tests expect of one trainee, named after the trainee's variables.

    ``meta_check["contains_meta"]`` is the key for the right interval; exercise 3
    also accepts the reading of the trainee's own ``ci_95`` (:func:`meta_key`).
    """

    r_views: dict[str, float]
    ci_95: list[float]
    meta_check: dict
    claim_labels: dict[str, str]
    slope_labels: dict[str, str]
    reading_labels: dict[str, str]
    icc_readings: dict[str, bool]
    therapists_apart: list[str]
    ranking_check: dict
    attachment_reading: dict


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 06's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> ref.ci_95[0] < ref.r_views["client"] < ref.ci_95[1], list(ref.claim_labels)
    (True, ['c08', 'c11', 'c04', 'c03'])
    >>> list(ref.reading_labels), ref.ranking_check["reading"], ref.attachment_reading["therapist_n"]
    (['r4', 'r1', 'r7', 'r6'], 'B', 30)
    """
    cl = caseload(student_id)
    clients = cl.clients
    r = alliance_outcome_r(clients)
    ci = interval_of(clients)
    return Reference(
        r_views=view_correlations(cl),
        ci_95=ci,
        meta_check=meta_key(ci),
        claim_labels=claim_key(),
        slope_labels=dict(SLOPE_KEY),
        reading_labels=reading_key(decompose(clients), r),
        icc_readings=icc_readings(clients),
        therapists_apart=therapists_apart(clients),
        ranking_check={"top5_repeat": top5_repeat(clients), "reading": RANKING_LETTER},
        attachment_reading=attachment_reading(cl),
    )


def meta_key(interval) -> dict:
    """Key of exercise 3 for an interval: whether it contains .278, and the two readings."""
    return {
        "contains_meta": contains_meta(interval),
        "interval": INTERVAL_LETTER,
        "caseload": CASELOAD_LETTER,
    }


def check_meta(value, right: dict, ci_given, name: str = "meta_check") -> None:
    """Hidden-test check of exercise 3, with the trainee's own interval carried forward.

    "Contains .278" is asked of *your* interval: when the trainee's ``ci_95`` is two
    usable numbers, a reading of it is accepted as well as a reading of the right one.
    """
    own = own_interval(ci_given)
    if own is not None and contains_meta(own) != right["contains_meta"]:
        try:
            check_parts(value, meta_key(own), name, META_WHY)
            return
        except Exception:  # noqa: BLE001 - fall through to the right key and its message
            pass
    check_parts(value, right, name, META_WHY)


__all__ = [
    "Reference",
    "reference",
    "meta_key",
    "check_meta",
    "check_parts",
    "claim_rationales",
    "reading_rationales",
    "META_WHY",
    "SLOPE_WHY",
    "ICC_WHY",
    "RANKING_WHY",
    "ATTACHMENT_WHY",
]
