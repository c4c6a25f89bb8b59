"""Module 05, exercises 1-3: Cronbach's alpha by hand, the Bond subscale with its
interval, and the weakest item; and the fresh table on which the hidden test of
Exercise 1 tries the trainee's own alpha function.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course import psychometrics as pm
from course.modules.m05 import MODULE
from course.seeds import stable_seed


def alpha_by_hand(items) -> float:
    """Cronbach's alpha from its definition: k/(k-1) * (1 - sum of item variances / variance of totals).

    Sample variances (ddof = 1) throughout; rows with a missing answer are left out.

    >>> alpha_by_hand([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]])
    0.9649...
    """
    frame = pd.DataFrame(items).dropna()
    k = frame.shape[1]
    item_variances = frame.var(ddof=1).sum()
    total_variance = frame.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variances / total_variance))


def alpha_summary(items) -> dict:
    """Alpha and its 95% Feldt interval from :func:`course.psychometrics.cronbach_alpha`, as plain data.

    >>> alpha_summary([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]])
    {'alpha': 0.965, 'ci_low': 0.823, 'ci_high': 0.996}
    """
    result = pm.cronbach_alpha(items)
    return {
        "alpha": round(result.alpha, 3),
        "ci_low": round(result.ci_low, 3),
        "ci_high": round(result.ci_high, 3),
    }


def ci_above(items, threshold: float = 0.70) -> bool:
    """Whether the lower bound of alpha's 95% interval reaches ``threshold``.

    >>> ci_above([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]])
    True
    """
    return bool(pm.cronbach_alpha(items).ci_low >= threshold)


def weakest_item(items: pd.DataFrame) -> dict:
    """The item with the lowest corrected item-total r, alpha without it, and whether alpha rises.

    >>> data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]], columns=["a", "b", "c"])
    >>> weakest_item(data)
    {'item': 'b', 'alpha_without': 0.959, 'alpha_rises': False}
    """
    r = pm.item_total_correlations(items)
    item = str(r.idxmin())
    without = float(pm.alpha_if_deleted(items)[item])
    return {
        "item": item,
        "alpha_without": round(without, 3),
        "alpha_rises": bool(without > pm.cronbach_alpha(items).alpha),
    }


def hidden_table(seed: int, n: int = 40, k: int = 5) -> pd.DataFrame:
    """A fresh item table (1-5 answers) on which hidden tests try a trainee's alpha function."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    data = np.clip(np.round(3 + trait + rng.normal(scale=0.9, size=(n, k))), 1, 5)
    return pd.DataFrame(data.astype(int), columns=[f"q{j + 1}" for j in range(k)])


def other_table(student_id: str) -> pd.DataFrame:
    """The trainee's own fresh table for Exercise 1 (five items, 40 clients), a new copy each call.

    >>> other_table("trainee-01").equals(other_table("trainee-01")), other_table("trainee-01").shape
    (True, (40, 5))
    """
    return hidden_table(stable_seed(student_id, MODULE, "alpha-table"))
