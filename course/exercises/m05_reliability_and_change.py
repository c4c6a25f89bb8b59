"""Module 05 (reliability and change): data preparation and reference answers.

Everything a trainee's notebook shows and everything its hidden tests recompute
comes from here, from the trainee's own simulated caseload
(``course.simulate.for_student(student_id, MODULE)``). All data are simulated.

The published values the module uses, each with its source:

- PHQ-9 reliability .89: Cronbach's alpha in the PHQ Primary Care Study
  (Kroenke, Spitzer & Williams 2001).
- PHQ-9 cut-off 10: a total of 10 or more had sensitivity and specificity of .88
  for major depression (Kroenke et al. 2001). Here "recovered" means ending
  below 10 after starting at 10 or above, with reliable improvement.
- General-population PHQ-9 norms for criterion c: Kocalevent, Hinz & Brähler
  (2013) report mean (SD) 3.1 (3.5) for women and 2.7 (3.5) for men in a
  representative German sample of 5,018 adults, 53.6% women; the sample-weighted
  mean is 2.9, so the module uses M = 2.9, SD = 3.5.
- Reliable change and criterion c: Jacobson & Truax (1991). Sudden gains: Tang &
  DeRubeis (1999), via :func:`course.psychometrics.sudden_gains`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from course import psychometrics as pm
from course.grading import expect_same_items, usable_number

MODULE = "05-reliability-and-change"
WAI_ITEMS = [f"i{k}" for k in range(1, 13)]
ALPHA_SESSION = 3

PHQ9_RELIABILITY = 0.89  # Kroenke et al. (2001), Cronbach's alpha, PHQ Primary Care Study
PHQ9_CUTOFF = 10  # Kroenke et al. (2001): 10 or more screens positive (sens. = spec. = .88)
GENERAL_POPULATION_MEAN = 2.9  # Kocalevent et al. (2013): women 3.1, men 2.7 (53.6% women)
GENERAL_POPULATION_SD = 3.5  # Kocalevent et al. (2013): 3.5 for women and for men
Z_95 = 1.96

LABELS = ("reliable improvement", "no reliable change", "reliable deterioration")


def bond_items() -> list[str]:
    """Item columns of the WAI-SR Bond subscale, read from the instrument's spec.

    >>> bond_items()
    ['i3', 'i5', 'i7', 'i9']
    """
    from course.instruments import get

    return [f"i{item.number}" for item in get("wai-sr").items if "bond" in item.subscales]


# ---------------------------------------------------------------- data a trainee sees


def caseload_for(student_id: str):
    """The trainee's simulated caseload for this module."""
    from course.simulate import for_student

    return for_student(student_id, MODULE)


def wai_at_session(caseload, session: int = ALPHA_SESSION) -> pd.DataFrame:
    """Client WAI-SR answers at one session: one row per client (index ``client_id``), i1..i12."""
    items = caseload.items("wai-sr")
    items = items[items["session"] == session]
    frame = items.set_index(items["client_id"].astype(str))[WAI_ITEMS]
    frame.index.name = "client_id"
    return frame.astype(int)


def _wide(caseload, column: str) -> pd.DataFrame:
    sessions = caseload.sessions
    sessions = sessions.loc[sessions[column].notna(), ["client_id", "session", column]]
    sessions = sessions.assign(client_id=sessions["client_id"].astype(str))
    wide = sessions.pivot(index="client_id", columns="session", values=column).astype(float)
    wide.index.name = "client_id"
    wide.columns = [int(c) for c in wide.columns]
    wide.columns.name = "session"
    return wide.sort_index()


def phq9_trajectories(caseload) -> pd.DataFrame:
    """PHQ-9 totals of the clients treated for depression: one row per client, one
    column per session (1, 2, ...); NaN after a client's last attended session."""
    return _wide(caseload, "phq9_total")


def item9_trajectories(caseload) -> pd.DataFrame:
    """PHQ-9 item 9 answers (0-3), laid out like :func:`phq9_trajectories`."""
    return _wide(caseload, "phq_i9")


# ---------------------------------------------------------------- reference answers


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


def intake_sd(trajectories: pd.DataFrame) -> float:
    """SD (ddof = 1) of the session-1 PHQ-9 totals: the pre-treatment SD of the clinical sample."""
    return float(trajectories[1].std(ddof=1))


def intake_mean(trajectories: pd.DataFrame) -> float:
    """Mean of the session-1 PHQ-9 totals."""
    return float(trajectories[1].mean())


def change_thresholds(sd: float, reliability: float = PHQ9_RELIABILITY) -> dict:
    """SEM, the standard error of a difference, and the smallest reliable change in points.

    >>> change_thresholds(5.0, 0.89)
    {'sem': 1.658, 's_diff': 2.345, 'rc_points': 4.597}
    """
    sem = pm.standard_error_of_measurement(sd, reliability)
    s_diff = float(np.sqrt(2) * sem)
    return {"sem": round(sem, 3), "s_diff": round(s_diff, 3), "rc_points": round(Z_95 * s_diff, 3)}


def is_reliable_drop(points: float, sd: float, reliability: float = PHQ9_RELIABILITY) -> bool:
    """Whether a drop of ``points`` is reliable change: |RCI| > 1.96.

    >>> is_reliable_drop(4, 5.0), is_reliable_drop(5, 5.0)
    (False, True)
    """
    return bool(abs(pm.reliable_change_index(0, -points, sd, reliability)) > pm.RCI_CRITICAL)


def criterion_c(trajectories: pd.DataFrame) -> float:
    """Criterion c with the trainee's intake sample as the clinical group and the
    general-population norms of Kocalevent et al. (2013) as the functional group."""
    return round(
        pm.clinical_cutoff(
            mean_clinical=intake_mean(trajectories),
            sd_clinical=intake_sd(trajectories),
            mean_functional=GENERAL_POPULATION_MEAN,
            sd_functional=GENERAL_POPULATION_SD,
        ),
        3,
    )


def last_scores(trajectories: pd.DataFrame) -> pd.Series:
    """Each client's score at their last attended session."""
    return trajectories.apply(lambda row: row.dropna().iloc[-1], axis=1)


def change_table(
    trajectories: pd.DataFrame,
    sd: float | None = None,
    reliability: float = PHQ9_RELIABILITY,
    cutoff: float = PHQ9_CUTOFF,
) -> pd.DataFrame:
    """One row per client: intake, last score, RCI, change label, and recovered.

    ``recovered`` (Jacobson & Truax 1991): reliable improvement *and* moving from
    the clinical range (intake at or above ``cutoff``) to below it.

    >>> traj = pd.DataFrame({1: [16.0, 14.0, 8.0, 12.0], 2: [12.0, 13.0, 7.0, 19.0], 3: [8.0, 11.0, 2.0, np.nan]},
    ...                     index=pd.Index(["C1", "C2", "C3", "C4"], name="client_id"))
    >>> change_table(traj, sd=5.0)[["rci", "change", "recovered"]]
                rci                  change  recovered
    client_id
    C1        -3.411    reliable improvement       True
    C2        -1.279      no reliable change      False
    C3        -2.558    reliable improvement      False
    C4         2.985  reliable deterioration      False
    """
    sd = intake_sd(trajectories) if sd is None else sd
    intake = trajectories[1]
    last = last_scores(trajectories)
    rci = pd.Series(
        pm.reliable_change_index(intake, last, sd, reliability), index=trajectories.index
    )
    labels = pd.Series(pm.classify_change(rci, improvement="decrease"), index=trajectories.index)
    recovered = (labels == "reliable improvement") & (intake >= cutoff) & (last < cutoff)
    return pd.DataFrame(
        {
            "intake": intake,
            "last": last,
            "change": labels,
            "rci": rci.round(3),
            "recovered": recovered,
        }
    )[["intake", "last", "rci", "change", "recovered"]]


def change_labels(table: pd.DataFrame) -> dict[str, str]:
    """``{client_id: label}`` from :func:`change_table`."""
    return {str(k): str(v) for k, v in table["change"].items()}


def recovered_clients(table: pd.DataFrame) -> list[str]:
    """Client ids classed as recovered, in id order."""
    return sorted(str(c) for c in table.index[table["recovered"]])


def change_rationales(table: pd.DataFrame, rc_points: float) -> dict[str, str]:
    """Per client, why its label is what it is (used in hidden-test messages)."""
    notes = {}
    for client, row in table.iterrows():
        change = row["last"] - row["intake"]
        notes[str(client)] = (
            f"from {row['intake']:.0f} at intake to {row['last']:.0f} at the last session "
            f"is a change of {change:+.0f} points (RCI {row['rci']:+.2f}); only a change larger "
            f"than {rc_points:.2f} points (|RCI| > 1.96) is reliable, and on the PHQ-9 a drop "
            "is improvement."
        )
    return notes


def sudden_gain_pairs(trajectories: pd.DataFrame, cutoff: float) -> list[list]:
    """``[client_id, pregain_session]`` for every interval meeting all three criteria of
    Tang & DeRubeis (1999), with ``cutoff`` as criterion 1."""
    result = pm.sudden_gains(trajectories, cutoff=cutoff, improvement="decrease")
    hits = result[result["sudden_gain"].fillna(False).astype(bool)]
    return [[str(c), int(s)] for c, s in zip(hits["client"], hits["pregain_session"], strict=True)]


# Exercise 10 is marked with the trainee's own rc_points when it is plausible: from half to
# twice the exact value covers the usual slips (no sqrt(2), z = 1.645, a rounded SEM)
# without letting an absurd value (e.g. 27, which finds nothing) stand in for the work.
CARRIED_FORWARD_RANGE = (0.5, 2.0)


def criterion_one_for(student_id: str, rc_points_given) -> tuple[float, bool]:
    """The criterion-1 value Exercise 10 is marked with, and whether it is the trainee's own.

    >>> exact, own = criterion_one_for("trainee-01", None)
    >>> own, criterion_one_for("trainee-01", exact / 2**0.5) == (exact / 2**0.5, True)
    (False, True)
    >>> criterion_one_for("trainee-01", 27.0) == (exact, False)
    True
    """
    return _criterion_one(phq9_trajectories(caseload_for(student_id)), rc_points_given)


def _criterion_one(phq: pd.DataFrame, rc_points_given) -> tuple[float, bool]:
    exact = _exact_rc_points(intake_sd(phq))
    given = usable_number(rc_points_given)
    low, high = CARRIED_FORWARD_RANGE
    if given is not None and low * exact <= given <= high * exact:
        return given, True
    return exact, False


def check_sudden_gains(found, student_id: str, rc_points_given, name: str) -> None:
    """Hidden-test check of Exercise 10, with Exercise 5's value carried forward.

    The exercise asks for the three criteria run with the trainee's own ``rc_points``;
    a slip there already cost Exercise 5, so a plausible own value is used here
    (:func:`criterion_one_for`), and the message says which value was used.

    >>> phq = phq9_trajectories(caseload_for("trainee-01"))
    >>> exact, _ = criterion_one_for("trainee-01", None)
    >>> check_sudden_gains(sudden_gain_pairs(phq, exact * 0.8), "trainee-01", exact * 0.8, "gains")
    >>> check_sudden_gains([["C999", 2]], "trainee-01", exact, "gains")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `gains` is not right yet. ...
    """
    phq = phq9_trajectories(caseload_for(student_id))
    cutoff, own = _criterion_one(phq, rc_points_given)
    used = (
        f"It was marked with your rc_points ({cutoff:.2f}) as criterion 1."
        if own
        else "It was marked with the exact reliable change value as criterion 1, because "
        "rc_points is missing or far from it."
    )
    expect_same_items(
        found,
        sudden_gain_pairs(phq, cutoff),
        name,
        "A sudden gain must meet all three criteria (size of at least the reliable change "
        "value in points, at least 25% of the pre-gain score, and a stable difference "
        "between the three sessions before and after); list each one as "
        f"[client_id, pregain_session]. {used}",
    )


def safety_at_last_session(item9: pd.DataFrame) -> list[str]:
    """Clients whose PHQ-9 item 9 was above 0 at their last attended session, in id order."""
    last = last_scores(item9)
    return sorted(str(c) for c in last.index[last > 0])


def illustrative_clients(table: pd.DataFrame, n: int = 6) -> list[str]:
    """Up to ``n`` clients that show each kind of outcome, taken in turn from each group,
    returned in id order (so the order does not give their category away).

    >>> t = pd.DataFrame({"change": ["no reliable change", "reliable improvement", "reliable improvement"],
    ...                   "recovered": [False, True, False]}, index=["C1", "C2", "C3"])
    >>> illustrative_clients(t, 2)
    ['C2', 'C3']
    """
    groups = [
        table.index[table["recovered"]],
        table.index[(table["change"] == "reliable improvement") & ~table["recovered"]],
        table.index[table["change"] == "no reliable change"],
        table.index[table["change"] == "reliable deterioration"],
    ]
    queues = [list(map(str, g)) for g in groups]
    chosen: list[str] = []
    while len(chosen) < n and any(queues):
        for queue in queues:
            if queue and len(chosen) < n:
                chosen.append(queue.pop(0))
    return sorted(chosen)


# ---------------------------------------------------------------- everything, for hidden tests


@dataclass(frozen=True)
class Reference:
    """Every reference answer of the module for one trainee (recomputed, never cached)."""

    wai_alpha: float
    bond: dict
    bond_ci_above_70: bool
    weakest: dict
    sd: float
    thresholds: dict
    four_point_drop_is_reliable: bool
    cutoff_c: float
    labels: dict
    rationales: dict
    recovered: list
    safety: list
    sudden_gains: list


def reference(student_id: str) -> Reference:
    """Recompute the reference answers from the trainee's own seed."""
    caseload = caseload_for(student_id)
    wai3 = wai_at_session(caseload)
    phq = phq9_trajectories(caseload)
    sd = intake_sd(phq)
    thresholds = change_thresholds(sd)
    table = change_table(phq, sd)
    bond = alpha_summary(wai3[bond_items()])
    return Reference(
        wai_alpha=alpha_by_hand(wai3),
        bond=bond,
        bond_ci_above_70=bool(pm.cronbach_alpha(wai3[bond_items()]).ci_low >= 0.70),
        weakest=weakest_item(wai3),
        sd=sd,
        thresholds=thresholds,
        four_point_drop_is_reliable=is_reliable_drop(4, sd),
        cutoff_c=criterion_c(phq),
        labels=change_labels(table),
        rationales=change_rationales(table, thresholds["rc_points"]),
        recovered=recovered_clients(table),
        safety=safety_at_last_session(item9_trajectories(caseload)),
        sudden_gains=sudden_gain_pairs(phq, _exact_rc_points(sd)),
    )


def _exact_rc_points(sd: float, reliability: float = PHQ9_RELIABILITY) -> float:
    return Z_95 * float(np.sqrt(2)) * pm.standard_error_of_measurement(sd, reliability)


def hidden_table(seed: int, n: int = 40, k: int = 5) -> pd.DataFrame:
    """A fresh item table (1-5 answers) on which hidden tests try a trainee's alpha function."""
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    data = np.clip(np.round(3 + trait + rng.normal(scale=0.9, size=(n, k))), 1, 5)
    return pd.DataFrame(data.astype(int), columns=[f"q{j + 1}" for j in range(k)])


# ---------------------------------------------------------------- notebook helpers


def chart_clients(trajectories: pd.DataFrame, n: int = 6) -> list[str]:
    """The clients the trajectory chart shows: a mix of outcomes, in id order."""
    return illustrative_clients(change_table(trajectories), n)


def planted_sudden_gains(caseload) -> dict[str, int]:
    """The simulator's ground truth: ``{client_id: pregain session}`` for depression clients
    whose improvement partly arrived in one step (known only because the data are simulated)."""
    clients = caseload.clients
    chosen = clients[(clients["problem"] == "depression") & clients["sudden_gain_session"].notna()]
    return {
        str(c): int(s) - 1
        for c, s in zip(chosen["client_id"], chosen["sudden_gain_session"], strict=True)
    }


def compare_sudden_gains(found, planted: dict[str, int]) -> pd.DataFrame:
    """Set the sudden gains a trainee found beside the simulator's planted ones.

    ``found`` is a list of ``[client_id, pregain_session]`` pairs.

    >>> compare_sudden_gains([["C1", 3], ["C2", 5]], {"C1": 3, "C3": 6})["verdict"].tolist()
    ['found it', 'flagged, none planted', 'missed']
    """
    found_by_client: dict[str, int] = {}
    for client, session in found:
        found_by_client.setdefault(str(client), int(session))
    rows = []
    for client in sorted(set(found_by_client) | set(planted)):
        got, truth = found_by_client.get(client), planted.get(client)
        if truth is None:
            verdict = "flagged, none planted"
        elif got is None:
            verdict = "missed"
        elif got == truth:
            verdict = "found it"
        else:
            verdict = "found one, other session"
        rows.append(
            {
                "client_id": client,
                "planted pregain session": truth,
                "found pregain session": got,
                "verdict": verdict,
            }
        )
    return pd.DataFrame(
        rows, columns=["client_id", "planted pregain session", "found pregain session", "verdict"]
    )
