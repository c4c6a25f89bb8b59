"""Module 02, exercises 8 and 10: the options a trainee chooses from, with no key.

Exercise 8 asks which of two intervals to report (:data:`INTERVAL_KINDS`, in
:mod:`.bootstrap`) and why (:data:`INTERVAL_REASONS`); exercise 10 asks which
explanation the trainee's own results best support (:data:`EXPLANATIONS`). The
notebook lists the same keys and wording; which is right, and why each other
option is not, is in the grading-only ``answer_key.m02``.

>>> sorted(INTERVAL_REASONS), sorted(EXPLANATIONS)[0]
(['clustered', 'narrower', 'no_assumptions'], 'focus_raises_alliance')
"""

from __future__ import annotations

INTERVAL_REASONS = {
    "narrower": "It is the narrower of the two intervals, so it is the more precise.",
    "clustered": (
        "One client's sessions belong together and are not independent of each other; "
        "this interval keeps each client's sessions together."
    ),
    "no_assumptions": "It makes no assumptions about the data at all.",
}

EXPLANATIONS = {
    "focus_raises_alliance": (
        "Working on the relationship raises the client's alliance at the next session."
    ),
    "recovery_after_rupture": (
        "Many focused sessions are rupture sessions, whose alliance had dipped; much of the "
        "rise at the next session is recovery from the dip (and repair), not an effect of "
        "the focus."
    ),
    "secure_clients": (
        "The rise comes from the more securely attached clients: focus works for them and "
        "not for the others."
    ),
}
