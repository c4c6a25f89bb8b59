"""Module 07, exercises 1, 2 (and the label checks of 5 and 8): the keys and teaching checks.

The graded vignettes are the fixed set of :mod:`course.modules.m07.vignettes`;
their tags and rationales are read from a freshly loaded bank
(:func:`answer_key.vignettes.fresh_bank`), not from anything the notebook showed.
"""

from __future__ import annotations

from answer_key import labelling
from answer_key.vignettes import fresh_bank
from course.modules.m07.vignettes import labelled_ids
from course.vignettes import Vignette


def labelled_vignettes(family: str) -> dict[str, Vignette]:
    """The graded vignettes of ``family`` under their neutral labels, freshly loaded.

    >>> list(labelled_vignettes("repair"))
    ['S1', 'S2', 'S3', 'S4']
    """
    fresh = fresh_bank()
    return {label: fresh.get(i) for label, i in labelled_ids(family).items()}


def check_labels(value, answer_key: dict, name: str, rationales: dict, concept: str) -> None:
    """Hidden-test check for a sorting exercise: :func:`course.grading.expect_labels`,
    with the concept the trainee missed added to the message.

    >>> check_labels({"v1": "withdrawal"}, {"v1": "withdrawal"}, "labels", {}, "Moves away.")
    >>> check_labels({"v1": "confrontation"}, {"v1": "withdrawal"}, "labels", {}, "Moves away.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `labels`: 1 of 1 not right yet. v1: you said 'confrontation'; Moves away.
    """
    from course.grading import CheckFailed, expect_labels

    try:
        expect_labels(value, answer_key, name, rationales)
    except CheckFailed as failure:
        raise CheckFailed(f"{failure} {concept}") from None


MARKER_CONCEPT = (
    "Withdrawal moves away from the therapist or the work (minimal answers, changing the "
    "subject, vague talk, going along without agreeing); confrontation moves against them "
    "(complaints, rejecting a task, blame, pressure)."
)
REPAIR_ATTEMPT_CONCEPT = (
    "A repair attempt means the therapist notices the strain and turns toward it (asks about it, "
    "owns their part, adjusts the task); pressing on, defending or repeating the same move is "
    "no repair."
)


def exercise_key(family: str) -> dict:
    """The reference answer of Exercise 1 or 2: each neutral label mapped to its tag value.

    The tags are read from a freshly loaded bank, not from the cached vignette
    objects, so nothing an answer cell does to those can change the key.

    >>> key = exercise_key("rupture")
    >>> list(key), sorted(key.values())
    (['V1', 'V2', 'V3', 'V4', 'V5', 'V6'], ['confrontation', 'confrontation', 'confrontation', 'withdrawal', 'withdrawal', 'withdrawal'])
    >>> sorted(exercise_key("repair").values())
    [False, False, True, True]
    """
    return labelling.label_key(labelled_vignettes(family), family)


def check_vignette_labels(value, expected: dict, family: str, name: str) -> None:
    """Hidden-test check of Exercise 1 or 2: every label as ``expected``, with rationales for misses.

    >>> key = exercise_key("repair")
    >>> check_vignette_labels(key, key, "repair", "repair_attempted")
    >>> check_vignette_labels({k: True for k in key}, key, "repair", "repair_attempted")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `repair_attempted`: 2 of 4 not right yet. ...
    """
    concept = {"rupture": MARKER_CONCEPT, "repair": REPAIR_ATTEMPT_CONCEPT}[family]
    rationales = labelling.label_rationales(labelled_vignettes(family))
    check_labels(value, expected, name, rationales, concept)
