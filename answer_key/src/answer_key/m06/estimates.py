"""Module 06, exercises 1-3, 5 and 7-10: the reference estimates from a trainee's caseload.

Every number a trainee reports in module 06 is computed here from their own
simulated caseload, :func:`course.modules.m06.caseload` (``course.simulate.for_student``
with the module's ``SIZE``), and :func:`answer_key.m06.reference` calls these
functions again with the same seed. Nothing is cached: every call simulates
afresh, so one trainee's tables (or an answer that edited them in place) can
never reach another trainee's grading.

What the functions estimate, and how (the notebook explains the same steps):

* :func:`fisher_ci` - a 95% confidence interval for a correlation by Fisher's
  z: ``tanh(atanh(r) +- 1.96 / sqrt(n - 3))``.
* :func:`view_correlations` - early alliance from the client's view (WAI-SR,
  sessions 1-3) and from the therapist's view, each correlated with outcome.
* :func:`decompose` - the between/within decomposition (Baldwin, Wampold &
  Imel 2007) by a documented simple estimator: standardise early alliance and
  outcome change, split alliance into the therapist's mean and the client's
  deviation from it, and regress outcome on both by ordinary least squares.
  The two predictors are uncorrelated by construction, so each slope is also
  a simple regression slope. (``course.simulate.validate.between_within`` fits
  the same model as a random-intercept model; the point estimates agree
  closely.) Therapist means of a few dozen clients are unreliable, which pulls
  the between slope toward the within slope (Lüdtke et al. 2008):
  :func:`course.modules.m06.therapist_mean_reliability` gives that reliability, ICC(2).
* :func:`therapist_icc` - the one-way ANOVA estimate of the intraclass
  correlation, ICC(1), the share of outcome variance between therapists. With
  equal caseloads and a positive estimate it equals the REML estimate of a
  random-intercept model (statsmodels ``MixedLM``); the tests check that.
* :func:`therapists_apart` - the therapists whose 95% interval
  (:func:`course.modules.m06.therapist_intervals`, the caterpillar chart's data)
  lies wholly above or below the clinic mean.
* :func:`split_half_r` - how well two halves of each caseload rank the therapists alike.
* :func:`attachment_summary` - client attachment vs early alliance (client
  level), therapist attachment vs the therapist's mean alliance (therapist
  level, one row per therapist).

Every record is simulated; no real client data is used.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from course.modules.m06 import EARLY_SESSIONS, META_CI, META_R, Z_95, therapist_intervals
from course.simulate.generate import Caseload

# ------------------------------------------------------------- association


def correlation(x, y) -> float:
    """Pearson's r of two equally long sequences.

    >>> round(correlation([1, 2, 3, 4], [2, 4, 5, 9]), 3)
    0.965
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    return float(np.corrcoef(x, y)[0, 1])


def fisher_ci(r: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """Confidence interval of a correlation by Fisher's z transformation.

    Transform ``r`` to ``atanh(r)``, where its sampling distribution is close
    to normal with standard error ``1 / sqrt(n - 3)``; step ``z`` standard
    errors either side; transform back with ``tanh``. The interval is not
    symmetric around ``r`` (it is squeezed toward +-1).

    >>> [round(v, 3) for v in fisher_ci(0.30, 100)]
    [0.11, 0.469]
    >>> [round(v, 3) for v in fisher_ci(0.30, 1000)]
    [0.243, 0.355]
    >>> fisher_ci(0.3, 3)
    Traceback (most recent call last):
    ...
    ValueError: a confidence interval for r needs n > 3 pairs, got n = 3
    """
    if n <= 3:
        raise ValueError(f"a confidence interval for r needs n > 3 pairs, got n = {n}")
    centre, se = math.atanh(r), 1.0 / math.sqrt(n - 3)
    return math.tanh(centre - z * se), math.tanh(centre + z * se)


def early_therapist_rating(sessions: pd.DataFrame, early: int = EARLY_SESSIONS) -> pd.Series:
    """Each client's mean therapist-rated alliance over sessions 1 to ``early``, by client id.

    >>> s = pd.DataFrame({"client_id": ["C1"] * 4 + ["C2"] * 3, "session": [1, 2, 3, 4, 1, 2, 3],
    ...                   "therapist_alliance": [3.0, 3.5, 4.0, 5.0, 2.0, 2.0, 2.5]})
    >>> early_therapist_rating(s).round(3).to_dict()
    {'C1': 3.5, 'C2': 2.167}
    """
    rows = sessions[sessions["session"] <= early]
    means = rows.groupby("client_id", observed=True)["therapist_alliance"].mean()
    means.index = means.index.astype(str)
    return means.rename("therapist_early")


def view_correlations(cl: Caseload) -> dict[str, float]:
    """r of outcome change with early alliance as the client rated it and as the therapist did."""
    clients = cl.clients.set_index("client_id")
    therapist_view = early_therapist_rating(cl.sessions).reindex(clients.index)
    return {
        "client": correlation(clients["early_alliance"], clients["outcome_change"]),
        "therapist": correlation(therapist_view, clients["outcome_change"]),
    }


def alliance_outcome_r(clients: pd.DataFrame) -> float:
    """r of early alliance (client-rated) with outcome change."""
    return correlation(clients["early_alliance"], clients["outcome_change"])


def meta_check(r: float, n: int) -> dict:
    """Place a caseload's r against the meta-analysis (Flückiger et al. 2018).

    ``contains_meta``: does the caseload's 95% interval contain .278?
    ``variance_explained``: r squared, the share of outcome variance that goes
    with early alliance. ``width_ratio``: how many times wider the caseload's
    interval is than the meta-analytic one ([.256, .299]).

    >>> out = meta_check(0.30, 600)
    >>> out["contains_meta"], round(out["variance_explained"], 3), round(out["width_ratio"], 1)
    (True, 0.09, 3.4)
    """
    low, high = fisher_ci(r, n)
    return {
        "contains_meta": bool(low <= META_R <= high),
        "variance_explained": r * r,
        "width_ratio": (high - low) / (META_CI[1] - META_CI[0]),
    }


# ----------------------------------------------------------- decomposition


def standardise(values: pd.Series) -> pd.Series:
    """z-scores with the sample SD (ddof = 1).

    >>> standardise(pd.Series([1.0, 2.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    return (values - values.mean()) / values.std()


def alliance_parts(clients: pd.DataFrame) -> pd.DataFrame:
    """Standardised early alliance split into the therapist's mean and the client's deviation.

    Columns: ``therapist_id``, ``z_alliance``, ``therapist_mean``, ``deviation``,
    ``z_outcome``; one row per client, in the order of ``clients``.
    """
    z_alliance = standardise(clients["early_alliance"])
    therapist_mean = z_alliance.groupby(clients["therapist_id"]).transform("mean")
    return pd.DataFrame(
        {
            "therapist_id": clients["therapist_id"],
            "z_alliance": z_alliance,
            "therapist_mean": therapist_mean,
            "deviation": z_alliance - therapist_mean,
            "z_outcome": standardise(clients["outcome_change"]),
        }
    )


def decompose(clients: pd.DataFrame) -> dict[str, float]:
    """Between- and within-therapist slopes of standardised outcome on standardised alliance.

    OLS of ``z_outcome`` on an intercept, the therapist's mean alliance and the
    client's deviation from it (:func:`alliance_parts`). Both slopes are in
    outcome SDs per SD of alliance, the unit of a correlation.

    >>> toy = pd.DataFrame({"therapist_id": ["A", "A", "B", "B", "C", "C"],
    ...                     "early_alliance": [3.0, 4.0, 4.0, 5.0, 2.0, 3.0],
    ...                     "outcome_change": [0.5, 0.6, 1.0, 1.1, 0.0, 0.1]})
    >>> {k: round(v, 3) for k, v in decompose(toy).items()}
    {'between': 1.164, 'within': 0.233}
    """
    parts = alliance_parts(clients)
    design = np.column_stack([np.ones(len(parts)), parts["therapist_mean"], parts["deviation"]])
    beta, *_ = np.linalg.lstsq(design, parts["z_outcome"].to_numpy(), rcond=None)
    return {"between": float(beta[1]), "within": float(beta[2])}


# ------------------------------------------------------- therapist effects


def therapist_icc(values, groups) -> float:
    """ICC(1) by one-way ANOVA: ``(MSB - MSW) / (MSB + (n0 - 1) MSW)``.

    ``MSB`` is the mean square between therapists, ``MSW`` within, and ``n0``
    the (adjusted) number of clients per therapist, which is simply the
    caseload size when every therapist sees the same number of clients. The
    estimate can fall below zero when therapists differ less than chance
    alone would make them; report it as it is (a random-intercept model
    would report 0).

    >>> groups = ["A"] * 3 + ["B"] * 3 + ["C"] * 3
    >>> round(therapist_icc([1, 2, 3, 2, 3, 4, 3, 4, 5], groups), 3)
    0.5
    >>> round(therapist_icc([1, 2, 3, 1, 2, 3, 1, 2, 3], groups), 3)
    -0.5
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


def therapists_apart(clients: pd.DataFrame) -> list[str]:
    """Ids of therapists whose 95% interval lies wholly above or below the clinic mean (sorted)."""
    table = therapist_intervals(clients)
    return sorted(table.loc[table["position"] != "overlaps", "therapist_id"].astype(str))


def split_half_r(clients: pd.DataFrame) -> float:
    """How stable is a ranking of therapists? r of their mean outcomes in two halves of each caseload.

    Within each therapist, clients are put in ``client_id`` order and dealt
    alternately into half A (1st, 3rd, 5th, ...) and half B (2nd, 4th, ...);
    the result is Pearson's r, across therapists, of the mean ``outcome_change``
    in half A with the mean in half B. If therapists' rankings reflected
    stable differences, the two halves would rank them alike (r near 1).

    >>> toy = pd.DataFrame({"client_id": ["C1", "C2", "C3", "C4", "C5", "C6"],
    ...                     "therapist_id": ["A", "B", "C", "A", "B", "C"],
    ...                     "outcome_change": [0.0, 1.0, 2.0, 0.2, 1.1, 2.3]})
    >>> round(split_half_r(toy), 3)
    0.997
    """
    ordered = clients.sort_values("client_id")
    half = ordered.groupby("therapist_id").cumcount() % 2
    means = ordered.groupby([ordered["therapist_id"], half])["outcome_change"].mean().unstack()
    return correlation(means[0], means[1])


# ---------------------------------------------------------------- attachment


def attachment_summary(cl: Caseload) -> dict:
    """Attachment security and early alliance, at the level where each was measured.

    ``client_r``: client attachment with the client's early alliance (one row
    per client). ``therapist_r``: therapist attachment with the mean early
    alliance of the therapist's clients (one row per therapist).
    ``therapist_ci_includes_zero``: whether the Fisher-z 95% interval of
    ``therapist_r`` (n = number of therapists) contains 0.
    """
    clients = cl.clients
    client_r = correlation(clients["attachment_security"], clients["early_alliance"])
    mean_alliance = clients.groupby("therapist_id")["early_alliance"].mean()
    security = cl.therapists.set_index("therapist_id")["attachment_security"]
    security = security.reindex(mean_alliance.index)
    therapist_r = correlation(security, mean_alliance)
    low, high = fisher_ci(therapist_r, len(mean_alliance))
    return {
        "client_r": client_r,
        "therapist_r": therapist_r,
        "therapist_ci_includes_zero": bool(low <= 0.0 <= high),
    }
