"""Module 01, exercises 1, 8 and 9: whether each statement and claim holds, the best
response to each case, and the one-sentence reason a trainee reads on a miss.

Statements and claims are keyed by the neutral labels of
``course.modules.m01.statements``; a case's best option is named by how its text
begins, so a reworded option list fails loudly (:func:`best_option`) instead of
silently moving the key.
"""

from __future__ import annotations

from course.grading import expect_labels
from course.modules.m01.statements import CASES, CLAIMS, DEFINITION_STATEMENTS, case_options

# Exercise 1: consistent with Gelso & Carter's definition and three-part model?, and why.
STATEMENT_KEY: dict[str, tuple[bool, str]] = {
    "S1": (
        True,
        "The definition covers the feelings and attitudes each person holds toward the "
        "other, not only those that get expressed, so unspoken impatience belongs to "
        "it.",
    ),
    "S2": (
        False,
        "The definition is mutual: the therapist's feelings and attitudes toward the "
        "client are part of the relationship too.",
    ),
    "S3": (
        True,
        "Gelso and Carter propose three components of every therapy relationship, and "
        "the working alliance is only one of them.",
    ),
    "S4": (
        False,
        "Gelso and Carter describe the relationship as present in every therapy, "
        "behavioural ones included; schools differ in how central they make it.",
    ),
    "S5": (
        True,
        "Gelso and Carter define the relationship by the feelings and attitudes and "
        "also by how they are expressed, so the way feelings show is part of it.",
    ),
}

# Exercise 8: supported by the evidence?, and why.
CLAIM_KEY: dict[str, tuple[bool, str]] = {
    "C1": (
        False,
        "A consistent correlation is not proof of cause: the alliance is a proposed "
        "mechanism, and early change or therapist differences could explain part of it.",
    ),
    "C2": (
        True,
        "Flückiger et al. (2018) pooled 295 studies (face-to-face and internet-based "
        "therapy, more than 30,000 clients); in face-to-face therapy r = .278: a reliable "
        "positive association.",
    ),
    "C3": (
        False,
        "A correlation describes how two measures move together across clients; it is "
        "not a percentage of clients, and r squared (about 8%) is a share of variance.",
    ),
    "C4": (
        True,
        "Early change is one proposed explanation, and session-by-session data show "
        "that alliance and symptoms influence each other early in therapy (Flückiger et "
        "al., 2020).",
    ),
    "C5": (
        False,
        "The association held across treatment approaches in Flückiger et al. (2018), "
        "structured ones included.",
    ),
}

# Exercise 9: how the best option of each case begins, and why it is best.
CASE_BEST: dict[str, str] = {
    "alcohol": "Say that coming was clearly not",
    "depression": "Name the change gently and ask",
    "safety": "Ask him directly about these thoughts",
}
CASE_WHY: dict[str, str] = {
    "alcohol": (
        "A client who did not choose to come needs goals he can own before any plan: "
        "early alliance predicted both attendance and drinking in outpatient alcohol "
        "treatment (Connors et al., 1997), and lecturing or sending him away loses "
        "both."
    ),
    "depression": (
        "Weaker alliances go with dropping out (Sharf et al., 2010), so a drop in the "
        "bond is raised with the client, openly and without blame, before it becomes a "
        "reason to leave."
    ),
    "safety": (
        "The course's protocol: any answer above 0 on PHQ-9 item 9 is acted on the same "
        "day, whatever the total: ask directly, arrange further assessment of risk by a "
        "clinician competent to do it, plan for safety, follow local protocol and involve "
        "supervision."
    ),
}
_KEYS = {"definition": (STATEMENT_KEY, DEFINITION_STATEMENTS), "claims": (CLAIM_KEY, CLAIMS)}


def judgement_key(exercise: str) -> dict[str, bool]:
    """``{label: True or False}`` for ``exercise`` ("definition" or "claims").

    >>> judgement_key("definition")
    {'S1': True, 'S2': False, 'S3': True, 'S4': False, 'S5': True}
    """
    key, shown = _KEYS[exercise]
    if list(key) != list(shown):
        raise LookupError(
            f"{exercise}: the key's labels {list(key)} are not the shown {list(shown)}"
        )
    return {label: truth for label, (truth, _why) in key.items()}


def judgement_rationales(exercise: str) -> dict[str, str]:
    """``{label: why}``: what a trainee reads when they get that statement or claim wrong."""
    return {label: why for label, (_truth, why) in _KEYS[exercise][0].items()}


def check_judgements(value, expected: dict[str, bool], exercise: str, name: str) -> None:
    """Hidden-test check of exercise 1 or 8: each label judged as ``expected`` says.

    >>> key = judgement_key("claims")
    >>> check_judgements(key, key, "claims", "claim_judgements")
    >>> check_judgements({**key, "C1": True}, key, "claims", "claim_judgements")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `claim_judgements`: 1 of 5 not right yet. ...
    """
    expect_labels(value, expected, name, judgement_rationales(exercise))


def best_option(key: str) -> str:
    """The one option text of case ``key`` that begins as :data:`CASE_BEST` says."""
    found = [text for text in CASES[key][1] if text.startswith(CASE_BEST[key])]
    if len(found) != 1:
        raise LookupError(f"{key}: {len(found)} options begin with {CASE_BEST[key]!r}")
    return found[0]


def case_key(student_id: str) -> dict[str, str]:
    """``{case key: letter of the best response}`` in this trainee's option order.

    >>> picked = case_key("trainee-01")
    >>> list(picked), all(letter in "abc" for letter in picked.values())
    (['alcohol', 'depression', 'safety'], True)
    """
    lettered = case_options(student_id)
    return {
        key: next(letter for letter, text in options.items() if text == best_option(key))
        for key, options in lettered.items()
    }


def check_cases(value, expected: dict[str, str], name: str = "case_choices") -> None:
    """Hidden-test check of exercise 9: a miss reads why the best response is best.

    >>> check_cases(case_key("trainee-02"), case_key("trainee-02"))
    """
    expect_labels(value, expected, name, CASE_WHY)
