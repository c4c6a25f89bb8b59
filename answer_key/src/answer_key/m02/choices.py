"""Module 02, exercises 8 and 10: the key of the two choices and their teaching checks.

The options are in the trainee package (``course.modules.m02.choices`` and
``INTERVAL_KINDS``); which one is right, and why each other option is not, lives
only here. A miss is explained with the note of the option the trainee chose.
"""

from __future__ import annotations

from course.grading import CheckFailed, plain
from course.modules.m02.bootstrap import INTERVAL_KINDS
from course.modules.m02.choices import EXPLANATIONS, INTERVAL_REASONS

#: Exercise 8: report the client-level interval, because sessions of one client hang together.
INTERVAL_CHOICE = {"report": "clients", "reason": "clustered"}

REPORT_NOTE = (
    "Report the client-level interval. One client's sessions belong together (the same "
    "person, the same therapist, their own ups and downs), so they are not independent "
    "pieces of evidence; an interval that treats every session as independent can look "
    "more certain, or less, than sixty clients allow."
)
REASON_NOTES = {
    "narrower": (
        "Being narrower is not a reason to trust an interval: the session-level one comes out "
        "narrower for some trainees and wider for others, and either way it rests on sessions "
        "being independent, which they are not."
    ),
    "no_assumptions": (
        "A bootstrap has assumptions too: that the clients are like a sample of the clients "
        "you could have seen, and that there are enough of them. What it does not assume is "
        "that a client's sessions are independent of each other."
    ),
}

#: Exercise 10: the simulator gives focus no effect of its own; ruptures explain the rise.
BEST_EXPLANATION = "recovery_after_rupture"

EXPLANATION_NOTES = {
    "focus_raises_alliance": (
        "Your rupture table shows that many focused sessions were rupture sessions and hardly "
        "any others were, and once ruptures are set aside the gap (your `gap_no_rupture`) "
        "shrinks to less than half, often to about nothing: these data cannot show that focus "
        "raises the alliance."
    ),
    "secure_clients": (
        "Look at the gaps of the two groups (Exercise 7) and whether their difference could be "
        "told apart from noise (Exercise 9): in most caseloads both groups show a rise of "
        "similar size. And whatever the groups show, the rise largely disappears once rupture "
        "sessions are set aside (your `gap_no_rupture`)."
    ),
}
EXPLANATION_CONCEPT = (
    "Compare like with like: sessions where the therapist focused on the relationship differ "
    "from other sessions in more than the focus, above all in whether a rupture happened."
)


def check_interval_choice(answer, expected: dict[str, str], name: str) -> None:
    """Hidden-test check of exercise 8: the interval to report and the reason.

    >>> check_interval_choice(dict(INTERVAL_CHOICE), INTERVAL_CHOICE, "interval_choice")
    >>> check_interval_choice({"report": "clients", "reason": "narrower"}, INTERVAL_CHOICE, "x")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `x["reason"]` is not right yet. Being narrower is not a reason ...
    """
    if set(expected) != {"report", "reason"} or expected["report"] not in INTERVAL_KINDS:
        raise ValueError("the interval key does not match the options")
    got = plain(answer, name)
    if type(got) is not dict:
        raise CheckFailed(f"`{name}` should be a dict, but it is a {type(got).__name__}.")
    if got.get("report") != expected["report"]:
        raise CheckFailed(f'`{name}["report"]` is not right yet. {REPORT_NOTE}')
    reason = got.get("reason")
    if reason != expected["reason"]:
        note = REASON_NOTES.get(reason, "") if type(reason) is str else ""
        raise CheckFailed(f'`{name}["reason"]` is not right yet. {note or REPORT_NOTE}'.strip())


def check_explanation(answer, expected: str, name: str) -> None:
    """Hidden-test check of exercise 10's choice of explanation.

    >>> check_explanation(BEST_EXPLANATION, BEST_EXPLANATION, "best_explanation")
    >>> check_explanation("secure_clients", BEST_EXPLANATION, "best_explanation")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `best_explanation` is not right yet. Look at the gaps ...
    """
    if expected not in EXPLANATIONS or set(EXPLANATION_NOTES) | {expected} != set(EXPLANATIONS):
        raise ValueError("the explanation key does not match the options")
    got = plain(answer, name)
    if got != expected:
        note = EXPLANATION_NOTES.get(got, "") if type(got) is str else ""
        raise CheckFailed(
            f"`{name}` is not right yet. {note} {EXPLANATION_CONCEPT}".replace("  ", " ")
        )


__all__ = [
    "BEST_EXPLANATION",
    "INTERVAL_CHOICE",
    "INTERVAL_REASONS",
    "check_explanation",
    "check_interval_choice",
]
