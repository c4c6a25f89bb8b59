"""Psychometrics against an independent implementation (pingouin) and worked examples."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from course import psychometrics as pm

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import pingouin as pg


def correlated_items(seed: int, n: int = 60, k: int = 6, noise: float = 1.0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=(n, 1))
    data = np.round(3 + trait + rng.normal(scale=noise, size=(n, k)))
    return pd.DataFrame(data, columns=[f"i{j + 1}" for j in range(k)])


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), k=st.integers(3, 10), noise=st.sampled_from([0.5, 1.0, 2.0]))
def test_alpha_and_feldt_ci_match_pingouin(seed, k, noise):
    items = correlated_items(seed, k=k, noise=noise)
    ours = pm.cronbach_alpha(items)
    alpha, ci = pg.cronbach_alpha(items, ci=0.95, nan_policy="listwise")
    assert ours.alpha == pytest.approx(alpha, abs=1e-12)
    # pingouin rounds its interval to three decimals.
    assert ours.ci_low == pytest.approx(ci[0], abs=6e-4)
    assert ours.ci_high == pytest.approx(ci[1], abs=6e-4)
    assert ours.ci_low <= ours.alpha <= ours.ci_high


def test_alpha_drops_respondents_with_missing_items_listwise():
    items = correlated_items(3)
    with_gaps = items.copy()
    with_gaps.iloc[[2, 7], [1, 4]] = np.nan
    ours = pm.cronbach_alpha(with_gaps)
    assert ours.n == len(items) - 2
    assert ours.alpha == pytest.approx(
        pg.cronbach_alpha(with_gaps, nan_policy="listwise")[0], abs=1e-12
    )


def test_alpha_if_deleted_matches_pingouin_on_each_reduced_scale():
    items = correlated_items(11, k=5)
    ours = pm.alpha_if_deleted(items)
    for column in items.columns:
        expected = pg.cronbach_alpha(items.drop(columns=column))[0]
        assert ours[column] == pytest.approx(expected, abs=1e-12)


def test_corrected_item_total_correlation_matches_scipy_with_rest_score():
    items = correlated_items(5, k=4)
    ours = pm.item_total_correlations(items)
    for column in items.columns:
        rest = items.drop(columns=column).sum(axis=1)
        assert ours[column] == pytest.approx(stats.pearsonr(items[column], rest)[0], abs=1e-12)


def test_feldt_interval_narrows_with_more_respondents():
    small = pm.cronbach_alpha(correlated_items(1, n=30))
    large = pm.cronbach_alpha(correlated_items(1, n=600))
    assert (large.ci_high - large.ci_low) < (small.ci_high - small.ci_low)


def test_alpha_refuses_too_little_data():
    with pytest.raises(ValueError, match="at least 2 items"):
        pm.cronbach_alpha([[1], [2], [3]])
    with pytest.raises(ValueError, match="at least 3 respondents"):
        pm.cronbach_alpha([[1, 2], [2, 3]])


def test_sem_and_rci_by_hand():
    # SEM = 5 * sqrt(1 - .89) = 1.6583; S_diff = sqrt(2) * SEM = 2.3452; RCI = (9 - 18) / 2.3452
    assert pm.standard_error_of_measurement(5, 0.89) == pytest.approx(1.658312, abs=1e-6)
    assert pm.reliable_change_index(18, 9, sd=5, reliability=0.89) == pytest.approx(
        -3.837613, abs=1e-6
    )
    rci = pm.reliable_change_index(
        np.array([18, 18, 18]), np.array([9, 17, 25]), sd=5, reliability=0.89
    )
    assert rci.shape == (3,)


def test_classify_change_needs_an_explicit_direction():
    rci = np.array([-3.0, -1.0, 2.5, np.nan])
    assert pm.classify_change(rci, improvement="decrease").tolist() == [
        "reliable improvement",
        "no reliable change",
        "reliable deterioration",
        "not computable",
    ]
    assert pm.classify_change(2.5, improvement="increase") == "reliable improvement"
    with pytest.raises(ValueError, match="'decrease' or 'increase'"):
        pm.classify_change(2.5, improvement="down")


def test_improvement_direction_comes_from_the_spec():
    assert pm.improvement_direction("phq-9") == "decrease"
    assert pm.improvement_direction("audit") == "decrease"
    assert pm.improvement_direction("wai-sr") == "increase"


def test_clinical_cutoff_by_hand_and_midpoint_for_equal_spreads():
    # c = (5 * 4 + 3 * 15) / (5 + 3) = 65 / 8
    assert pm.clinical_cutoff(15, 5, 4, 3) == 8.125
    assert pm.clinical_cutoff(20, 4, 10, 4) == 15.0


# -- sudden gains ---------------------------------------------------------------------------------


def test_critical_values_are_those_of_tang_and_derubeis():
    for df, value in [(4, 2.776), (3, 3.182), (2, 4.303)]:
        assert round(stats.t.ppf(0.975, df), 3) == value


def test_sudden_gain_worked_example():
    result = pm.sudden_gains([30, 28, 26, 18, 16, 15, 15], cutoff=7)
    gain = result.set_index("pregain_session").loc[3]
    assert gain["gain"] == 8  # 26 -> 18
    assert gain["crit1"] and gain["crit2"]  # 8 >= 7; 8 >= 0.25 * 26 = 6.5
    # pre 30, 28, 26: mean 28, variance 4; post 18, 16, 15: mean 16.333, variance 2.333
    pooled = math.sqrt((2 * 4 + 2 * (7 / 3)) / 4)  # 1.7795
    assert 28 - 49 / 3 > 2.776 * pooled
    assert gain["crit3"] and gain["sudden_gain"]
    assert result["sudden_gain"].sum() == 1
    assert list(result["pregain_session"]) == [2, 3, 4, 5]


def test_criterion_3_adjusts_the_critical_value_for_a_missed_session():
    # pre 21, (missed), 15: mean 18, variance 18; post 10, 9, 11: mean 10, variance 1
    # pooled SD = sqrt((1 * 18 + 2 * 1) / 3) = 2.582; difference 8 is 3.098 pooled SDs:
    # above 2.776 (no missing sessions) but below 3.182 (one missing), so no sudden gain.
    result = pm.sudden_gains([21, np.nan, 15, 10, 9, 11], cutoff=4)
    gain = result.set_index("pregain_session").loc[3]
    assert gain["crit1"] and gain["crit2"]
    assert not gain["crit3"] and not gain["sudden_gain"]
    assert 2.776 < 8 / math.sqrt(20 / 3) < 3.182


def test_criterion_3_is_unknown_with_fewer_than_two_sessions_on_a_side():
    result = pm.sudden_gains([np.nan, np.nan, 26, 18, 16, 15], cutoff=7).set_index(
        "pregain_session"
    )
    assert pd.isna(result.loc[3, "crit3"])
    assert pd.isna(result.loc[3, "sudden_gain"])


def test_higher_is_better_measures_use_improvement_increase():
    ors = [12.0, 13.0, 14.0, 24.0, 25.0, 26.0, 26.0]
    gains = pm.sudden_gains(ors, cutoff=5, improvement="increase")
    assert gains.loc[gains["sudden_gain"] == True, "pregain_session"].tolist() == [3]  # noqa: E712
    assert not pm.sudden_gains(ors, cutoff=5)["sudden_gain"].any()


def reference_sudden_gains(scores, cutoff, relative=0.25):
    """Straight port of the loop in the R package suddengains (identify_sg), one client."""
    x = list(scores)
    out = []
    for j in range(2, len(x) - 1):  # R's col_j from 3 to ncol - 1, here 0-based post-gain index
        pre, post = x[j - 1], x[j]
        crit1 = pre - post >= cutoff
        crit2 = pre - post >= relative * pre
        before = [v for v in x[max(0, j - 3) : j] if not math.isnan(v)]
        after = [v for v in x[j : j + 3] if not math.isnan(v)]
        if len(before) < 2 or len(after) < 2:
            crit3 = None
        else:
            t = {(3, 3): 2.776, (2, 3): 3.182, (3, 2): 3.182, (2, 2): 4.303}[
                (len(before), len(after))
            ]
            var_b, var_a = np.var(before, ddof=1), np.var(after, ddof=1)
            df = len(before) + len(after) - 2
            pooled = math.sqrt(((len(before) - 1) * var_b + (len(after) - 1) * var_a) / df)
            crit3 = np.mean(before) - np.mean(after) > t * pooled
        out.append((bool(crit1), bool(crit2), crit3))
    return out


@settings(max_examples=40, deadline=None)
@given(
    scores=st.lists(st.integers(0, 40), min_size=4, max_size=12),
    holes=st.lists(st.integers(0, 11), max_size=2),
)
def test_sudden_gains_agree_with_a_port_of_suddengains(scores, holes):
    values = [float(v) for v in scores]
    for h in holes:
        if h < len(values):
            values[h] = math.nan
    ours = pm.sudden_gains(values, cutoff=7)
    expected = reference_sudden_gains(values, cutoff=7)
    for (c1, c2, c3), (_, row) in zip(expected, ours.iterrows(), strict=True):
        if math.isnan(row["pregain_score"]) or math.isnan(row["postgain_score"]):
            assert pd.isna(row["crit1"])
            continue
        assert (bool(row["crit1"]), bool(row["crit2"])) == (c1, c2)
        assert (None if pd.isna(row["crit3"]) else bool(row["crit3"])) == c3
