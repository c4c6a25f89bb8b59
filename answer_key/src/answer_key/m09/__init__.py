"""Module 09 (culture, consent and risk): the reference answers for one trainee.

:func:`reference` is the one entry point of the hidden tests; the keys,
rationales and teaching checks are in :mod:`~answer_key.m09.keys`.
"""

from __future__ import annotations

from dataclasses import dataclass

from answer_key.m09.keys import (
    CODE_CONCEPT,
    CODE_KEY,
    CODE_WHY,
    CONCEPTS,
    CONSENT_CONCEPT,
    CONSENT_KEY,
    CONSENT_WHY,
    SAFETY_PLAN_CONCEPT,
    SAFETY_PLAN_KEY,
    SAFETY_PLAN_WHY,
    SAME_DAY_CONCEPT,
    TRAINEE_CONCEPT,
    TRAINEE_KEY,
    TRAINEE_WHY,
    card_key,
    check_cards,
    check_labels,
    check_same_day,
    expected_same_day,
)
from course.grading.memo import per_notebook


@dataclass(frozen=True)
class Reference:
    """What module 09's hidden tests expect of one trainee, named after the trainee's variables."""

    opportunity_labels: dict[str, str]
    repair_responses: dict[str, bool]
    interpreter_practice: dict[str, bool]
    consent_judgements: dict[str, bool]
    code_sections: dict[str, str]
    ideation_labels: dict[str, str]
    same_day_forms: list[str]
    safety_plan_parts: dict[str, bool]
    trainee_actions: dict[str, bool]


@per_notebook
def reference(student_id: str) -> Reference:
    """Module 09's expected answers for ``student_id``, computed once per graded notebook (course.grading.memo).

    >>> ref = reference("trainee-01")
    >>> ref.opportunity_labels
    {'C1': 'misses', 'C2': 'explores', 'C3': 'explores', 'C4': 'misses'}
    >>> ref.code_sections["S3"], 1 <= len(ref.same_day_forms) <= 3
    ('E.4', True)
    """
    return Reference(
        opportunity_labels=card_key("opportunity", student_id)[0],
        repair_responses=card_key("repair", student_id)[0],
        interpreter_practice=card_key("interpreter", student_id)[0],
        consent_judgements=dict(CONSENT_KEY),
        code_sections=dict(CODE_KEY),
        ideation_labels=card_key("ideation", student_id)[0],
        same_day_forms=expected_same_day(student_id),
        safety_plan_parts=dict(SAFETY_PLAN_KEY),
        trainee_actions=dict(TRAINEE_KEY),
    )


__all__ = [
    "Reference",
    "reference",
    "CONCEPTS",
    "CONSENT_KEY",
    "CONSENT_WHY",
    "CONSENT_CONCEPT",
    "CODE_KEY",
    "CODE_WHY",
    "CODE_CONCEPT",
    "SAFETY_PLAN_KEY",
    "SAFETY_PLAN_WHY",
    "SAFETY_PLAN_CONCEPT",
    "TRAINEE_KEY",
    "TRAINEE_WHY",
    "TRAINEE_CONCEPT",
    "SAME_DAY_CONCEPT",
    "card_key",
    "check_cards",
    "check_labels",
    "check_same_day",
    "expected_same_day",
]
