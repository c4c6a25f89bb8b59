"""Module 03: the trainee's simulated caseload, the options for reading an interval, Cohen's d.

The caseload (60 clients of 8 counsellors, with ethnicity, gender and religion
match and the early alliance) comes from :mod:`course.simulate`; the graded
differences and Welch intervals computed from it are in the grading-only
``answer_key.m03``. All client data are simulated.
"""

from __future__ import annotations

import math

import pandas as pd

from course.modules.m03.vignettes import MODULE


def caseload_clients(student_id: str) -> pd.DataFrame:
    """The trainee's simulated clients (the module's caseload), a fresh copy on each call.

    >>> clients = caseload_clients("trainee-01")
    >>> len(clients), bool(clients["ethnicity_match"].isin([True, False]).all())
    (60, True)
    """
    from course.simulate import for_student

    return for_student(student_id, MODULE).clients


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
