"""Vignette-sorting exercises: neutral labels, the key from the bank's tags, a teaching check.

Modules 02, 03 and 07 ask trainees to sort short vignettes by a concept (a use of
the relationship, a quality clients value, a rupture marker, ...). The vignettes
are shown under neutral labels (``A``, ``Q1``, ``V1``) because the bank's ids name
the concept (``rup-withdraw-003``) and would give the answer away. The key is read
from a freshly loaded bank, not from the vignette objects the notebook showed, so
nothing an answer cell does to those can change it. A miss is explained with the
vignette's rationale and a reminder of the concept.

>>> from course import vignettes
>>> picked = vignettes.bank().tagged("rupture")[:2]
>>> labelled = with_labels(picked, "V")
>>> list(labelled)
['V1', 'V2']
>>> check_sorted(label_key(labelled, "rupture"), labelled, "rupture", "labels", "Reminder.")
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from course import vignettes
from course.grading import CheckFailed, expect_labels
from course.vignettes import Vignette


def with_labels(picked: Iterable[Vignette], labels: str | Sequence[str]) -> dict[str, Vignette]:
    """The vignettes under neutral labels, in order: a prefix numbers them (V1, V2, ...).

    >>> from course import vignettes
    >>> two = vignettes.bank().tagged("rupture")[:2]
    >>> list(with_labels(two, ["A", "B"])), list(with_labels(two, "Q"))
    (['A', 'B'], ['Q1', 'Q2'])
    """
    picked = list(picked)
    if isinstance(labels, str):
        labels = [f"{labels}{n}" for n in range(1, len(picked) + 1)]
    return dict(zip(labels, picked, strict=True))


def label_key(labelled: dict[str, Vignette], family: str) -> dict[str, object]:
    """Each label mapped to its vignette's ``family`` tag, read from a freshly loaded bank."""
    fresh = vignettes.load()
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
