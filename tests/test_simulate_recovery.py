"""Recovery: the ground truth comes back out of the tables (large N), and noisily at classroom N."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from course.simulate import caseload
from course.simulate.validate import LARGE, between_within, random_intercept, recovery_table

SEEDS = (101, 202, 303)


@pytest.fixture(scope="module", params=SEEDS)
def large(request):
    cl = caseload(LARGE["n_therapists"], LARGE["n_clients"], seed=request.param)
    return cl, recovery_table(cl)


@pytest.mark.slow
def test_every_target_is_recovered_within_tolerance(large):
    _, table = large
    missed = table[~table["within_tolerance"]]
    assert missed.empty, (
        "\n" + missed[["quantity", "estimate", "ground_truth", "tolerance"]].to_string()
    )
    assert len(table) >= 15


@pytest.mark.slow
def test_between_within_decomposition_reproduces_the_baldwin_pattern(large):
    cl, _ = large
    parts = between_within(cl.clients)
    # Per point of alliance the therapist part predicts outcome far more strongly.
    assert parts.between_naive > 2 * parts.within
    assert parts.between_corrected > 2.5 * parts.within
    assert 0 < parts.within < 0.35


@pytest.mark.slow
def test_recovery_fails_when_the_data_do_not_match_the_ground_truth():
    """The table is not a rubber stamp: data from other parameters miss the defaults."""
    cl = caseload(
        LARGE["n_therapists"],
        LARGE["n_clients"],
        seed=7,
        alliance_outcome_r=0.10,
        between_slope=0.3,
    )
    cl.ground_truth = type(cl.ground_truth)()  # judge the data against the default targets
    table = recovery_table(cl).set_index("quantity")
    assert not table.loc["alliance-outcome r", "within_tolerance"]
    assert not table.loc["between-therapist slope (corrected)", "within_tolerance"]


def test_classroom_caseload_gives_plausible_noisy_values():
    estimates = []
    for seed in range(5):
        table = recovery_table(caseload(8, 60, seed=seed)).set_index("quantity")
        r = table.loc["alliance-outcome r", "estimate"]
        assert -1 < r < 1
        assert 0 <= table.loc["therapist ICC of outcome", "estimate"] < 1
        assert 0 <= table.loc["dropout rate", "estimate"] <= 0.5
        assert 0.15 < table.loc["WAI-SR answers at the ceiling (5), sessions 1-3", "estimate"] < 0.6
        estimates.append(r)
    # Noisy: five classrooms do not agree with each other to two decimals.
    assert np.std(estimates) > 0.03


def test_random_intercept_matches_statsmodels_mixedlm():
    from statsmodels.regression.mixed_linear_model import MixedLM

    cl = caseload(40, 800, seed=21)
    c = cl.clients
    groups = c["therapist_id"].to_numpy()
    z = (c["early_alliance"] - c["early_alliance"].mean()) / c["early_alliance"].std()
    mean = z.groupby(groups).transform("mean")
    exog = np.column_stack([np.ones(len(z)), mean, z - mean])
    y = c["outcome_change"].to_numpy()
    ours = random_intercept(y, exog, groups)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = MixedLM(y, exog, groups).fit(reml=True, method="nm", maxiter=5000)
    assert np.allclose(ours.beta, theirs.fe_params, atol=2e-3)
    assert math.isclose(ours.sigma2, theirs.scale, rel_tol=1e-3)
    assert math.isclose(
        ours.tau2, float(np.asarray(theirs.cov_re)[0, 0]), rel_tol=2e-2, abs_tol=1e-4
    )


def test_random_intercept_recovers_a_known_icc():
    rng = np.random.default_rng(0)
    groups = np.repeat(np.arange(300), 30)
    y = rng.normal(0, np.sqrt(0.2), 300)[groups] + rng.normal(0, np.sqrt(0.8), groups.size)
    assert abs(random_intercept(y, np.ones((y.size, 1)), groups).icc - 0.2) < 0.03
