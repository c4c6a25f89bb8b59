"""Module 01, exercises 2 and 3: the key of the vignette sorting and its teaching check."""

from __future__ import annotations

from answer_key.labelling import label_key, label_rationales
from answer_key.vignettes import fresh_bank
from course.grading import expect_labels
from course.modules.m01.vignettes import labelled_ids
from course.vignettes import Vignette


def labelled_vignettes(family: str) -> dict[str, Vignette]:
    """The graded vignettes of ``family`` under their neutral labels, freshly loaded.

    Read from disk now, not from the kernel's cached bank, so that nothing an
    answer cell does to the objects the notebook showed can change a key.

    >>> list(labelled_vignettes("weakest_component"))
    ['W1', 'W2', 'W3', 'W4']
    """
    fresh = fresh_bank()
    return {label: fresh.get(i) for label, i in labelled_ids(family).items()}


def exercise_key(family: str) -> dict[str, str]:
    """The reference answer: each neutral label mapped to its vignette's ``family`` value.

    >>> sorted(exercise_key("component").values())
    ['bond', 'bond', 'bond', 'goal', 'goal', 'task', 'task']
    """
    return label_key(labelled_vignettes(family), family)


def check_labels(value, expected: dict[str, str], family: str, name: str) -> None:
    """Hidden-test check: each graded vignette labelled as ``expected`` says.

    A miss names up to three mislabelled vignettes with the rationale of each.

    >>> key = exercise_key("component")
    >>> check_labels(key, key, "component", "component_labels")
    >>> check_labels({**key, "V1": "bond"}, key, "component", "component_labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `component_labels`: 1 of 7 not right yet. ...
    """
    expect_labels(value, expected, name, label_rationales(labelled_vignettes(family)))
