"""Module 06 (alliance and outcome): reference answers, statement banks, practice data.

Every number a trainee reports in module 06 is computed here from their own
simulated caseload, :func:`caseload` (``course.simulate.for_student`` with the
module's :data:`SIZE`), and the hidden tests call the same functions again
with the same seed. Nothing is cached: every call simulates afresh, so one
trainee's tables (or an answer that edited them in place) can never reach
another trainee's grading.

What the functions estimate, and how (the notebook explains the same steps):

* :func:`fisher_ci` - a 95% confidence interval for a correlation by Fisher's
  z: ``tanh(atanh(r) +- 1.96 / sqrt(n - 3))``.
* :func:`view_correlations` - early alliance from the client's view (WAI-SR,
  sessions 1-3) and from the therapist's view, each correlated with outcome.
* :func:`decompose` - the between/within decomposition (Baldwin, Wampold &
  Imel 2007) by a documented simple estimator: standardise early alliance and
  outcome change, split alliance into the therapist's mean and the client's
  deviation from it, and regress outcome on both by ordinary least squares.
  The two predictors are uncorrelated by construction, so each slope is also
  a simple regression slope. (``course.simulate.validate.between_within`` fits
  the same model as a random-intercept model; the point estimates agree
  closely.) Therapist means of a few dozen clients are unreliable, which pulls
  the between slope toward the within slope (Lüdtke et al. 2008):
  :func:`therapist_mean_reliability` gives that reliability, ICC(2).
* :func:`therapist_icc` - the one-way ANOVA estimate of the intraclass
  correlation, ICC(1), the share of outcome variance between therapists. With
  equal caseloads and a positive estimate it equals the REML estimate of a
  random-intercept model (statsmodels ``MixedLM``); the tests check that.
* :func:`therapist_intervals` - each therapist's mean outcome with a 95%
  interval (mean +- 1.96 SE), for the caterpillar chart and for counting the
  therapists whose interval lies wholly above or below the clinic mean.
* :func:`attachment_summary` - client attachment vs early alliance (client
  level), therapist attachment vs the therapist's mean alliance (therapist
  level, one row per therapist).

Every record is simulated; no real client data is used.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.grading import CheckFailed, expect_labels, usable_number
from course.seeds import stable_seed
from course.simulate import ClassroomSize, for_student
from course.simulate import caseload as simulate_caseload
from course.simulate.generate import Caseload

MODULE = "06-alliance-and-outcome"

#: Module 06 needs more therapists than the default classroom caseload (8):
#: therapist effects and between-therapist slopes are invisible with 8.
#: 30 therapists x 20 clients keeps the whole notebook fast.
SIZE = ClassroomSize(therapists=30, clients=600, max_sessions=12)

#: Flückiger, Del Re, Wampold & Horvath (2018): r = .278, 95% CI [.256, .299], 295 studies.
META_R = 0.278
META_CI = (0.256, 0.299)
#: Diener & Monroe (2011): attachment security and alliance, r = .17 [.10, .23], k = 17.
ATTACHMENT_META_R = 0.17
#: Johns, Barkham, Kellett & Saxon (2019): therapist effects, weighted average 5%.
THERAPIST_EFFECT_REVIEW = 0.05

Z_95 = 1.96
EARLY_SESSIONS = 3


def caseload(student_id: str) -> Caseload:
    """The trainee's module-06 caseload: 30 therapists, 600 clients (simulated afresh).

    >>> cl = caseload("trainee-01")
    >>> cl.therapists.shape[0], cl.clients.shape[0]
    (30, 600)
    >>> int(cl.clients.groupby("therapist_id").size().min())
    20
    """
    return for_student(student_id, MODULE, size=SIZE)


# ------------------------------------------------------------- association


def correlation(x, y) -> float:
    """Pearson's r of two equally long sequences.

    >>> round(correlation([1, 2, 3, 4], [2, 4, 5, 9]), 3)
    0.965
    """
    x, y = np.asarray(x, float), np.asarray(y, float)
    return float(np.corrcoef(x, y)[0, 1])


def fisher_ci(r: float, n: int, z: float = Z_95) -> tuple[float, float]:
    """Confidence interval of a correlation by Fisher's z transformation.

    Transform ``r`` to ``atanh(r)``, where its sampling distribution is close
    to normal with standard error ``1 / sqrt(n - 3)``; step ``z`` standard
    errors either side; transform back with ``tanh``. The interval is not
    symmetric around ``r`` (it is squeezed toward +-1).

    >>> [round(v, 3) for v in fisher_ci(0.30, 100)]
    [0.11, 0.469]
    >>> [round(v, 3) for v in fisher_ci(0.30, 1000)]
    [0.243, 0.355]
    >>> fisher_ci(0.3, 3)
    Traceback (most recent call last):
    ...
    ValueError: a confidence interval for r needs n > 3 pairs, got n = 3
    """
    if n <= 3:
        raise ValueError(f"a confidence interval for r needs n > 3 pairs, got n = {n}")
    centre, se = math.atanh(r), 1.0 / math.sqrt(n - 3)
    return math.tanh(centre - z * se), math.tanh(centre + z * se)


def early_therapist_rating(sessions: pd.DataFrame, early: int = EARLY_SESSIONS) -> pd.Series:
    """Each client's mean therapist-rated alliance over sessions 1 to ``early``, by client id.

    >>> s = pd.DataFrame({"client_id": ["C1"] * 4 + ["C2"] * 3, "session": [1, 2, 3, 4, 1, 2, 3],
    ...                   "therapist_alliance": [3.0, 3.5, 4.0, 5.0, 2.0, 2.0, 2.5]})
    >>> early_therapist_rating(s).round(3).to_dict()
    {'C1': 3.5, 'C2': 2.167}
    """
    rows = sessions[sessions["session"] <= early]
    means = rows.groupby("client_id", observed=True)["therapist_alliance"].mean()
    means.index = means.index.astype(str)
    return means.rename("therapist_early")


def view_correlations(cl: Caseload) -> dict[str, float]:
    """r of outcome change with early alliance as the client rated it and as the therapist did."""
    clients = cl.clients.set_index("client_id")
    therapist_view = early_therapist_rating(cl.sessions).reindex(clients.index)
    return {
        "client": correlation(clients["early_alliance"], clients["outcome_change"]),
        "therapist": correlation(therapist_view, clients["outcome_change"]),
    }


def alliance_outcome_r(clients: pd.DataFrame) -> float:
    """r of early alliance (client-rated) with outcome change."""
    return correlation(clients["early_alliance"], clients["outcome_change"])


def meta_check(r: float, n: int) -> dict:
    """Place a caseload's r against the meta-analysis (Flückiger et al. 2018).

    ``contains_meta``: does the caseload's 95% interval contain .278?
    ``variance_explained``: r squared, the share of outcome variance that goes
    with early alliance. ``width_ratio``: how many times wider the caseload's
    interval is than the meta-analytic one ([.256, .299]).

    >>> out = meta_check(0.30, 600)
    >>> out["contains_meta"], round(out["variance_explained"], 3), round(out["width_ratio"], 1)
    (True, 0.09, 3.4)
    """
    low, high = fisher_ci(r, n)
    return {
        "contains_meta": bool(low <= META_R <= high),
        "variance_explained": r * r,
        "width_ratio": (high - low) / (META_CI[1] - META_CI[0]),
    }


# ----------------------------------------------------------- decomposition


def standardise(values: pd.Series) -> pd.Series:
    """z-scores with the sample SD (ddof = 1).

    >>> standardise(pd.Series([1.0, 2.0, 3.0])).tolist()
    [-1.0, 0.0, 1.0]
    """
    return (values - values.mean()) / values.std()


def alliance_parts(clients: pd.DataFrame) -> pd.DataFrame:
    """Standardised early alliance split into the therapist's mean and the client's deviation.

    Columns: ``therapist_id``, ``z_alliance``, ``therapist_mean``, ``deviation``,
    ``z_outcome``; one row per client, in the order of ``clients``.
    """
    z_alliance = standardise(clients["early_alliance"])
    therapist_mean = z_alliance.groupby(clients["therapist_id"]).transform("mean")
    return pd.DataFrame(
        {
            "therapist_id": clients["therapist_id"],
            "z_alliance": z_alliance,
            "therapist_mean": therapist_mean,
            "deviation": z_alliance - therapist_mean,
            "z_outcome": standardise(clients["outcome_change"]),
        }
    )


def decompose(clients: pd.DataFrame) -> dict[str, float]:
    """Between- and within-therapist slopes of standardised outcome on standardised alliance.

    OLS of ``z_outcome`` on an intercept, the therapist's mean alliance and the
    client's deviation from it (:func:`alliance_parts`). Both slopes are in
    outcome SDs per SD of alliance, the unit of a correlation.

    >>> toy = pd.DataFrame({"therapist_id": ["A", "A", "B", "B", "C", "C"],
    ...                     "early_alliance": [3.0, 4.0, 4.0, 5.0, 2.0, 3.0],
    ...                     "outcome_change": [0.5, 0.6, 1.0, 1.1, 0.0, 0.1]})
    >>> {k: round(v, 3) for k, v in decompose(toy).items()}
    {'between': 1.164, 'within': 0.233}
    """
    parts = alliance_parts(clients)
    design = np.column_stack([np.ones(len(parts)), parts["therapist_mean"], parts["deviation"]])
    beta, *_ = np.linalg.lstsq(design, parts["z_outcome"].to_numpy(), rcond=None)
    return {"between": float(beta[1]), "within": float(beta[2])}


def therapist_mean_reliability(icc: float, clients_per_therapist: float) -> float:
    """ICC(2): how reliably a mean of ``clients_per_therapist`` clients measures the therapist.

    ``n * icc / (1 + (n - 1) * icc)`` (the Spearman-Brown formula).

    >>> round(therapist_mean_reliability(0.10, 20), 3)
    0.69
    >>> round(therapist_mean_reliability(0.10, 5), 3)
    0.357
    """
    n = clients_per_therapist
    return n * icc / (1 + (n - 1) * icc)


# ------------------------------------------------------- therapist effects


def therapist_icc(values, groups) -> float:
    """ICC(1) by one-way ANOVA: ``(MSB - MSW) / (MSB + (n0 - 1) MSW)``.

    ``MSB`` is the mean square between therapists, ``MSW`` within, and ``n0``
    the (adjusted) number of clients per therapist, which is simply the
    caseload size when every therapist sees the same number of clients. The
    estimate can fall below zero when therapists differ less than chance
    alone would make them; report it as it is (a random-intercept model
    would report 0).

    >>> groups = ["A"] * 3 + ["B"] * 3 + ["C"] * 3
    >>> round(therapist_icc([1, 2, 3, 2, 3, 4, 3, 4, 5], groups), 3)
    0.5
    >>> round(therapist_icc([1, 2, 3, 1, 2, 3, 1, 2, 3], groups), 3)
    -0.5
    """
    frame = pd.DataFrame({"y": np.asarray(values, float), "g": np.asarray(groups)})
    by = frame.groupby("g")["y"]
    n = by.size()
    n_groups, n_total = len(n), len(frame)
    grand = frame["y"].mean()
    msb = float((n * (by.mean() - grand) ** 2).sum()) / (n_groups - 1)
    msw = float(((frame["y"] - by.transform("mean")) ** 2).sum()) / (n_total - n_groups)
    n0 = (n_total - float((n**2).sum()) / n_total) / (n_groups - 1)
    return (msb - msw) / (msb + (n0 - 1) * msw)


def therapist_intervals(clients: pd.DataFrame, z: float = Z_95) -> pd.DataFrame:
    """Each therapist's mean outcome change with a 95% interval, sorted from lowest mean.

    The interval is ``mean +- z * SD / sqrt(n)``: the standard error of the
    therapist's mean, from the SD (ddof = 1) of that therapist's own clients.
    ``position`` says where the interval lies against the clinic mean (the
    mean over all clients): ``"above"``, ``"below"`` or ``"overlaps"``.
    """
    by = clients.groupby("therapist_id")["outcome_change"]
    table = pd.DataFrame({"n": by.size(), "mean": by.mean(), "sd": by.std()})
    table["se"] = table["sd"] / np.sqrt(table["n"])
    table["lower"] = table["mean"] - z * table["se"]
    table["upper"] = table["mean"] + z * table["se"]
    grand = float(clients["outcome_change"].mean())
    table["position"] = np.where(
        table["lower"] > grand, "above", np.where(table["upper"] < grand, "below", "overlaps")
    )
    table["clinic_mean"] = grand
    return table.sort_values("mean").reset_index()


def therapists_apart(clients: pd.DataFrame) -> list[str]:
    """Ids of therapists whose 95% interval lies wholly above or below the clinic mean (sorted)."""
    table = therapist_intervals(clients)
    return sorted(table.loc[table["position"] != "overlaps", "therapist_id"].astype(str))


def split_half_r(clients: pd.DataFrame) -> float:
    """How stable is a ranking of therapists? r of their mean outcomes in two halves of each caseload.

    Within each therapist, clients are put in ``client_id`` order and dealt
    alternately into half A (1st, 3rd, 5th, ...) and half B (2nd, 4th, ...);
    the result is Pearson's r, across therapists, of the mean ``outcome_change``
    in half A with the mean in half B. If therapists' rankings reflected
    stable differences, the two halves would rank them alike (r near 1).

    >>> toy = pd.DataFrame({"client_id": ["C1", "C2", "C3", "C4", "C5", "C6"],
    ...                     "therapist_id": ["A", "B", "C", "A", "B", "C"],
    ...                     "outcome_change": [0.0, 1.0, 2.0, 0.2, 1.1, 2.3]})
    >>> round(split_half_r(toy), 3)
    0.997
    """
    ordered = clients.sort_values("client_id")
    half = ordered.groupby("therapist_id").cumcount() % 2
    means = ordered.groupby([ordered["therapist_id"], half])["outcome_change"].mean().unstack()
    return correlation(means[0], means[1])


# ---------------------------------------------------------------- attachment


def attachment_summary(cl: Caseload) -> dict:
    """Attachment security and early alliance, at the level where each was measured.

    ``client_r``: client attachment with the client's early alliance (one row
    per client). ``therapist_r``: therapist attachment with the mean early
    alliance of the therapist's clients (one row per therapist).
    ``therapist_ci_includes_zero``: whether the Fisher-z 95% interval of
    ``therapist_r`` (n = number of therapists) contains 0.
    """
    clients = cl.clients
    client_r = correlation(clients["attachment_security"], clients["early_alliance"])
    mean_alliance = clients.groupby("therapist_id")["early_alliance"].mean()
    security = cl.therapists.set_index("therapist_id")["attachment_security"]
    security = security.reindex(mean_alliance.index)
    therapist_r = correlation(security, mean_alliance)
    low, high = fisher_ci(therapist_r, len(mean_alliance))
    return {
        "client_r": client_r,
        "therapist_r": therapist_r,
        "therapist_ci_includes_zero": bool(low <= 0.0 <= high),
    }


# ------------------------------------------------- statements to judge (ex 4)

CLAIM_LABELS = ("supported", "causal_leap", "early_change", "individual_prediction")

CLAIM_LABEL_MEANINGS = {
    "supported": "the caseload's data support the statement as worded",
    "causal_leap": "reads the association as proof that the alliance causes improvement, "
    "or that raising alliance scores would raise outcomes",
    "early_change": "overlooks that improvement already under way in sessions 1-3 can lift "
    "the alliance rating, so the link may run from early change to alliance",
    "individual_prediction": "treats a correlation near .28 as a dependable forecast "
    "for one particular client",
}


@dataclass(frozen=True)
class Statement:
    """A statement a trainee labels; ``label`` is its key, ``rationale`` the feedback."""

    id: str
    text: str
    label: str
    rationale: str


CLAIMS: tuple[Statement, ...] = (
    Statement(
        "c05",
        "On average, clients who rated the alliance more highly over their first three "
        "sessions had improved more by their last session.",
        "supported",
        "This is what a positive correlation says: a tendency across clients, nothing more.",
    ),
    Statement(
        "c11",
        "Early alliance goes with less than a fifth of the differences in how much "
        "clients improved.",
        "supported",
        "r squared is the share of outcome variance that goes with alliance; for r near .28 "
        "it is about 8%, well under a fifth.",
    ),
    Statement(
        "c02",
        "A client's early alliance rating carries some information about how therapy is "
        "likely to go, so it is worth collecting alongside symptom measures.",
        "supported",
        "A modest but reliable association makes the rating a useful signal to monitor, "
        "without claiming it causes or fixes the outcome.",
    ),
    Statement(
        "c08",
        "Because early alliance predicts outcome, a workshop that raises clients' alliance "
        "ratings will raise the clinic's recovery rate.",
        "causal_leap",
        "A correlation does not show that changing the alliance changes outcomes; only "
        "a design that manipulates the alliance could show that.",
    ),
    Statement(
        "c01",
        "The clinic's data prove that a strong alliance is what makes therapy work.",
        "causal_leap",
        "Observational data show an association; 'prove' and 'what makes it work' are "
        "causal claims the correlation cannot carry.",
    ),
    Statement(
        "c10",
        "Clients with weak early alliances improved less, so their weak alliance is the "
        "reason they did not get better.",
        "causal_leap",
        "Other things (severity, life events, the therapist) can lower both; the data "
        "cannot single out the alliance as the reason.",
    ),
    Statement(
        "c04",
        "Alliance was rated in sessions 1-3, before the final outcome, so the client's "
        "improvement cannot have influenced their alliance rating.",
        "early_change",
        "Outcome change is counted from session 1, so improvement in sessions 1-3 is part "
        "of it, and feeling better early can raise the alliance rating: rated before the "
        "end is not rated before the change began. Early change can run into the alliance.",
    ),
    Statement(
        "c12",
        "Clients who felt much better by their third session rated the alliance highly, "
        "but that cannot be part of the reason early alliance predicts the final outcome.",
        "early_change",
        "Early improvement can lift both the alliance rating and the final outcome, so it "
        "can carry part of the association. Early change can run into the alliance.",
    ),
    Statement(
        "c07",
        "The early alliance score is independent of how much a client had already "
        "improved, so the association reflects the alliance alone.",
        "early_change",
        "Early symptom change and the alliance influence each other in the first sessions "
        "(Flückiger et al. 2020); the score is not independent of early change. Early change "
        "can run into the alliance.",
    ),
    Statement(
        "c03",
        "A client whose early alliance is in the clinic's top tenth will almost certainly "
        "finish among the most improved.",
        "individual_prediction",
        "With r near .28 most of the variation in outcome lies elsewhere; many clients with "
        "high alliance improve only a little.",
    ),
    Statement(
        "c09",
        "A client whose early alliance is below the clinic average should be told that "
        "therapy is unlikely to help them.",
        "individual_prediction",
        "A modest correlation cannot forecast one client's outcome, and saying so could "
        "itself harm the work; a low rating is a prompt to talk about the relationship.",
    ),
    Statement(
        "c06",
        "With r around .28 we can rank next month's new clients by their session-3 alliance "
        "and know in advance which of them will recover.",
        "individual_prediction",
        "r near .28 leaves over 90% of outcome variance unexplained; such a ranking would "
        "often be wrong for individual clients.",
    ),
)


def claims_for(student_id: str, k: int = 4) -> list[Statement]:
    """The ``k`` claims a trainee labels in exercise 4, in the order shown.

    Always one early-change claim and one causal leap, the rest drawn from the
    other claims; the choice and order follow the trainee's seed.

    >>> [c.id for c in claims_for("trainee-01")] == [c.id for c in claims_for("trainee-01")]
    True
    >>> labels = {c.label for c in claims_for("trainee-01")}
    >>> {"early_change", "causal_leap"} <= labels
    True
    """
    if not 2 <= k <= len(CLAIMS):
        raise ValueError(f"k must be between 2 and {len(CLAIMS)}, got {k}")
    rng = np.random.default_rng(stable_seed(MODULE, "claims", student_id))
    picks = []
    for label in ("early_change", "causal_leap"):
        pool = [c for c in CLAIMS if c.label == label]
        picks.append(pool[int(rng.integers(len(pool)))])
    rest = [c for c in CLAIMS if c not in picks]
    picks += [rest[i] for i in rng.choice(len(rest), size=k - 2, replace=False)]
    return [picks[i] for i in rng.permutation(k)]


def claim_key(claims: list[Statement]) -> dict[str, str]:
    """Answer key ``{claim id: label}``."""
    return {c.id: c.label for c in claims}


def rationales(statements: list[Statement]) -> dict[str, str]:
    """Feedback ``{id: rationale}`` for the hidden test's message."""
    return {s.id: s.rationale for s in statements}


# ----------------------------------------- reading the decomposition (ex 6)

READING_LABELS = ("true", "false", "not_shown")

READING_LABEL_MEANINGS = {
    "true": "your numbers show it",
    "false": "your numbers contradict it",
    "not_shown": "no result of this analysis could show it, whatever the numbers",
}


@dataclass(frozen=True)
class Reading:
    """A reading of the decomposition. ``rule`` decides it from the numbers, or is None."""

    id: str
    text: str
    rationale: str
    rule: str | None = None  # name of a check in _RULES; None means "not_shown"


_RULES = {
    "twice": lambda s, r: s["between"] > 2 * s["within"],
    "within_bigger": lambda s, r: s["within"] > s["between"],
    "between_over_r": lambda s, r: s["between"] > r,
    "within_over_quarter": lambda s, r: s["within"] > 0.25,
}

READINGS: tuple[Reading, ...] = (
    Reading(
        "r4",
        "In your caseload the between-therapist slope is more than twice the "
        "within-therapist slope.",
        "Compare your two slopes from exercise 5 directly: is between > 2 x within?",
        "twice",
    ),
    Reading(
        "r7",
        "In your caseload a client who rates the alliance 1 SD above their own therapist's "
        "average is expected to improve by more than 0.25 outcome SD more than that "
        "therapist's other clients.",
        "That is the within-therapist slope read in words: is it above 0.25?",
        "within_over_quarter",
    ),
    Reading(
        "r2",
        "In your caseload the within-therapist slope is larger than the between-therapist slope.",
        "Compare your two slopes from exercise 5.",
        "within_bigger",
    ),
    Reading(
        "r5",
        "In your caseload the between-therapist slope is larger than the overall "
        "alliance-outcome correlation r.",
        "Compare your between slope with your r from exercise 1; the overall r mixes the "
        "two slopes, weighted by where the alliance variance lies.",
        "between_over_r",
    ),
    Reading(
        "r1",
        "Moving a client to a therapist whose clients report stronger alliances would raise "
        "that client's improvement by the between-therapist slope.",
        "The slopes describe how outcomes differ between therapists' caseloads as they are; "
        "what happens when a client is moved is a causal question they cannot answer.",
    ),
    Reading(
        "r6",
        "Therapists whose clients report stronger alliances are more skilled at forming "
        "alliances, and that skill is what produces their clients' better outcomes.",
        "A therapist's mean alliance can also reflect their caseload (for example less "
        "severe clients, who both bond and improve more easily); the data cannot say why.",
    ),
    Reading(
        "r3",
        "Training every therapist up to the alliance level of the best therapists would "
        "raise the clinic's outcomes by the between slope times the gap.",
        "That predicts the effect of an intervention; an observational decomposition "
        "cannot, only a trial of the training could.",
    ),
)

#: Readings decided by the numbers, in pairs; each trainee is shown one of each pair.
READING_PAIRS = (("r4", "r7"), ("r2", "r5"))
#: Readings no observational decomposition could show; each trainee is shown two.
READING_NOT_SHOWN = ("r1", "r6", "r3")


def readings_for(student_id: str) -> list[Reading]:
    """The four readings a trainee judges in exercise 6, in the order shown.

    One reading from each pair in :data:`READING_PAIRS` (decided by the
    trainee's own numbers) and two of :data:`READING_NOT_SHOWN` (which no
    analysis of this kind could show). The ids are neutral: they do not say
    which kind a reading is.

    >>> shown = readings_for("trainee-01")
    >>> sum(r.rule is None for r in shown), len({r.id for r in shown})
    (2, 4)
    """
    rng = np.random.default_rng(stable_seed(MODULE, "readings", student_id))
    by_id = {r.id: r for r in READINGS}
    picks = [by_id[pair[int(rng.integers(2))]] for pair in READING_PAIRS]
    picks += [by_id[i] for i in rng.choice(list(READING_NOT_SHOWN), size=2, replace=False)]
    return [picks[i] for i in rng.permutation(len(picks))]


def reading_key(readings: list[Reading], slopes: dict, r: float) -> dict[str, str]:
    """Answer key ``{id: "true" | "false" | "not_shown"}`` for a trainee's numbers.

    >>> key = reading_key(list(READINGS), {"between": 0.6, "within": 0.2}, 0.28)
    >>> key["r4"], key["r7"], key["r2"], key["r5"], key["r1"]
    ('true', 'false', 'false', 'true', 'not_shown')
    """
    key = {}
    for reading in readings:
        if reading.rule is None:
            key[reading.id] = "not_shown"
        else:
            key[reading.id] = "true" if _RULES[reading.rule](slopes, r) else "false"
    return key


def check_readings(
    value, readings: list[Reading], clients: pd.DataFrame, slopes_given, r_views_given, name: str
) -> None:
    """Hidden-test check of Exercise 6, judged against the trainee's own numbers.

    The exercise asks for each statement to be judged against *your* slopes
    (Exercise 5) and r (Exercise 1). When those are plain numbers the labels must
    fit them, so a slip there is not charged again here; labels that fit the
    correct numbers are accepted too. Missing or malformed numbers fall back to
    the correct ones.
    """
    right_slopes, right_r = decompose(clients), alliance_outcome_r(clients)
    own_slopes = _plain_slopes(slopes_given) or right_slopes
    given_r = (
        usable_number(r_views_given.get("client")) if isinstance(r_views_given, dict) else None
    )
    own_r = right_r if given_r is None else given_r
    own_key = reading_key(readings, own_slopes, own_r)
    right_key = reading_key(readings, right_slopes, right_r)
    why = rationales(readings)
    if right_key != own_key:
        try:
            expect_labels(value, right_key, name, why)
            return
        except CheckFailed:
            pass  # judge against the trainee's own numbers, as the exercise asks
    expect_labels(value, own_key, name, why)


def _plain_slopes(value) -> dict[str, float] | None:
    """The trainee's slopes when they are a dict of two usable numbers, else None."""
    if not isinstance(value, dict):
        return None
    slopes = {k: usable_number(value.get(k)) for k in ("between", "within")}
    return None if None in slopes.values() else slopes


def as_markdown(statements, meanings: dict[str, str] | None = None):
    """Statements as a Markdown list (``id``: text) for display in the notebook."""
    from IPython.display import Markdown

    lines = [f"- **{s.id}**: {s.text}" for s in statements]
    if meanings:
        lines += ["", "Labels:"] + [f"- `{k}`: {v}" for k, v in meanings.items()]
    return Markdown("\n".join(lines))


# -------------------------------------------- stability (the practice widget)


def stability(
    student_id: str,
    clients_per_therapist: int,
    therapists: int = SIZE.therapists,
    replications: int = 8,
) -> pd.DataFrame:
    """The decomposition in ``replications`` simulated clinics of the given size.

    Each clinic has ``therapists`` therapists with ``clients_per_therapist``
    clients each, drawn with its own seed (from the trainee id, the size and the
    replication number). One row per clinic: ``r``, ``between``, ``within``.

    >>> table = stability("trainee-01", 10, therapists=12, replications=3)
    >>> list(table.columns), len(table)
    (['clinic', 'r', 'between', 'within'], 3)
    """
    if clients_per_therapist < 2:
        raise ValueError("every therapist needs at least 2 clients to split alliance in two")
    rows = []
    for rep in range(replications):
        seed = stable_seed(MODULE, "stability", student_id, clients_per_therapist, rep)
        cl = simulate_caseload(
            therapists,
            therapists * clients_per_therapist,
            seed=seed,
            max_sessions=SIZE.max_sessions,
        )
        slopes = decompose(cl.clients)
        rows.append({"clinic": rep + 1, "r": alliance_outcome_r(cl.clients), **slopes})
    return pd.DataFrame(rows)


def expected_slopes(clients_per_therapist: float) -> dict[str, float]:
    """What the simulator's ground truth implies at this caseload size.

    ``within`` is the ground-truth within slope; ``between`` the between slope
    this estimator finds on average, ``b_W + (b_B - b_W) * ICC(2)``: unreliable
    therapist means pull it toward the within slope. ``between_true`` is the
    slope a perfectly measured therapist mean would show, ``reliability`` the
    ICC(2) of a therapist's mean alliance at this size.

    >>> e = expected_slopes(20)
    >>> round(e["between"], 3), round(e["within"], 3), e["between_true"], round(e["reliability"], 2)
    (0.555, 0.233, 0.7, 0.69)
    """
    from course.simulate import GroundTruth

    gt = GroundTruth()
    reliability = therapist_mean_reliability(gt.alliance_icc, clients_per_therapist)
    within = gt.within_slope
    return {
        "r": gt.alliance_outcome_r,
        "between": within + (gt.between_slope - within) * reliability,
        "within": within,
        "between_true": gt.between_slope,
        "reliability": reliability,
    }
