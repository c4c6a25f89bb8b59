"""Module 02, exercises 8 and 9: two kinds of interval, and the chart's table.

Worked examples the trainee runs and reads, never writes: a session-level
interval by the normal approximation (:func:`session_normal_interval`, every
session treated as independent) and client-level bootstrap intervals
(:func:`client_bootstrap`, whole clients resampled, because sessions of one
client are not independent of each other). :func:`interval_comparison` sets the
two side by side for exercise 8; :func:`interval_table` and
:func:`change_summary` are what the notebook displays for exercise 9 and the
chart. The reference answers are in the grading-only ``answer_key.m02``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.modules.m02.caseload import GROUPS
from course.modules.m02.vignettes import MODULE
from course.seeds import stable_seed

N_BOOT = 2000
Z95 = 1.96


def _cell_means(pairs: pd.DataFrame, groups: pd.Series) -> dict[tuple[str, bool], float]:
    """Mean next-session change in each (attachment group, focused or not) cell.

    A cell that never occurs has no mean (NaN), rather than a KeyError.
    """
    means = pairs.groupby([pairs["client_id"].map(groups), "focused"])["next_change"].mean()
    return {(g, f): float(means.get((g, f), np.nan)) for g in GROUPS for f in (True, False)}


def _overall_gap(pairs: pd.DataFrame) -> float:
    """Mean change after focused sessions minus after other sessions, all clients."""
    means = pairs.groupby("focused")["next_change"].mean()
    return float(means.get(True, np.nan)) - float(means.get(False, np.nan))


@dataclass(frozen=True)
class Bootstrap:
    """Client-level bootstrap draws of the module's statistics (one value per resample)."""

    overall_gap: np.ndarray
    gaps: dict[str, np.ndarray]
    means: dict[tuple[str, bool], np.ndarray]

    @property
    def difference(self) -> np.ndarray:
        return self.gaps[GROUPS[0]] - self.gaps[GROUPS[1]]


def bootstrap_seed(student_id: str) -> int:
    """The bootstrap's seed for one trainee (stable across processes)."""
    return stable_seed(MODULE, student_id, "bootstrap")


def client_bootstrap(
    pairs: pd.DataFrame, groups: pd.Series, seed: int, n_boot: int = N_BOOT
) -> Bootstrap:
    """Resample whole clients with replacement, within each attachment group.

    A client's sessions stay together, because sessions of one client are not
    independent of each other. Each resample keeps the group sizes. Vectorised:
    each client contributes their sums and counts of focused and unfocused
    changes, weighted by how often the resample drew them.
    """
    rng = np.random.default_rng(seed)
    frame = pairs.assign(
        group=pairs["client_id"].map(groups),
        f_sum=pairs["next_change"].where(pairs["focused"], 0.0),
        f_n=pairs["focused"].astype(float),
        u_sum=pairs["next_change"].where(~pairs["focused"], 0.0),
        u_n=(~pairs["focused"]).astype(float),
    )
    per_client = frame.groupby(["group", "client_id"])[["f_sum", "f_n", "u_sum", "u_n"]].sum()
    totals = {}
    for group in GROUPS:
        block = per_client.loc[group].to_numpy()
        n = len(block)
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)
        totals[group] = weights @ block  # (n_boot, 4): f_sum, f_n, u_sum, u_n
    with np.errstate(invalid="ignore", divide="ignore"):
        means = {}
        for group in GROUPS:
            t = totals[group]
            means[(group, True)] = t[:, 0] / t[:, 1]
            means[(group, False)] = t[:, 2] / t[:, 3]
        both = totals[GROUPS[0]] + totals[GROUPS[1]]
        overall = both[:, 0] / both[:, 1] - both[:, 2] / both[:, 3]
    gaps = {g: means[(g, True)] - means[(g, False)] for g in GROUPS}
    return Bootstrap(overall, gaps, means)


def percentile_interval(draws: np.ndarray) -> list[float]:
    """The 2.5th and 97.5th percentiles of bootstrap draws (NaN draws ignored).

    >>> percentile_interval(np.arange(1001.0))
    [25.0, 975.0]
    """
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return [float(low), float(high)]


def excludes_zero(interval: list[float]) -> bool:
    """Whether a two-sided interval lies wholly above or wholly below zero.

    >>> excludes_zero([0.05, 0.3]), excludes_zero([-0.1, 0.2])
    (True, False)
    """
    low, high = interval
    return bool(low > 0 or high < 0)


INTERVAL_ROWS = {
    "gap_all": "all clients: mean change after focused minus after other sessions",
    "gap_more_secure": "more secure clients: the same gap",
    "gap_less_secure": "less secure clients: the same gap",
    "difference": "difference of the two gaps (more secure minus less secure)",
}


def session_normal_interval(pairs: pd.DataFrame, groups: pd.Series) -> list[float]:
    """95% normal-approximation interval for (more secure gap) - (less secure gap).

    Treats every session as independent: the four cells are (attachment group) x
    (focused or not); the standard error of the difference of the gaps is the
    square root of the sum, over the cells, of each cell's sample variance of
    ``next_change`` (dividing by n - 1) over its count n; the interval is the
    difference plus or minus 1.96 standard errors.

    >>> p = pd.DataFrame({"client_id": list("aaaabbbb"), "focused": [True, True, False, False] * 2,
    ...                   "next_change": [0.5, 0.3, 0.0, -0.2, 0.2, 0.4, -0.1, 0.1]})
    >>> [round(x, 3) for x in session_normal_interval(p, pd.Series({"a": "more_secure", "b": "less_secure"}))]
    [-0.192, 0.592]
    """
    labelled = pairs.assign(group=pairs["client_id"].map(groups))
    stats = labelled.groupby(["group", "focused"])["next_change"].agg(["var", "count"])
    means = _cell_means(pairs, groups)
    gaps = {g: means[(g, True)] - means[(g, False)] for g in GROUPS}
    difference = gaps[GROUPS[0]] - gaps[GROUPS[1]]
    se = float(np.sqrt((stats["var"] / stats["count"]).sum()))
    return [difference - Z95 * se, difference + Z95 * se]


#: Exercise 8's two intervals, by the key a trainee answers with.
INTERVAL_KINDS = {
    "sessions": "every session treated as independent (normal approximation)",
    "clients": "whole clients resampled (client-level bootstrap)",
}


def interval_comparison(pairs: pd.DataFrame, groups: pd.Series, boot: Bootstrap) -> pd.DataFrame:
    """The two 95% intervals for the difference of the gaps, side by side.

    Indexed by :data:`INTERVAL_KINDS` (``sessions``, ``clients``), with columns
    ``ci_low``, ``ci_high``, ``width`` and ``how``.
    """
    intervals = {
        "sessions": session_normal_interval(pairs, groups),
        "clients": percentile_interval(boot.difference),
    }
    rows = [
        (kind, low, high, high - low, INTERVAL_KINDS[kind])
        for kind, (low, high) in intervals.items()
    ]
    return pd.DataFrame(rows, columns=["interval", "ci_low", "ci_high", "width", "how"]).set_index(
        "interval"
    )


def interval_table(pairs: pd.DataFrame, groups: pd.Series, boot: Bootstrap) -> pd.DataFrame:
    """Point estimates with client-bootstrap 95% intervals for the gaps and their difference.

    Indexed by :data:`INTERVAL_ROWS` (``gap_all``, ``gap_more_secure``,
    ``gap_less_secure``, ``difference``), with a ``meaning`` column.
    """
    means = _cell_means(pairs, groups)
    gaps = {g: means[(g, True)] - means[(g, False)] for g in GROUPS}
    estimates = {
        "gap_all": (_overall_gap(pairs), boot.overall_gap),
        "gap_more_secure": (gaps[GROUPS[0]], boot.gaps[GROUPS[0]]),
        "gap_less_secure": (gaps[GROUPS[1]], boot.gaps[GROUPS[1]]),
        "difference": (gaps[GROUPS[0]] - gaps[GROUPS[1]], boot.difference),
    }
    rows = [
        (key, estimate, *percentile_interval(draws), INTERVAL_ROWS[key])
        for key, (estimate, draws) in estimates.items()
    ]
    return pd.DataFrame(
        rows, columns=["quantity", "estimate", "ci_low", "ci_high", "meaning"]
    ).set_index("quantity")


def change_summary(pairs: pd.DataFrame, groups: pd.Series, boot: Bootstrap) -> pd.DataFrame:
    """Mean next-session change per attachment group and session type, with 95% intervals.

    The table the module's chart draws: ``group``, ``after``
    ("relationship-focused" or "other"), ``mean``, ``ci_low``, ``ci_high``, ``n``.
    """
    rows = []
    labelled = pairs.assign(group=pairs["client_id"].map(groups))
    for group in GROUPS:
        for focused in (True, False):
            cell = labelled[(labelled["group"] == group) & (labelled["focused"] == focused)]
            low, high = percentile_interval(boot.means[(group, focused)])
            rows.append(
                {
                    "group": group.replace("_", " "),
                    "after": "relationship-focused" if focused else "other",
                    "mean": float(cell["next_change"].mean()),
                    "ci_low": low,
                    "ci_high": high,
                    "n": int(len(cell)),
                }
            )
    return pd.DataFrame(rows)
