"""Module 04: what the exercises show the trainee (names, ids, situations, options).

Each draw takes the trainee id, so two trainees meet different subsets; nothing
here says which answer is right. The statuses, licence verdicts, perspectives and
option keys are in the grading-only ``answer_key.m04``.
"""

from __future__ import annotations

import pandas as pd

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


def licence_table(student_id: str) -> pd.DataFrame:
    """The instruments of :func:`licence_quiz` under the labels L1, L2, ...: id, name and
    the licence recorded in the course's spec (not whether the wording may be printed).

    >>> table = licence_table("trainee-01")
    >>> list(table.index), list(table.columns)
    (['L1', 'L2', 'L3', 'L4', 'L5'], ['id', 'name', 'licence'])
    """
    rows = {
        f"L{k}": {
            "id": i,
            "name": instrument_handle(i).name,
            "licence": instrument_handle(i).licence.summary,
        }
        for k, i in enumerate(licence_quiz(student_id), start=1)
    }
    return pd.DataFrame.from_dict(rows, orient="index")


# ---------------------------------------------------------------------------
# Rater perspectives
# ---------------------------------------------------------------------------

RATERS = ("client", "therapist", "observer")


#: Measurement situations written for this course (not from any source), the same for
#: every trainee: label -> text. Two of each perspective; in two of them the rating is
#: about the client but given by the therapist.
SCENARIOS: dict[str, str] = {
    "S1": (
        "At discharge, the service posts Ms Li a questionnaire about how satisfied she was "
        "with the help she received."
    ),
    "S2": (
        "Ana writes down how much she thinks her client trusts her, before she looks at "
        "the client's own form."
    ),
    "S3": (
        "Two research assistants who have never met the pair watch a video of session 3 "
        "and rate how far counsellor and client agree on the goals."
    ),
    "S4": "Ms Novak rates how expert, likeable and trustworthy her counsellor seemed to her.",
    "S5": (
        "The counsellor predicts what her client will score on the session form, and "
        "writes the prediction down."
    ),
    "S6": (
        "A supervisor listens to an audio recording and codes each moment where the client "
        "withdraws or pushes back, using a rupture-rating manual."
    ),
}


def rater_scenarios() -> dict[str, str]:
    """The situations of exercise 3, label -> text (a copy: the same for every trainee).

    >>> list(rater_scenarios())
    ['S1', 'S2', 'S3', 'S4', 'S5', 'S6']
    """
    return dict(SCENARIOS)


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

#: What a clinician does about PHQ-9 item 9 on one form: the labels of exercise 8.
ITEM9_ACTIONS = {
    "safety_protocol": (
        "ask the client directly about these thoughts today; make sure a clinician competent "
        "to assess suicide risk does so the same day (the course's protocol); agree a safety "
        "plan; follow local protocol and tell your supervisor"
    ),
    "ask_item9": (
        "ask the client about item 9 directly today instead of assuming an answer, and follow "
        "the safety protocol if they endorse it"
    ),
    "no_safety_action": (
        "no safety action from item 9 today; read it again at the next session (the total "
        "still guides the review of treatment)"
    ),
}

#: The directions a trainee reports for the client-therapist gap (exercise 9).
DIRECTIONS = ("clients higher", "therapists higher", "about the same")
