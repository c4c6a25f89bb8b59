"""Module 03, exercises 4 and 10: the right option of each multiple-choice item and why
each other option is wrong.

Options are named by how their text begins, so a reordered or reworded option
list in ``course.modules.m03.choices`` fails loudly (:func:`_option`) instead of
silently moving the key.
"""

from __future__ import annotations

from course.grading import CheckFailed, plain
from course.modules.m03.choices import OPTION_TEXTS, options

# How the right option of each item begins.
CORRECT = {"closeness": "It was an interview study", "cabral": "On average clients preferred"}
# Why each wrong option is wrong, by how it begins: said when a trainee chooses it.
WHY: dict[str, dict[str, str]] = {
    "closeness": {
        "It was a randomised": (
            "The study interviewed 26 therapists about their experience (a grounded-theory "
            "analysis); it randomised nothing and measured no client outcomes."
        ),
        "Closeness only ever helps,": (
            "The therapists also described closeness backfiring and harms to prevent; "
            "amplification works both ways, so closeness is steered, not maximised."
        ),
        "Closeness matters in psychodynamic": (
            "The therapists interviewed practised behavioural and cognitive therapies, and "
            "described closeness changing how strongly their interventions landed."
        ),
    },
    "cabral": {
        "Matched clients improved far": (
            "d = .63 was the size of clients' preference for a counsellor of their own "
            "race or ethnicity, not of the outcome difference, which averaged d = .09."
        ),
        "Matching has no effects": (
            "Preferences (d = .63) and perceptions of the counsellor (d = .32) were clearly "
            "affected; a near-zero average outcome effect does not make a client's preference "
            "unimportant, and weighing the match is the first theme clients describe."
        ),
        "The effects were the": (
            "The effects were highly heterogeneous (studies with African American participants "
            "showed the largest); a rule for everyone ignores the individual client."
        ),
    },
}


def _option(item: str, beginning: str) -> str:
    """The one option text of ``item`` that begins with ``beginning``."""
    found = [text for text in OPTION_TEXTS[item] if text.startswith(beginning)]
    if len(found) != 1:
        raise LookupError(f"{item}: {len(found)} options begin with {beginning!r}")
    return found[0]


def correct_letter(student_id: str, item: str) -> str:
    """The letter of the correct option of ``item`` for this trainee.

    >>> from course.modules.m03.choices import options
    >>> letter = correct_letter("trainee-01", "cabral")
    >>> options("trainee-01", "cabral")[letter].startswith("On average")
    True
    """
    correct = _option(item, CORRECT[item])
    return next(letter for letter, text in options(student_id, item).items() if text == correct)


def why_wrong(item: str, text: str | None) -> str:
    """Why the option ``text`` of ``item`` is wrong ("" for the right one or an unknown text).

    >>> why_wrong("closeness", OPTION_TEXTS["closeness"][0]).split(";")[0]
    'The study interviewed 26 therapists about their experience (a grounded-theory analysis)'
    """
    for beginning, why in WHY[item].items():
        if text == _option(item, beginning):
            return why
    return ""


def check_choice(value, expected: str, student_id: str, item: str, name: str, concept: str) -> None:
    """Hidden-test check of a multiple-choice answer; a wrong choice hears why it is wrong.

    >>> check_choice(correct_letter("trainee-01", "closeness"),
    ...              correct_letter("trainee-01", "closeness"), "trainee-01", "closeness", "x", "")
    """
    got = plain(value, name)
    if got == expected:
        return
    chosen = options(student_id, item).get(got) if isinstance(got, str) else None
    why = why_wrong(item, chosen)
    raise CheckFailed(f"`{name}` is not right yet. {why} {concept}".replace("  ", " "))
