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
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import NormalDist

import numpy as np
from scipy.special import ndtr

from course.resources import data_dir
from course.seeds import stable_seed
from course.simulate import dynamics, measures
from course.simulate.params import GroundTruth

PILOT_CLIENTS = 20_000
PILOT_CLIENTS_PER_THERAPIST = 40
PILOT_VERSION = 1  # bump when the pilot changes, so the seed (and every caseload) changes visibly
STORE = data_dir("calibration.json")
# Longest course caseload (ClassroomSize, the demo cohorts, module 06); stored by default.
STORED_MAX_SESSIONS = (12,)
# Therapists differ in how generously they rate (rater leniency): this share of the
# non-shared part of their rating is therapist-level. Design choice.
THERAPIST_LENIENCY_SHARE = 0.25


@dataclass(frozen=True)
class LatentStructure:
    """Latent coefficients the generator uses; see the algebra in :mod:`course.simulate.params`."""

    wai_mean: float  # latent WAI-SR mean (1-5 scale) before the ceiling
    therapist_mean: float  # latent mean of the therapist's rating
    therapist_coupling: float  # weight of the client's session alliance in the therapist's rating
    dropout_coupling: float  # -corr(dropout propensity, latent early alliance)
    lambda_alliance: float
    lambda_outcome: float
    ruptured_share: float
    repair_share_mean: float
    repair_share_sd: float
    repair_early_cov: float  # cov(z early_alliance, z repair share), all clients (0 if no rupture)
    repair_alliance_cov: float  # cov(latent early alliance, z repair share), all clients
    repair_alliance_cov_ruptured: float  # the same among clients with a rupture
    skill_share: float  # rho* minus the match effects' between-therapist part: var of sqrt(.) * S_j
    between: float  # beta_B: latent outcome per unit of the therapist part of the alliance
    within: float  # beta_W
    therapist_outcome_sd: float  # tau: therapist effect not carried by the alliance
    attachment: float
    ethnic_alliance: float
    ethnic_outcome: float
    gender_alliance: float
    gender_outcome: float
    dip_recover: float  # latent outcome bonus of dip_and_recover (found by bisection)
    repair: float
    alliance_residual_sd: float
    outcome_residual_sd: float


def bisect(
    f: Callable[[float], float], lo: float, hi: float, target: float, name: str, steps: int = 40
) -> float:
    """Solve ``f(x) = target`` for a monotone ``f`` on ``[lo, hi]``; ValueError naming ``name`` if out of reach."""
    f_lo, f_hi = f(lo), f(hi)
    if not min(f_lo, f_hi) <= target <= max(f_lo, f_hi):
        raise ValueError(
            f"{name} = {target} is out of the simulator's reach (it can produce "
            f"{min(f_lo, f_hi):.3f} to {max(f_lo, f_hi):.3f} with the other settings)"
        )
    increasing = f_hi >= f_lo
    for _ in range(steps):
        mid = (lo + hi) / 2
        if (f(mid) < target) == increasing:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


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


def composition_variance(clients, therapists) -> float:
    """Variance across therapists of their expected share of matched clients.

    A therapist's own category decides how many of their clients share it, so a
    match is partly a therapist-level variable: this much of its variance lies
    between therapists.
    """
    client_p = dict(clients)
    shares = [(p, client_p.get(label, 0.0)) for label, p in therapists]
    mean = sum(p * share for p, share in shares)
    return sum(p * share**2 for p, share in shares) - mean**2


def solve_structure(gt: GroundTruth, **measured: float) -> LatentStructure:
    """Apply the algebra of :mod:`course.simulate.params` to measured reliabilities and shares.

    Beyond the module algebra, three refinements keep the observed targets exact:
    the part of a match effect that lies between therapists (``composition_variance``)
    counts towards the alliance ICC and the between slope; the within slope is
    found net of the match effects' and the repair record's share of the
    within-therapist covariance; and the repair loading is solved by bisection
    with the covariance between repair record and alliance taken into account.
    """
    lx, ly = measured["lambda_alliance"], measured["lambda_outcome"]
    rho_obs, b_between, b_within = gt.alliance_icc, gt.between_slope, gt.within_slope
    rho = rho_obs / lx**2
    if rho >= 1:
        raise ValueError(
            f"alliance_icc = {rho_obs} is too large for the alliance measure's reliability "
            f"(latent ICC would be {rho:.2f})"
        )
    attachment = gt.attachment_alliance_r / lx
    # Match effects: (alliance effect, outcome effect, total variance, between-therapist variance).
    matches = [
        (
            gt.ethnic_match_alliance_d / lx,
            gt.ethnic_match_outcome_d / ly,
            gt.ethnic_match_rate * (1 - gt.ethnic_match_rate),
            composition_variance(gt.client_ethnicity, gt.therapist_ethnicity),
        ),
        (
            gt.gender_match_alliance_d / lx,
            gt.gender_match_outcome_d / ly,
            gt.gender_match_rate * (1 - gt.gender_match_rate),
            composition_variance(gt.client_gender, gt.therapist_gender),
        ),
    ]
    skill_share = rho - sum(d_a**2 * v_between for d_a, _, _, v_between in matches)
    if skill_share <= 0:
        raise ValueError(
            "alliance_icc is too small for the match effects on the alliance "
            "(ethnic_match_alliance_d, gender_match_alliance_d): matching alone puts more "
            "alliance variance between therapists"
        )
    alliance_residual_var = (
        1 - rho - sum(d_a**2 * (v - v_b) for d_a, _, v, v_b in matches) - attachment**2
    )
    if alliance_residual_var <= 0:
        raise ValueError(
            "attachment_alliance_r, ethnic_match_alliance_d, gender_match_alliance_d and "
            "alliance_icc together explain more than all of the alliance's variance"
        )
    client_var = attachment**2 + alliance_residual_var  # the client part the within slope acts on
    match_between_cov = sum(d_a * d_y * v_b for d_a, d_y, _, v_b in matches)
    match_within_cov = sum(d_a * d_y * (v - v_b) for d_a, d_y, v, v_b in matches)
    match_outcome_var = sum(d_y**2 * v for _, d_y, v, _ in matches)
    match_outcome_between = sum(d_y**2 * v_b for _, d_y, _, v_b in matches)

    between = (b_between * lx * rho / ly - match_between_cov) / skill_share
    therapist_outcome_var = (
        gt.outcome_icc / ly**2 - between**2 * skill_share - match_outcome_between
    )
    if therapist_outcome_var < 0:
        raise ValueError(
            f"outcome_icc = {gt.outcome_icc} is too small for between_slope = {b_between} "
            "with these match effects: the alliance and matching alone put more outcome "
            "variance between therapists"
        )
    dip_recover = measured["dip_recover"]
    p_dip = gt.share("dip_and_recover")
    p_rupt = measured["ruptured_share"]
    k_early = measured["repair_early_cov"]
    k_all = measured["repair_alliance_cov"]
    k_rupt = measured["repair_alliance_cov_ruptured"]

    def within_for(repair: float) -> float:
        # Observed within covariance = ly * (lx * latent within covariance + repair * k_early).
        target = b_within * (1 - rho_obs) / ly - repair * k_early
        return (target / lx - match_within_cov) / client_var

    def alliance_outcome(repair: float) -> float:
        # cov(latent early alliance, latent improvement) through everything but repair.
        return (
            between * skill_share
            + within_for(repair) * client_var
            + match_between_cov
            + match_within_cov
        )

    def repair_r(repair: float) -> float:
        # corr(repair share, latent improvement) among clients with a rupture.
        g = alliance_outcome(repair)
        cov = repair + g * k_rupt
        var = 1 + repair**2 * (1 - p_rupt) + 2 * repair * g * (k_rupt - k_all)
        return cov / math.sqrt(var)

    repair = bisect(repair_r, -0.95, 0.95, gt.repair_outcome_r / ly, "repair_outcome_r")
    within = within_for(repair)
    explained = (
        between**2 * skill_share
        + therapist_outcome_var
        + within**2 * client_var
        + match_outcome_var
        + dip_recover**2 * p_dip * (1 - p_dip)
        + repair**2 * p_rupt
        + 2 * repair * alliance_outcome(repair) * k_all
    )
    if explained >= 1:
        raise ValueError(
            f"the outcome targets (alliance_outcome_r, outcome_icc, repair_outcome_r, "
            f"dip_recover_outcome_d, ethnic_match_outcome_d, ...) together explain "
            f"{explained:.2f} of the latent outcome variance; they must leave some unexplained"
        )
    (ethnic_alliance, ethnic_outcome, _, _), (gender_alliance, gender_outcome, _, _) = matches
    return LatentStructure(
        **measured,
        skill_share=round(skill_share, 6),
        between=round(between, 6),
        within=round(within, 6),
        therapist_outcome_sd=round(math.sqrt(therapist_outcome_var), 6),
        attachment=round(attachment, 6),
        ethnic_alliance=round(ethnic_alliance, 6),
        ethnic_outcome=round(ethnic_outcome, 6),
        gender_alliance=round(gender_alliance, 6),
        gender_outcome=round(gender_outcome, 6),
        repair=round(repair, 6),
        alliance_residual_sd=round(math.sqrt(alliance_residual_var), 6),
        outcome_residual_sd=round(math.sqrt(1 - explained), 6),
    )
