"""Vignette-sorting exercises: vignettes shown under neutral labels.

Modules 02, 03 and 07 ask trainees to sort short vignettes by a concept (a use of
the relationship, a quality clients value, a rupture marker, ...). The vignettes
are shown under neutral labels (``A``, ``Q1``, ``V1``) because the bank's ids name
the concept (``rup-withdraw-003``) and would give the answer away. The key and the
teaching check live in the grading-only ``answer_key.labelling``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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
