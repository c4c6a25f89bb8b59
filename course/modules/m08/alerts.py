"""Module 08, part 4: not-on-track alerts from expected-treatment-response curves.

Expected treatment response (ETR): for each check session ``s``, the ORS a client
who started at a given intake ORS is expected to have, fitted in a large
**simulated reference sample** (800 clients of 40 therapists, the same for every
trainee; not a published norm) as a straight line ``ORS_s = a + b * ORS_1``, with
the spread of clients around it (residual SD). An alert rule says at which session
to check and how far below the expected line counts as "not on track": below the
``p``-th percentile of where clients with that intake were (line + z_p * SD).

The trainee's caseload is checked against what the simulator knows: a client has a
**poor outcome** when their ``outcome_change`` (standardised improvement on the
PHQ-9 or drinks per week, a measure other than the ORS) is below
:data:`POOR_OUTCOME` (0.5 SD), a course convention. Clients who attended fewer than
:data:`LAST_CHECK` sessions are left out, so that every rule is judged on the same
clients. Every client is simulated.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd
from scipy import stats

from course.simulate import Caseload, caseload, for_student

MODULE = "08-practice-lab"
CHECK_SESSIONS = (2, 3, 4)
PERCENTILES = (10, 25, 50)
LAST_CHECK = max(CHECK_SESSIONS)
POOR_OUTCOME = 0.5  # outcome_change below this: a poor outcome (course convention)
REFERENCE = {"therapists": 40, "clients": 800, "seed": 808, "max_sessions": 12}


def trainee_caseload(student_id: str) -> Caseload:
    """The trainee's own simulated caseload for this module (8 therapists, 60 clients).

    >>> len(trainee_caseload("trainee-01").clients)
    60
    """
    return for_student(student_id, MODULE)


def _ors_wide(cl: Caseload) -> pd.DataFrame:
    sessions = cl.sessions.assign(client_id=cl.sessions["client_id"].astype(str))
    return sessions.pivot_table(index="client_id", columns="session", values="ors")


@cache
def _expected() -> pd.DataFrame:
    ref = caseload(
        REFERENCE["therapists"],
        REFERENCE["clients"],
        seed=REFERENCE["seed"],
        max_sessions=REFERENCE["max_sessions"],
    )
    wide = _ors_wide(ref)
    rows = []
    for s in CHECK_SESSIONS:
        pair = wide[[1, s]].dropna()
        slope, intercept = np.polyfit(pair[1], pair[s], 1)
        residual = pair[s] - (intercept + slope * pair[1])
        rows.append((s, intercept, slope, residual.std(ddof=2), len(pair)))
    return pd.DataFrame(rows, columns=["session", "intercept", "slope", "sd", "n"]).set_index(
        "session"
    )


def expected_curves() -> pd.DataFrame:
    """The ETR lines of the reference sample, one row per check session (rounded).

    >>> curves = expected_curves()
    >>> list(curves.index), bool((curves["slope"] > 0).all())
    ([2, 3, 4], True)
    """
    return _expected().round(3).copy()


def boundary(intake: float, session: int, percentile: int) -> float:
    """The ORS below which a client with ``intake`` is not on track at ``session``.

    >>> boundary(20.0, 3, 50) > boundary(20.0, 3, 10)
    True
    """
    fit = _expected().loc[session]
    z = stats.norm.ppf(percentile / 100)
    return float(fit["intercept"] + fit["slope"] * intake + z * fit["sd"])


def alert_frame(cl: Caseload) -> pd.DataFrame:
    """The caseload's clients checked by the rules: intake ORS, ORS at each check
    session and the simulator's known outcome (``poor_outcome``).

    >>> frame = alert_frame(trainee_caseload("trainee-01"))
    >>> {"ors_1", "ors_4", "poor_outcome"} <= set(frame.columns)
    True
    """
    wide = _ors_wide(cl)
    outcome = cl.clients.assign(client_id=cl.clients["client_id"].astype(str)).set_index(
        "client_id"
    )["outcome_change"]
    kept = wide.dropna(subset=[1, *CHECK_SESSIONS])
    frame = pd.DataFrame({f"ors_{s}": kept[s] for s in (1, *CHECK_SESSIONS)})
    frame["poor_outcome"] = outcome.reindex(frame.index) < POOR_OUTCOME
    return frame


def alerts(frame: pd.DataFrame, session: int, percentile: int) -> pd.Series:
    """True for each client the rule (check at ``session``, ``percentile``) alerts on."""
    if session not in CHECK_SESSIONS or percentile not in PERCENTILES:
        raise ValueError(
            f"session must be one of {CHECK_SESSIONS} and percentile one of {PERCENTILES}"
        )
    limits = [boundary(x, session, percentile) for x in frame["ors_1"]]
    return frame[f"ors_{session}"] < pd.Series(limits, index=frame.index)


def rule_counts(frame: pd.DataFrame, session: int, percentile: int) -> dict:
    """Hits, misses, false alarms and correct all-clears of one rule.

    >>> frame = alert_frame(trainee_caseload("trainee-01"))
    >>> counts = rule_counts(frame, 3, 25)
    >>> counts["hits"] + counts["misses"] == int(frame["poor_outcome"].sum())
    True
    """
    alert = alerts(frame, session, percentile)
    poor = frame["poor_outcome"]
    hits, false_alarms = int((alert & poor).sum()), int((alert & ~poor).sum())
    misses, all_clear = int((~alert & poor).sum()), int((~alert & ~poor).sum())
    return {
        "session": session,
        "percentile": percentile,
        "alerts": hits + false_alarms,
        "hits": hits,
        "misses": misses,
        "false_alarms": false_alarms,
        "all_clear": all_clear,
        "caught": round(hits / max(hits + misses, 1), 3),
    }


def rule_table(cl: Caseload) -> pd.DataFrame:
    """Every rule the widget offers, with its counts on the caseload.

    ``caught``: the share of the clients with a poor outcome that the rule alerted
    on (hits / (hits + misses)).
    """
    frame = alert_frame(cl)
    rows = [rule_counts(frame, s, p) for s in CHECK_SESSIONS for p in PERCENTILES]
    return pd.DataFrame(rows)
