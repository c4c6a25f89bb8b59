"""Module 09: the keys and rationales of every autograded item, and their teaching checks.

Card keys are in :mod:`answer_key.m09.cards`; which card a trainee saw comes from
:func:`course.modules.m09.drawn_ids`.
"""

from __future__ import annotations

from answer_key.m09.cards import CARDS
from course.grading import CheckFailed, expect_labels, plain
from course.modules.m09 import drawn_ids, week_forms

CONCEPTS = {
    "opportunity": (
        "A cultural opportunity is a moment when the client brings in part of their cultural "
        "identity; taking it up means curious, humble exploration of what it means to them, "
        "not passing over it, reassuring or answering from an assumption."
    ),
    "repair": (
        "Repairing a cultural rupture means acknowledging it without defending your intent, "
        "owning its impact, inviting the client's experience and keeping the focus on them."
    ),
    "interpreter": (
        "Good practice with interpreters: ask the client about the particular interpreter, "
        "brief the interpreter before and debrief after, and keep the conversation three-way: "
        "nothing about the client is said in front of them without being interpreted."
    ),
    "ideation": (
        "Passive ideation is a wish not to be alive without thoughts of acting; active ideation "
        "is thinking of ending one's life, with or without a method, intent or plan. Both are "
        "asked about directly and assessed the same day."
    ),
}

CONSENT_KEY = {"E1": True, "E2": False, "E3": False, "E4": True, "E5": False, "E6": True}
CONSENT_WHY = {
    "E1": "Consent to routine monitoring is informed when purpose, access and storage are explained first (ACA A.2, E.3; APA 3.10, 9.03).",
    "E2": "Consent includes the right to decline; ask what worries the client, explain the purpose, and respect a refusal (ACA A.2; APA 3.10).",
    "E3": "Clients agreed to scores being used for their care; ranking counsellors uses them for another purpose and ignores case mix.",
    "E4": "Explaining a client's own results to them is part of good assessment practice (APA 9.10) and of feedback-informed work.",
    "E5": "Identifiable scores go only to qualified people with consent and through secure channels (ACA E.4, section B; APA 9.04).",
    "E6": "Combined scores that identify no one, used as clients were told at intake, respect consent and privacy.",
}
CONSENT_CONCEPT = (
    "Routine outcome monitoring rests on informed consent: explain purpose, access and storage "
    "first, respect a client who declines, share identifiable scores only with consent, and use "
    "scores for care, not to rank counsellors."
)

CODE_KEY = {"S1": "A.2", "S2": "E.3", "S3": "E.4", "S4": "E.2"}
CODE_WHY = {
    "S1": "What counselling involves, its length and the limits of confidentiality belong to consent to the relationship (ACA A.2; APA 3.10).",
    "S2": "Explaining an assessment's nature and use before giving it is consent to the assessment (ACA E.3; APA 9.03).",
    "S3": "Scores go to others only with the client's consent and to qualified people (ACA E.4; APA 9.04).",
    "S4": "Using an instrument one is not trained to score or interpret is a matter of competence (ACA E.2; APA 2.01, 9.07).",
}
CODE_CONCEPT = "Match each situation to the heading that names what is at stake in it."

SAFETY_PLAN_KEY = {"K1": True, "K2": False, "K3": True, "K4": True, "K5": False, "K6": True}
SAFETY_PLAN_WHY = {
    "K1": "Recognising warning signs is the first step of the Safety Planning Intervention.",
    "K2": "A no-suicide promise is not part of a safety plan, which lists what to do, not what not to do.",
    "K3": "Internal coping strategies are the plan's second step.",
    "K4": "Social contacts and settings, and people to ask for help, are the plan's middle steps.",
    "K5": "Rating risk is part of the clinician's assessment, not of the client's safety plan.",
    "K6": "Making the environment safe, limiting access to means, is the plan's last step.",
}
SAFETY_PLAN_CONCEPT = (
    "Stanley and Brown's plan lists warning signs, internal coping, social contacts and "
    "settings, people to ask for help, professionals and services, and making the "
    "environment safe."
)

TRAINEE_KEY = {"T1": True, "T2": False, "T3": True, "T4": False, "T5": True, "T6": False}
TRAINEE_WHY = {
    "T1": "Asking directly is the trainee's job in the session; asking does not plant the idea.",
    "T2": "A trainee never judges risk alone: a qualified clinician assesses it the same day.",
    "T3": "Being honest about involving the supervisor keeps trust and fits the limits of confidentiality.",
    "T4": "Risk to life is a limit of confidentiality; a trainee cannot promise secrecy.",
    "T5": "Under this course's protocol a qualified clinician is involved the same day, before the client leaves.",
    "T6": "Waiting a week breaks the same-day protocol.",
}
TRAINEE_CONCEPT = (
    "In the session the trainee asks directly, stays with the client, is honest about "
    "confidentiality and involves a qualified clinician the same day; the trainee does not "
    "judge risk alone, promise secrecy or wait."
)
SAME_DAY_CONCEPT = (
    "Any item 9 answer above 0 calls for a further assessment by a qualified clinician the same "
    "day, whatever the total; a high total with item 9 at 0 calls for a review, not the same-day "
    "risk protocol."
)


def card_key(family: str, student_id: str) -> tuple[dict, dict]:
    """``({label: value}, {label: rationale})`` for the cards ``student_id`` saw.

    >>> key, why = card_key("ideation", "trainee-01")
    >>> key
    {'Q1': 'passive', 'Q2': 'active', 'Q3': 'passive', 'Q4': 'active'}
    """
    shown = drawn_ids(family, student_id)
    return (
        {label: CARDS[i][1] for label, i in shown.items()},
        {label: CARDS[i][2] for label, i in shown.items()},
    )


def check_labels(value, expected: dict, name: str, rationales: dict, concept: str) -> None:
    """:func:`course.grading.expect_labels`, with the concept added to the message.

    >>> check_labels({"a": True}, {"a": True}, "x", {}, "C.")
    >>> check_labels({"a": False}, {"a": True}, "x", {"a": "Because."}, "C.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `x`: 1 of 1 not right yet. a: you said False; Because. C.
    """
    try:
        expect_labels(value, expected, name, rationales)
    except CheckFailed as failure:
        raise CheckFailed(f"{failure} {concept}") from None


def check_cards(value, expected: dict, family: str, student_id: str, name: str) -> None:
    """Hidden-test check of a card exercise: ``expected`` (the reference), with the
    rationales of the cards ``student_id`` saw."""
    check_labels(value, expected, name, card_key(family, student_id)[1], CONCEPTS[family])


def expected_same_day(student_id: str) -> list[str]:
    """The labels of this week's forms with item 9 above 0, in label order.

    >>> all(label.startswith("P") for label in expected_same_day("trainee-01"))
    True
    """
    forms = week_forms(student_id)
    return [label for label in forms.index if forms.loc[label, "phq9_item9"] > 0]


def check_same_day(value, expected: list, student_id: str, name: str = "same_day_forms") -> None:
    """Hidden-test check of exercise 8: ``expected`` labels in any order, with what was missed."""
    forms = week_forms(student_id)
    got = plain(value, name)
    if type(got) is not list:
        raise CheckFailed(f'`{name}` should be a list such as ["P2"].')
    if sorted(map(str, got)) == sorted(expected):
        return
    notes = []
    if any(str(p) in forms.index and forms.loc[str(p), "phq9_item9"] == 0 for p in got):
        notes.append(
            "A form with item 9 at 0 does not trigger the same-day risk protocol, even with a high total."
        )
    if any(p not in got and forms.loc[p, "phq9_total"] < 10 for p in expected):
        notes.append("A low total does not cancel item 9: any answer above 0 is a flag.")
    raise CheckFailed(f"`{name}` is not right yet. {' '.join(notes) or SAME_DAY_CONCEPT}")
