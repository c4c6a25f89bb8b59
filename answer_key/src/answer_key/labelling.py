"""The key of the vignette-sorting exercises and their teaching check (grading only).

The key is read from a freshly loaded bank, not from the vignette objects the
notebook showed, so nothing an answer cell does to those can change it. A miss
is explained with the vignette's rationale and a reminder of the concept.

>>> from course import vignettes
>>> from course.labelling import with_labels
>>> labelled = with_labels(vignettes.bank().tagged("rupture")[:2], "V")
>>> check_sorted(label_key(labelled, "rupture"), labelled, "rupture", "labels", "Reminder.")
"""

from __future__ import annotations

from answer_key.vignettes import fresh_bank
from course.grading import CheckFailed, expect_labels
from course.vignettes import Vignette


def label_key(labelled: dict[str, Vignette], family: str) -> dict[str, object]:
    """Each label mapped to its vignette's ``family`` tag, read from a freshly loaded bank."""
    fresh = fresh_bank()
    return {label: fresh.get(v.id).tags[family] for label, v in labelled.items()}


def label_rationales(labelled: dict[str, Vignette]) -> dict[str, str]:
    """Each label mapped to the one-sentence reason its vignette carries its tag."""
    return {label: v.rationale for label, v in labelled.items()}


def check_sorted(
    value, labelled: dict[str, Vignette], family: str, name: str, reminder: str
) -> None:
    """Hidden-test check: every vignette labelled with its ``family`` value.

    Raises :class:`course.grading.CheckFailed` naming the misses with their
    rationales (see :func:`course.grading.expect_labels`), then ``reminder``.
    """
    try:
        expect_labels(value, label_key(labelled, family), name, label_rationales(labelled))
    except CheckFailed as failure:
        raise CheckFailed(f"{failure} {reminder}") from None
