"""Module 05 (reliability and change): the data a trainee's notebook shows.

Every table comes from the trainee's own simulated caseload
(``course.simulate.for_student(student_id, MODULE)``). All data are simulated.
The reference answers computed from these tables are in the grading-only
``answer_key.m05``.

The published values the module uses, each with its source:

- PHQ-9 reliability .89: Cronbach's alpha in the PHQ Primary Care Study
  (Kroenke, Spitzer & Williams 2001).
- PHQ-9 cut-off 10: a total of 10 or more had sensitivity and specificity of .88
  for major depression (Kroenke et al. 2001). Here "recovered" means ending
  below 10 after starting at 10 or above, with reliable improvement.
- General-population PHQ-9 norms for criterion c: Kocalevent, Hinz & Brähler
  (2013) report mean (SD) 3.1 (3.5) for women and 2.7 (3.5) for men in a
  representative German sample of 5,018 adults, 53.6% women; the sample-weighted
  mean is 2.9, so the module uses M = 2.9, SD = 3.5.
- Reliable change and criterion c: Jacobson & Truax (1991). Sudden gains: Tang &
  DeRubeis (1999), via :func:`course.psychometrics.sudden_gains`.
"""

from __future__ import annotations

import pandas as pd

MODULE = "05-reliability-and-change"
WAI_ITEMS = [f"i{k}" for k in range(1, 13)]
ALPHA_SESSION = 3

PHQ9_RELIABILITY = 0.89  # Kroenke et al. (2001), Cronbach's alpha, PHQ Primary Care Study
PHQ9_CUTOFF = 10  # Kroenke et al. (2001): 10 or more screens positive (sens. = spec. = .88)
GENERAL_POPULATION_MEAN = 2.9  # Kocalevent et al. (2013): women 3.1, men 2.7 (53.6% women)
GENERAL_POPULATION_SD = 3.5  # Kocalevent et al. (2013): 3.5 for women and for men

LABELS = ("reliable improvement", "no reliable change", "reliable deterioration")


def bond_items() -> list[str]:
    """Item columns of the WAI-SR Bond subscale, read from the instrument's spec.

    >>> bond_items()
    ['i3', 'i5', 'i7', 'i9']
    """
    from course.instruments import get

    return [f"i{item.number}" for item in get("wai-sr").items if "bond" in item.subscales]


# ---------------------------------------------------------------- data a trainee sees


def caseload_for(student_id: str):
    """The trainee's simulated caseload for this module."""
    from course.simulate import for_student

    return for_student(student_id, MODULE)


def wai_at_session(caseload, session: int = ALPHA_SESSION) -> pd.DataFrame:
    """Client WAI-SR answers at one session: one row per client (index ``client_id``), i1..i12."""
    items = caseload.items("wai-sr")
    items = items[items["session"] == session]
    frame = items.set_index(items["client_id"].astype(str))[WAI_ITEMS]
    frame.index.name = "client_id"
    return frame.astype(int)


def _wide(caseload, column: str) -> pd.DataFrame:
    sessions = caseload.sessions
    sessions = sessions.loc[sessions[column].notna(), ["client_id", "session", column]]
    sessions = sessions.assign(client_id=sessions["client_id"].astype(str))
    wide = sessions.pivot(index="client_id", columns="session", values=column).astype(float)
    wide.index.name = "client_id"
    wide.columns = [int(c) for c in wide.columns]
    wide.columns.name = "session"
    return wide.sort_index()


def phq9_trajectories(caseload) -> pd.DataFrame:
    """PHQ-9 totals of the clients treated for depression: one row per client, one
    column per session (1, 2, ...); NaN after a client's last attended session."""
    return _wide(caseload, "phq9_total")


def item9_trajectories(caseload) -> pd.DataFrame:
    """PHQ-9 item 9 answers (0-3), laid out like :func:`phq9_trajectories`."""
    return _wide(caseload, "phq_i9")


def intake_sd(trajectories: pd.DataFrame) -> float:
    """SD (ddof = 1) of the session-1 PHQ-9 totals: the pre-treatment SD of the clinical sample."""
    return float(trajectories[1].std(ddof=1))


def intake_mean(trajectories: pd.DataFrame) -> float:
    """Mean of the session-1 PHQ-9 totals."""
    return float(trajectories[1].mean())


def last_scores(trajectories: pd.DataFrame) -> pd.Series:
    """Each client's score at their last attended session."""
    return trajectories.apply(lambda row: row.dropna().iloc[-1], axis=1)


# ---------------------------------------------------------------- the simulator's truth, shown


def planted_sudden_gains(caseload) -> dict[str, int]:
    """The simulator's ground truth: ``{client_id: pregain session}`` for depression clients
    whose improvement partly arrived in one step (known only because the data are simulated)."""
    clients = caseload.clients
    chosen = clients[(clients["problem"] == "depression") & clients["sudden_gain_session"].notna()]
    return {
        str(c): int(s) - 1
        for c, s in zip(chosen["client_id"], chosen["sudden_gain_session"], strict=True)
    }


def compare_sudden_gains(found, planted: dict[str, int]) -> pd.DataFrame:
    """Set the sudden gains a trainee found beside the simulator's planted ones.

    ``found`` is a list of ``[client_id, pregain_session]`` pairs.

    >>> compare_sudden_gains([["C1", 3], ["C2", 5]], {"C1": 3, "C3": 6})["verdict"].tolist()
    ['found it', 'flagged, none planted', 'missed']
    """
    found_by_client: dict[str, int] = {}
    for client, session in found:
        found_by_client.setdefault(str(client), int(session))
    rows = []
    for client in sorted(set(found_by_client) | set(planted)):
        got, truth = found_by_client.get(client), planted.get(client)
        if truth is None:
            verdict = "flagged, none planted"
        elif got is None:
            verdict = "missed"
        elif got == truth:
            verdict = "found it"
        else:
            verdict = "found one, other session"
        rows.append(
            {
                "client_id": client,
                "planted pregain session": truth,
                "found pregain session": got,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(
        rows, columns=["client_id", "planted pregain session", "found pregain session", "verdict"]
    )
