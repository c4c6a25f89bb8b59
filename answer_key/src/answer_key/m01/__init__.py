"""Module 01 (the working alliance): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the teaching
checks they call live beside it, one file per part of the module:
:mod:`~answer_key.m01.judgements` (exercises 1, 8 and 9),
:mod:`~answer_key.m01.labels` (2 and 3) and :mod:`~answer_key.m01.wai` (4-7).
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m01.judgements import case_key, judgement_key
from answer_key.m01.labels import exercise_key
from answer_key.m01.wai import (
    alliance_outcome_r,
    client_wai,
    early_means,
    first_session,
    hand_scores,
    weakest,
)
from course.grading.memo import per_notebook
from course.modules.m01.vignettes import MODULE
from course.modules.m01.wai import SUBSCALES


@dataclass(frozen=True)
class Reference:
    """What module 01's hidden tests expect of one trainee, named after the trainee's variables."""

    definition_judgements: dict[str, bool]
    component_labels: dict[str, str]
    weakest_component: dict[str, str]
    hand_total: float
    hand_subscales: dict[str, float]
    early_means: dict[str, float]
    weakest_early: str
    r_alliance_outcome: float
    claim_judgements: dict[str, bool]
    case_choices: dict[str, str]


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 01's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> list(ref.component_labels)[:2], 1 <= ref.hand_total <= 5, -1 <= ref.r_alliance_outcome <= 1
    (['V1', 'V2'], True, True)
    >>> ref.weakest_early == min(ref.early_means, key=ref.early_means.get)
    True
    """
    from course.instruments import score
    from course.simulate import for_student

    by_hand = hand_scores(first_session(student_id))
    means = early_means(score("wai-sr", client_wai(student_id)))
    return Reference(
        definition_judgements=judgement_key("definition"),
        component_labels=exercise_key("component"),
        weakest_component=exercise_key("weakest_component"),
        hand_total=by_hand["total"],
        hand_subscales={s: by_hand[s] for s in SUBSCALES},
        early_means=means,
        weakest_early=weakest(means),
        r_alliance_outcome=alliance_outcome_r(for_student(student_id, MODULE).clients),
        claim_judgements=judgement_key("claims"),
        case_choices=case_key(student_id),
    )


__all__ = ["Reference", "reference"]
