"""Module 02, exercises 6-10: the trainee's caseload, session by session.

From the trainee's simulated caseload: the client's WAI-SR total in each
session, the change to the next session, and whether the session was
relationship-focused (``relationship_focus`` of 2 or more on the 0-4 scale).
Clients are split at the median of their attachment security. The question is
whether the alliance rises more after focused sessions than after other
sessions, whether that gap differs by attachment security, and whether either
difference is distinguishable from noise at classroom size.

The notebook builds ``table``, ``pairs``, ``groups`` and ``cell_means`` with these
functions (worked examples the trainee runs and reads), so the trainee's own code
stays a filter and a mean, and a slip in one exercise does not carry into the
next. The reference answers (mean changes, gaps, the gap without ruptures) are in
the grading-only ``answer_key.m02``. All client data are simulated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course import instruments, simulate
from course.grading import CheckFailed, expect_number

FOCUS_THRESHOLD = 2
GROUPS = ("more_secure", "less_secure")
#: Values of the ``rupture_status`` column: text, so a trainee filters it with ``==``.
RUPTURE_STATUSES = ("none", "repaired", "unrepaired")


def rupture_status(rupture: pd.Series, repaired: pd.Series) -> pd.Series:
    """``"none"``, ``"repaired"`` or ``"unrepaired"`` for each session.

    >>> rupture_status(pd.Series([False, True, True]), pd.Series([False, True, False])).tolist()
    ['none', 'repaired', 'unrepaired']
    """
    rupture, repaired = rupture.astype(bool), repaired.astype(bool)
    status = np.where(repaired, RUPTURE_STATUSES[1], RUPTURE_STATUSES[2])
    return pd.Series(
        np.where(rupture, status, RUPTURE_STATUSES[0]), index=rupture.index, name="rupture_status"
    )


def session_table(caseload: simulate.Caseload) -> pd.DataFrame:
    """One row per attended session with what the analysis needs.

    Columns: ``client_id``, ``therapist_id`` (text), ``session``,
    ``relationship_focus`` (0-4), ``rupture``, ``repaired`` (True/False),
    ``rupture_status`` (the same as text: ``"none"``, ``"repaired"`` or
    ``"unrepaired"``), ``wai_total`` (the client's WAI-SR total, mean item score
    1-5, scored by :func:`course.instruments.score`) and the client's
    ``attachment_security``.

    >>> t = session_table(simulate.caseload(4, 12, seed=3))
    >>> list(t.columns)
    ['client_id', 'therapist_id', 'session', 'relationship_focus', 'rupture', 'repaired', 'rupture_status', 'wai_total', 'attachment_security']
    >>> bool(t["wai_total"].between(1, 5).all())
    True
    """
    wai = instruments.score("wai-sr", caseload.items("wai-sr"))
    wai = wai[["client_id", "session", "total"]].astype({"client_id": str})
    table = caseload.sessions[
        ["client_id", "therapist_id", "session", "relationship_focus", "rupture", "repaired"]
    ].astype({"client_id": str, "therapist_id": str, "relationship_focus": int})
    table["rupture_status"] = rupture_status(table["rupture"], table["repaired"])
    table = table.merge(
        wai.rename(columns={"total": "wai_total"}),
        on=["client_id", "session"],
        how="left",
        validate="one_to_one",
    )
    security = caseload.clients.set_index("client_id")["attachment_security"]
    table["attachment_security"] = table["client_id"].map(security)
    return table.sort_values(["client_id", "session"]).reset_index(drop=True)


def next_session_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """Sessions that have a next session, with ``next_change`` and ``focused`` added.

    ``next_change`` is the client's WAI-SR total in their next session minus
    this session's, within each client (a client's last session has no next
    one and is dropped). ``focused`` is ``relationship_focus >= 2``.

    >>> t = pd.DataFrame({"client_id": ["a", "a", "a", "b", "b"], "session": [1, 2, 3, 1, 2],
    ...                   "relationship_focus": [3, 0, 1, 2, 0],
    ...                   "wai_total": [3.0, 3.5, 3.25, 4.0, 4.5]})
    >>> next_session_pairs(t)[["client_id", "session", "next_change", "focused"]]
      client_id  session  next_change  focused
    0         a        1         0.50     True
    1         a        2        -0.25    False
    2         b        1         0.50     True
    """
    ordered = table.sort_values(["client_id", "session"])
    following = ordered.groupby("client_id", sort=False)["wai_total"].shift(-1)
    pairs = ordered.assign(next_change=following - ordered["wai_total"])
    pairs = pairs[pairs["next_change"].notna()].copy()
    pairs["focused"] = pairs["relationship_focus"] >= FOCUS_THRESHOLD
    return pairs.reset_index(drop=True)


def attachment_groups(table: pd.DataFrame) -> pd.Series:
    """Each client's group: ``more_secure`` above the median of the clients, else ``less_secure``.

    The median is taken over clients (one value each), not over session rows,
    which would weight clients by how many sessions they attended.

    >>> t = pd.DataFrame({"client_id": ["a", "a", "a", "b", "c"], "attachment_security": [2.0, 2.0, 2.0, 0.0, -1.0]})
    >>> attachment_groups(t).to_dict()
    {'a': 'more_secure', 'b': 'less_secure', 'c': 'less_secure'}
    """
    security = table.groupby("client_id")["attachment_security"].first()
    return pd.Series(
        np.where(security > security.median(), GROUPS[0], GROUPS[1]),
        index=security.index,
        name="attachment_group",
    )


def rupture_shares(pairs: pd.DataFrame) -> pd.DataFrame:
    """Share of focused and of other sessions that had a rupture (and a repaired one)."""
    frame = pairs.assign(
        after=np.where(pairs["focused"], "relationship-focused", "other"),
        rupture=pairs["rupture"].astype(bool),
        repaired=pairs["repaired"].astype(bool),
    )
    out = frame.groupby("after").agg(
        sessions=("rupture", "size"),
        with_rupture=("rupture", "mean"),
        with_repaired_rupture=("repaired", "mean"),
    )
    return out.loc[["relationship-focused", "other"]].round(3)


def cell_means(pairs: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """Mean next-session change per attachment group, after focused and after other sessions.

    One row per group (``more_secure``, ``less_secure``); columns ``focused`` and
    ``other`` (the mean ``next_change`` after each kind of session) and
    ``n_focused`` and ``n_other`` (how many sessions each mean rests on). A kind
    of session a group never had has no mean (NaN).

    >>> p = pd.DataFrame({"client_id": ["a", "a", "b", "b"], "focused": [True, False, True, False],
    ...                   "next_change": [0.5, -0.25, 0.25, 0.0]})
    >>> cell_means(p, pd.Series({"a": "more_secure", "b": "less_secure"}))
                 focused  other  n_focused  n_other
    group
    more_secure     0.50  -0.25          1        1
    less_secure     0.25   0.00          1        1
    """
    labelled = pairs.assign(group=pairs["client_id"].map(groups))
    rows = {}
    for group in GROUPS:
        mine = labelled[labelled["group"] == group]
        after = {True: mine[mine["focused"]], False: mine[~mine["focused"]]}
        rows[group] = {
            "focused": float(after[True]["next_change"].mean()),
            "other": float(after[False]["next_change"].mean()),
            "n_focused": len(after[True]),
            "n_other": len(after[False]),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("group")


def expect_one_number(value, name: str, low: float, high: float) -> None:
    """Visible-test check of a number read with ``.loc``: one number, not a whole row.

    ``means.loc["more_secure", ...]``, a blank left in, or ``means.loc["more_secure"]``
    gives a whole row; say so plainly instead of "it is a list".

    >>> expect_one_number(0.25, "gap", -4, 4)
    >>> row = pd.Series({"focused": 0.1, "other": 0.0})
    >>> expect_one_number(row - row, "focus_gap['more_secure']", -4, 4)
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `focus_gap['more_secure']` is a whole row of numbers, not one: is a blank (...) left in? ...
    """
    if isinstance(value, pd.Series | pd.DataFrame):
        raise CheckFailed(
            f"`{name}` is a whole row of numbers, not one: is a blank (...) left in? Name "
            'both the row and the column, as in means.loc["more_secure", "focused"].'
        )
    expect_number(value, name, low, high)
