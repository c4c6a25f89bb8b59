"""Module 04, measuring the alliance: the trainee's simulated data.

Everything here is *simulated* or read from the course's instrument specs
(``course/data/instruments``); no real client answered anything. Each function that
makes data takes the trainee id and derives its random numbers from
``stable_seed(student_id, MODULE, ...)``, so the notebook and the autograder
see the same numbers and two trainees see different ones.

The reference answers are not here: they are computed afresh by the grading-only
``answer_key.m04`` from these same functions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import course.instruments as instruments
from course.seeds import stable_seed
from course.simulate import for_student

MODULE = "04-measuring-the-alliance"
WAI_ITEMS = [f"i{k}" for k in range(1, 13)]
WAI_KEY = {"task": (1, 2, 10, 12), "goal": (4, 6, 8, 11), "bond": (3, 5, 7, 9)}
SCALES = ("task", "goal", "bond", "total")


def _rng(student_id: str, *parts: object) -> np.random.Generator:
    return np.random.default_rng(stable_seed(student_id, MODULE, *parts))


def caseload(student_id: str):
    """The trainee's simulated caseload for this module (therapists, clients, sessions).

    >>> cl = caseload("trainee-01")
    >>> len(cl.clients), sorted(cl.clients["problem"].unique())
    (60, ['alcohol_use', 'depression'])
    """
    return for_student(student_id, MODULE)


# ---------------------------------------------------------------------------
# WAI-SR forms with blanks
# ---------------------------------------------------------------------------


def wai_with_gaps(student_id: str, n_rows: int = 12) -> pd.DataFrame:
    """WAI-SR forms from the trainee's caseload with some answers left blank (NaN).

    The blanks are simulated on top of the caseload (the simulator's forms are
    complete): 0, 1, 2 or 3 blanks per form, so every missing-item rule is used.

    >>> gaps = wai_with_gaps("trainee-01")
    >>> gaps.shape, sorted(gaps[WAI_ITEMS].isna().sum(axis=1).unique().tolist())
    ((12, 14), [0, 1, 2, 3])
    """
    rng = _rng(student_id, "wai-gaps")
    forms = caseload(student_id).items("wai-sr")
    picked = np.sort(rng.choice(len(forms), size=n_rows, replace=False))
    frame = forms.iloc[picked][["client_id", "session", *WAI_ITEMS]].reset_index(drop=True)
    frame["client_id"] = frame["client_id"].astype(str)
    frame[WAI_ITEMS] = frame[WAI_ITEMS].astype(float)
    patterns = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 1, 0][:n_rows]
    for row, n_blank in zip(rng.permutation(n_rows), patterns, strict=False):
        if n_blank == 2 and rng.random() < 0.5:  # both blanks in one subscale
            items = rng.choice(WAI_KEY[list(WAI_KEY)[int(rng.integers(3))]], 2, replace=False)
        else:
            items = rng.choice(np.arange(1, 13), size=n_blank, replace=False)
        for item in items:
            frame.loc[row, f"i{int(item)}"] = np.nan
    return frame


# ---------------------------------------------------------------------------
# CSQ-8 (simulated coded answers)
# ---------------------------------------------------------------------------

CSQ_ITEMS = [f"i{k}" for k in range(1, 9)]


def csq_discharge(student_id: str) -> pd.DataFrame:
    """Simulated CSQ-8 coded answers (1-4, 4 = most satisfied) from clients who completed.

    Clients who dropped out have no discharge form (as in most services). Answers
    lean towards the top (satisfaction ratings are typically high) and rise with
    the client's late alliance and improvement; a few forms have blanks.

    >>> csq = csq_discharge("trainee-01")
    >>> list(csq.columns)[:3], bool(csq[CSQ_ITEMS].isna().any(axis=1).any())
    (['client_id', 'i1', 'i2'], True)
    >>> answered = csq[CSQ_ITEMS].stack().dropna()
    >>> bool(answered.isin([1, 2, 3, 4]).all()), len(answered) < 8 * len(csq)
    (True, True)
    """
    rng = _rng(student_id, "csq")
    cl = caseload(student_id)
    clients = cl.clients[~cl.clients["dropped_out"]].reset_index(drop=True)
    wai = instruments.score("wai-sr", cl.items("wai-sr"))
    late = wai.groupby("client_id", observed=True)["total"].apply(lambda s: s.tail(3).mean())
    late = late.reindex(clients["client_id"]).to_numpy()

    def z(x: np.ndarray) -> np.ndarray:
        return (x - np.nanmean(x)) / np.nanstd(x)

    latent = (
        0.5 * z(late)
        + 0.3 * z(clients["outcome_change"].to_numpy())
        + rng.normal(0, 0.8, len(clients))
    )
    raw = 3.25 + 0.5 * latent[:, None] + rng.normal(0, 0.55, (len(clients), 8))
    codes = np.clip(np.floor(raw + 0.5), 1, 4)
    blanks = rng.random(len(clients))
    for row in np.flatnonzero(blanks < 0.15):
        n_blank = 2 if blanks[row] < 0.04 else 1
        codes[row, rng.choice(8, size=n_blank, replace=False)] = np.nan
    if not np.isnan(codes).any():  # every trainee meets at least one incomplete form
        codes[int(rng.integers(len(clients))), int(rng.integers(8))] = np.nan
    frame = pd.DataFrame(codes, columns=CSQ_ITEMS)
    frame.insert(0, "client_id", clients["client_id"].astype(str).to_numpy())
    return frame


# ---------------------------------------------------------------------------
# The assigned client: SRS lines, ORS and AUDIT
# ---------------------------------------------------------------------------

SRS_LINES = ["i1", "i2", "i3", "i4"]


def assigned_client(student_id: str) -> str:
    """An alcohol-use client who completed treatment, chosen for this trainee.

    Preference goes to clients whose SRS totals fall on both sides of 36 and
    whose ORS totals fall on both sides of 25, so both flags matter.

    >>> assigned_client("trainee-01").startswith("C")
    True
    """
    cl = caseload(student_id)
    clients = cl.clients
    pool = clients[(clients["problem"] == "alcohol_use") & ~clients["dropped_out"]]
    sessions = cl.sessions
    by_client = sessions.groupby("client_id", observed=True)
    srs_low = by_client["srs"].apply(lambda s: (s <= 36).any() and (s > 36).any())
    ors_low = by_client["ors"].apply(lambda s: (s < 25).any() and (s >= 25).any())
    ids = pool["client_id"].astype(str)
    best = [c for c in ids if srs_low.get(c, False) and ors_low.get(c, False)]
    good = [c for c in ids if srs_low.get(c, False)]
    candidates = best or good or list(ids)
    rng = _rng(student_id, "assigned")
    return sorted(candidates)[int(rng.integers(len(candidates)))]


def _split_total(total: float, rng: np.random.Generator) -> list[float]:
    """Four 0-10 line marks (one decimal) whose decimal sum is exactly ``total``."""
    tenths = round(total * 10)
    for _ in range(200):
        marks = np.clip(np.round(total / 4 + rng.normal(0, 0.5, 4), 1), 0, 10)
        marks_t = np.round(marks * 10).astype(int)
        marks_t[-1] = tenths - marks_t[:3].sum()
        if not 0 <= marks_t[-1] <= 100:
            continue
        lines = [int(t) / 10 for t in marks_t]
        # Keep only splits whose floating-point sum equals the decimal total, so that
        # scoring the lines and reading the recorded total give the same answer.
        if sum(lines) == tenths / 10:
            return lines
    raise RuntimeError(f"could not split an SRS total of {total} into four lines")


def srs_lines(student_id: str) -> pd.DataFrame:
    """The assigned client's SRS as four line marks per session (simulated split of the total).

    >>> lines = srs_lines("trainee-01")
    >>> list(lines.columns)
    ['client_id', 'session', 'i1', 'i2', 'i3', 'i4']
    """
    client = assigned_client(student_id)
    sessions = caseload(student_id).sessions
    own = sessions[sessions["client_id"] == client]
    rng = _rng(student_id, "srs-lines")
    rows = [
        [client, int(s), *_split_total(float(t), rng)]
        for s, t in zip(own["session"], own["srs"], strict=True)
    ]
    return pd.DataFrame(rows, columns=["client_id", "session", *SRS_LINES])


# ---------------------------------------------------------------------------
# Client and therapist ratings of the same sessions
# ---------------------------------------------------------------------------


def paired_ratings(student_id: str) -> pd.DataFrame:
    """Sessions 1-3 of every client: the client's WAI-SR as a *sum* (12-60), the therapist's as a mean.

    The service stores the two forms in different metrics, as real services do:
    the client form as the sum of its 12 items, the therapist form as the mean item
    score (1-5).

    >>> pairs = paired_ratings("trainee-01")
    >>> list(pairs.columns)
    ['client_id', 'therapist_id', 'session', 'client_wai_sum', 'therapist_rating']
    >>> bool(pairs["client_wai_sum"].between(12, 60).all()), int(pairs["session"].max())
    (True, 3)
    """
    sessions = caseload(student_id).sessions
    early = sessions[sessions["session"] <= 3]
    return pd.DataFrame(
        {
            "client_id": early["client_id"].astype(str).to_numpy(),
            "therapist_id": early["therapist_id"].astype(str).to_numpy(),
            "session": early["session"].astype(int).to_numpy(),
            "client_wai_sum": early[WAI_ITEMS].sum(axis=1).astype(int).to_numpy(),
            "therapist_rating": early["therapist_alliance"].astype(float).to_numpy(),
        }
    )


def early_means(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each client's mean rating by each rater on the 1-5 metric (client sum / 12).

    One row per client, columns ``client`` and ``therapist``: the inputs of
    :func:`rating_gap` and of the rater chart.

    >>> pairs = pd.DataFrame({"client_id": ["a", "a"], "session": [1, 2],
    ...     "client_wai_sum": [54, 48], "therapist_rating": [4.0, 3.0]})
    >>> early_means(pairs).to_dict("index")
    {'a': {'client': 4.25, 'therapist': 3.5}}
    """
    frame = pd.DataFrame(
        {
            "client_id": pairs["client_id"],
            "client": pairs["client_wai_sum"] / 12,
            "therapist": pairs["therapist_rating"],
        }
    )
    return frame.groupby("client_id")[["client", "therapist"]].mean()


# ---------------------------------------------------------------------------
# Ceiling
# ---------------------------------------------------------------------------


def ceiling_summary(student_id: str) -> dict:
    """How much of the trainee's caseload sits at the top of the alliance scales.

    >>> summary = ceiling_summary("trainee-01")
    >>> sorted(summary)
    ['share_srs_at_40', 'share_srs_at_or_above_38', 'share_wai_items_at_5']
    """
    sessions = caseload(student_id).sessions
    return {
        "share_srs_at_40": round(float((sessions["srs"] >= 40).mean()), 3),
        "share_srs_at_or_above_38": round(float((sessions["srs"] >= 38).mean()), 3),
        "share_wai_items_at_5": round(float((sessions[WAI_ITEMS] == 5).to_numpy().mean()), 3),
    }
