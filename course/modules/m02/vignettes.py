"""Module 02, exercises 1-4 and the practice widget: vignettes under neutral labels.

Each classification exercise (``use``, ``stance``, ``purpose``,
``corrective_experience``) shows four vignettes, labelled ``A`` to ``D``. The
graded vignettes are the same author-chosen sixteen for every trainee, in a
fixed order, so that a model answer is a literal dict; no vignette appears in
two exercises, and each set is balanced over its family's values. Per-trainee
variation lives in the practice widget (:func:`practice_pool`) and in the
caseload exercises.

The graded vignettes are cards (:data:`GRADED`) whose ids name no answer; the
trainee package holds only their texts, and the trainee sees an :class:`Excerpt`
(label, text, who speaks, who the client is). Their tags and rationales are read
by the grading-only ``answer_key.m02``.

>>> sorted(graded_excerpts()), [e.label for e in graded_excerpts()["use"]]
(['corrective_experience', 'purpose', 'stance', 'use'], ['A', 'B', 'C', 'D'])
>>> hasattr(graded_excerpts()["use"][0], "tags")
False
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from course import vignettes
from course.seeds import stable_seed

MODULE = "02-using-the-relationship"
FAMILIES = ("use", "stance", "purpose", "corrective_experience")
LABELS = ("A", "B", "C", "D")
USES = [
    "address_relationship_problems",
    "challenge_maladaptive_patterns",
    "model_interpersonal_resolution",
    "provide_feedback",
]
STANCES = ["confronting_challenging", "supporting_empowering"]
PURPOSES = ["process_relationship", "promote_change"]
ALLOWED = {
    "use": USES,
    "stance": STANCES,
    "purpose": PURPOSES,
    "corrective_experience": [True, False],
}

#: Short labels for buttons and tables (the definitions are in the vignette vocabulary).
VALUE_LABELS = {
    "address_relationship_problems": "Address a relationship problem",
    "challenge_maladaptive_patterns": "Challenge a maladaptive pattern",
    "model_interpersonal_resolution": "Model interpersonal resolution",
    "provide_feedback": "Give feedback",
    "confronting_challenging": "Confronting / challenging",
    "supporting_empowering": "Supporting / empowering",
    "process_relationship": "Process the relationship (end in itself)",
    "promote_change": "Use it to promote change",
    True: "Corrective experience",
    False: "Not a corrective experience",
}

FAMILY_TITLES = {
    "use": "Use of the relationship",
    "stance": "Stance",
    "purpose": "Purpose",
    "corrective_experience": "Corrective experience?",
}

# The graded cards of each exercise, in the order shown (A to D); the same for every
# trainee. Their ids name no answer; their tags and rationales are in answer_key.
GRADED: dict[str, tuple[str, ...]] = {
    "use": ("card-031", "card-032", "card-033", "card-034"),
    "stance": ("card-035", "card-036", "card-037", "card-038"),
    "purpose": ("card-039", "card-040", "card-041", "card-042"),
    "corrective_experience": ("card-043", "card-044", "card-045", "card-046"),
}


@dataclass(frozen=True)
class Excerpt:
    """One graded vignette as the trainee sees it: no id, no tag, no rationale."""

    label: str
    text: str
    speaker: str
    problem: str
    client: vignettes.Person


def _graded(family: str) -> list[vignettes.VignetteText]:
    """The graded cards of one exercise (texts only), in the order shown."""
    texts = vignettes.graded_texts()
    return [texts[card] for card in GRADED[family]]


def graded_excerpts() -> dict[str, list[Excerpt]]:
    """The four excerpts of each classification exercise, labelled ``A`` to ``D``.

    The same for every trainee.

    >>> len({e.text for excerpts in graded_excerpts().values() for e in excerpts})
    16
    """
    return {
        family: [
            Excerpt(label, v.text, v.speaker, v.problem, v.client)
            for label, v in zip(LABELS, _graded(family), strict=True)
        ]
        for family in FAMILIES
    }


def describe(vignette: vignettes.Vignette | Excerpt) -> str:
    """A one-line description of who speaks and who the client is.

    >>> describe(vignettes.bank().get("corr-yes-001"))
    'A short scene · client: woman, 35-44 · in counselling for depression'
    """
    speaker = {
        "scene": "A short scene",
        "client": "The client speaks",
        "therapist": "The therapist speaks",
    }
    client = vignette.client
    who = ", ".join(
        part
        for part in (client.gender.replace("_", "-"), client.age_band, client.background)
        if part
    )
    problem = {
        "depression": "in counselling for depression",
        "alcohol_use": "in counselling for their drinking",
        "both": "in counselling for low mood and drinking",
        "general": "",
    }[vignette.problem]
    return " · ".join(
        part for part in (speaker[vignette.speaker], f"client: {who}", problem) if part
    )


def vignette_html(vignette: vignettes.Vignette | Excerpt, label: str = "") -> str:
    """One vignette as HTML: a heading line, then the text (a scene line by line).

    >>> "<b>A</b>" in vignette_html(vignettes.bank().get("corr-no-001"), "A")
    True
    """
    lines = [html.escape(line.strip()) for line in vignette.text.splitlines() if line.strip()]
    body = "<br>".join(lines)
    head = f"<b>{html.escape(label)}</b> · " if label else ""
    return (
        f'<div style="margin:0.6em 0"><div style="color:#555">{head}'
        f"{html.escape(describe(vignette))}</div>"
        f'<blockquote style="margin:0.3em 0 0 0.8em;padding-left:0.8em;'
        f'border-left:3px solid #0072B2">{body}</blockquote></div>'
    )


def show_vignettes(family: str):
    """Display the labelled excerpts of one exercise (an IPython HTML object)."""
    from IPython.display import HTML

    items = graded_excerpts()[family]
    return HTML("".join(vignette_html(e, e.label) for e in items))


def practice_pool(student_id: str, family: str) -> list[vignettes.Vignette]:
    """Every vignette of ``family`` that is not in any graded exercise.

    Ordered for this trainee, so the practice widget starts somewhere different
    for each of them. Practice only: the widget gives feedback from the bank's
    tags and rationales.

    >>> len(practice_pool("trainee-01", "use")) >= 20
    True
    """
    pool = vignettes.bank().tagged(family)  # graded cards are not in the practice bank
    return sorted(pool, key=lambda v: stable_seed(MODULE, student_id, "practice", v.id))
