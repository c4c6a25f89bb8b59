"""Reliability and change statistics used across the course.

- :func:`cronbach_alpha` with Feldt's confidence interval (Feldt, Woodruff & Salih 1987),
  :func:`item_total_correlations` (corrected), :func:`alpha_if_deleted`.
- :func:`standard_error_of_measurement`, :func:`reliable_change_index` and
  :func:`classify_change` (Jacobson & Truax 1991), :func:`clinical_cutoff` (criterion c).
- :func:`sudden_gains`: the three criteria of Tang & DeRubeis (1999), with the critical
  value of criterion 3 adjusted for missing sessions as in the R package ``suddengains``.

Direction matters: for the PHQ-9 a *decrease* is improvement, for the ORS an *increase*.
Functions that judge change take ``improvement="decrease"`` or ``"increase"`` explicitly;
:func:`improvement_direction` reads it from an instrument's spec.

References: Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical
approach to defining meaningful change in psychotherapy research. Journal of Consulting
and Clinical Psychology, 59(1), 12-19. Tang, T. Z., & DeRubeis, R. J. (1999). Sudden gains
and critical sessions in cognitive-behavioral therapy for depression. Journal of Consulting
and Clinical Psychology, 67(6), 894-904. Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987).
Statistical inference for coefficient alpha. Applied Psychological Measurement, 11, 93-103.
Wiedemann, M., Thew, G. R., Stott, R., & Ehlers, A. (2020). suddengains: An R package to
identify sudden gains in longitudinal data. PLOS ONE. https://doi.org/10.1371/journal.pone.0230276
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

Improvement = Literal["decrease", "increase"]

# |RCI| above this is reliable change at p < .05, two-tailed (Jacobson & Truax 1991).
RCI_CRITICAL = 1.96


@dataclass(frozen=True)
class Alpha:
    """Cronbach's alpha with its confidence interval and the data it came from."""

    alpha: float
    ci_low: float
    ci_high: float
    confidence: float
    n: int
    k: int

    def __str__(self) -> str:
        pct = round(self.confidence * 100)
        return (
            f"alpha = {self.alpha:.3f}, {pct}% CI [{self.ci_low:.3f}, {self.ci_high:.3f}] "
            f"(n = {self.n}, k = {self.k} items)"
        )


def _items(items, minimum_items: int = 2) -> np.ndarray:
    """Respondents x items as floats, keeping only respondents who answered every item."""
    array = np.asarray(items.to_numpy() if isinstance(items, pd.DataFrame) else items, dtype=float)
    if array.ndim != 2:
        raise ValueError("items must be a 2-D table: one row per respondent, one column per item")
    complete = array[~np.isnan(array).any(axis=1)]
    if complete.shape[1] < minimum_items:
        raise ValueError(f"need at least {minimum_items} items (columns); got {complete.shape[1]}")
    if complete.shape[0] < 3:
        raise ValueError(
            f"need at least 3 respondents with every item answered; got {complete.shape[0]}"
        )
    return complete


def _alpha(array: np.ndarray) -> float:
    k = array.shape[1]
    item_variance = array.var(axis=0, ddof=1).sum()
    total_variance = array.sum(axis=1).var(ddof=1)
    if total_variance == 0:
        raise ValueError("total scores do not vary, so alpha is undefined")
    return k / (k - 1) * (1 - item_variance / total_variance)


def cronbach_alpha(items, confidence: float = 0.95) -> Alpha:
    """Cronbach's alpha of ``items`` (respondents x items) with Feldt's confidence interval.

    Respondents with any missing item are left out (listwise), as in the usual formula.
    The interval is 1 - (1 - alpha) * F at the upper and lower quantiles of an F
    distribution with n - 1 and (n - 1)(k - 1) degrees of freedom.

    >>> data = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]]
    >>> print(cronbach_alpha(data))
    alpha = 0.965, 95% CI [0.823, 0.996] (n = 5, k = 3 items)
    """
    array = _items(items)
    n, k = array.shape
    alpha = _alpha(array)
    tail = (1 - confidence) / 2
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf(1 - tail, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(tail, df1, df2)
    return Alpha(float(alpha), float(low), float(high), confidence, n, k)


def _names(items, k: int) -> list:
    return (
        list(items.columns) if isinstance(items, pd.DataFrame) else [f"i{j + 1}" for j in range(k)]
    )


def item_total_correlations(items) -> pd.Series:
    """Corrected item-total correlation: each item against the sum of the *other* items.

    Leaving the item out of the total stops it correlating with itself.

    >>> data = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]]
    >>> item_total_correlations(data).round(3).tolist()
    [0.993, 0.91, 0.929]
    """
    array = _items(items)
    total = array.sum(axis=1)
    values = [np.corrcoef(array[:, j], total - array[:, j])[0, 1] for j in range(array.shape[1])]
    return pd.Series(values, index=_names(items, array.shape[1]), name="corrected_item_total_r")


def alpha_if_deleted(items) -> pd.Series:
    """Alpha of the scale with each item left out in turn (needs at least 3 items).

    >>> data = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]]
    >>> alpha_if_deleted(data).round(3).tolist()
    [0.912, 0.959, 0.964]
    """
    array = _items(items, minimum_items=3)
    k = array.shape[1]
    values = [_alpha(np.delete(array, j, axis=1)) for j in range(k)]
    return pd.Series(values, index=_names(items, k), name="alpha_if_deleted")


def standard_error_of_measurement(sd: float, reliability: float) -> float:
    """SEM = SD * sqrt(1 - reliability) (Jacobson & Truax 1991).

    >>> round(standard_error_of_measurement(5.0, 0.89), 3)
    1.658
    """
    if not sd > 0:
        raise ValueError(f"sd must be positive; got {sd}")
    if not 0 <= reliability <= 1:
        raise ValueError(f"reliability must lie between 0 and 1; got {reliability}")
    return float(sd * np.sqrt(1 - reliability))


def reliable_change_index(pre, post, sd: float, reliability: float):
    """RCI = (post - pre) / S_diff with S_diff = sqrt(2) * SEM (Jacobson & Truax 1991).

    ``sd`` is the standard deviation of pre-treatment scores (or a normative SD) and
    ``reliability`` the measure's reliability. Works on numbers or arrays. The sign
    follows the scale: on the PHQ-9 a negative RCI is improvement.

    >>> round(reliable_change_index(18, 9, sd=5.0, reliability=0.89), 2)
    -3.84
    """
    s_diff = np.sqrt(2) * standard_error_of_measurement(sd, reliability)
    change = np.asarray(post, dtype=float) - np.asarray(pre, dtype=float)
    result = change / s_diff
    return float(result) if result.ndim == 0 else result


def classify_change(rci, improvement: Improvement) -> np.ndarray | str:
    """'reliable improvement', 'reliable deterioration' or 'no reliable change'.

    ``improvement`` says which direction is better: ``"decrease"`` for symptom measures
    such as the PHQ-9, ``"increase"`` for the ORS or the WAI-SR.

    >>> classify_change(-3.84, improvement="decrease")
    'reliable improvement'
    >>> classify_change(-3.84, improvement="increase")
    'reliable deterioration'
    """
    sign = _sign(improvement)
    values = np.asarray(rci, dtype=float) * sign
    labels = np.where(
        values > RCI_CRITICAL,
        "reliable improvement",
        np.where(values < -RCI_CRITICAL, "reliable deterioration", "no reliable change"),
    )
    labels = np.where(np.isnan(values), "not computable", labels)
    return str(labels) if labels.ndim == 0 else labels


def clinical_cutoff(
    mean_clinical: float, sd_clinical: float, mean_functional: float, sd_functional: float
) -> float:
    """Criterion c of Jacobson & Truax (1991): the point between the clinical and the
    functional population, weighted by their spreads.

    c = (SD_clinical * M_functional + SD_functional * M_clinical) / (SD_clinical + SD_functional)

    >>> clinical_cutoff(mean_clinical=15.0, sd_clinical=5.0, mean_functional=4.0, sd_functional=3.0)
    8.125
    """
    if not (sd_clinical > 0 and sd_functional > 0):
        raise ValueError("both standard deviations must be positive")
    return float(
        (sd_clinical * mean_functional + sd_functional * mean_clinical)
        / (sd_clinical + sd_functional)
    )


def improvement_direction(instrument_id: str) -> Improvement:
    """Which direction of change is improvement on an instrument's total, from its spec.

    >>> improvement_direction("phq-9"), improvement_direction("ors")
    ('decrease', 'increase')
    """
    from course.instruments import get

    spec = get(instrument_id)
    if (
        spec.scoring is None
        or spec.scoring.total is None
        or spec.scoring.total.higher_is == "neither"
    ):
        raise ValueError(f"{spec.abbreviation} has no total with a better direction")
    return "decrease" if spec.scoring.total.higher_is == "worse" else "increase"


def _sign(improvement: str) -> int:
    if improvement not in ("decrease", "increase"):
        raise ValueError(f"improvement must be 'decrease' or 'increase'; got {improvement!r}")
    # +1 when higher is better; multiplying a change by it makes improvement positive.
    return -1 if improvement == "decrease" else 1


def sudden_gains(
    scores,
    cutoff: float,
    *,
    improvement: Improvement = "decrease",
    relative: float = 0.25,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Check every session-to-session interval against the three sudden-gain criteria.

    ``scores``: one client's scores in session order (a list or Series), or a DataFrame
    with one row per client and one column per session in order; NaN marks a missed
    session. For each interval from session N (pre-gain) to N + 1 (post-gain):

    1. the gain is at least ``cutoff`` (e.g. 7 BDI points, or a reliable-change value);
    2. the gain is at least ``relative`` (25%) of the pre-gain score;
    3. the mean of sessions N - 2..N differs from the mean of N + 1..N + 3 by more than
       t x the pooled SD, where t is the two-tailed critical t (``alpha`` .05) with
       n_pre + n_post - 2 degrees of freedom: 2.776 with 3 + 3 sessions, 3.182 with one
       missing, 4.303 with one missing on each side. With fewer than two sessions on
       either side the criterion cannot be checked (NA).

    ``improvement="decrease"`` (the default, for symptom measures such as the BDI or PHQ-9)
    treats a drop as a gain; pass ``"increase"`` for measures where higher is better.
    Like ``suddengains``, intervals are checked from session 2 -> 3 to the one ending at
    the second-to-last session, so each side has at least two sessions. Unlike it,
    ``sudden_gain`` is False (not NA) when criterion 1 or 2 already fails.

    >>> result = sudden_gains([30, 28, 26, 18, 16, 15, 15], cutoff=7)
    >>> result.loc[result["sudden_gain"] == True, ["pregain_session", "postgain_session", "gain"]]
       pregain_session  postgain_session  gain
    1                3                 4   8.0
    """
    sign = _sign(improvement)
    if isinstance(scores, pd.DataFrame):
        frame = scores
    else:
        series = scores if isinstance(scores, pd.Series) else pd.Series(list(scores))
        frame = pd.DataFrame([series.to_numpy(dtype=float)], columns=range(1, len(series) + 1))
    values = frame.to_numpy(dtype=float)
    n_sessions = values.shape[1]
    sessions = list(frame.columns)
    rows = []
    for p in range(1, n_sessions - 2):
        pre, post = values[:, p], values[:, p + 1]
        gain = (pre - post) * -sign  # positive = in the direction of improvement
        with np.errstate(invalid="ignore"):
            crit1 = gain >= cutoff
            crit2 = gain >= relative * pre
        crit3 = _criterion3(values[:, max(0, p - 2) : p + 1], values[:, p + 1 : p + 4], sign, alpha)
        unknown12 = np.isnan(gain)
        frame_part = pd.DataFrame(
            {
                "client": frame.index,
                "pregain_session": sessions[p],
                "postgain_session": sessions[p + 1],
                "pregain_score": pre,
                "postgain_score": post,
                "gain": gain,
                "crit1": pd.arrays.BooleanArray(crit1 & ~unknown12, unknown12),
                "crit2": pd.arrays.BooleanArray(crit2 & ~unknown12, unknown12),
                "crit3": crit3,
            }
        )
        rows.append(frame_part)
    if not rows:
        raise ValueError("need at least 4 sessions to look for sudden gains")
    result = pd.concat(rows, ignore_index=True)
    result["sudden_gain"] = result["crit1"] & result["crit2"] & result["crit3"]
    return result


def _criterion3(
    before: np.ndarray, after: np.ndarray, sign: int, alpha: float
) -> pd.arrays.BooleanArray:
    """Mean difference of the windows against t x pooled SD, t adjusted for missing sessions."""
    n_pre = (~np.isnan(before)).sum(axis=1)
    n_post = (~np.isnan(after)).sum(axis=1)
    enough = (n_pre >= 2) & (n_post >= 2)
    with warnings.catch_warnings():
        # Windows with fewer than two sessions give NaN here; `enough` marks them NA below.
        warnings.simplefilter("ignore", RuntimeWarning)
        mean_pre, mean_post = np.nanmean(before, axis=1), np.nanmean(after, axis=1)
        var_pre, var_post = np.nanvar(before, axis=1, ddof=1), np.nanvar(after, axis=1, ddof=1)
    df = n_pre + n_post - 2
    pooled = np.sqrt(((n_pre - 1) * var_pre + (n_post - 1) * var_post) / np.where(enough, df, 1))
    critical = stats.t.ppf(1 - alpha / 2, np.where(enough, df, 1))
    difference = (mean_pre - mean_post) * -sign
    with np.errstate(invalid="ignore"):
        met = difference > critical * pooled
    return pd.arrays.BooleanArray(met & enough, ~enough)


# ------------------------------------------------------------ agreement between raters


@dataclass(frozen=True)
class Agreement:
    """An agreement statistic (kappa or ICC) with its confidence interval."""

    statistic: str
    estimate: float
    ci_low: float
    ci_high: float
    confidence: float
    n: int

    def __str__(self) -> str:
        pct = round(self.confidence * 100)
        return (
            f"{self.statistic} = {self.estimate:.3f}, {pct}% CI "
            f"[{self.ci_low:.3f}, {self.ci_high:.3f}] (n = {self.n})"
        )


def cohens_kappa(rater_a, rater_b, confidence: float = 0.95) -> Agreement:
    """Cohen's (1960) kappa of two raters' category labels, with a large-sample interval.

    Kappa = (p_o - p_e) / (1 - p_e): observed agreement corrected for the agreement
    expected by chance from each rater's own category shares. The interval is
    kappa +/- z * SE with the large-sample SE of Fleiss, Cohen and Everitt (1969),
    clipped to [-1, 1]; with a dozen items it is wide, which is the point to read.

    >>> print(cohens_kappa(["a", "a", "b", "b", "c", "c"], ["a", "a", "b", "c", "c", "c"]))
    kappa = 0.750, 95% CI [0.324, 1.000] (n = 6)
    >>> cohens_kappa(["a", "b"], ["a", "b", "b"])
    Traceback (most recent call last):
    ...
    ValueError: the two raters must rate the same items: got 2 and 3 ratings
    """
    a, b = list(rater_a), list(rater_b)
    if len(a) != len(b) or len(a) < 2:
        raise ValueError(
            f"the two raters must rate the same items: got {len(a)} and {len(b)} ratings"
        )
    labels = sorted(set(a) | set(b), key=str)
    index = {label: k for k, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b, strict=True):
        table[index[x], index[y]] += 1
    n = len(a)
    p = table / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    p_o, p_e = np.trace(p), float(rows @ cols)
    if p_e == 1:
        raise ValueError("both raters used a single category, so kappa is undefined")
    kappa = (p_o - p_e) / (1 - p_e)
    weights = (cols[:, None] + rows[None, :]) ** 2
    off = p * weights
    np.fill_diagonal(off, 0)
    term_a = (np.diag(p) * (1 - (rows + cols) * (1 - kappa)) ** 2).sum()
    term_b = (1 - kappa) ** 2 * off.sum()
    term_c = (kappa - p_e * (1 - kappa)) ** 2
    se = float(np.sqrt(max(term_a + term_b - term_c, 0.0) / (1 - p_e) ** 2 / n))
    z = stats.norm.ppf(1 - (1 - confidence) / 2)
    low, high = max(-1.0, kappa - z * se), min(1.0, kappa + z * se)
    return Agreement("kappa", float(kappa), float(low), float(high), confidence, n)


def icc_agreement(ratings, confidence: float = 0.95) -> Agreement:
    """ICC for absolute agreement of single ratings, two-way random effects: ICC(2,1) of
    Shrout and Fleiss (1979), ICC(A,1) in Koo and Li's (2016) guideline, with its F-based
    confidence interval (McGraw & Wong, 1996).

    ``ratings``: items x raters (rows are the rated excerpts, columns the raters).
    Absolute agreement counts a rater who rates every item one point higher as
    disagreeing; a consistency ICC would not.

    >>> print(icc_agreement([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6],
    ...                      [10, 5, 6, 9], [6, 2, 4, 7]]))
    ICC(A,1) = 0.290, 95% CI [0.019, 0.761] (n = 6)
    """
    x = _items(ratings)
    n, k = x.shape
    grand = x.mean()
    ss_rows = k * ((x.mean(axis=1) - grand) ** 2).sum()
    ss_cols = n * ((x.mean(axis=0) - grand) ** 2).sum()
    ss_error = ((x - grand) ** 2).sum() - ss_rows - ss_cols
    msr, msc = ss_rows / (n - 1), ss_cols / (k - 1)
    mse = ss_error / ((n - 1) * (k - 1))
    denominator = msr + (k - 1) * mse + k * (msc - mse) / n
    if denominator <= 0:
        raise ValueError("the ratings do not vary, so the ICC is undefined")
    icc = (msr - mse) / denominator
    if icc >= 1 - 1e-12:  # the raters agree exactly: there is no error to estimate
        return Agreement("ICC(A,1)", float(icc), float(icc), 1.0, confidence, n)
    tail = (1 - confidence) / 2
    a = k * icc / (n * (1 - icc))
    b = 1 + k * icc * (n - 1) / (n * (1 - icc))
    v = (a * msc + b * mse) ** 2 / ((a * msc) ** 2 / (k - 1) + (b * mse) ** 2 / ((n - 1) * (k - 1)))
    f_up, f_low = stats.f.ppf(1 - tail, n - 1, v), stats.f.ppf(1 - tail, v, n - 1)
    rest = k * msc + (k * n - k - n) * mse
    low = n * (msr - f_up * mse) / (f_up * rest + n * msr)
    high = n * (f_low * msr - mse) / (rest + n * f_low * msr)
    return Agreement("ICC(A,1)", float(icc), float(low), float(high), confidence, n)


# Landis & Koch (1977): labels for ranges of kappa, a convention they proposed, not a test.
LANDIS_KOCH = ((0.20, "slight"), (0.40, "fair"), (0.60, "moderate"), (0.80, "substantial"))


def landis_koch_band(kappa: float) -> str:
    """The Landis and Koch (1977) label for a kappa: below 0 poor, up to .20 slight, .40
    fair, .60 moderate, .80 substantial, above .80 almost perfect (a convention).

    >>> landis_koch_band(0.59), landis_koch_band(0.61), landis_koch_band(-0.1)
    ('moderate', 'substantial', 'poor')
    """
    if kappa < 0:
        return "poor"
    return next((label for upper, label in LANDIS_KOCH if kappa <= upper), "almost perfect")
