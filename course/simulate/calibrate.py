"""Turn the observed-scale targets of :class:`GroundTruth` into latent coefficients.

The targets describe what a trainee measures: WAI-SR scores with item noise and a
ceiling, outcome change from noisy PHQ-9 totals or drink counts. Those
measurements weaken correlations, so the generator needs latent coefficients a
little larger than the targets. How much larger is *measured*, not guessed: a
pilot caseload of 20,000 clients, drawn with a fixed seed, runs through the very
same measurement code (:mod:`course.simulate.measures`,
:mod:`course.simulate.dynamics`) and gives

* ``lambda_alliance = corr(latent early alliance, early_alliance)`` and
  ``lambda_outcome = corr(latent improvement, outcome_change)``;
* by bisection on the pilot with its noise held fixed: the latent WAI-SR mean
  that gives ``wai_top_share`` item answers at the ceiling, the client-therapist
  coupling and therapist mean that give ``client_therapist_r`` and
  ``client_minus_therapist_d``, and the dropout coupling that gives
  ``dropout_alliance_d``;
* the share of clients with a rupture and the mean and SD of their repair share.

The algebra in :mod:`course.simulate.params` then gives the latent
coefficients. Results are rounded to 4 decimals (so last-bit floating point
differences between machines cannot change them) and cached per parameter set.

The pilot takes about a second, and every notebook kernel (the trainee's and the
autograder's) would pay it. So the calibrations the course uses are stored in
``course/data/calibration.json`` (written by ``alliance-course simulate
--calibrate``); :func:`latent_structure` reads a stored entry when its key (a hash
of the pilot settings and every ground-truth value) matches, and calibrates
otherwise. A test recomputes every stored entry, so a stale store fails CI.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import asdict
from pathlib import Path
from statistics import NormalDist

import numpy as np
from scipy.special import ndtr

from course.resources import data_dir
from course.seeds import stable_seed
from course.simulate import dynamics, measures
from course.simulate.params import GroundTruth
from course.simulate.structure import LatentStructure, bisect, solve_structure

PILOT_CLIENTS = 20_000
PILOT_CLIENTS_PER_THERAPIST = 40
PILOT_VERSION = 1  # bump when the pilot changes, so the seed (and every caseload) changes visibly
STORE = data_dir("calibration.json")
# Longest course caseload (ClassroomSize, the demo cohorts, module 06); stored by default.
STORED_MAX_SESSIONS = (12,)
# Therapists differ in how generously they rate (rater leniency): this share of the
# non-shared part of their rating is therapist-level. Design choice.
THERAPIST_LENIENCY_SHARE = 0.25


def _standardised(x: np.ndarray) -> np.ndarray:
    """Pilot draws with mean exactly 0 and SD exactly 1: less Monte Carlo error in the calibration."""
    return (x - x.mean()) / x.std()


def _corr(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def _d(a: np.ndarray, b: np.ndarray) -> float:
    """Cohen's d of a minus b with the pooled SD."""
    pooled = math.sqrt(
        ((a.size - 1) * a.var(ddof=1) + (b.size - 1) * b.var(ddof=1)) / (a.size + b.size - 2)
    )
    return float((a.mean() - b.mean()) / pooled)


def _weighted_d(values: np.ndarray, weight_a: np.ndarray, weight_b: np.ndarray) -> float:
    """Cohen's d of group a minus group b when each value belongs to a with weight_a, b with weight_b."""
    mean_a = np.average(values, weights=weight_a)
    mean_b = np.average(values, weights=weight_b)
    pooled = (
        weight_a * (values - mean_a) ** 2 + weight_b * (values - mean_b) ** 2
    ).sum() / values.size
    return float((mean_a - mean_b) / math.sqrt(pooled))


def therapist_latent(
    session_alliance: np.ndarray, rater: np.ndarray, coupling: float, mean: float, sd: float
) -> np.ndarray:
    """Therapist's latent rating (1-5 scale): part the client's session alliance, part their own view."""
    own = math.sqrt(1.0 - coupling**2)
    return mean + sd * (coupling * session_alliance + own * rater)


def rater_effect(therapist_lenience: np.ndarray, dyad: np.ndarray) -> np.ndarray:
    """The therapist's own view of a dyad: their general leniency plus a dyad-specific part."""
    share = THERAPIST_LENIENCY_SHARE
    return math.sqrt(share) * therapist_lenience + math.sqrt(1.0 - share) * dyad


def calibration_key(gt: GroundTruth, max_sessions: int) -> str:
    """Hash of everything a calibration depends on: pilot settings and every ground-truth value."""
    settings = {
        "pilot_version": PILOT_VERSION,
        "pilot_clients": PILOT_CLIENTS,
        "pilot_clients_per_therapist": PILOT_CLIENTS_PER_THERAPIST,
        "max_sessions": max_sessions,
        "ground_truth": gt.model_dump(mode="json"),
    }
    text = json.dumps(settings, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@functools.lru_cache(maxsize=1)
def stored_calibrations(path: Path = STORE) -> dict[str, dict[str, float]]:
    """The stored calibrations by key (empty when the file is absent)."""
    if not path.exists():
        return {}
    return json.loads(path.read_text())["calibrations"]


@functools.lru_cache(maxsize=32)
def latent_structure(gt: GroundTruth, max_sessions: int) -> LatentStructure:
    """The latent coefficients for ``gt`` and ``max_sessions``: stored if known, else calibrated."""
    stored = stored_calibrations().get(calibration_key(gt, max_sessions))
    if stored is not None:
        return LatentStructure(**stored)
    return calibrate(gt, max_sessions)


def write_store(max_sessions: tuple[int, ...] = STORED_MAX_SESSIONS, path: Path = STORE) -> Path:
    """Calibrate the default ground truth for each of ``max_sessions`` and write the store."""
    gt = GroundTruth()
    calibrations = {
        calibration_key(gt, n): asdict(calibrate(gt, n)) for n in sorted(set(max_sessions))
    }
    note = (
        "Written by `alliance-course simulate --calibrate`; do not edit. "
        "tests/test_simulate_calibration_store.py recomputes every entry."
    )
    path.write_text(
        json.dumps({"note": note, "calibrations": calibrations}, indent=2, sort_keys=True) + "\n"
    )
    stored_calibrations.cache_clear()
    latent_structure.cache_clear()
    return path


def calibrate(gt: GroundTruth, max_sessions: int) -> LatentStructure:
    """Calibrate ``gt`` for caseloads of up to ``max_sessions`` sessions on the pilot caseload."""
    rng = np.random.default_rng(
        stable_seed("course.simulate.calibrate", PILOT_VERSION, max_sessions)
    )
    n = PILOT_CLIENTS
    early = dynamics.EARLY_SESSIONS

    # --- alliance measurement: latent early alliance -> WAI-SR items -> early_alliance
    alliance = _standardised(rng.standard_normal(n))
    kind = dynamics.draw_categories(rng, gt.trajectory_shares, n)
    planned = rng.integers(gt.min_planned_sessions, max_sessions + 1, n)
    shift = dynamics.trajectory_shift(rng, kind, planned, gt, max_sessions)
    states = dynamics.session_states(rng, alliance, shift, gt)
    early_rows = states.alliance[:, :early].reshape(-1)
    subscale_noise = measures.noise(rng, gt.wai_subscale_noise_sd, (early_rows.size, 3))
    item_noise = measures.noise(rng, gt.wai_item_noise_sd, (early_rows.size, measures.WAI_ITEMS))

    def items_at(mean: float) -> np.ndarray:
        latent = mean + gt.wai_latent_sd * early_rows
        return measures.wai_items(latent, subscale_noise, item_noise)

    wai_mean = round(
        bisect(
            lambda m: float((items_at(m) == 5).mean()), 1.0, 7.0, gt.wai_top_share, "wai_top_share"
        ),
        4,
    )
    early_alliance = items_at(wai_mean).reshape(n, early, -1).mean(axis=(1, 2))
    lambda_alliance = round(_corr(alliance, early_alliance), 4)

    # --- therapist ratings: coupling for client_therapist_r, mean for client_minus_therapist_d
    therapists = n // PILOT_CLIENTS_PER_THERAPIST
    lenience = _standardised(rng.standard_normal(therapists))
    rater = rater_effect(lenience[np.arange(n) % therapists], _standardised(rng.standard_normal(n)))
    rater_rows = np.repeat(rater, early)
    rating_noise = measures.noise(rng, measures.THERAPIST_NOISE_SD, early_rows.size)

    def therapist_early(coupling: float, mean: float) -> np.ndarray:
        latent = therapist_latent(early_rows, rater_rows, coupling, mean, gt.wai_latent_sd)
        return measures.therapist_rating(latent, rating_noise).reshape(n, early).mean(axis=1)

    therapist_mean = wai_mean - 0.4
    for _ in range(2):  # the two targets barely interact; two rounds settle both
        coupling = bisect(
            lambda c, m=therapist_mean: _corr(early_alliance, therapist_early(c, m)),
            -0.999,
            0.999,
            gt.client_therapist_r,
            "client_therapist_r",
        )
        therapist_mean = bisect(
            lambda m, c=coupling: _d(early_alliance, therapist_early(c, m)),
            wai_mean - 4.0,
            wai_mean + 2.0,
            gt.client_minus_therapist_d,
            "client_minus_therapist_d",
        )

    # --- dropout: coupling for dropout_alliance_d (completers minus dropouts). The d is
    # computed from each pilot client's chance of dropping out rather than one draw of who
    # did, which removes the draw's noise from the calibration.
    threshold = NormalDist().inv_cdf(1.0 - gt.dropout_rate)

    def dropout_d(kappa: float) -> float:
        chance = 1.0 - ndtr((threshold + kappa * alliance) / math.sqrt(1.0 - kappa**2))
        return _weighted_d(early_alliance, 1.0 - chance, chance)

    dropout_coupling = round(
        bisect(dropout_d, 0.0, 0.999, gt.dropout_alliance_d, "dropout_alliance_d"), 4
    )

    # --- ruptures over the sessions actually attended
    dropped = dynamics.dropout_decision(
        alliance, rng.standard_normal(n), dropout_coupling, gt.dropout_rate
    )
    last = dynamics.last_sessions(rng, dropped, planned, states)
    attended = np.arange(1, max_sessions + 1)[None, :] <= last[:, None]
    ruptures = (states.rupture & attended).sum(axis=1)
    repairs = (states.repaired & attended).sum(axis=1)
    ruptured = ruptures > 0
    if ruptured.sum() < 2:
        raise ValueError("rupture_rate is too low: the pilot caseload had almost no ruptures")
    repair_share = repairs[ruptured] / ruptures[ruptured]
    repair_share_sd = max(float(repair_share.std()), 1e-3)  # every rupture repaired: no spread
    repair_z = np.zeros(n)
    repair_z[ruptured] = (repair_share - repair_share.mean()) / repair_share_sd
    # Repair is not driven by the alliance, but the record of it is: an unrepaired rupture
    # lowers the alliance measured in sessions 1-3, and dropouts leave right after one.
    # These covariances enter the algebra (solve_structure).
    early_z = (early_alliance - early_alliance.mean()) / early_alliance.std()
    repair_early_cov = float(np.mean(early_z * repair_z))
    repair_alliance_cov = float(np.mean(alliance * repair_z))
    repair_alliance_cov_ruptured = float(np.cov(alliance[ruptured], repair_z[ruptured])[0, 1])

    # --- outcome measurement: latent improvement -> observed baseline and final -> outcome_change.
    # The dip-and-recover bonus is found by bisection on the observed d: the floor of the
    # scales (PHQ-9 0, no drinks) compresses the largest improvements a little.
    z = _standardised(rng.standard_normal(n))
    p_dip = gt.share("dip_and_recover")
    dip = rng.random(n) < p_dip
    is_depression = rng.random(n) < gt.depression_share
    baseline = dynamics.baseline_severity(rng, is_depression, gt)
    sd_state = dynamics.state_sd(is_depression, gt)
    first = baseline + rng.standard_normal(n) * sd_state
    final_noise = rng.standard_normal(n) * sd_state
    phq_noise = measures.noise(rng, gt.phq9_item_noise_sd, (2, n, measures.PHQ9_ITEMS))
    first_score, _ = measures.outcome_scores(is_depression, first, phq_noise[0])
    reference = dynamics.reference_sd(is_depression, gt)
    dip_variance = p_dip * (1 - p_dip)

    def latent_change(bonus: float) -> np.ndarray:
        return math.sqrt(1 - bonus**2 * dip_variance) * z + bonus * (dip - p_dip)

    def observed_change(bonus: float) -> np.ndarray:
        gain = dynamics.improvement(latent_change(bonus), is_depression, gt)
        final_score, _ = measures.outcome_scores(
            is_depression, baseline - gain + final_noise, phq_noise[1]
        )
        return (first_score - final_score) / reference

    if 0 < dip_variance:
        reach = 0.99 / math.sqrt(dip_variance)
        dip_recover = bisect(
            lambda b: _d(observed_change(b)[dip], observed_change(b)[~dip]),
            -reach,
            reach,
            gt.dip_recover_outcome_d,
            "dip_recover_outcome_d",
        )
    else:
        dip_recover = 0.0
    lambda_outcome = round(_corr(latent_change(dip_recover), observed_change(dip_recover)), 4)

    return solve_structure(
        gt,
        wai_mean=wai_mean,
        therapist_mean=round(therapist_mean, 4),
        therapist_coupling=round(coupling, 4),
        dropout_coupling=dropout_coupling,
        lambda_alliance=lambda_alliance,
        lambda_outcome=lambda_outcome,
        dip_recover=round(dip_recover, 4),
        ruptured_share=round(float(ruptured.mean()), 4),
        repair_share_mean=round(float(repair_share.mean()), 4),
        repair_share_sd=round(repair_share_sd, 4),
        repair_early_cov=round(repair_early_cov, 4),
        repair_alliance_cov=round(repair_alliance_cov, 4),
        repair_alliance_cov_ruptured=round(repair_alliance_cov_ruptured, 4),
    )
