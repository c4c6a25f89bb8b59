"""Module 07, exercises 1 and 2: the rupture vignettes, shown under neutral labels.

The graded vignettes are the same author-chosen set for every trainee, in a
fixed order, so that a model answer is a literal dict: six rupture markers
(``V1``..``V6``, three withdrawal and three confrontation) and four scenes
(``S1``..``S4``, two with a repair attempt and two without), none shown twice.
Only neutral labels, texts and the client's problem reach the notebook, never
a vignette object with its tags or rationale. The key and the teaching check are
in the grading-only ``answer_key.m07``.

>>> [item.label for item in items("repair")]
['S1', 'S2', 'S3', 'S4']
>>> hasattr(items("rupture")[0], "tags"), hasattr(items("rupture")[0], "rationale")
(False, False)
"""

from __future__ import annotations

from dataclasses import dataclass

from course import vignettes

# Graded cards (ids that name no answer; only their texts are in the trainee package),
# shown under neutral labels: V1..V6 for the markers, S1..S4 for the repair scenes.
VIGNETTE_PREFIXES = {"rupture": "V", "repair": "S"}

# The graded cards, in the order shown; their tags and rationales are in answer_key.
GRADED_IDS: dict[str, tuple[str, ...]] = {
    "rupture": (
        "card-047",
        "card-048",
        "card-049",
        "card-050",
        "card-051",
        "card-052",
    ),
    "repair": (
        "card-053",
        "card-054",
        "card-055",
        "card-056",
    ),
}
N_MARKERS = len(GRADED_IDS["rupture"])  # Exercise 1: 3 withdrawal, 3 confrontation
N_SCENES = len(GRADED_IDS["repair"])  # Exercise 2: 2 with a repair attempt, 2 without


@dataclass(frozen=True)
class Item:
    """One text a trainee labels: a neutral label, the text and the client's problem."""

    label: str
    text: str
    problem: str = ""


def labelled_ids(family: str) -> dict[str, str]:
    """The graded vignettes of ``family`` as ``{neutral label: bank id}``, in the order shown.

    >>> list(labelled_ids("repair"))
    ['S1', 'S2', 'S3', 'S4']
    """
    prefix = VIGNETTE_PREFIXES[family]
    return {f"{prefix}{n}": i for n, i in enumerate(GRADED_IDS[family], start=1)}


def vignette_labels(family: str) -> list[str]:
    """The labels the trainee sees for ``family``, in order (for the visible tests).

    >>> vignette_labels("rupture")
    ['V1', 'V2', 'V3', 'V4', 'V5', 'V6']
    """
    return list(labelled_ids(family))


def items(family: str) -> list[Item]:
    """The graded vignettes of ``family`` ("rupture" or "repair") as label, text and problem.

    >>> len(items("rupture")), items("rupture") == items("rupture")
    (6, True)
    """
    graded = vignettes.graded_texts()
    found = [graded[i] for i in GRADED_IDS[family]]
    return [
        Item(label=label, text=v.text, problem=v.problem)
        for label, v in zip(labelled_ids(family), found, strict=True)
    ]


def vignette_markdown(shown: list[Item], show_problem: bool = True) -> str:
    """Markdown with each vignette's neutral label and text: never its bank id, tags or rationale.

    >>> text = vignette_markdown(items("rupture"))
    >>> text.startswith("**V1**"), "rup-" in text, "withdrawal" in text.lower()
    (True, False, False)
    """
    blocks = []
    for item in shown:
        about = f" ({item.problem.replace('_', ' ')})" if show_problem else ""
        lines = [line.strip() for line in item.text.splitlines() if line.strip()]
        body = "\n".join(f"> {line}  " for line in lines)
        blocks.append(f"**{item.label}**{about}\n\n{body}")
    return "\n\n".join(blocks)


def exercise_vignettes(family: str) -> tuple[list[str], str]:
    """The labels of the vignettes of Exercise 1 (``"rupture"``) or 2 (``"repair"``) and their Markdown.

    >>> labels, text = exercise_vignettes("repair")
    >>> labels == vignette_labels("repair") and all(f"**{k}**" in text for k in labels)
    True
    """
    return vignette_labels(family), vignette_markdown(items(family))
