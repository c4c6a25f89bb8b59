"""Module 09, exercises 1, 2, 3 and 6: the graded cards, drawn per trainee and shown by label.

The texts are in ``course/data/m09_vignettes.json`` (simulated, written for this
course); which answer each card shows, and why, is only in the grading-only
``answer_key.m09.cards``.

Each family has fixed **slots** (``C1``..``C4`` and so on). A slot holds one card
or two cards that show the same answer; which of the two a trainee sees is drawn
from the trainee's id. So trainees read different scenes, while the answer at
each label is the same for everyone and a model answer can be a literal dict.

>>> [item.label for item in items("opportunity", "trainee-01")]
['C1', 'C2', 'C3', 'C4']
>>> hasattr(items("repair", "trainee-01")[0], "value")
False
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources

from course.seeds import stable_seed

MODULE = "09-culture-consent-and-risk"
PREFIXES = {"opportunity": "C", "repair": "R", "interpreter": "I", "ideation": "Q"}

# The graded slots of each family, in the order shown: each a tuple of card ids.
SLOTS: dict[str, tuple[tuple[str, ...], ...]] = {
    "opportunity": (
        ("m09-card-01", "m09-card-02"),
        ("m09-card-03", "m09-card-04"),
        ("m09-card-05", "m09-card-06"),
        ("m09-card-07", "m09-card-08"),
    ),
    "repair": (
        ("m09-card-09", "m09-card-10"),
        ("m09-card-11", "m09-card-12"),
        ("m09-card-13", "m09-card-14"),
        ("m09-card-15", "m09-card-16"),
    ),
    "interpreter": (("m09-card-17",), ("m09-card-18",), ("m09-card-19",), ("m09-card-20",)),
    "ideation": (("m09-card-21",), ("m09-card-22",), ("m09-card-23",), ("m09-card-24",)),
}


@dataclass(frozen=True)
class Item:
    """One card as a trainee sees it: a neutral label and the text."""

    label: str
    text: str


def card_texts() -> dict[str, str]:
    """Every graded card's text by id, read afresh from the package data.

    >>> len(card_texts())
    24
    """
    source = resources.files("course").joinpath("data", "m09_vignettes.json")
    return dict(json.loads(source.read_text(encoding="utf-8"))["cards"])


def labels(family: str) -> list[str]:
    """The labels a trainee sees for ``family``, in order (for the visible tests).

    >>> labels("ideation")
    ['Q1', 'Q2', 'Q3', 'Q4']
    """
    return [f"{PREFIXES[family]}{n}" for n in range(1, len(SLOTS[family]) + 1)]


def drawn_ids(family: str, student_id: str) -> dict[str, str]:
    """``{label: card id}`` for the cards ``student_id`` sees in ``family``.

    >>> ids = drawn_ids("repair", "trainee-01")
    >>> list(ids) == labels("repair") and ids == drawn_ids("repair", "trainee-01")
    True
    """
    chosen = {}
    for label, slot in zip(labels(family), SLOTS[family], strict=True):
        pick = stable_seed(student_id, MODULE, family, label) % len(slot)
        chosen[label] = slot[pick]
    return chosen


def items(family: str, student_id: str) -> list[Item]:
    """The cards of ``family`` that ``student_id`` sees, as label and text only."""
    texts = card_texts()
    return [Item(label, texts[i]) for label, i in drawn_ids(family, student_id).items()]


def vignette_markdown(shown: list[Item]) -> str:
    """Markdown with each card's label and text, quoted line by line.

    >>> text = vignette_markdown(items("opportunity", "trainee-01"))
    >>> text.startswith("**C1** (simulated)"), "m09-card" in text
    (True, False)
    """
    blocks = []
    for item in shown:
        lines = [line.strip() for line in item.text.splitlines() if line.strip()]
        body = "\n".join(f"> {line}  " for line in lines)
        blocks.append(f"**{item.label}** (simulated)\n\n{body}")
    return "\n\n".join(blocks)


def exercise_vignettes(family: str, student_id: str) -> tuple[list[str], str]:
    """The labels of one exercise's cards and the Markdown that shows them."""
    return labels(family), vignette_markdown(items(family, student_id))
