"""Module 02, exercises 6-10: the trainee's caseload, session by session.

From the trainee's simulated caseload: the client's WAI-SR total in each
session, the change to the next session, and whether the session was
relationship-focused (``relationship_focus`` of 2 or more on the 0-4 scale).
Clients are split at the median of their attachment security. The question is
whether the alliance rises more after focused sessions than after other
sessions, whether that gap differs by attachment security, and whether either
difference is distinguishable from noise at classroom size.

The notebook builds ``table``, ``pairs`` and ``groups`` with these functions so
that a slip in one exercise does not carry into the next. The reference answers
(mean changes, gaps, the normal interval, the gap without ruptures) are in the
grading-only ``answer_key.m02``. All client data are simulated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course import instruments, simulate

FOCUS_THRESHOLD = 2
GROUPS = ("more_secure", "less_secure")


def session_table(caseload: simulate.Caseload) -> pd.DataFrame:
    """One row per attended session with what the analysis needs.

    Columns: ``client_id``, ``therapist_id`` (text), ``session``,
    ``relationship_focus`` (0-4), ``rupture``, ``repaired``, ``wai_total`` (the
    client's WAI-SR total, mean item score 1-5, scored by
    :func:`course.instruments.score`) and the client's ``attachment_security``.

    >>> t = session_table(simulate.caseload(4, 12, seed=3))
    >>> list(t.columns)
    ['client_id', 'therapist_id', 'session', 'relationship_focus', 'rupture', 'repaired', 'wai_total', 'attachment_security']
    >>> bool(t["wai_total"].between(1, 5).all())
    True
    """
    wai = instruments.score("wai-sr", caseload.items("wai-sr"))
    wai = wai[["client_id", "session", "total"]].astype({"client_id": str})
    table = caseload.sessions[
        ["client_id", "therapist_id", "session", "relationship_focus", "rupture", "repaired"]
    ].astype({"client_id": str, "therapist_id": str, "relationship_focus": int})
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
