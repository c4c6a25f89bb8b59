"""Module 05: the tables a trainee reads before answering (worked examples, issue 15).

Each helper does the arithmetic a counselling trainee is not asked to program (variances,
correlations, the RCI of every client, the last answer of every row) and shows its parts,
so the graded items ask what the numbers mean. None of them returns a graded answer: the
labels a trainee gives (reliable change, recovered, which criterion) are in the
grading-only ``answer_key.m05``.
"""

from __future__ import annotations

import pandas as pd

from course import psychometrics as pm
from course.modules.m05.data import PHQ9_RELIABILITY, last_scores

OUTCOME_LABELS = ("recovered", "improved", "unchanged", "deteriorated")
READING_LABELS = ("above", "cannot_tell", "below")
CRITERION_LABELS = ("a", "b", "c")
CASE_LABELS = [f"client_{letter}" for letter in "ABCDEF"]
# Exercise 11: a client whose score dips for one session and bounces straight back.
DIP_SCORES = {1: 16, 2: 16, 3: 16, 4: 8, 5: 16, 6: 16, 7: 16}
DIP_PREGAIN = 3


def alpha_parts(items: pd.DataFrame) -> dict:
    """The three numbers Cronbach's alpha is made of: the number of items ``k``,
    ``item_variances`` (the *sum* of the item variances, the top of the fraction) and
    ``total_variance`` (the variance of the clients' totals, its bottom); sample variances.

    >>> data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]])
    >>> alpha_parts(data)
    {'k': 3, 'item_variances': 5.6, 'total_variance': 15.7}
    """
    frame = pd.DataFrame(items).dropna()
    return {
        "k": int(frame.shape[1]),
        "item_variances": round(float(frame.var(ddof=1).sum()), 6),
        "total_variance": round(float(frame.sum(axis=1).var(ddof=1)), 6),
    }


def alpha_table(items: pd.DataFrame, subsets: dict[str, list[str]]) -> pd.DataFrame:
    """Alpha with its 95% interval (Feldt et al. 1987) for each named set of item columns.

    >>> data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]],
    ...                     columns=["a", "b", "c"])
    >>> alpha_table(data, {"all": ["a", "b", "c"]})
         items  alpha  ci_low  ci_high
    all      3  0.965   0.823    0.996
    """
    rows = {}
    for name, columns in subsets.items():
        result = pm.cronbach_alpha(items[columns])
        rows[name] = {
            "items": len(columns),
            "alpha": round(result.alpha, 3),
            "ci_low": round(result.ci_low, 3),
            "ci_high": round(result.ci_high, 3),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def item_table(items: pd.DataFrame) -> pd.DataFrame:
    """One row per item: its corrected item-total correlation and the scale's alpha without it.

    >>> data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]],
    ...                     columns=["a", "b", "c"])
    >>> item_table(data)
          item_total_r  alpha_if_deleted
    item
    a            0.993             0.912
    b            0.910             0.959
    c            0.929             0.964
    """
    table = pd.DataFrame(
        {
            "item_total_r": pm.item_total_correlations(items).round(3),
            "alpha_if_deleted": pm.alpha_if_deleted(items).round(3),
        }
    )
    table.index.name = "item"
    return table


def change_parts(
    trajectories: pd.DataFrame,
    clients: list[str],
    sd: float,
    reliability: float = PHQ9_RELIABILITY,
) -> pd.DataFrame:
    """The numbers behind each chosen client's verdict, under neutral labels (client_A, ...):
    intake, last attended session and score, the change in points and the RCI.

    >>> traj = pd.DataFrame({1: [16.0, 12.0], 2: [9.0, 13.0], 3: [8.0, float("nan")]},
    ...                     index=["C1", "C2"])
    >>> change_parts(traj, ["C1", "C2"], sd=5.0)
             client_id  intake  last_session  last  change    rci
    client_A        C1    16.0             3   8.0    -8.0 -3.411
    client_B        C2    12.0             2  13.0     1.0  0.426
    """
    rows = {}
    for label, client in zip(CASE_LABELS, clients, strict=False):
        scores = trajectories.loc[client].dropna()
        intake, last = float(scores.iloc[0]), float(scores.iloc[-1])
        rows[label] = {
            "client_id": str(client),
            "intake": intake,
            "last_session": int(scores.index[-1]),
            "last": last,
            "change": last - intake,
            "rci": round(pm.reliable_change_index(intake, last, sd, reliability), 3),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def caseload_changes(
    trajectories: pd.DataFrame, sd: float, reliability: float = PHQ9_RELIABILITY
) -> pd.DataFrame:
    """Every client's intake, last attended score and RCI, by client id: the numbers the
    worked example after Exercise 8 filters to count the caseload's outcomes.

    >>> traj = pd.DataFrame({1: [18.0, 12.0, 8.0], 2: [9.0, 13.0, float("nan")]},
    ...                     index=pd.Index(["C1", "C2", "C3"], name="client_id"))
    >>> caseload_changes(traj, sd=5.0)
               intake  last    rci
    client_id
    C1           18.0   9.0 -3.838
    C2           12.0  13.0  0.426
    C3            8.0   8.0  0.000
    """
    intake, last = trajectories[1], last_scores(trajectories)
    rci = pd.Series(
        pm.reliable_change_index(intake, last, sd, reliability), index=trajectories.index
    )
    return pd.DataFrame({"intake": intake, "last": last, "rci": rci.round(3)})


def item9_history(item9: pd.DataFrame) -> pd.DataFrame:
    """One row per client who answered PHQ-9 item 9 above 0 in any session: how many
    sessions, the highest answer, the mean over all attended sessions, the last attended
    session and the answer given in it.

    >>> item9 = pd.DataFrame({1: [3.0, 0.0, 0.0], 2: [0.0, 0.0, 1.0], 3: [0.0, 0.0, float("nan")]},
    ...                      index=pd.Index(["C1", "C2", "C3"], name="client_id"))
    >>> item9_history(item9)
      client_id  sessions_above_0  highest  mean  last_session  last
    0        C1                 1      3.0  1.00             3   0.0
    1        C3                 1      1.0  0.50             2   1.0
    """
    rows = []
    for client, answers in item9.iterrows():
        given = answers.dropna()
        if (given > 0).any():
            rows.append(
                {
                    "client_id": str(client),
                    "sessions_above_0": int((given > 0).sum()),
                    "highest": float(given.max()),
                    "mean": round(float(given.mean()), 2),
                    "last_session": int(given.index[-1]),
                    "last": float(given.iloc[-1]),
                }
            )
    columns = ["client_id", "sessions_above_0", "highest", "mean", "last_session", "last"]
    return pd.DataFrame(rows, columns=columns)


def interval_pairs(table: pd.DataFrame) -> list[list]:
    """``[client, pregain_session]`` for each row of a :func:`course.psychometrics.sudden_gains`
    table (after a filter), the form Exercise 10 asks for.

    >>> table = pd.DataFrame({"client": ["C1", "C4"], "pregain_session": [3, 5]})
    >>> interval_pairs(table)
    [['C1', 3], ['C4', 5]]
    """
    return [
        [str(client), int(session)]
        for client, session in zip(table["client"], table["pregain_session"], strict=True)
    ]
