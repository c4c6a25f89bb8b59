"""The latent coefficients the generator uses, solved from measured reliabilities.

:func:`solve_structure` applies the algebra of :mod:`course.simulate.params` to what
the pilot in :mod:`course.simulate.calibrate` measured; :func:`bisect` is the
one-dimensional solver both use.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from course.simulate.params import GroundTruth


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
