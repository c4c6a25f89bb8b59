"""Module 06: the analyses its worked examples run, so that no graded answer needs pandas work.

Each function does one analysis a counselling trainee runs and reads instead of
programming it (a mean over the early sessions, a confidence interval, a
regression on two parts of the alliance, an intraclass correlation, a split of
each caseload in two); the trainee's graded part is the judgement made from
what it shows. None of them gives a verdict: the tables give numbers, not
which statement about them is right. The tests check every statistic against
an independent computation (statsmodels, REML, by hand).

All client data are simulated.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from course.grading import CheckFailed
from course.modules.m06.data import EARLY_SESSIONS, Z_95
from course.simulate.generate import Caseload

# ------------------------------------------------------------- association


def early_views(cl: Caseload, early: int = EARLY_SESSIONS) -> pd.DataFrame:
    """One row per client: the early alliance as the client rated it and as the therapist did.

    ``client_view`` is the client's WAI-SR mean over sessions 1-3 (``early_alliance``);
    ``therapist_view`` the mean of the therapist's own rating (``therapist_alliance``)
    over the same sessions; ``outcome_change`` the client's improvement.

    >>> from course.modules.m06.data import caseload
    >>> views = early_views(caseload("trainee-01"))
    >>> list(views.columns), len(views)
    (['client_id', 'therapist_id', 'client_view', 'therapist_view', 'outcome_change'], 600)
    """
    rows = cl.sessions[cl.sessions["session"] <= early]
    therapist = rows.groupby("client_id", observed=True)["therapist_alliance"].mean()
    therapist.index = therapist.index.astype(str)
    clients = cl.clients
    return pd.DataFrame(
        {
            "client_id": clients["client_id"].astype(str),
            "therapist_id": clients["therapist_id"].astype(str),
            "client_view": clients["early_alliance"],
            "therapist_view": therapist.reindex(clients["client_id"].astype(str)).to_numpy(),
            "outcome_change": clients["outcome_change"],
        }
    )


def fisher_ci(r: float, n: int, z: float = Z_95) -> list[float]:
    """The 95% confidence interval ``[lower, upper]`` of a correlation ``r`` from ``n`` pairs.

    Fisher's z: transform ``r`` to ``atanh(r)``, where its sampling error is close
    to normal with standard error ``1 / sqrt(n - 3)``; step 1.96 standard errors
    either side; transform both ends back with ``tanh``. The interval is not
    symmetric around ``r``, and it narrows as ``n`` grows.

    >>> [round(v, 3) for v in fisher_ci(0.30, 100)]
    [0.11, 0.469]
    >>> [round(v, 3) for v in fisher_ci(0.30, 1000)]
    [0.243, 0.355]
    >>> fisher_ci(0.3, 3)
    Traceback (most recent call last):
    ...
    ValueError: a confidence interval for r needs n > 3 pairs, got n = 3
    >>> fisher_ci(..., 600)
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: fisher_ci(...) still has a blank: replace each ... with a value, the correlation first, then the number of pairs.
    """
    if r is Ellipsis or n is Ellipsis:
        raise CheckFailed(
            "fisher_ci(...) still has a blank: replace each ... with a value, the correlation "
            "first, then the number of pairs."
        )
    if n <= 3:
        raise ValueError(f"a confidence interval for r needs n > 3 pairs, got n = {n}")
    centre, se = math.atanh(float(r)), 1.0 / math.sqrt(n - 3)
    return [math.tanh(centre - z * se), math.tanh(centre + z * se)]


def caseload_split(clients: pd.DataFrame) -> pd.DataFrame:
    """What the alliance-outcome correlation looks like in a caseload, in counts of clients.

    Clients are split into the half with the stronger and the half with the
    weaker early alliance; for each half the table counts how many improved more
    than the clinic's median client (``above_median``) and how many did not,
    with the share above (``share_above``, 0-1, three decimals). With no link
    both halves would sit near .50.

    >>> toy = pd.DataFrame({"early_alliance": [1.0, 2.0, 3.0, 4.0],
    ...                     "outcome_change": [0.1, 0.5, 0.2, 0.9]})
    >>> caseload_split(toy)
                             clients  above_median  below_median  share_above
    half
    stronger early alliance        2             1             1          0.5
    weaker early alliance          2             1             1          0.5
    """
    stronger = clients["early_alliance"].rank(method="first") > len(clients) / 2
    above = clients["outcome_change"] > clients["outcome_change"].median()
    rows = {}
    for name, half in (("stronger early alliance", stronger), ("weaker early alliance", ~stronger)):
        n, up = int(half.sum()), int((above & half).sum())
        rows[name] = {
            "clients": n,
            "above_median": up,
            "below_median": n - up,
            "share_above": round(up / n, 3),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "half"
    return table


# ----------------------------------------------------------- decomposition


def alliance_parts(clients: pd.DataFrame) -> pd.DataFrame:
    """Standardised early alliance split into the therapist's mean and the client's deviation.

    Columns ``therapist_id``, ``z_alliance``, ``therapist_mean``, ``deviation``
    and ``z_outcome`` (z-scores with the sample SD), one row per client.

    >>> toy = pd.DataFrame({"therapist_id": ["A", "A", "B", "B"],
    ...                     "early_alliance": [3.0, 4.0, 4.0, 5.0],
    ...                     "outcome_change": [0.5, 0.6, 1.0, 1.1]})
    >>> alliance_parts(toy)[["therapist_mean", "deviation"]].round(3).values.tolist()
    [[-0.612, -0.612], [-0.612, 0.612], [0.612, -0.612], [0.612, 0.612]]
    """

    def z(values: pd.Series) -> pd.Series:
        return (values - values.mean()) / values.std()

    z_alliance = z(clients["early_alliance"])
    therapist_mean = z_alliance.groupby(clients["therapist_id"]).transform("mean")
    return pd.DataFrame(
        {
            "therapist_id": clients["therapist_id"],
            "z_alliance": z_alliance,
            "therapist_mean": therapist_mean,
            "deviation": z_alliance - therapist_mean,
            "z_outcome": z(clients["outcome_change"]),
        }
    )


def decompose(clients: pd.DataFrame) -> dict[str, float]:
    """The between- and within-therapist slopes, rounded to three decimals as shown.

    Ordinary least squares of standardised outcome on an intercept, the
    therapist's mean (standardised) alliance and the client's deviation from it
    (:func:`alliance_parts`); both slopes are in outcome SDs per SD of alliance.

    >>> toy = pd.DataFrame({"therapist_id": ["A", "A", "B", "B", "C", "C"],
    ...                     "early_alliance": [3.0, 4.0, 4.0, 5.0, 2.0, 3.0],
    ...                     "outcome_change": [0.5, 0.6, 1.0, 1.1, 0.0, 0.1]})
    >>> decompose(toy)
    {'between': 1.164, 'within': 0.233}
    """
    parts = alliance_parts(clients)
    design = np.column_stack([np.ones(len(parts)), parts["therapist_mean"], parts["deviation"]])
    beta, *_ = np.linalg.lstsq(design, parts["z_outcome"].to_numpy(), rcond=None)
    return {"between": round(float(beta[1]), 3), "within": round(float(beta[2]), 3)}


# ------------------------------------------------------- therapist effects


def therapist_icc(values, groups) -> float:
    """ICC(1) by one-way analysis of variance: ``(MSB - MSW) / (MSB + (n0 - 1) MSW)``.

    ``MSB`` is the mean square between therapists, ``MSW`` within, ``n0`` the
    (adjusted) caseload size. Means of a few clients differ by chance even when
    therapists are equally effective; ICC(1) subtracts that part. It can fall
    below zero when therapists differ less than chance alone would make them.

    >>> groups = ["A"] * 3 + ["B"] * 3 + ["C"] * 3
    >>> round(therapist_icc([1, 2, 3, 2, 3, 4, 3, 4, 5], groups), 3)
    0.4
    """
    frame = pd.DataFrame({"y": np.asarray(values, float), "g": np.asarray(groups)})
    by = frame.groupby("g")["y"]
    n = by.size()
    n_groups, n_total = len(n), len(frame)
    grand = frame["y"].mean()
    msb = float((n * (by.mean() - grand) ** 2).sum()) / (n_groups - 1)
    msw = float(((frame["y"] - by.transform("mean")) ** 2).sum()) / (n_total - n_groups)
    n0 = (n_total - float((n**2).sum()) / n_total) / (n_groups - 1)
    return (msb - msw) / (msb + (n0 - 1) * msw)


def naive_share(values, groups) -> float:
    """Variance of the therapist means over the total variance: too large, chance included."""
    frame = pd.DataFrame({"y": np.asarray(values, float), "g": np.asarray(groups)})
    return float(frame.groupby("g")["y"].mean().var() / frame["y"].var())


def split_half_table(clients: pd.DataFrame) -> pd.DataFrame:
    """Each therapist's mean outcome in two halves of their caseload, and their rank in each.

    Within each therapist, clients in ``client_id`` order are dealt alternately
    into half A (1st, 3rd, ...) and half B (2nd, 4th, ...). ``rank_A`` and
    ``rank_B`` rank the therapists by those means (1 = highest); rows are in
    ``rank_A`` order, so the first five rows are half A's top five.

    >>> toy = pd.DataFrame({"client_id": ["C1", "C2", "C3", "C4"],
    ...                     "therapist_id": ["A", "B", "A", "B"],
    ...                     "outcome_change": [1.0, 0.0, 0.0, 2.0]})
    >>> split_half_table(toy)
                  mean_A  mean_B  rank_A  rank_B
    therapist_id
    A                1.0     0.0       1       2
    B                0.0     2.0       2       1
    """
    ordered = clients.sort_values("client_id")
    half = (ordered.groupby("therapist_id").cumcount() % 2).map({0: "mean_A", 1: "mean_B"})
    table = ordered.groupby([ordered["therapist_id"], half])["outcome_change"].mean().unstack()
    table.columns.name = None
    table = table[["mean_A", "mean_B"]].round(3)
    table["rank_A"] = table["mean_A"].rank(ascending=False, method="first").astype(int)
    table["rank_B"] = table["mean_B"].rank(ascending=False, method="first").astype(int)
    return table.sort_values("rank_A")


def split_half_r(clients: pd.DataFrame) -> float:
    """Pearson r, across therapists, of their half-A and half-B means (:func:`split_half_table`).

    Near 1 when therapists' rankings reflect stable differences, near 0 when
    they reflect chance.
    """
    table = split_half_table(clients)
    return float(np.corrcoef(table["mean_A"], table["mean_B"])[0, 1])


# ---------------------------------------------------------------- attachment


def attachment_table(cl: Caseload) -> pd.DataFrame:
    """Attachment security and early alliance, each tested at the level where it was measured.

    ``client level``: each client's attachment with their own early alliance (one
    row per client). ``therapist level``: each therapist's attachment with the mean
    early alliance of their clients (one row per therapist). ``n`` is the number of
    pairs the correlation rests on; ``ci_low`` and ``ci_high`` its 95% interval
    (:func:`fisher_ci`). Three decimals.
    """
    clients = cl.clients
    client_r = float(np.corrcoef(clients["attachment_security"], clients["early_alliance"])[0, 1])
    mean_alliance = clients.groupby("therapist_id")["early_alliance"].mean()
    security = cl.therapists.set_index("therapist_id")["attachment_security"]
    security = security.reindex(mean_alliance.index)
    therapist_r = float(np.corrcoef(security, mean_alliance)[0, 1])
    rows = {}
    for level, r, n in (
        ("client level", client_r, len(clients)),
        ("therapist level", therapist_r, len(mean_alliance)),
    ):
        low, high = fisher_ci(r, n)
        rows[level] = {"n": n, "r": round(r, 3), "ci_low": round(low, 3), "ci_high": round(high, 3)}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "level"
    return table
