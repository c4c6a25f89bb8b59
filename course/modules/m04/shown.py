"""Module 04: what the exercises show the trainee (names, ids, situations, options).

Each draw takes the trainee id, so two trainees meet different subsets; nothing
here says which answer is right. The statuses, licence verdicts, perspectives and
option keys are in the grading-only ``answer_key.m04``.
"""

from __future__ import annotations

import course.instruments as instruments
from course.modules.m04.data import _rng

# ---------------------------------------------------------------------------
# Part A: the tools the seed article names
# ---------------------------------------------------------------------------

#: The list of measurement tools in the seed article, as printed there.
SEED_LIST: tuple[str, ...] = (
    "Assessment Instruments",
    "Client Satisfaction Questionnaire (CSQ-8)",
    "Client/Therapist Treatment Expectancy and Evaluation Form",
    "Counselor Rating Form (CRF)",
    "Program Evaluation Form",
    "Psychotherapy Questionnaire (client and therapist forms)",
    "Reid-Gundlach Social Service Satisfaction Scale (R-GSSSS)",
    "Session Evaluation Questionnaire (SEQ)",
    "Working Alliance Inventory (WAI)",
)

#: What the course can do with a seed-list entry (the answers of exercise 1).
STATUSES = ("scored", "catalogue_only", "not_an_instrument")

#: The entries exercise 1 grades: the page title plus every instrument whose identity the
#: course has a source for. The Psychotherapy Questionnaire and the Program Evaluation Form
#: (not identified; the Buffalo page's entries for them could not be read) and the R-GSSSS
#: (its article not seen) are left out, so no trainee is graded on the course's own
#: unfinished search.
GRADED_TOOLS: tuple[str, ...] = (
    "Assessment Instruments",
    "Client Satisfaction Questionnaire (CSQ-8)",
    "Client/Therapist Treatment Expectancy and Evaluation Form",
    "Counselor Rating Form (CRF)",
    "Session Evaluation Questionnaire (SEQ)",
    "Working Alliance Inventory (WAI)",
)


def tools_for(student_id: str, k: int = 6) -> list[str]:
    """``k`` of the graded seed-list names for this trainee, in an order drawn from the id.

    >>> names = tools_for("trainee-01")
    >>> len(names), set(names) <= set(GRADED_TOOLS), set(GRADED_TOOLS) <= set(SEED_LIST)
    (6, True, True)
    >>> names == tools_for("trainee-01")
    True
    """
    rng = _rng(student_id, "tools")
    order = rng.permutation(len(GRADED_TOOLS))
    return [GRADED_TOOLS[i] for i in order[:k]]


def instrument_handle(instrument_id: str):
    """The validated spec of an instrument (``course.instruments.get``)."""
    return instruments.get(instrument_id)


# ---------------------------------------------------------------------------
# Licences: may the item wording be reprinted?
# ---------------------------------------------------------------------------


def licence_quiz(student_id: str, k: int = 5) -> list[str]:
    """Instrument ids for the licence question: always PHQ-9 and SRS, plus ``k - 2`` others.

    PHQ-9 (free to reproduce) and SRS (free to *use* for individuals, not to
    reproduce) are the pair that teaches the distinction.

    >>> ids = licence_quiz("trainee-01")
    >>> len(ids), {"phq-9", "srs"} <= set(ids)
    (5, True)
    """
    rng = _rng(student_id, "licence")
    others = [
        i
        for i in instruments.ids()
        if i not in ("phq-9", "srs") and instrument_handle(i).availability != "not_identified"
    ]
    picked = ["phq-9", "srs"] + [others[i] for i in rng.choice(len(others), k - 2, replace=False)]
    return [picked[i] for i in rng.permutation(len(picked))]


# ---------------------------------------------------------------------------
# Rater perspectives
# ---------------------------------------------------------------------------

RATERS = ("client", "therapist", "observer")


#: Measurement situations written for this course (not from any source), id -> text.
SCENARIOS: dict[str, str] = {
    "s01": (
        "Before leaving, Mr Osei marks four lines on a tablet in the waiting room to say "
        "how today's session went for him."
    ),
    "s02": (
        "Two research assistants who have never met the pair watch a video of session 3 "
        "and rate how far counsellor and client agree on the goals."
    ),
    "s03": (
        "After each session, counsellor Ana fills in her own form of the alliance "
        "questionnaire about how the work is going."
    ),
    "s04": (
        "Ana writes down how much she thinks her client trusts her, before she looks at "
        "the client's own form."
    ),
    "s05": (
        "A supervisor listens to an audio recording and codes each moment where the client "
        "withdraws or pushes back, using a rupture-rating manual."
    ),
    "s06": (
        "At discharge, the service posts Ms Li a questionnaire about how satisfied she was "
        "with the help she received."
    ),
    "s07": (
        "Right after the session, the therapist rates how deep and how smooth the session "
        "felt, on a set of bipolar adjective scales."
    ),
    "s08": ("Ms Novak rates how expert, likeable and trustworthy her counsellor seemed to her."),
    "s09": (
        "A trainee watching a role-play through a one-way mirror rates the emotional bond "
        "between the two people in the room."
    ),
    "s10": (
        "Mr Haddad answers twelve short questions about agreement on tasks and goals and "
        "about the bond, each from 1 (seldom) to 5 (always)."
    ),
    "s11": (
        "The counsellor predicts what her client will score on the session form, and "
        "writes the prediction down."
    ),
    "s12": (
        "An independent rater reads transcripts of sessions 1 to 3 and scores how well "
        "client and therapist agree on what to work on."
    ),
}

# Every trainee meets these three (the author's choice, so that the exercise uses the
# whole range of answers); two more are drawn per trainee from the rest.
_SCENARIOS_FOR_ALL = ("s02", "s04", "s08")


def rater_scenarios(student_id: str, k: int = 5) -> dict[str, str]:
    """``k`` scenarios for this trainee, id -> text, in id order.

    >>> picked = rater_scenarios("trainee-01")
    >>> len(picked), set(_SCENARIOS_FOR_ALL) <= set(picked), list(picked) == sorted(picked)
    (5, True, True)
    """
    rng = _rng(student_id, "raters")
    chosen = list(_SCENARIOS_FOR_ALL)
    rest = [i for i in SCENARIOS if i not in chosen]
    chosen += [rest[i] for i in rng.choice(len(rest), size=k - len(chosen), replace=False)]
    chosen.sort()
    return {i: SCENARIOS[i] for i in chosen}


# ---------------------------------------------------------------------------
# Options of the multiple-choice items (the keys are in answer_key.m04)
# ---------------------------------------------------------------------------

#: Why the SEQ cannot be scored by the course: the options a trainee chooses from.
SEQ_OPTIONS = {
    "licence": "its licence forbids scoring it",
    "key": "which items form each index, and which are reversed, is not confirmed",
    "norms": "it has no published norms to compare a score with",
    "length": "21 items are too many to score reliably",
}

#: What to do first when PHQ-9 item 9 is endorsed: the options a trainee chooses from.
ITEM9_OPTIONS = {
    "review": "note it and look at the trend at the next session",
    "assess": (
        "ask the client directly about these thoughts today and make sure a clinician "
        "competent to assess suicide risk does so the same day (the course's protocol) and "
        "agrees a safety plan, following local protocol and supervision"
    ),
    "rescore": "score the PHQ-9 without item 9 so one item does not inflate the total",
    "wait": "wait, because the total is below the moderate band",
}

#: The directions a trainee reports for the client-therapist gap (exercise 9).
DIRECTIONS = ("clients higher", "therapists higher", "about the same")
