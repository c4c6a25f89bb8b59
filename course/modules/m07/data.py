"""Module 07 (ruptures, repair and monitoring): the trainee's simulated caseload and its tables.

The notebook ``notebooks/07-ruptures-and-monitoring`` calls these functions
with the trainee's id; the grading-only ``answer_key.m07`` calls the same ones,
so the grader recomputes exactly the numbers the trainee saw. Nothing is
cached: every call rebuilds the trainee's simulated caseload from their seed
(``course.simulate.for_student``), so an answer cell that changes a table in
place cannot change what is graded.

The course's rupture rule (a teaching convention, stated in the notebook)
--------------------------------------------------------------------------
A client's **running baseline** at session ``s`` is the mean of their WAI-SR
totals (mean item score, 1-5) in all earlier sessions ``1 .. s-1``.

* **Rupture session**: from session 3 on (so the baseline rests on at least two
  sessions), a session whose WAI-SR total is at least :data:`RUPTURE_DROP`
  (0.5) points *below* the running baseline.
* **Repaired**: a rupture at session ``s`` counts as repaired when, in at least
  one of the next :data:`REPAIR_WINDOW` (2) sessions the client attended, the
  WAI-SR total is back *at or above* the pre-rupture level, i.e. the same
  running baseline that flagged session ``s``. A rupture with no later session
  in the record is not counted as repaired (there is no evidence of repair).

Self-report rules like this one are screens: they miss ruptures a client does
not report and flag dips that were not ruptures. The simulated record's own
``rupture`` column plays the part of a rupture noted at the session, so the
notebook can show how far the two disagree.

Every record here is simulated; no real client data is used.
"""

from __future__ import annotations

import pandas as pd

from course import instruments
from course.simulate import Caseload, for_student

MODULE = "07-ruptures-and-monitoring"

RUPTURE_DROP = 0.5  # WAI-SR points below the running baseline
FIRST_CHECKED_SESSION = 3  # the baseline needs at least two earlier sessions
REPAIR_WINDOW = 2  # sessions after a rupture in which the alliance may recover
SRS_CONCERN = 36.0  # SRS total at or below: talk about the alliance
ORS_CUTOFF = 25.0  # adult clinical cut-off of the ORS (secondary source)
ORS_RELIABLE_CHANGE = 5.0  # reported reliable change on the ORS (secondary source)
SNAPSHOT_SESSION = 4  # the monitoring exercise reviews the dashboard after session 4

TRAJECTORIES = ("stable", "linear_growth", "dip_and_recover")
TRIAGE_LABELS = ("discuss_alliance", "review_progress", "both", "no_flag")
EXAMPLE_LETTERS = ("A", "B", "C")

RECORD_COLUMNS = ["session", "wai_sr", "task", "goal", "bond", "srs", "ors"]

# The case client must be long enough to show a course of therapy.
CASE_MIN_SESSIONS = 8
# Drops within this distance of the threshold are "borderline": a case client
# has none, so rounding or the order of a sum can never change the answer.
BORDERLINE = 0.02


# --------------------------------------------------------------------------- data


def trainee_caseload(student_id: str) -> Caseload:
    """The trainee's own simulated caseload for this module (8 therapists, 60 clients).

    >>> trainee_caseload("trainee-01").clients.shape[0]
    60
    """
    return for_student(student_id, MODULE)


def session_table(caseload: Caseload) -> pd.DataFrame:
    """One row per attended session, with the scores the module works with.

    Columns: ``client_id``, ``therapist_id``, ``session``, ``wai_sr`` (client
    WAI-SR total, mean item score 1-5, rounded to 2 decimals), ``task``,
    ``goal``, ``bond`` (subscale means, 2 decimals), ``therapist_alliance``,
    ``srs``, ``ors``, ``rupture_noted`` and ``repair_noted`` (the simulated
    record's own rupture notes), ``relationship_focus`` (0-4), ``phq9_total``,
    ``phq9_item9`` (depression clients) and ``drinks_per_week`` (alcohol use).

    >>> table = session_table(trainee_caseload("trainee-01"))
    >>> bool(table["wai_sr"].between(1, 5).all()), table["client_id"].iloc[0]
    (True, 'C001')
    """
    sessions = caseload.sessions
    wai = instruments.score("wai-sr", caseload.items("wai-sr"))
    return pd.DataFrame(
        {
            "client_id": sessions["client_id"].astype(str).to_numpy(),
            "therapist_id": sessions["therapist_id"].astype(str).to_numpy(),
            "session": sessions["session"].astype(int).to_numpy(),
            "wai_sr": wai["total"].round(2).to_numpy(),
            "task": wai["task"].round(2).to_numpy(),
            "goal": wai["goal"].round(2).to_numpy(),
            "bond": wai["bond"].round(2).to_numpy(),
            "therapist_alliance": sessions["therapist_alliance"].round(2).to_numpy(),
            "srs": sessions["srs"].to_numpy(),
            "ors": sessions["ors"].to_numpy(),
            "rupture_noted": sessions["rupture"].to_numpy(),
            "repair_noted": sessions["repaired"].to_numpy(),
            "relationship_focus": sessions["relationship_focus"].astype(int).to_numpy(),
            "phq9_total": sessions["phq9_total"].to_numpy(),
            "phq9_item9": sessions["phq_i9"].to_numpy(),
            "drinks_per_week": sessions["drinks_per_week"].to_numpy(),
        }
    )


def client_record(caseload: Caseload, client_id: str) -> pd.DataFrame:
    """One client's sessions in order: session, WAI-SR total and subscales, SRS, ORS.

    >>> cl = trainee_caseload("trainee-01")
    >>> list(client_record(cl, "C001").columns)
    ['session', 'wai_sr', 'task', 'goal', 'bond', 'srs', 'ors']
    """
    table = session_table(caseload)
    rows = table[table["client_id"] == client_id]
    if rows.empty:
        raise KeyError(f"no client {client_id!r} in this caseload")
    return rows[RECORD_COLUMNS].sort_values("session").reset_index(drop=True)
