"""Module 07: the case client of exercises 3-4 and the capstone, and the facts shown about them.

The case client is chosen per trainee among the clients whose record makes the
rupture rule worth applying (see :func:`choose_case_client`). Judging that needs
the rule itself, so :func:`_apply_rule` lives here, used only to choose the client;
the reference answers built on the rule (the sessions flagged and repaired) and
their teaching feedback are in the grading-only ``answer_key.m07``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from course import instruments
from course.modules.m07.data import (
    BORDERLINE,
    CASE_MIN_SESSIONS,
    FIRST_CHECKED_SESSION,
    MODULE,
    REPAIR_WINDOW,
    RUPTURE_DROP,
    SRS_CONCERN,
    client_record,
    session_table,
    trainee_caseload,
)
from course.seeds import stable_seed
from course.simulate import Caseload

# ---------------------------------------------------------------- the rule, for choosing


def running_baseline(scores: Sequence[float]) -> list[float | None]:
    """The mean of all *earlier* scores at each position (None for the first).

    >>> running_baseline([4.0, 3.0, 3.5, 2.0])
    [None, 4.0, 3.5, 3.5]
    """
    values = [float(v) for v in scores]
    out: list[float | None] = [None]
    for k in range(1, len(values)):
        out.append(sum(values[:k]) / k)
    return out


def _sessions_and_scores(record: pd.DataFrame) -> tuple[list[int], list[float]]:
    ordered = record.sort_values("session")
    return [int(s) for s in ordered["session"]], [float(v) for v in ordered["wai_sr"]]


def _apply_rule(
    sessions: Sequence[int], scores: Sequence[float], drop: float, window: int
) -> tuple[list[float | None], list[float | None], list[bool], list[bool]]:
    """Baseline, drop, rupture and repaired per session (plain lists, sessions in order)."""
    baseline = running_baseline(scores)
    drops: list[float | None] = []
    rupture: list[bool] = []
    repaired: list[bool] = []
    for k, (session, score) in enumerate(zip(sessions, scores, strict=True)):
        base = baseline[k]
        d = None if base is None else base - score
        flagged = session >= FIRST_CHECKED_SESSION and d is not None and d >= drop - 1e-9
        later = scores[k + 1 : k + 1 + window]
        drops.append(d)
        rupture.append(flagged)
        repaired.append(bool(flagged and any(v >= base - 1e-9 for v in later)))
    return baseline, drops, rupture, repaired


def _previous_session_flags(
    sessions: Sequence[int], scores: Sequence[float], drop: float = RUPTURE_DROP
) -> list[int]:
    """A common slip: a drop from the *previous session* instead of the running baseline."""
    return [
        s
        for k, s in enumerate(sessions)
        if s >= FIRST_CHECKED_SESSION and scores[k - 1] - scores[k] >= drop - 1e-9
    ]


def _is_borderline(
    scores: Sequence[float], baseline, drops, rupture, drop: float = RUPTURE_DROP
) -> bool:
    """True when a drop, or a recovery, sits so close to its threshold that rounding matters."""
    for k, d in enumerate(drops):
        if k + 1 >= FIRST_CHECKED_SESSION and d is not None and abs(d - drop) < BORDERLINE:
            return True
        if rupture[k] and any(
            abs(v - baseline[k]) < BORDERLINE for v in scores[k + 1 : k + 1 + REPAIR_WINDOW]
        ):
            return True
    return False


# --------------------------------------------------------------- the case client


def rank_by_seed(ids, student_id: str, purpose: str) -> list[str]:
    """``ids`` in a stable per-trainee order for ``purpose`` (SHA-256 seeds, never ``hash()``)."""
    return sorted(ids, key=lambda cid: stable_seed(student_id, MODULE, purpose, cid))


def _case_tiers(caseload: Caseload) -> dict[str, int]:
    """How well each client suits the rupture exercise: tier 0 best, absent = unusable."""
    table = session_table(caseload).sort_values(["client_id", "session"], kind="stable")
    attended = caseload.clients.set_index("client_id")["sessions_attended"].to_dict()
    ids = table["client_id"].to_numpy()
    all_sessions = table["session"].to_numpy()
    all_scores = table["wai_sr"].to_numpy()
    all_noted = table["rupture_noted"].to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    ends = np.r_[starts[1:], ids.size]
    tiers: dict[str, int] = {}
    for start, end in zip(starts, ends, strict=True):
        client_id = str(ids[start])
        if attended[client_id] < CASE_MIN_SESSIONS:
            continue
        sessions = [int(v) for v in all_sessions[start:end]]
        scores = [float(v) for v in all_scores[start:end]]
        baseline, drops, rupture, repaired = _apply_rule(
            sessions, scores, RUPTURE_DROP, REPAIR_WINDOW
        )
        flagged = [s for s, r in zip(sessions, rupture, strict=True) if r]
        if not flagged or _is_borderline(scores, baseline, drops, rupture):
            continue
        mended = [s for s, r in zip(sessions, repaired, strict=True) if r]
        next_only = _apply_rule(sessions, scores, RUPTURE_DROP, 1)[3]
        noted = [s for s, r in zip(sessions, all_noted[start:end], strict=True) if r]
        checks = [
            len(flagged) >= 2,
            0 < len(mended) < len(flagged),
            _previous_session_flags(sessions, scores) != flagged,
            noted != flagged,
            [s for s, r in zip(sessions, next_only, strict=True) if r] != mended,
        ]
        tiers[client_id] = len(checks) - sum(checks)
    return tiers


def choose_case_client(caseload: Caseload, student_id: str) -> str:
    """The client whose record the trainee reviews (Exercises 3-4 and the capstone).

    Chosen by the trainee's seed among the clients who suit the exercise best:
    at least 8 sessions, at least two rule-flagged ruptures of which some but not
    all are repaired, no borderline drops, and a record where the precise rule
    matters (the previous-session shortcut, the record's own rupture notes and a
    one-session repair window each give a different answer).

    >>> cl = trainee_caseload("trainee-01")
    >>> choose_case_client(cl, "trainee-01") == choose_case_client(cl, "trainee-01")
    True
    """
    tiers = _case_tiers(caseload)
    if not tiers:
        raise ValueError("no client in this caseload has a flagged rupture of at least 8 sessions")
    best = min(tiers.values())
    return rank_by_seed([c for c, t in tiers.items() if t == best], student_id, "case")[0]


def case_client_id(student_id: str) -> str:
    """The trainee's case client, from their own caseload.

    >>> case_client_id("trainee-01").startswith("C")
    True
    """
    return choose_case_client(trainee_caseload(student_id), student_id)


def case_record(student_id: str) -> pd.DataFrame:
    """The case client's sessions (the table Exercises 3 and 4 work on)."""
    caseload = trainee_caseload(student_id)
    return client_record(caseload, choose_case_client(caseload, student_id))


# -------------------------------------------------------------------------- the case


def case_summary(caseload: Caseload, client_id: str) -> pd.DataFrame:
    """What the capstone review works from, one row per fact (label, value).

    >>> cl = trainee_caseload("trainee-01")
    >>> summary = case_summary(cl, choose_case_client(cl, "trainee-01"))
    >>> {"problem", "sessions attended", "outcome change (SD units)"} <= set(summary["fact"])
    True
    """
    client = caseload.clients.set_index("client_id").loc[client_id]
    table = session_table(caseload)
    rows = table[table["client_id"] == client_id].sort_values("session")
    early, late = rows.head(3), rows.tail(3)
    measure = str(client["outcome_measure"])
    facts = [
        ("problem", str(client["problem"]).replace("_", " ")),
        ("therapist", str(client["therapist_id"])),
        (
            "sessions attended",
            f"{int(client['sessions_attended'])} of {int(client['planned_sessions'])} planned"
            + (" (left early)" if bool(client["dropped_out"]) else ""),
        ),
        ("trajectory (simulator's ground truth)", str(client["trajectory"]).replace("_", " ")),
        (
            "WAI-SR total, first 3 / last 3 sessions",
            f"{early['wai_sr'].mean():.2f} / {late['wai_sr'].mean():.2f}",
        ),
        (
            "WAI-SR task, goal, bond, first 3 sessions",
            ", ".join(f"{early[c].mean():.2f}" for c in ("task", "goal", "bond")),
        ),
        (
            "WAI-SR task, goal, bond, last 3 sessions",
            ", ".join(f"{late[c].mean():.2f}" for c in ("task", "goal", "bond")),
        ),
        (
            "therapist's alliance rating, mean (client's WAI-SR mean)",
            f"{rows['therapist_alliance'].mean():.2f} ({rows['wai_sr'].mean():.2f})",
        ),
        ("sessions with SRS at or below 36", _session_list(rows.loc[rows["srs"] <= SRS_CONCERN])),
        ("ORS first / last", f"{rows['ors'].iloc[0]:.1f} / {rows['ors'].iloc[-1]:.1f}"),
        (
            f"{measure} first / last",
            f"{int(client['baseline_score'])} / {int(client['final_score'])} (lower is better)",
        ),
        (
            "outcome change (SD units)",
            f"{float(client['outcome_change']):+.2f} (positive = better)",
        ),
        (
            "sessions the record notes a rupture (repaired in session)",
            _noted_ruptures(rows),
        ),
        (
            "sessions with most relationship focus (3-4 of 4)",
            _session_list(rows.loc[rows["relationship_focus"] >= 3]),
        ),
    ]
    if str(client["problem"]) == "depression":
        facts.append(("PHQ-9 item 9 above 0 (sessions)", _session_list(_item9_rows(rows))))
    return pd.DataFrame(facts, columns=["fact", "value"])


def _session_list(rows: pd.DataFrame) -> str:
    sessions = [int(s) for s in rows["session"]]
    return ", ".join(map(str, sessions)) if sessions else "none"


def _noted_ruptures(rows: pd.DataFrame) -> str:
    noted = rows.loc[rows["rupture_noted"]]
    if noted.empty:
        return "none"
    return ", ".join(
        f"{int(s)} ({'yes' if bool(r) else 'no'})"
        for s, r in zip(noted["session"], noted["repair_noted"], strict=True)
    )


def _item9_rows(rows: pd.DataFrame) -> pd.DataFrame:
    item9 = pd.to_numeric(rows["phq9_item9"], errors="coerce")
    return rows.loc[item9.fillna(0) > 0]


def safety_sessions(caseload: Caseload, client_id: str) -> list[int]:
    """Sessions where a depression client answered PHQ-9 item 9 above 0 (empty otherwise).

    Scored with ``course.instruments.score("phq-9", ...)``, whose ``safety_flag``
    is True whenever item 9 is above 0, whatever the total.

    >>> cl = trainee_caseload("trainee-01")
    >>> isinstance(safety_sessions(cl, "C001"), list)
    True
    """
    phq = caseload.items("phq-9")
    phq = phq[phq["client_id"].astype(str) == client_id]
    if phq.empty:
        return []
    scored = instruments.score("phq-9", phq)
    return [int(s) for s in scored.loc[scored["safety_flag"].fillna(False).astype(bool), "session"]]


def case_sessions(caseload: Caseload, client_id: str) -> pd.DataFrame:
    """The case client's sessions with every measure the capstone review draws on.

    >>> cl = trainee_caseload("trainee-01")
    >>> "relationship_focus" in case_sessions(cl, "C001").columns
    True
    """
    table = session_table(caseload)
    rows = table[table["client_id"] == client_id].sort_values("session")
    problem = str(caseload.clients.set_index("client_id").loc[client_id, "problem"])
    outcome = ["phq9_total", "phq9_item9"] if problem == "depression" else ["drinks_per_week"]
    columns = [
        "session",
        "wai_sr",
        "task",
        "goal",
        "bond",
        "therapist_alliance",
        "srs",
        "ors",
        *outcome,
        "relationship_focus",
        "rupture_noted",
        "repair_noted",
    ]
    return rows[columns].reset_index(drop=True)


def safety_note(caseload: Caseload, client_id: str) -> str:
    """What the capstone must address about PHQ-9 item 9 for this client.

    >>> cl = trainee_caseload("trainee-01")
    >>> safety_note(cl, "C001")[:30]
    'PHQ-9 item 9 (thoughts of self'
    """
    problem = str(caseload.clients.set_index("client_id").loc[client_id, "problem"])
    if problem != "depression":
        return (
            "This client is treated for alcohol use, so the PHQ-9 was not given. Safety still "
            "belongs in the plan: ask about mood and self-harm when it is relevant, and about "
            "physical risks of cutting down (a GP or doctor should advise on withdrawal)."
        )
    flagged = safety_sessions(caseload, client_id)
    if not flagged:
        return (
            "PHQ-9 item 9 (thoughts of self-harm or of being better off dead) was answered 0 in "
            "every session. Keep asking: a 0 last week does not rule out risk this week."
        )
    return (
        f"PHQ-9 item 9 (thoughts of self-harm or of being better off dead) was above 0 in "
        f"session(s) {', '.join(map(str, flagged))}. Each of these is a clinical-safety flag, "
        "whatever the total: your review must say what was done about it."
    )
