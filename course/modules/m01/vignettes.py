"""Module 01, exercises 2 and 3 and the practice sorter: vignettes under neutral labels.

The graded vignettes are the same author-chosen set for every trainee, in a
fixed order, so that a model answer is a literal dict. They are shown under
neutral labels (``V1``, ``W1``). They are graded cards: the trainee package holds
only their texts (:func:`course.vignettes.graded_texts`); their tags and
rationales are in the grading-only ``answer_key``. Per-trainee
variation lives in the practice sorter (:func:`practice_items`) and in the
caseload exercises. The key and the teaching check are in the grading-only
``answer_key.m01``.

>>> [item.label for item in sort_items()]
['V1', 'V2', 'V3', 'V4', 'V5', 'V6', 'V7']
>>> hasattr(sort_items()[0], "answer")
False
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from course import vignettes
from course.seeds import stable_seed

MODULE = "01-working-alliance"
COMPONENTS = ("goal", "task", "bond")
N_PRACTICE = 6

# The graded cards by id, in the order shown. Exercise 2 has seven, so one
# component appears three times and the others twice: counting cannot stand in for
# judgement. Exercise 3 names the same component weakest in two of its four cases.
GRADED_IDS: dict[str, tuple[str, ...]] = {
    "component": (
        "card-020",
        "card-021",
        "card-022",
        "card-023",
        "card-024",
        "card-025",
        "card-026",
    ),
    "weakest_component": (
        "card-027",
        "card-028",
        "card-029",
        "card-030",
    ),
}
PREFIXES = {"component": "V", "weakest_component": "W"}


@dataclass(frozen=True)
class Item:
    """One text a trainee labels: a neutral label, the text, who speaks and the problem."""

    label: str
    text: str
    kind: str = ""
    problem: str = ""


def labelled_ids(family: str) -> dict[str, str]:
    """The graded vignettes of ``family`` as ``{neutral label: bank id}``, in the order shown.

    >>> list(labelled_ids("weakest_component"))
    ['W1', 'W2', 'W3', 'W4']
    """
    prefix = PREFIXES[family]
    return {f"{prefix}{n}": i for n, i in enumerate(GRADED_IDS[family], start=1)}


def _items(labelled: dict[str, str]) -> list[Item]:
    texts = vignettes.graded_texts()
    items = []
    for label, vignette_id in labelled.items():
        v = texts[vignette_id]
        items.append(Item(label=label, text=v.text, kind=v.speaker, problem=v.problem))
    return items


def sort_items() -> list[Item]:
    """The seven vignettes every trainee sorts into goal, task or bond, as ``V1``..``V7``.

    >>> len(sort_items()), sort_items() == sort_items()
    (7, True)
    """
    return _items(labelled_ids("component"))


def weakest_items() -> list[Item]:
    """Four short cases (``W1``..``W4``) in which one Bordin component is the weakest.

    >>> [item.label for item in weakest_items()]
    ['W1', 'W2', 'W3', 'W4']
    """
    return _items(labelled_ids("weakest_component"))


def _ranked(things, *seed_parts):
    """``things`` in a stable per-trainee order (SHA-256 seeds, never ``hash()``)."""
    return sorted(things, key=lambda v: stable_seed(*seed_parts, v.id))


def practice_vignettes(student_id: str, k: int = N_PRACTICE) -> dict[str, vignettes.Vignette]:
    """Practice vignettes for the sorter widget (``P1``..): never a graded one.

    Two per component by default, drawn and ordered per trainee. Practice only:
    the sorter gives feedback from the bank's tags and rationales.

    >>> practice = practice_vignettes("trainee-01")
    >>> list(practice)[:2], any(v.id in GRADED_IDS["component"] for v in practice.values())
    (['P1', 'P2'], False)
    """
    bank = vignettes.bank()
    per_component = math.ceil(k / len(COMPONENTS))
    chosen = []
    for component in COMPONENTS:
        pool = [
            v for v in bank.tagged("component", component) if v.id not in GRADED_IDS["component"]
        ]
        chosen += _ranked(pool, student_id, MODULE, "practice", component)[:per_component]
    chosen = _ranked(chosen, student_id, MODULE, "practice-order")[:k]
    return {f"P{n}": v for n, v in enumerate(chosen, start=1)}


def practice_items(student_id: str, k: int = N_PRACTICE) -> list[Item]:
    """The practice vignettes as :class:`Item` (label, text, speaker, problem).

    >>> graded = {item.text for item in sort_items()}
    >>> practice = practice_items("trainee-01")
    >>> len(practice), any(item.text in graded for item in practice)
    (6, False)
    """
    return [
        Item(label, v.text, v.speaker, v.problem)
        for label, v in practice_vignettes(student_id, k).items()
    ]


def practice_sorter(student_id: str):
    """The practice sorter widget: this trainee's practice vignettes, checked in the kernel."""
    from course.modules.m01.sorter import sorter

    practice = practice_vignettes(student_id)
    return sorter(
        [(label, v.text) for label, v in practice.items()],
        COMPONENTS,
        {label: v.tags["component"] for label, v in practice.items()},
        {label: v.rationale for label, v in practice.items()},
        prompt="Which component of the alliance is each vignette mainly about?",
    )


_PROBLEM_NAMES = {
    "depression": "depression",
    "alcohol_use": "alcohol use",
    "both": "low mood and drinking",
    "general": "",
}


def as_markdown(items: list[Item]) -> str:
    """The items as Markdown: a heading per label, the text quoted line by line.

    >>> item = Item("V1", "Client: Hello.\\nTherapist: Hi.", "scene", "general")
    >>> print(as_markdown([item]))
    **V1** (scene)
    > Client: Hello.<br>
    > Therapist: Hi.
    """
    blocks = []
    for item in items:
        about = ", ".join(p for p in (item.kind, _PROBLEM_NAMES.get(item.problem, "")) if p)
        head = f"**{item.label}**" + (f" ({about})" if about else "")
        lines = [line.strip() for line in item.text.splitlines() if line.strip()]
        blocks.append(head + "\n" + "<br>\n".join(f"> {line}" for line in lines))
    return "\n\n".join(blocks)


def show(items: list[Item]):
    """Display ``items`` in the notebook (rendered Markdown)."""
    from IPython.display import Markdown

    return Markdown(as_markdown(items))
