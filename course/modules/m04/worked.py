"""Module 04: the tables its worked examples show, so that no graded answer needs pandas work.

Each function does the counting or scoring a trainee runs and reads instead of
writing; the graded part is the judgement made from the table. None of them
gives a verdict: the form check counts blanks, not whether a score may be given;
the colleague's table sets two totals side by side, not which slip was made; the
PHQ-9 table shows item 9 and the total, not what the clinician does. Which
answer is right is in the grading-only ``answer_key.m04``.

All client data are simulated.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

import course.instruments as instruments
from course.modules.m04.data import (
    CSQ_ITEMS,
    WAI_ITEMS,
    WAI_KEY,
    _rng,
    assigned_client,
    caseload,
    csq_discharge,
    early_means,
    wai_with_gaps,
)

# ------------------------------------------------------------- the missing-item rule

#: The kinds of hand-made WAI-SR forms of exercise 4, one per form, shuffled per trainee.
_FORM_KINDS = (
    "one_blank",
    "two_blank_one_subscale",
    "two_blank_two_subscales",
    "three_blank_one_per_subscale",
    "impossible_answer",
)


def edge_forms(student_id: str) -> pd.DataFrame:
    """Five WAI-SR forms F1-F5 made up for this trainee (simulated answers 2-5).

    Between them they use every part of the course's missing-item rule: one blank;
    two blanks in one subscale; two blanks in different subscales; three blanks,
    one per subscale; and one impossible answer (0, 6 or 3.5). Blanks are NaN.

    >>> forms = edge_forms("trainee-01")
    >>> list(forms.index), forms.shape
    (['F1', 'F2', 'F3', 'F4', 'F5'], (5, 12))
    >>> sorted(forms.isna().sum(axis=1).tolist())
    [0, 1, 2, 2, 3]
    """
    rng = _rng(student_id, "wai-edge")
    scales = list(WAI_KEY)
    rows = []
    for kind in rng.permutation(_FORM_KINDS):
        answers = rng.choice([2.0, 3.0, 4.0, 4.0, 5.0, 5.0], size=12)
        first, second = rng.choice(3, size=2, replace=False)
        if kind == "one_blank":
            blanks = [int(rng.integers(1, 13))]
        elif kind == "two_blank_one_subscale":
            blanks = list(rng.choice(WAI_KEY[scales[first]], size=2, replace=False))
        elif kind == "two_blank_two_subscales":
            blanks = [rng.choice(WAI_KEY[scales[first]]), rng.choice(WAI_KEY[scales[second]])]
        elif kind == "three_blank_one_per_subscale":
            blanks = [rng.choice(WAI_KEY[scale]) for scale in scales]
        else:
            blanks = []
            answers[int(rng.integers(12))] = rng.choice([0.0, 6.0, 3.5])
        for item in blanks:
            answers[int(item) - 1] = np.nan
        rows.append(answers)
    return pd.DataFrame(rows, columns=WAI_ITEMS, index=[f"F{k}" for k in range(1, 6)])


def form_check(forms: pd.DataFrame) -> pd.DataFrame:
    """What the missing-item rule needs, per form: blanks in each subscale, blanks in
    all, and how many answers are not a whole number from 1 to 5.

    >>> forms = pd.DataFrame([[4.0] * 12, [4.0] * 12], columns=WAI_ITEMS, index=["F1", "F2"])
    >>> forms.loc["F1", ["i1", "i2", "i3"]] = np.nan
    >>> forms.loc["F2", "i7"] = 6
    >>> form_check(forms)
        task_blanks  goal_blanks  bond_blanks  all_blanks  impossible
    F1            2            0            1           3           0
    F2            0            0            0           0           1
    """
    table = pd.DataFrame(index=forms.index)
    for scale, items in WAI_KEY.items():
        table[f"{scale}_blanks"] = forms[[f"i{k}" for k in items]].isna().sum(axis=1)
    table["all_blanks"] = forms[WAI_ITEMS].isna().sum(axis=1)
    answered = forms[WAI_ITEMS]
    possible = answered.isin([1, 2, 3, 4, 5]) | answered.isna()
    table["impossible"] = (~possible).sum(axis=1)
    return table.astype(int)


#: The slips a colleague's hand-scored totals may show (the labels of exercise 4b).
SLIPS = ("correct", "blank_as_zero", "too_few_items")


def colleague_totals(student_id: str) -> pd.DataFrame:
    """Four forms with blanks from the trainee's caseload, D1-D4, each with the total a
    colleague worked out by hand beside the total the course library gives.

    The colleague worked each total in one of three ways (drawn per trainee): the
    mean of the answered items; the sum of the answered items divided by 12, so a
    blank counts as 0; or the mean of the answered items when three are blank.
    ``course_total`` is NaN where the library leaves the total empty.

    >>> table = colleague_totals("trainee-01")
    >>> list(table.index), list(table.columns)[-3:]
    (['D1', 'D2', 'D3', 'D4'], ['blanks', 'colleague_total', 'course_total'])
    """
    rng = _rng(student_id, "colleague")
    forms = wai_with_gaps(student_id)
    blanks = forms[WAI_ITEMS].isna().sum(axis=1)
    some = [int(i) for i in rng.permutation(np.flatnonzero(blanks.between(1, 2)))]
    three = [int(i) for i in rng.permutation(np.flatnonzero(blanks == 3))]
    extra = ["correct", "blank_as_zero"][int(rng.integers(2))]
    plan = [(three[0], "mean_of_answered"), (some[0], "mean_of_answered")]
    plan += [
        (some[1], "sum_over_12"),
        (some[2], "mean_of_answered" if extra == "correct" else "sum_over_12"),
    ]
    order = rng.permutation(len(plan))
    scored = instruments.score("wai-sr", forms)
    rows = []
    for label, k in zip(["D1", "D2", "D3", "D4"], order, strict=True):
        row, how = plan[int(k)]
        answered = forms.loc[row, WAI_ITEMS].dropna()
        mine = answered.mean() if how == "mean_of_answered" else answered.sum() / 12
        rows.append(
            {
                "form": label,
                "client_id": forms.loc[row, "client_id"],
                "session": int(forms.loc[row, "session"]),
                **forms.loc[row, WAI_ITEMS].to_dict(),
                "blanks": int(blanks[row]),
                "colleague_total": round(float(mine), 2),
                "course_total": round(float(scored.loc[row, "total"]), 2),
            }
        )
    return pd.DataFrame(rows).set_index("form").rename_axis(None)


# ------------------------------------------------------------------------- CSQ-8


def csq_numbers(student_id: str) -> dict:
    """The CSQ-8 discharge forms summed up four ways (only one of them is the course's).

    >>> numbers = csq_numbers("trainee-01")
    >>> numbers["n_scored"] < numbers["n_forms"], numbers["mean_blanks_as_zero"] < numbers["mean_scored"]
    (True, True)
    """
    csq = csq_discharge(student_id)
    totals = instruments.score("csq-8", csq)["total"]
    codes = csq[CSQ_ITEMS]
    return {
        "n_forms": int(len(csq)),
        "n_scored": int(totals.notna().sum()),
        "mean_scored": round(float(totals.mean()), 2),
        "mean_blanks_as_zero": round(float(codes.fillna(0).sum(axis=1).mean()), 2),
        "mean_prorated": round(float((codes.mean(axis=1) * 8).mean()), 2),
    }


def csq_options(student_id: str) -> dict[str, str]:
    """The four reports of exercise 5, with the trainee's own numbers. Plain texts.

    >>> sorted(csq_options("trainee-01"))
    ['A', 'B', 'C', 'D']
    """
    n = csq_numbers(student_id)
    unscored = n["n_forms"] - n["n_scored"]
    return {
        "A": (
            f"The mean CSQ-8 total was {n['mean_blanks_as_zero']:.2f} (8-32) across all "
            f"{n['n_forms']} forms received: a blank counts as 0, so no form is left out."
        ),
        "B": (
            f"A mean of {n['mean_scored']:.2f} out of 32 shows that the alliance was strong for "
            "almost every client who started counselling."
        ),
        "C": (
            f"The mean CSQ-8 total was {n['mean_scored']:.2f} (8-32) on the {n['n_scored']} "
            f"complete forms; {unscored} incomplete form(s) had no total, and clients who "
            "dropped out returned no form, so it describes satisfaction among those who finished."
        ),
        "D": (
            f"The mean CSQ-8 total was {n['mean_prorated']:.2f} (8-32) across all "
            f"{n['n_forms']} forms, each incomplete form prorated from its answered items."
        ),
    }


# ------------------------------------------------------- the assigned client's measures


def srs_totals(lines: pd.DataFrame) -> pd.DataFrame:
    """Each session's SRS total (the sum of the four line marks, 0-40), scored by the
    course library; the flag is left for the reader.

    >>> lines = pd.DataFrame({"client_id": ["C1", "C1"], "session": [1, 2],
    ...     "i1": [9.0, 9.5], "i2": [9.0, 8.0], "i3": [9.5, 9.0], "i4": [9.0, 9.8]})
    >>> srs_totals(lines)
       session  total
    0        1   36.5
    1        2   36.3
    """
    scored = instruments.score("srs", lines)
    return pd.DataFrame(
        {"session": scored["session"].astype(int), "total": scored["total"].round(1)}
    )


def outcome_table(student_id: str) -> pd.DataFrame:
    """The assigned client's ORS total at every session and AUDIT total where one was given.

    >>> table = outcome_table("trainee-01")
    >>> list(table.columns), int(table["audit_total"].notna().sum())
    (['session', 'ors', 'audit_total'], 3)
    """
    client = assigned_client(student_id)
    cl = caseload(student_id)
    own = cl.sessions[cl.sessions["client_id"] == client]
    audit = instruments.score("audit", cl.items("audit"))
    audit = audit[audit["client_id"] == client].set_index("session")["total"]
    return pd.DataFrame(
        {
            "session": own["session"].astype(int).to_numpy(),
            "ors": own["ors"].astype(float).to_numpy(),
            "audit_total": [audit.get(int(s), np.nan) for s in own["session"]],
        }
    )


# ---------------------------------------------------------------------- PHQ-9 item 9


def _phq_sessions(student_id: str) -> pd.DataFrame:
    sessions = caseload(student_id).sessions
    rows = sessions[sessions["phq_i9"].notna()]
    return pd.DataFrame(
        {
            "client_id": rows["client_id"].astype(str).to_numpy(),
            "session": rows["session"].astype(int).to_numpy(),
            "phq9_total": rows["phq9_total"].astype(int).to_numpy(),
            "item9": rows["phq_i9"].astype(float).to_numpy(),
        }
    )


def item9_screen(student_id: str) -> dict:
    """How many sessions of the caseload had PHQ-9 item 9 above 0, and how many of them
    a screen on the total alone (10 or more) would have missed.

    >>> screen = item9_screen("trainee-01")
    >>> 0 < screen["below_10"] < screen["sessions"]
    True
    """
    phq = _phq_sessions(student_id)
    endorsed = phq[phq["item9"] > 0]
    missed = endorsed[endorsed["phq9_total"] < 10]
    return {
        "sessions": int(len(endorsed)),
        "clients": int(endorsed["client_id"].nunique()),
        "below_10": int(len(missed)),
        "clients_below_10": int(missed["client_id"].nunique()),
    }


def item9_cases(student_id: str) -> pd.DataFrame:
    """Five PHQ-9 forms K1-K5 from the trainee's depression clients, in a drawn order:
    item 9 above 0 with a total below 10 and with one of 10 or more; item 9 at 0 with a
    total of 10 or more and with one below 10; and one form whose item 9 was left blank
    (simulated on top of a form answered 0; ``item9`` is NaN and the total counts the
    eight answered items).

    >>> cases = item9_cases("trainee-01")
    >>> list(cases.index), int(cases["item9"].isna().sum())
    (['K1', 'K2', 'K3', 'K4', 'K5'], 1)
    """
    rng = _rng(student_id, "item9-cases")
    phq = _phq_sessions(student_id)
    pools = [
        phq[(phq["item9"] > 0) & (phq["phq9_total"] < 10)],
        phq[(phq["item9"] > 0) & (phq["phq9_total"] >= 10)],
        phq[(phq["item9"] == 0) & (phq["phq9_total"] >= 10)],
        phq[(phq["item9"] == 0) & (phq["phq9_total"] < 10)],
        phq[phq["item9"] == 0],
    ]
    picked, used = [], set()
    for k, pool in enumerate(pools):
        pool = pool[~pool["client_id"].isin(used)]
        row = pool.iloc[int(rng.integers(len(pool)))].copy()
        used.add(row["client_id"])
        if k == len(pools) - 1:
            row["item9"] = math.nan
        picked.append(row)
    table = pd.DataFrame(picked).iloc[rng.permutation(len(picked))].reset_index(drop=True)
    table.index = [f"K{k}" for k in range(1, len(table) + 1)]
    return table.astype({"session": int, "phq9_total": int, "item9": float})


# ---------------------------------------------------------- client and therapist ratings


def rating_gap_parts(pairs: pd.DataFrame) -> dict:
    """What Cohen's d and Pearson's r of the two raters need, from each client's mean of
    sessions 1-3 on the 1-5 metric (the client sum divided by 12): each rater's mean, the
    pooled SD (the square root of the mean of the two variances) and r. Three decimals.

    >>> pairs = pd.DataFrame({"client_id": ["a", "a", "b", "b"], "session": [1, 2, 1, 2],
    ...     "client_wai_sum": [54, 54, 42, 42], "therapist_rating": [4.0, 4.0, 3.0, 3.0]})
    >>> rating_gap_parts(pairs)
    {'clients': 2, 'client_mean': 4.0, 'therapist_mean': 3.5, 'pooled_sd': 0.707, 'r': 1.0}
    """
    per_client = early_means(pairs)
    client, therapist = per_client["client"], per_client["therapist"]
    return {
        "clients": int(len(per_client)),
        "client_mean": round(float(client.mean()), 3),
        "therapist_mean": round(float(therapist.mean()), 3),
        "pooled_sd": round(math.sqrt((client.var() + therapist.var()) / 2), 3),
        "r": round(float(client.corr(therapist)), 3),
    }
