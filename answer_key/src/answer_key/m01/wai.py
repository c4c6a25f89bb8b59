"""Module 01, exercises 4-7: the reference scores of the trainee's client and caseload,
and the teaching messages that name the usual slips."""

from __future__ import annotations

import numpy as np
import pandas as pd

from course.grading import expect_close, plain
from course.modules.m01.vignettes import MODULE
from course.modules.m01.wai import (
    CONSECUTIVE,
    SUBSCALES,
    WAI_ITEMS,
    WAI_KEY,
    client_items,
    focus_client,
    subscale_means,
)


def hand_scores(answers: pd.Series) -> dict[str, float]:
    """Score one WAI-SR administration by hand: total and subscales as mean item scores.

    The course's reference for "by hand": plain arithmetic on the 12 answers,
    which the tests check against ``course.instruments.score``.

    >>> row = pd.Series({f"i{k}": v for k, v in enumerate([5, 4, 3, 4, 5, 4, 2, 4, 3, 5, 4, 4], 1)})
    >>> hand_scores(row)
    {'total': 3.9166666666666665, 'task': 4.5, 'goal': 4.0, 'bond': 3.25}
    """
    total = float(np.mean([answers[c] for c in WAI_ITEMS]))
    return {"total": total, **subscale_means(answers, WAI_KEY)}


def client_wai(student_id: str) -> pd.DataFrame:
    """The WAI-SR answers, every session, of the client this trainee scores."""
    from course.simulate import for_student

    caseload = for_student(student_id, MODULE)
    return client_items(caseload, focus_client(caseload))


def first_session(student_id: str) -> pd.Series:
    """The twelve session-1 answers of this trainee's client."""
    wai = client_wai(student_id)
    return wai.loc[wai["session"] == 1, WAI_ITEMS].iloc[0]


def early_means(scored: pd.DataFrame) -> dict[str, float]:
    """Mean of each subscale over sessions 1-3 of one client's scored WAI-SR.

    >>> scored = pd.DataFrame({"session": [1, 2, 3, 4], "task": [4.0, 4.5, 5.0, 1.0],
    ...                        "goal": [3.0, 3.5, 4.0, 1.0], "bond": [5.0, 5.0, 5.0, 1.0]})
    >>> early_means(scored)
    {'task': 4.5, 'goal': 3.5, 'bond': 5.0}
    """
    early = scored[scored["session"] <= 3]
    return {s: float(early[s].mean()) for s in SUBSCALES}


def weakest(means: dict[str, float]) -> str:
    """The subscale with the lowest mean.

    >>> weakest({'task': 4.5, 'goal': 3.5, 'bond': 5.0})
    'goal'
    """
    return min(means, key=means.get)


def alliance_outcome_r(clients: pd.DataFrame) -> float:
    """Pearson's r between early alliance and outcome change across the caseload's clients.

    >>> df = pd.DataFrame({"early_alliance": [3.0, 4.0, 5.0], "outcome_change": [0.1, 0.5, 0.6]})
    >>> round(alliance_outcome_r(df), 3)
    0.945
    """
    return float(clients["early_alliance"].corr(clients["outcome_change"]))


def _number(value) -> float | None:
    try:
        value = plain(value)
    except AssertionError:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def hand_total_hint(answer, answers: pd.Series) -> str:
    """The teaching message for a wrong ``hand_total``, naming the likely slip.

    >>> row = pd.Series({f"i{k}": 4 for k in range(1, 13)})
    >>> hand_total_hint(48, row)[:60]
    'This looks like the sum of the 12 answers (12-60). The WAI-S'
    >>> hand_total_hint(3.1, row)[:40]
    'The WAI-SR total is the mean item score:'
    """
    core = (
        "The WAI-SR total is the mean item score: add the 12 answers of session 1 as they "
        "are (no item is reverse-keyed) and divide by 12, giving a number from 1 to 5."
    )
    got = _number(answer)
    if got is not None and abs(got - float(sum(answers[c] for c in WAI_ITEMS))) < 0.01:
        return "This looks like the sum of the 12 answers (12-60). " + core
    return core


def subscale_hint(answer, answers: pd.Series) -> str:
    """The teaching message for wrong ``hand_subscales``, naming the likely slip.

    >>> row = pd.Series({f"i{k}": v for k, v in enumerate([5, 4, 3, 4, 5, 4, 2, 4, 3, 5, 4, 4], 1)})
    >>> subscale_hint({"task": 4.0, "goal": 3.75, "bond": 4.0}, row)[:58]
    'The subscales are not consecutive blocks of four items: ta'
    >>> subscale_hint({"task": 18, "goal": 16, "bond": 13}, row)[:48]
    'These look like sums of four items (4-20). Each '
    """
    key = (
        "task = items 1, 2, 10, 12; goal = 4, 6, 8, 11; bond = 3, 5, 7, 9 "
        "(see course.instruments.get('wai-sr').items)."
    )
    core = "Each subscale is the mean of its own four items: " + key
    try:
        got = plain(answer)
    except AssertionError:
        return core
    if not isinstance(got, dict):
        return core

    def matches(reference: dict[str, float], factor: float = 1.0) -> bool:
        values = [_number(got.get(s)) for s in SUBSCALES]
        return all(v is not None for v in values) and all(
            abs(v - factor * reference[s]) < 0.01 for v, s in zip(values, SUBSCALES, strict=True)
        )

    right = subscale_means(answers, WAI_KEY)
    if matches(subscale_means(answers, CONSECUTIVE)) and not matches(right):
        return "The subscales are not consecutive blocks of four items: " + key
    if matches(right, 4.0):
        return "These look like sums of four items (4-20). " + core
    return core


def r_hint(answer, clients: pd.DataFrame) -> str:
    """The teaching message for a wrong correlation, naming the likely slip.

    >>> df = pd.DataFrame({"early_alliance": [3.0, 4.0, 5.0, 4.5],
    ...                    "outcome_change": [0.1, 0.5, 0.4, 0.9],
    ...                    "final_score": [20, 12, 14, 5]})
    >>> rho = df["early_alliance"].corr(df["outcome_change"], method="spearman")
    >>> r_hint(rho, df)[:44]
    'That is a rank (Spearman) correlation. Use P'
    """
    core = (
        "Use Pearson's r between `early_alliance` and `outcome_change` across all clients in "
        "`clients` (Series.corr does this by default)."
    )
    got = _number(answer)
    if got is None:
        return core
    alliance = clients["early_alliance"]
    # Spearman's rho is Pearson's r of the ranks (ranking here avoids importing scipy).
    spearman = alliance.rank().corr(clients["outcome_change"].rank())
    if abs(got - spearman) < 0.001:
        return "That is a rank (Spearman) correlation. " + core
    if "final_score" in clients and abs(got - alliance.corr(clients["final_score"])) < 0.001:
        return (
            "That correlates the alliance with the final score, where lower is better. "
            "outcome_change is the improvement (positive = better). " + core
        )
    return core


# --- the checks the hidden tests call ------------------------------------------------------


def check_hand_total(value, expected: float, student_id: str) -> None:
    """Hidden-test check of exercise 4; a miss names the likely slip (a sum, say)."""
    hint = hand_total_hint(value, first_session(student_id))
    expect_close(value, expected, "hand_total", hint, tol=0.01)


def check_hand_subscales(value, expected: dict[str, float], student_id: str) -> None:
    """Hidden-test check of exercise 5 (the trainee's dict is checked key by key)."""
    hint = subscale_hint(value, first_session(student_id))
    for subscale in SUBSCALES:
        expect_close(
            value[subscale], expected[subscale], f"hand_subscales['{subscale}']", hint, tol=0.01
        )


def check_r(value, expected: float, student_id: str) -> None:
    """Hidden-test check of exercise 7; a miss names a rank correlation or the wrong column."""
    from course.simulate import for_student

    clients = for_student(student_id, MODULE).clients
    expect_close(value, expected, "r_alliance_outcome", r_hint(value, clients), tol=0.005)
