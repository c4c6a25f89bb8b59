"""Module 09: the statements, situations and tables a trainee reads, without their key.

- the consent statements of exercise 4 and the ethics-code sections of exercise 5
  (section numbers with paraphrased headings: never the codes' wording);
- this week's PHQ-9 forms of six of the trainee's simulated clients (exercise 7),
  drawn from the trainee's own caseload (``course.simulate.for_student``);
- the safety-plan statements of exercise 8 and the trainee's actions of exercise 9.

Which statement is right, and why, is in the grading-only ``answer_key.m09``.
"""

from __future__ import annotations

import pandas as pd

from course.seeds import stable_seed
from course.simulate import Caseload, for_student

MODULE = "09-culture-consent-and-risk"
N_FORMS = 6  # clients in this week's PHQ-9 table

CONSENT_STATEMENTS = {
    "E1": (
        "At the first session, before the client fills in any questionnaire, the counsellor "
        "explains what the weekly forms are for, who will see the scores and how they are stored."
    ),
    "E2": (
        "A client says she would rather not fill in the forms. The counsellor tells her she "
        "must, and does not ask why."
    ),
    "E3": (
        "The service manager pins up a league table of each counsellor's average client "
        "improvement and uses it to decide who is offered extra hours."
    ),
    "E4": "The counsellor shows a client their own SRS and ORS chart and talks it through with them.",
    "E5": (
        "To ask for advice, the counsellor emails a spreadsheet of clients' names and PHQ-9 "
        "scores to a colleague's personal email address."
    ),
    "E6": (
        "For the team's yearly report, scores are combined without names or other details that "
        "could identify a client, as clients were told at intake."
    ),
}

# ACA Code of Ethics (2014) sections used in exercise 5, with a paraphrase of each
# heading and the nearest standard of the APA Ethics Code (2017 amendments).
CODE_SECTIONS = pd.DataFrame(
    {
        "aca_2014": ["A.2", "E.2", "E.3", "E.4"],
        "about (paraphrased)": [
            "informed consent to the counselling relationship",
            "being competent to use and interpret an assessment",
            "informed consent to an assessment",
            "releasing assessment data only to qualified people, with consent",
        ],
        "apa_2017": ["3.10", "2.01, 9.07", "9.03", "9.04"],
    }
).set_index("aca_2014")

CODE_SITUATIONS = {
    "S1": (
        "Before counselling starts, a client asks what will happen in sessions, how long "
        "counselling may last and when confidentiality could be broken."
    ),
    "S2": (
        "Before giving the PHQ-9 for the first time, the counsellor explains what it asks about "
        "and how the answers will be used."
    ),
    "S3": "A client's employer phones the service and asks for her questionnaire scores.",
    "S4": (
        "A trainee wants to start using a trauma questionnaire she has never been trained to "
        "score or interpret."
    ),
}

SAFETY_PLAN_STATEMENTS = {
    "K1": "The client's own warning signs that a crisis may be building.",
    "K2": "A signed promise from the client not to harm themself.",
    "K3": "Things the client can do on their own to take their mind off the thoughts.",
    "K4": "People and places that offer company and distraction, and people to ask for help.",
    "K5": "The counsellor's rating of the client's risk as low, medium or high.",
    "K6": "Making the client's surroundings safer by limiting access to means of harm.",
}

TRAINEE_ACTIONS = {
    "T1": "Ask the client directly, in plain words, about thoughts of suicide.",
    "T2": "Decide on your own that the thoughts are passive, so no one else needs to know.",
    "T3": "Tell the client that you will involve your supervisor today, and why.",
    "T4": "Promise the client to keep what they said between the two of you.",
    "T5": (
        "Contact your supervisor or the duty clinician before the client leaves, as your "
        "service's protocol says."
    ),
    "T6": "Wait for next week's supervision to mention it.",
}


def trainee_caseload(student_id: str) -> Caseload:
    """The trainee's own simulated caseload for this module."""
    return for_student(student_id, MODULE)


def latest_forms(caseload: Caseload) -> pd.DataFrame:
    """Each depression client's PHQ-9 at their latest session: id, session, total, item 9."""
    sessions = caseload.sessions
    rows = sessions[sessions["phq_i9"].notna()].sort_values(["client_id", "session"])
    last = rows.groupby("client_id", observed=True).tail(1)
    return pd.DataFrame(
        {
            "client_id": last["client_id"].astype(str).to_numpy(),
            "session": last["session"].astype(int).to_numpy(),
            "phq9_total": last["phq9_total"].astype(int).to_numpy(),
            "phq9_item9": last["phq_i9"].astype(int).to_numpy(),
        }
    )


def _ranked(frame: pd.DataFrame, student_id: str, purpose: str) -> list[str]:
    ids = frame["client_id"].tolist()
    return sorted(ids, key=lambda cid: stable_seed(student_id, MODULE, purpose, cid))


def week_forms(student_id: str) -> pd.DataFrame:
    """This week's PHQ-9 forms of six of the trainee's clients, shown as P1..P6.

    Drawn from the trainee's id: one to three forms with item 9 above 0 (at least
    one with a total below 10, where one exists) and the rest with item 9 at 0
    (one with a total of 15 or more, where one exists), in a seeded order.

    >>> table = week_forms("trainee-01")
    >>> list(table.index), list(table.columns)
    (['P1', 'P2', 'P3', 'P4', 'P5', 'P6'], ['client_id', 'phq9_total', 'phq9_item9'])
    """
    forms = latest_forms(trainee_caseload(student_id))
    positive = forms[forms["phq9_item9"] > 0]
    negative = forms[forms["phq9_item9"] == 0]
    n_positive = min(1 + stable_seed(student_id, MODULE, "positives") % 3, len(positive))
    low = positive[positive["phq9_total"] < 10]
    picked = _ranked(low, student_id, "low")[:1]
    picked += [c for c in _ranked(positive, student_id, "pos") if c not in picked]
    picked = picked[:n_positive]
    high = negative[negative["phq9_total"] >= 15]
    zero_ids = _ranked(high, student_id, "high")[:1]
    zero_ids += [c for c in _ranked(negative, student_id, "neg") if c not in zero_ids]
    picked += zero_ids[: N_FORMS - len(picked)]
    picked = sorted(picked, key=lambda cid: stable_seed(student_id, MODULE, "order", cid))
    table = forms.set_index("client_id").loc[picked].reset_index()
    table.index = [f"P{n}" for n in range(1, len(table) + 1)]
    return table[["client_id", "phq9_total", "phq9_item9"]]
