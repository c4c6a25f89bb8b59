"""Module 01, exercises 4-7: one client's WAI-SR from the trainee's caseload.

The client is chosen from the trainee's simulated caseload
(``course.simulate.for_student``) so that the usual slips (a sum for a mean,
consecutive blocks for the real key) give different numbers. The trainee scores
the answers by hand and with ``course.instruments.score``; the reference scores
and the teaching hints are in the grading-only ``answer_key.m01``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.grading import CheckFailed, checked_number
from course.seeds import stable_seed

SUBSCALES = ("task", "goal", "bond")
WAI_ITEMS = [f"i{k}" for k in range(1, 13)]
# The published key (also in the notebook and in course.instruments.get("wai-sr")), and the
# "consecutive blocks" slip the chosen client must tell apart from it.
WAI_KEY = {"task": [1, 2, 10, 12], "goal": [4, 6, 8, 11], "bond": [3, 5, 7, 9]}
CONSECUTIVE = {"task": [1, 2, 3, 4], "goal": [5, 6, 7, 8], "bond": [9, 10, 11, 12]}


def wai_key() -> dict[str, list[int]]:
    """The WAI-SR item numbers of each subscale, read from the instrument spec.

    >>> wai_key()
    {'task': [1, 2, 10, 12], 'goal': [4, 6, 8, 11], 'bond': [3, 5, 7, 9]}
    """
    from course.instruments import get

    spec = get("wai-sr")
    return {s: [i.number for i in spec.items if s in i.subscales] for s in SUBSCALES}


def subscale_means(answers: pd.Series, key: dict[str, list[int]]) -> dict[str, float]:
    """The mean answer of each subscale's items under ``key`` (the real one or a slip).

    >>> row = pd.Series({f"i{k}": k for k in range(1, 13)})
    >>> subscale_means(row, CONSECUTIVE)
    {'task': 2.5, 'goal': 6.5, 'bond': 10.5}
    """
    return {s: float(np.mean([answers[f"i{n}"] for n in items])) for s, items in key.items()}


def _eligible(scored: pd.DataFrame, attended: pd.Series) -> list[str]:
    """Clients good for the exercise: 6+ sessions, a clear weakest early subscale, and a
    first session whose scores tell a sum from a mean and the real key from a wrong one."""
    early = scored[scored["session"] <= 3].groupby("client_id", observed=True)[list(SUBSCALES)]
    means = early.mean()
    ordered = np.sort(means.to_numpy(), axis=1)
    clear = means.index[(ordered[:, 1] - ordered[:, 0]) >= 0.25]
    first = scored[scored["session"] == 1].set_index("client_id")
    ok = []
    for client in clear:
        if attended.get(client, 0) < 6:
            continue
        answers = first.loc[client, WAI_ITEMS]
        right = subscale_means(answers, WAI_KEY)
        wrong = subscale_means(answers, CONSECUTIVE)
        if answers.nunique() >= 2 and any(abs(right[s] - wrong[s]) > 0.2 for s in SUBSCALES):
            ok.append(str(client))
    return ok


def focus_client(caseload) -> str:
    """The client whose WAI-SR this trainee scores: chosen by seed among suitable clients.

    Suitable: attended at least 6 sessions; over sessions 1-3 one subscale is
    lowest by at least a quarter point; the first session's answers vary and
    score differently under the real key and under "consecutive blocks".
    """
    from course.instruments import score

    scored = score("wai-sr", caseload.items("wai-sr"))
    attended = caseload.clients.set_index("client_id")["sessions_attended"]
    eligible = _eligible(scored, attended)
    if not eligible:  # pragma: no cover - never seen; tests run many trainee ids
        raise RuntimeError("no client in this caseload suits the WAI-SR exercise")
    return sorted(eligible, key=lambda c: stable_seed("m01-focus", caseload.seed, c))[0]


def client_items(caseload, client_id: str) -> pd.DataFrame:
    """One client's WAI-SR answers, every session: ``client_id``, ``therapist_id``,
    ``session``, ``i1``..``i12`` (ready for ``course.instruments.score``)."""
    items = caseload.items("wai-sr")
    one = items[items["client_id"] == client_id].copy()
    for column in ("client_id", "therapist_id"):
        one[column] = one[column].astype(str)
    return one.reset_index(drop=True)


def session_answers(wai: pd.DataFrame, session: int) -> dict[int, int]:
    """One session's twelve WAI-SR answers as ``{item number: answer}``, item 1 first.

    What the trainee scores by hand in exercises 4 and 5: ``answers[10]`` is the
    answer to item 10 (a look-up by item number, not a position in a list).

    >>> wai = pd.DataFrame([{"session": 1, **{f"i{k}": 1 + k % 5 for k in range(1, 13)}}])
    >>> session_answers(wai, 1)
    {1: 2, 2: 3, 3: 4, 4: 5, 5: 1, 6: 2, 7: 3, 8: 4, 9: 5, 10: 1, 11: 2, 12: 3}
    >>> session_answers(wai, 2)
    Traceback (most recent call last):
    ...
    LookupError: no WAI-SR answers for session 2
    """
    rows = wai[wai["session"] == session]
    if rows.empty:
        raise LookupError(f"no WAI-SR answers for session {session}")
    row = rows.iloc[0]
    return {int(item[1:]): int(row[item]) for item in WAI_ITEMS}


def expect_mean_item_score(value, name: str) -> None:
    """Visible-test check: a number on the WAI-SR mean-item scale (1-5).

    Checks only type and range, never the answer, and names the usual slip
    (a sum instead of a mean) when the number is off the scale.

    >>> expect_mean_item_score(3.75, "hand_total")
    >>> expect_mean_item_score(45, "hand_total")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `hand_total` is 45, outside the possible range 1 to 5. WAI-SR scores in this course are mean item scores (1-5), not sums (12-60 for the total, 4-20 for a subscale).
    """
    number = checked_number(value, name)
    if not 1 <= number <= 5:
        raise CheckFailed(
            f"`{name}` is {number}, outside the possible range 1 to 5. WAI-SR scores in this "
            "course are mean item scores (1-5), not sums (12-60 for the total, 4-20 for a "
            "subscale)."
        )
