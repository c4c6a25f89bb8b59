"""Module 07 (ruptures, repair and monitoring): the trainee's data and the reference answers.

The notebook ``notebooks/07-ruptures-and-monitoring`` and its hidden tests both
call these functions with the trainee's id, so the grader recomputes exactly
the numbers the trainee saw. Nothing is cached: every call rebuilds the
trainee's simulated caseload from their seed (``course.simulate.for_student``),
so an answer cell that changes a table in place cannot change what is graded.

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

from collections.abc import Sequence

import numpy as np
import pandas as pd

from course import instruments
from course.exercises import labelling
from course.seeds import stable_seed
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
_CASE_MIN_SESSIONS = 8
# Drops within this distance of the threshold are "borderline": a case client
# has none, so rounding or the order of a sum can never change the answer.
_BORDERLINE = 0.02


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


# -------------------------------------------------------------- the rupture rule


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


def rupture_review(
    record: pd.DataFrame, drop: float = RUPTURE_DROP, window: int = REPAIR_WINDOW
) -> pd.DataFrame:
    """The rule applied session by session: baseline, drop, rupture and repair.

    ``record`` needs ``session`` and ``wai_sr``. ``rupture`` is True from
    session 3 on when ``baseline - wai_sr >= drop``; ``repaired`` is True for a
    rupture when a WAI-SR total in the next ``window`` sessions is at or above
    that same baseline.

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5, 6],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.8, 4.2, 4.0]})
    >>> rupture_review(demo)[["session", "baseline", "rupture", "repaired"]]
       session  baseline  rupture  repaired
    0        1       NaN    False     False
    1        2     4.000    False     False
    2        3     4.100     True      True
    3        4     3.900    False     False
    4        5     3.875    False     False
    5        6     3.940    False     False
    """
    sessions, scores = _sessions_and_scores(record)
    baseline, drops, rupture, repaired = _apply_rule(sessions, scores, drop, window)
    return pd.DataFrame(
        {
            "session": sessions,
            "wai_sr": scores,
            "baseline": [np.nan if b is None else round(b, 3) for b in baseline],
            "drop": [np.nan if d is None else round(d, 3) for d in drops],
            "rupture": rupture,
            "repaired": repaired,
        }
    )


def flag_ruptures(record: pd.DataFrame, drop: float = RUPTURE_DROP) -> list[int]:
    """Sessions the course rule flags as ruptures (the reference answer of Exercise 3).

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.0, 4.2]})
    >>> flag_ruptures(demo)
    [3, 4]
    """
    review = rupture_review(record, drop)
    return [int(s) for s in review.loc[review["rupture"], "session"]]


def flag_repairs(
    record: pd.DataFrame, drop: float = RUPTURE_DROP, window: int = REPAIR_WINDOW
) -> list[int]:
    """Rupture sessions followed by a return to the pre-rupture level within ``window`` sessions.

    Session 3 (baseline 4.1) recovers at session 5 (4.2); session 4 (baseline
    3.9) would need 3.9 again at session 5 or 6, and 4.2 is enough:

    >>> demo = pd.DataFrame({"session": [1, 2, 3, 4, 5],
    ...                      "wai_sr": [4.0, 4.2, 3.5, 3.0, 4.2]})
    >>> flag_repairs(demo)
    [3, 4]
    >>> flag_repairs(demo, window=1)
    [4]
    """
    review = rupture_review(record, drop, window)
    return [int(s) for s in review.loc[review["repaired"], "session"]]


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
        if k + 1 >= FIRST_CHECKED_SESSION and d is not None and abs(d - drop) < _BORDERLINE:
            return True
        if rupture[k] and any(
            abs(v - baseline[k]) < _BORDERLINE for v in scores[k + 1 : k + 1 + REPAIR_WINDOW]
        ):
            return True
    return False


# --------------------------------------------------------------- the case client


def _rank(ids, student_id: str, purpose: str) -> list[str]:
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
        if attended[client_id] < _CASE_MIN_SESSIONS:
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
    return _rank([c for c, t in tiers.items() if t == best], student_id, "case")[0]


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


def expected_rupture_sessions(student_id: str) -> list[int]:
    """Reference answer of Exercise 3, recomputed from the trainee's seed."""
    return flag_ruptures(case_record(student_id))


def expected_repaired_sessions(student_id: str) -> list[int]:
    """Reference answer of Exercise 4, recomputed from the trainee's seed."""
    return flag_repairs(case_record(student_id))


# -------------------------------------------------------------------- trajectories


def _shape_features(scores: np.ndarray) -> dict[str, float]:
    """Shape of one WAI-SR series from a quadratic and a linear fit over sessions 1..n.

    ``curvature`` and ``vertex`` (session of the fitted low or high point) come from
    the quadratic fit; ``depth`` and ``recover`` are how far its low point lies below
    the fitted early (sessions 1-3) and late (last 2) levels; ``rise`` is the change
    along the straight-line fit; ``resid`` and ``lin_resid`` the scatter around each.
    """
    t = np.arange(1, scores.size + 1, dtype=float)
    quad = np.polyfit(t, scores, 2)
    fitted = np.polyval(quad, t)
    line = np.polyval(np.polyfit(t, scores, 1), t)
    curvature = float(quad[0])
    vertex = float(-quad[1] / (2 * curvature)) if curvature else float("inf")
    return {
        "n": float(scores.size),
        "curvature": curvature,
        "vertex": vertex,
        "depth": float(fitted[:3].mean() - fitted.min()),
        "recover": float(fitted[-2:].mean() - fitted.min()),
        "rise": float(line[-1] - line[0]),
        "resid": float(np.std(scores - fitted)),
        "lin_resid": float(np.std(scores - line)),
    }


def _clarity(kind: str, f: dict[str, float]) -> float:
    """How plainly a series shows its trajectory type (higher is clearer).

    >>> dip = np.array([4.3, 4.5, 4.4, 3.7, 3.3, 3.2, 3.4, 4.3, 4.7])
    >>> _clarity("dip_and_recover", _shape_features(dip)) > _clarity("linear_growth", _shape_features(dip))
    True
    """
    if kind == "dip_and_recover":
        in_middle = 3 < f["vertex"] < f["n"] - 1
        if f["curvature"] <= 0 or not in_middle:
            return -10.0
        return min(f["depth"], f["recover"]) - f["resid"]
    if kind == "linear_growth":
        return f["rise"] - 2 * f["lin_resid"] - max(0.0, f["depth"])
    return -(abs(f["rise"]) + f["lin_resid"] + abs(f["curvature"]) * f["n"] ** 2 / 4)


def trajectory_examples(caseload: Caseload, student_id: str) -> dict[str, str]:
    """Three clients, one of each trajectory type, behind the letters A, B, C.

    For each type, the client (8+ sessions) whose WAI-SR series shows the type
    most plainly; the letters are shuffled by the trainee's seed.

    >>> cl = trainee_caseload("trainee-01")
    >>> examples = trajectory_examples(cl, "trainee-01")
    >>> sorted(examples), len(set(examples.values()))
    (['A', 'B', 'C'], 3)
    """
    table = session_table(caseload).sort_values(["client_id", "session"], kind="stable")
    series = {cid: rows.to_numpy() for cid, rows in table.groupby("client_id")["wai_sr"]}
    clients = caseload.clients.set_index("client_id")
    chosen = {}
    for kind in TRAJECTORIES:
        ids = [
            cid
            for cid in clients.index[(clients["trajectory"] == kind)]
            if clients.loc[cid, "sessions_attended"] >= _CASE_MIN_SESSIONS
        ]
        if not ids:  # a tiny caseload: fall back to any length
            ids = list(clients.index[clients["trajectory"] == kind])
        if not ids:
            raise ValueError(f"no {kind} client in this caseload")
        scores = {cid: _clarity(kind, _shape_features(series[cid])) for cid in ids}
        order = _rank(ids, student_id, "trajectory")
        chosen[kind] = max(order, key=lambda cid: scores[cid])  # ties keep the seeded order
    kinds = sorted(TRAJECTORIES, key=lambda k: stable_seed(student_id, MODULE, "letters", k))
    return {letter: chosen[kind] for letter, kind in zip(EXAMPLE_LETTERS, kinds, strict=True)}


def trajectory_frame(caseload: Caseload, examples: dict[str, str]) -> pd.DataFrame:
    """Long table for the trajectory chart: client letter, session, WAI-SR total,
    early level (mean of sessions 1-3) and a quadratic trend fitted to the series."""
    table = session_table(caseload)
    parts = []
    for letter, client_id in examples.items():
        rows = table.loc[table["client_id"] == client_id, ["session", "wai_sr"]]
        rows = rows.sort_values("session").assign(client=f"Client {letter}")
        rows["early_level"] = round(float(rows["wai_sr"].iloc[:3].mean()), 2)
        t = rows["session"].to_numpy(dtype=float)
        rows["trend"] = np.polyval(np.polyfit(t, rows["wai_sr"].to_numpy(), 2), t).round(2)
        parts.append(rows)
    columns = ["client", "session", "wai_sr", "early_level", "trend"]
    return pd.concat(parts, ignore_index=True)[columns]


def expected_trajectory_labels(student_id: str) -> dict[str, str]:
    """Reference answer of Exercise 5: each letter's ground-truth trajectory type."""
    caseload = trainee_caseload(student_id)
    trajectory = caseload.clients.set_index("client_id")["trajectory"]
    examples = trajectory_examples(caseload, student_id)
    return {letter: str(trajectory[cid]) for letter, cid in examples.items()}


def mean_outcome_by_trajectory(caseload: Caseload) -> dict[str, float]:
    """Mean ``outcome_change`` of the clients of each trajectory type (Exercise 6).

    >>> out = mean_outcome_by_trajectory(trainee_caseload("trainee-01"))
    >>> sorted(out) == sorted(TRAJECTORIES)
    True
    """
    clients = caseload.clients
    means = clients.groupby("trajectory", observed=True)["outcome_change"].mean()
    return {kind: float(means[kind]) for kind in TRAJECTORIES}


# ------------------------------------------------------------- repair and outcome


def repair_table(caseload: Caseload) -> pd.DataFrame:
    """Clients with at least one noted rupture: ruptures, repairs, share repaired, outcome.

    >>> t = repair_table(trainee_caseload("trainee-01"))
    >>> bool((t["ruptures"] >= 1).all()), bool(t["share_repaired"].between(0, 1).all())
    (True, True)
    """
    sessions = caseload.sessions
    counts = (
        sessions.assign(client_id=sessions["client_id"].astype(str))
        .groupby("client_id")[["rupture", "repaired"]]
        .sum()
        .rename(columns={"rupture": "ruptures", "repaired": "repairs"})
    )
    outcome = caseload.clients.set_index("client_id")["outcome_change"]
    table = counts[counts["ruptures"] >= 1].copy()
    table["share_repaired"] = table["repairs"] / table["ruptures"]
    table["outcome_change"] = outcome.reindex(table.index)
    return table.reset_index()


def repair_outcome_correlation(caseload: Caseload) -> float:
    """Pearson r of share of ruptures repaired and outcome change, clients with a rupture.

    >>> -1 <= repair_outcome_correlation(trainee_caseload("trainee-01")) <= 1
    True
    """
    table = repair_table(caseload)
    return float(np.corrcoef(table["share_repaired"], table["outcome_change"])[0, 1])


# ---------------------------------------------------------------------- monitoring


def triage_label(srs_now: float, ors_now: float, ors_first: float) -> str:
    """The course's simplified dashboard rule for one client at one session.

    * ``discuss_alliance``: SRS total at or below 36;
    * ``review_progress``: ORS still below the cut-off 25 *and* less than 5
      points better than at session 1 (no reliable improvement yet);
    * ``both`` when both apply; ``no_flag`` when neither does.

    >>> triage_label(36.0, 30.0, 20.0)
    'discuss_alliance'
    >>> triage_label(38.5, 22.0, 19.0)
    'review_progress'
    >>> triage_label(35.1, 24.9, 21.0)
    'both'
    >>> triage_label(38.0, 24.0, 19.0)
    'no_flag'
    """
    alliance = srs_now <= SRS_CONCERN
    stuck = ors_now < ORS_CUTOFF and round(ors_now - ors_first, 1) < ORS_RELIABLE_CHANGE
    if alliance and stuck:
        return "both"
    if alliance:
        return "discuss_alliance"
    if stuck:
        return "review_progress"
    return "no_flag"


def monitoring_table(
    caseload: Caseload, client_ids: Sequence[str], upto: int = SNAPSHOT_SESSION
) -> pd.DataFrame:
    """SRS and ORS of ``client_ids`` in sessions 1..``upto`` (long format, in client order)."""
    table = session_table(caseload)
    rows = table[table["client_id"].isin(client_ids) & (table["session"] <= upto)]
    order = {cid: k for k, cid in enumerate(client_ids)}
    rows = rows.assign(_order=rows["client_id"].map(order)).sort_values(["_order", "session"])
    return rows[["client_id", "session", "srs", "ors"]].reset_index(drop=True)


def triage(
    caseload: Caseload, client_ids: Sequence[str], session: int = SNAPSHOT_SESSION
) -> dict[str, str]:
    """Reference labels of Exercise 8: :func:`triage_label` at ``session`` for each client."""
    table = session_table(caseload)
    now = table[table["session"] == session].set_index("client_id")
    first = table[table["session"] == 1].set_index("client_id")["ors"].to_dict()
    srs, ors = now["srs"].to_dict(), now["ors"].to_dict()
    return {
        cid: triage_label(float(srs[cid]), float(ors[cid]), float(first[cid])) for cid in client_ids
    }


def triage_clients(caseload: Caseload, student_id: str, n: int = 5) -> list[str]:
    """``n`` clients still attending at the snapshot session, chosen so the labels vary.

    One client from each label that occurs (in seeded order), then the rest by
    the trainee's seed; the list is shuffled by the seed too.

    >>> picked = triage_clients(trainee_caseload("trainee-01"), "trainee-01")
    >>> len(picked), len(set(picked))
    (5, 5)
    """
    attended = caseload.clients.set_index("client_id")["sessions_attended"]
    eligible = [str(c) for c in attended.index[attended >= SNAPSHOT_SESSION]]
    table = session_table(caseload)
    ors = table.pivot(index="client_id", columns="session", values="ors")
    change = (ors[SNAPSHOT_SESSION] - ors[1]).round(1)
    # A gain of exactly 5.0 is left out: float subtraction could put it on either side.
    eligible = [c for c in eligible if change[c] != ORS_RELIABLE_CHANGE]
    labels = triage(caseload, eligible)
    ranked = _rank(eligible, student_id, "triage")
    chosen: list[str] = []
    for label in sorted(
        TRIAGE_LABELS, key=lambda lab: stable_seed(student_id, MODULE, "triage-label", lab)
    ):
        first = next((c for c in ranked if labels[c] == label), None)
        if first is not None and len(chosen) < n:
            chosen.append(first)
    chosen += [c for c in ranked if c not in chosen][: n - len(chosen)]
    return _rank(chosen, student_id, "triage-order")


def expected_triage(student_id: str) -> dict[str, str]:
    """Reference answer of Exercise 8, recomputed from the trainee's seed."""
    caseload = trainee_caseload(student_id)
    return triage(caseload, triage_clients(caseload, student_id))


def triage_rationale(label: str) -> str:
    """Why a client gets ``label`` under the course's dashboard rule (shown on a wrong answer)."""
    return {
        "discuss_alliance": "SRS at or below 36 (36 itself counts) and the ORS is not stuck.",
        "review_progress": (
            "ORS below 25 and less than 5 points above session 1, with the SRS above 36."
        ),
        "both": "SRS at or below 36 and the ORS below 25 with less than 5 points of gain.",
        "no_flag": (
            "SRS above 36, and the ORS is either at or above 25 or at least 5 points above "
            "session 1."
        ),
    }[label]


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


# ---------------------------------------------------------- showing and feedback


# Vignettes are shown under neutral labels (V1..V6 for the markers, S1..S4 for the
# repair scenes): the bank's ids name the rupture type (``rup-wd-001``,
# ``rup-con-004``) and would give the answer away.
VIGNETTE_PREFIXES = {"rupture": "V", "repair": "S"}
N_MARKERS = 6  # Exercise 1: 3 withdrawal, 3 confrontation
N_SCENES = 4  # Exercise 2: 2 with a repair attempt, 2 without


def repair_scenes(student_id: str) -> list:
    """The trainee's Exercise 2 scenes: two with a repair attempt and two without.

    Drawn with :func:`course.vignettes.for_student` (family ``repair``), which
    balances the two values and orders them by the trainee's seed.

    >>> scenes = repair_scenes("trainee-01")
    >>> len(scenes), sorted(v.tags["repair"] for v in scenes)
    (4, [False, False, True, True])
    """
    from course import vignettes

    return vignettes.for_student(student_id, MODULE, k=N_SCENES, family="repair")


def marker_vignettes(student_id: str) -> list:
    """The trainee's Exercise 1 vignettes: three withdrawal and three confrontation markers.

    Ranked by :func:`course.vignettes.for_student` (family ``rupture``), leaving
    out the Exercise 2 scenes so that no scene is shown twice.

    >>> picked = marker_vignettes("trainee-01")
    >>> sorted(v.tags["rupture"] for v in picked).count("withdrawal"), len(picked)
    (3, 6)
    >>> {v.id for v in picked} & {v.id for v in repair_scenes("trainee-01")}
    set()
    """
    from course import vignettes

    scenes = {v.id for v in repair_scenes(student_id)}
    ranked = vignettes.for_student(
        student_id, MODULE, k=len(vignettes.bank().tagged("rupture")), family="rupture"
    )
    picked = []
    for kind in ("withdrawal", "confrontation"):
        pool = [v for v in ranked if v.tags["rupture"] == kind and v.id not in scenes]
        picked += pool[: N_MARKERS // 2]
    return sorted(picked, key=lambda v: stable_seed(student_id, MODULE, "marker-order", v.id))


_SAMPLERS = {"rupture": marker_vignettes, "repair": repair_scenes}


def labelled_vignettes(student_id: str, family: str) -> dict:
    """The trainee's vignettes for ``family`` ("rupture" or "repair") under neutral labels.

    >>> list(labelled_vignettes("trainee-01", "repair"))
    ['S1', 'S2', 'S3', 'S4']
    """
    return labelling.with_labels(_SAMPLERS[family](student_id), VIGNETTE_PREFIXES[family])


def vignette_labels(family: str) -> list[str]:
    """The labels the trainee sees for ``family``, in order (for the visible tests).

    >>> vignette_labels("rupture")
    ['V1', 'V2', 'V3', 'V4', 'V5', 'V6']
    """
    count = N_MARKERS if family == "rupture" else N_SCENES
    return [f"{VIGNETTE_PREFIXES[family]}{n}" for n in range(1, count + 1)]


def vignette_markdown(labelled: dict, show_problem: bool = True) -> str:
    """Markdown with each vignette's neutral label and text: never its bank id, tags or rationale.

    >>> labelled = labelled_vignettes("trainee-01", "rupture")
    >>> text = vignette_markdown(labelled)
    >>> text.startswith("**V1**"), "rup-" in text, "withdrawal" in text.lower()
    (True, False, False)
    """
    blocks = []
    for label, vignette in labelled.items():
        about = f" ({vignette.problem.replace('_', ' ')})" if show_problem else ""
        lines = [line.strip() for line in vignette.text.splitlines() if line.strip()]
        body = "\n".join(f"> {line}  " for line in lines)
        blocks.append(f"**{label}**{about}\n\n{body}")
    return "\n\n".join(blocks)


def exercise_vignettes(student_id: str, family: str) -> tuple[list[str], str]:
    """The labels of the trainee's vignettes for ``family`` and their Markdown.

    Only neutral labels and texts reach the notebook, not the tagged vignette objects.

    >>> labels, text = exercise_vignettes("trainee-01", "repair")
    >>> labels == vignette_labels("repair") and all(f"**{k}**" in text for k in labels)
    True
    """
    labelled = labelled_vignettes(student_id, family)
    return list(labelled), vignette_markdown(labelled)


def _as_int_list(value) -> list[int] | None:
    """The answer as a list of whole numbers, or None when it is not one."""
    if type(value) not in (list, tuple):
        return None
    out = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, np.integer)):
            return None
        out.append(int(item))
    return out


RUPTURE_CONCEPT = (
    "A rupture session under the course rule is one whose WAI-SR total is at least 0.5 below "
    "the running baseline, the mean of all earlier sessions of this client (not the previous "
    "session alone), checked from session 3 on; list the session numbers in order."
)
REPAIR_CONCEPT = (
    "A flagged rupture counts as repaired when, in one of the next two sessions, the WAI-SR "
    "total is back at or above the pre-rupture level (the running baseline that flagged it), "
    "not merely higher than the rupture session; list only sessions from your rupture list."
)


def _rupture_hint(given: list[int], sessions, scores, noted: list[int]) -> str:
    """A sentence naming a known slip in a rupture list (empty when none is recognised).

    >>> sessions, scores = [1, 2, 3, 4, 5, 6], [4.6, 4.6, 3.9, 3.8, 3.2, 4.5]
    >>> _apply_rule(sessions, scores, RUPTURE_DROP, REPAIR_WINDOW)[2]
    [False, False, True, True, True, False]
    >>> _previous_session_flags(sessions, scores)
    [3, 5]
    >>> "previous session" in _rupture_hint([3, 5], sessions, scores, noted=[4])
    True
    >>> "rupture notes" in _rupture_hint([4], sessions, scores, noted=[4])
    True
    """
    if given == _previous_session_flags(sessions, scores):
        return (
            " Your list matches a drop from the previous session only: compare each session "
            "with the mean of all earlier sessions instead."
        )
    if given == noted:
        return (
            " Your list matches the record's own rupture notes; this exercise asks which "
            "sessions the stated WAI-SR rule flags."
        )
    if any(s < FIRST_CHECKED_SESSION for s in given):
        return " Sessions 1 and 2 are never flagged: the baseline needs two earlier sessions."
    return ""


def _noted_sessions(caseload: Caseload, client_id: str, column: str = "rupture") -> list[int]:
    rows = caseload.sessions[caseload.sessions["client_id"].astype(str) == client_id]
    return [int(s) for s in rows.loc[rows[column].astype(bool), "session"]]


def rupture_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 3, naming the slip when it is a known one.

    It never contains the correct answer.

    >>> rupture_feedback("3, 5", "trainee-01") == RUPTURE_CONCEPT
    True
    """
    given = _as_int_list(answer)
    if given is None:
        return RUPTURE_CONCEPT
    caseload = trainee_caseload(student_id)
    client_id = choose_case_client(caseload, student_id)
    sessions, scores = _sessions_and_scores(client_record(caseload, client_id))
    return RUPTURE_CONCEPT + _rupture_hint(
        given, sessions, scores, _noted_sessions(caseload, client_id)
    )


def _repair_hint(given: list[int], sessions, scores, noted: list[int]) -> str:
    """A sentence naming a known slip in a repaired list (empty when none is recognised).

    >>> sessions, scores = [1, 2, 3, 4, 5], [4.0, 4.2, 3.5, 3.0, 4.2]
    >>> "next two sessions" in _repair_hint([4], sessions, scores, noted=[])
    True
    >>> "also be a rupture" in _repair_hint([2], sessions, scores, noted=[])
    True
    """
    _, _, rupture, repaired = _apply_rule(sessions, scores, RUPTURE_DROP, REPAIR_WINDOW)
    flagged = [s for s, r in zip(sessions, rupture, strict=True) if r]
    mended = [s for s, r in zip(sessions, repaired, strict=True) if r]
    next_only = _apply_rule(sessions, scores, RUPTURE_DROP, 1)[3]
    next_only = [s for s, r in zip(sessions, next_only, strict=True) if r]
    if given == noted and noted != mended:
        return (
            " Your list matches the record's own repair notes; this exercise asks which flagged "
            "sessions the stated WAI-SR rule counts as repaired."
        )
    if any(s not in flagged for s in given):
        return " Every repaired session must also be a rupture session under the rule."
    if given == next_only and next_only != mended:
        return " Look at both of the next two sessions, not only the very next one."
    return ""


def repair_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 4, naming the slip when it is a known one.

    >>> repair_feedback(None, "trainee-01") == REPAIR_CONCEPT
    True
    """
    given = _as_int_list(answer)
    if given is None:
        return REPAIR_CONCEPT
    caseload = trainee_caseload(student_id)
    client_id = choose_case_client(caseload, student_id)
    sessions, scores = _sessions_and_scores(client_record(caseload, client_id))
    noted = [
        s
        for s in _noted_sessions(caseload, client_id)
        if s in _noted_sessions(caseload, client_id, "repaired")
    ]
    return REPAIR_CONCEPT + _repair_hint(given, sessions, scores, noted)


def check_labels(value, answer_key: dict, name: str, rationales: dict, concept: str) -> None:
    """Hidden-test check for a sorting exercise: :func:`course.grading.expect_labels`,
    with the concept the trainee missed added to the message.

    >>> check_labels({"v1": "withdrawal"}, {"v1": "withdrawal"}, "labels", {}, "Moves away.")
    >>> check_labels({"v1": "confrontation"}, {"v1": "withdrawal"}, "labels", {}, "Moves away.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `labels`: 1 of 1 not right yet. v1: you said 'confrontation'; Moves away.
    """
    from course.grading import CheckFailed, expect_labels

    try:
        expect_labels(value, answer_key, name, rationales)
    except CheckFailed as failure:
        raise CheckFailed(f"{failure} {concept}") from None


MARKER_CONCEPT = (
    "Withdrawal moves away from the therapist or the work (minimal answers, changing the "
    "subject, vague talk, going along without agreeing); confrontation moves against them "
    "(complaints, rejecting a task, blame, pressure)."
)
REPAIR_ATTEMPT_CONCEPT = (
    "A repair attempt means the therapist notices the strain and turns toward it (asks about it, "
    "owns their part, adjusts the task); pressing on, defending or repeating the same move is "
    "no repair."
)


def exercise_key(student_id: str, family: str) -> dict:
    """The reference answer of Exercise 1 or 2: each neutral label mapped to its tag value.

    The tags are read from a freshly loaded bank, not from the cached vignette
    objects the notebook shows, so nothing an answer cell does to those can
    change the key.

    >>> key = exercise_key("trainee-01", "rupture")
    >>> list(key) == vignette_labels("rupture"), sorted(set(key.values()))
    (True, ['confrontation', 'withdrawal'])
    """
    return labelling.label_key(labelled_vignettes(student_id, family), family)


def check_vignette_labels(value, student_id: str, family: str, name: str) -> None:
    """Hidden-test check of Exercise 1 or 2: every label right, with rationales for misses.

    >>> key = exercise_key("trainee-01", "repair")
    >>> check_vignette_labels(key, "trainee-01", "repair", "repair_attempted")
    >>> check_vignette_labels({k: True for k in key}, "trainee-01", "repair", "repair_attempted")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `repair_attempted`: 2 of 4 not right yet. ...
    """
    concept = {"rupture": MARKER_CONCEPT, "repair": REPAIR_ATTEMPT_CONCEPT}[family]
    labelling.check_sorted(value, labelled_vignettes(student_id, family), family, name, concept)


def check_group_means(value, expected: dict, name: str, concept: str, tol: float = 0.01) -> None:
    """Hidden-test check: a dict of numbers, each within ``tol`` of ``expected``.

    >>> check_group_means({"a": 1.004}, {"a": 1.0}, "means", "Average each group.")
    >>> check_group_means({"a": 1.2}, {"a": 1.0}, "means", "Average each group.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `means` is not right yet (a). Average each group.
    """
    from course.grading import CheckFailed, plain

    got = plain(value, name)
    if type(got) is not dict:
        raise CheckFailed(f"`{name}` should be a dict, but it is a {type(got).__name__}.")
    wrong = []
    for key, want in expected.items():
        number = got.get(key)
        ok = (
            isinstance(number, (int, float))
            and not isinstance(number, bool)
            and np.isfinite(number)
            and abs(number - want) <= tol
        )
        if not ok:
            wrong.append(str(key))
    if wrong:
        raise CheckFailed(f"`{name}` is not right yet ({', '.join(wrong)}). {concept}")


TRAJECTORY_MEANS_CONCEPT = (
    "Group all clients of your caseload by the `trajectory` column and take the mean of "
    "`outcome_change` (positive = better) in each group: the mean, not the median, and every "
    "client, not only the three in the chart."
)
REPAIR_R_CONCEPT = (
    "Use only clients with at least one noted rupture; for each, share repaired = repaired "
    "ruptures / ruptures (the `repaired` and `rupture` columns of `sessions`), then the Pearson "
    "correlation of that share with `outcome_change` from `clients`."
)


def _repair_r_variants(caseload: Caseload) -> dict[str, float]:
    """Answers that common slips produce (for naming the slip in feedback)."""
    sessions = caseload.sessions
    counts = (
        sessions.assign(client_id=sessions["client_id"].astype(str))
        .groupby("client_id")[["rupture", "repaired"]]
        .sum()
    )
    outcome = caseload.clients.set_index("client_id")["outcome_change"].reindex(counts.index)
    share_all = (counts["repaired"] / counts["rupture"].where(counts["rupture"] > 0)).fillna(0.0)
    repaired_count = counts["repaired"]
    return {
        "all clients": float(np.corrcoef(share_all, outcome)[0, 1]),
        "count": float(
            np.corrcoef(repaired_count[counts["rupture"] > 0], outcome[counts["rupture"] > 0])[0, 1]
        ),
    }


def repair_r_feedback(answer, student_id: str) -> str:
    """The teaching message of Exercise 7, naming the slip when it is a known one.

    >>> repair_r_feedback("0.3", "trainee-01") == REPAIR_R_CONCEPT
    True
    """
    if isinstance(answer, bool) or not isinstance(answer, (int, float, np.floating)):
        return REPAIR_R_CONCEPT
    variants = _repair_r_variants(trainee_caseload(student_id))
    if abs(float(answer) - variants["all clients"]) <= 0.005:
        return REPAIR_R_CONCEPT + (
            " Your value matches a correlation over all clients: clients without a rupture "
            "have no share repaired and must be left out."
        )
    if abs(float(answer) - variants["count"]) <= 0.005:
        return REPAIR_R_CONCEPT + (
            " Your value matches the number of repairs: use the share (repairs / ruptures)."
        )
    return REPAIR_R_CONCEPT


TRIAGE_CONCEPT = (
    "The course's dashboard rule at session 4: SRS at or below 36 means discuss the alliance; "
    "ORS below 25 and less than 5 points above session 1 means review progress; both can apply."
)


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
