"""Module 07, exercises 6, 8 and 11: which option or response is right, and why not the others.

The options and responses are plain texts in :mod:`course.modules.m07.worked`;
which is right is here. Exercise 6's right option depends on the trainee's own
caseload (whether its dip-and-recover clients improved most); Exercise 8's and
11's are the same for everyone.
"""

from __future__ import annotations

from answer_key.m07.caseload import mean_outcome_by_trajectory
from course.modules.m07.data import trainee_caseload
from course.modules.m07.worked import ADVANTAGE_OPTIONS, REPAIR_R_OPTIONS


def advantage_letter(student_id: str) -> str:
    """Reference answer of Exercise 6: "A" when the trainee's dip-and-recover clients
    have the highest mean outcome change, "B" when they do not.

    >>> advantage_letter("trainee-01") in ("A", "B")
    True
    """
    means = mean_outcome_by_trajectory(trainee_caseload(student_id))
    return "A" if max(means, key=means.get) == "dip_and_recover" else "B"


REPAIR_R_LETTER = "B"

ADVANTAGE_WHY = {
    "A": (
        "Option A says your dip-and-recover clients have the highest mean improvement; look at "
        "`mean_outcome_change` in your table again."
    ),
    "B": (
        "Option B says your dip-and-recover clients do not have the highest mean improvement; "
        "look at `mean_outcome_change` in your table again."
    ),
    "C": (
        "A comparison of groups in one caseload cannot show cause: clients whose alliance dips "
        "and recovers may differ in other ways."
    ),
    "D": (
        "One small caseload cannot overturn a published finding: with a few dozen clients per "
        "group, the order of the means can differ by chance alone."
    ),
}
ADVANTAGE_CONCEPT = (
    "Read which type has the highest mean in your own table, and keep the claim to what a "
    "small sample can show: an agreement or a disagreement with the published finding, "
    "either of which could be chance, never a cause."
)

REPAIR_R_WHY = {
    "A": (
        "Both are correlations: they show that repair and better outcome go together, not that "
        "repair causes the improvement; clients who can work a rupture through may differ in "
        "other ways."
    ),
    "C": (
        "One caseload of a few dozen clients gives a noisy estimate: it can land well above or "
        "below .29 by chance, so a different value does not contradict a pooled estimate."
    ),
    "D": (
        "r = .29 is a correlation, not a share: the share of the variance it accounts for is "
        "r squared, about 8%."
    ),
    "E": (
        "The second meta-analysis found that training therapists in rupture resolution did not "
        "significantly improve patient outcome (r = .11)."
    ),
}
REPAIR_R_CONCEPT_READING = (
    "Repair and outcome go together moderately across studies (r = .29); one small caseload "
    "scatters around that, and neither shows cause."
)


def check_reading(value, expected: str, options: dict, why: dict, name: str, concept: str) -> None:
    """Hidden-test check of a multiple-choice reading: the right letter, or why not.

    >>> check_reading("B", "B", REPAIR_R_OPTIONS, REPAIR_R_WHY, "r_reading", "C.")
    >>> check_reading("D", "B", REPAIR_R_OPTIONS, REPAIR_R_WHY, "r_reading", "C.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `r_reading` is not right yet: r = .29 is a correlation, not a share: the share of the variance it accounts for is r squared, about 8%. C.
    """
    from course.grading import CheckFailed, expect_choice, plain

    expect_choice(value, list(options), name)
    if plain(value, name) != expected:
        reason = why.get(value, "")
        raise CheckFailed(f"`{name}` is not right yet: {reason} {concept}".replace("  ", " "))


SAFETY_KEY = {"R1": True, "R2": False, "R3": True, "R4": False, "R5": True, "R6": False}
SAFETY_WHY = {
    "R1": "Ask directly, in that session: the flag is acted on the day it is seen.",
    "R2": (
        "A review found no study in which asking about suicidal thoughts significantly "
        "increased them (Dazzi et al., 2014): ask directly."
    ),
    "R3": (
        "A further assessment of suicide risk by a competent clinician is what the PHQ-9's "
        "developers advise, and this course's protocol has it happen the same day."
    ),
    "R4": (
        "Item 9 above 0 is a safety flag whatever the total: a falling total does not cancel "
        "it, and waiting a week is not a response."
    ),
    "R5": "A safety plan, the service's protocol and the supervisor are part of the response.",
    "R6": (
        "A good alliance does not cancel the flag; asking openly about risk is part of a good "
        "relationship, not a strain on it."
    ),
}
SAFETY_CONCEPT = (
    "PHQ-9 item 9 above 0 is a clinical-safety flag whatever the total or the alliance: ask "
    "directly that session, have risk assessed further by a competent clinician (the same day, "
    "under the course's protocol), agree a safety plan, follow the service's protocol and tell "
    "your supervisor."
)


__all__ = [
    "ADVANTAGE_OPTIONS",
    "REPAIR_R_OPTIONS",
    "advantage_letter",
    "REPAIR_R_LETTER",
    "check_reading",
    "SAFETY_KEY",
    "SAFETY_WHY",
    "SAFETY_CONCEPT",
]
