"""Module 03: the trainee's simulated caseload, the parts of a Welch interval, the
options for reading an interval, Cohen's d.

The caseload (60 clients of 8 counsellors, with ethnicity, gender and religion
match and the early alliance) comes from :mod:`course.simulate`. Trainees do
not derive statistics by hand: :func:`interval_parts` works out the standard
error, Welch's degrees of freedom and the t value for them (a worked example
they run and read), and they put the parts together as difference ± t × SE.
The reference answers and the readings of each interval are in the
grading-only ``answer_key.m03``. All client data are simulated.
"""

from __future__ import annotations

import math

import pandas as pd
from scipy.special import stdtrit

from course.modules.m03.vignettes import MODULE


def caseload_clients(student_id: str) -> pd.DataFrame:
    """The trainee's simulated clients (the module's caseload), a fresh copy on each call.

    >>> clients = caseload_clients("trainee-01")
    >>> len(clients), bool(clients["ethnicity_match"].isin([True, False]).all())
    (60, True)
    """
    from course.simulate import for_student

    return for_student(student_id, MODULE).clients


MATCH_NAMES = {
    "ethnicity_match": "ethnicity",
    "gender_match": "gender",
    "religion_match": "religion",
}
# What each part of a Welch interval is, in the order :func:`show_parts` lists them.
PART_MEANINGS = {
    "n_matched": "clients who share this characteristic with their counsellor",
    "n_unmatched": "clients who do not",
    "mean_matched": "mean early alliance of the matched clients",
    "mean_unmatched": "mean early alliance of the unmatched clients",
    "sd_matched": "standard deviation (spread of single clients) among the matched",
    "sd_unmatched": "standard deviation among the unmatched",
    "difference": "matched mean minus unmatched mean: the estimate",
    "se": "standard error of the difference: how much the estimate would vary from "
    "caseload to caseload",
    "df": "Welch's degrees of freedom",
    "t": "the multiplier for a 95% interval: the t value for these degrees of freedom",
}


def interval_parts(clients: pd.DataFrame, column: str) -> dict[str, float]:
    """The parts of Welch's 95% confidence interval for the difference in early alliance,
    matched (``column`` True) minus not matched, as a dict keyed as :data:`PART_MEANINGS`.

    The standard error is SE = sqrt(s1²/n1 + s2²/n2) with sample SDs (n - 1); the
    degrees of freedom are Welch's (Welch, 1947); ``t`` is the 97.5th percentile of
    the t distribution with those degrees of freedom. The interval is then
    ``difference - t * se`` to ``difference + t * se``: putting it together is the
    trainee's part.

    >>> frame = pd.DataFrame({"m": [True] * 4 + [False] * 5,
    ...                       "early_alliance": [4.0, 4.5, 5.0, 4.5, 3.5, 4.0, 3.0, 4.5, 4.0]})
    >>> parts = interval_parts(frame, "m")
    >>> round(parts["difference"], 3), round(parts["se"], 3), round(parts["t"], 3)
    (0.7, 0.327, 2.367)
    >>> interval_parts(frame, ...)
    Traceback (most recent call last):
    ...
    ValueError: replace the ... with a match column in quotes, one of ['ethnicity_match', 'gender_match', 'religion_match']
    """
    if column not in clients.columns or clients[column].dtype != bool:
        raise ValueError(
            f"replace the ... with a match column in quotes, one of {list(MATCH_NAMES)}"
        )
    flag = clients[column]
    matched = clients.loc[flag, "early_alliance"].astype(float)
    unmatched = clients.loc[~flag, "early_alliance"].astype(float)
    n1, n0 = len(matched), len(unmatched)
    s1, s0 = float(matched.std()), float(unmatched.std())
    v1, v0 = s1**2 / n1, s0**2 / n0
    df = (v1 + v0) ** 2 / (v1**2 / (n1 - 1) + v0**2 / (n0 - 1))
    return {
        "n_matched": n1,
        "n_unmatched": n0,
        "mean_matched": float(matched.mean()),
        "mean_unmatched": float(unmatched.mean()),
        "sd_matched": s1,
        "sd_unmatched": s0,
        "difference": float(matched.mean() - unmatched.mean()),
        "se": math.sqrt(v1 + v0),
        "df": float(df),
        "t": float(stdtrit(df, 0.975)),
    }


def show_parts(parts: dict[str, float]) -> pd.DataFrame:
    """The parts of an interval as a table: the key to look each up with, its value, what it is.

    >>> frame = pd.DataFrame({"m": [True, True, False, False], "early_alliance": [4, 5, 3, 4]})
    >>> float(show_parts(interval_parts(frame, "m")).loc["se", "value"])
    0.707
    """
    values = [round(float(parts[key]), 3) for key in PART_MEANINGS]
    return pd.DataFrame(
        {"value": values, "what it is": list(PART_MEANINGS.values())},
        index=pd.Index(list(PART_MEANINGS), name="key"),
    )


def interval_table(clients: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Difference (matched minus not matched) and Welch 95% CI for each match column.

    >>> table = interval_table(caseload_clients("trainee-01"), ["gender_match", "religion_match"])
    >>> list(table.index), list(table.columns)
    (['gender_match', 'religion_match'], ['n_matched', 'n_unmatched', 'difference', 'ci_low', 'ci_high'])
    """
    rows = {}
    for column in columns:
        parts = interval_parts(clients, column)
        margin = parts["t"] * parts["se"]
        rows[column] = {
            "n_matched": parts["n_matched"],
            "n_unmatched": parts["n_unmatched"],
            "difference": parts["difference"],
            "ci_low": parts["difference"] - margin,
            "ci_high": parts["difference"] + margin,
        }
    return pd.DataFrame.from_dict(rows, orient="index")


# Exercise 8: how a trainee may read an interval for a difference (one is never right).
READING_LABELS = ["higher_when_matched", "higher_when_unmatched", "no_difference", "cannot_tell"]

# Exercise 9: the statements shown for reading the trainee's own ethnic-match interval.
READING_OPTIONS = {
    "A": "Matching caused the difference, so the service should give every client a counsellor "
    "of the same ethnicity.",
    "B": "The 95% CI lies entirely above zero: in this caseload, ethnically matched clients "
    "rated the early alliance higher on average. Clients were not randomly assigned to a "
    "match, so this shows an association, not that matching causes a better alliance.",
    "C": "The 95% CI includes zero: this caseload cannot tell a small true difference (such as "
    "the d = .32 Cabral and Smith report for clients' perceptions of the counsellor) from no "
    "difference at all. It does not show that matching makes no difference.",
    "D": "The 95% CI includes zero, which proves that ethnic match makes no difference to the "
    "alliance, so clients' preferences about it can be set aside.",
    "E": "The 95% CI lies entirely below zero: in this caseload, unmatched clients rated the "
    "early alliance higher on average. It is an association in one small caseload, not a "
    "causal effect, and it runs against the research average.",
}


def cohens_d(clients: pd.DataFrame, column: str, outcome: str = "early_alliance") -> float:
    """Cohen's d (pooled SD) of ``outcome``, matched minus unmatched: to set beside Cabral & Smith.

    >>> frame = pd.DataFrame({"m": [True, True, False, False], "y": [2.0, 4.0, 1.0, 3.0]})
    >>> round(cohens_d(frame, "m", "y"), 3)
    0.707
    """
    flag = clients[column].astype(bool)
    a, b = clients.loc[flag, outcome], clients.loc[~flag, outcome]
    pooled = math.sqrt(((len(a) - 1) * a.var() + (len(b) - 1) * b.var()) / (len(a) + len(b) - 2))
    return float((a.mean() - b.mean()) / pooled)
