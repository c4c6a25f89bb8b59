"""What happens session by session, on latent scales: alliance course, ruptures, dropout.

Arrays are clients x sessions (session ``t`` in column ``t - 1``), computed for every
possible session; sessions after a client's last one are dropped later. The
alliance is in SD units of the clients' early alliance: a client's sessions 1-3
average their early alliance ``A`` plus noise (every trajectory is flat on
average over sessions 1-3, so "early alliance" means the same for all three
types).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from course.simulate.params import GroundTruth

STABLE, GROWTH, DIP = 0, 1, 2  # codes in the order of params.TRAJECTORIES
EARLY_SESSIONS = 3  # early alliance = sessions 1-3; nobody drops out before the end of session 3
REPAIR_CONCENTRATION = 4.0  # Beta(k*m, k*(1-m)) spread of clients' repair chances


@dataclass
class SessionStates:
    """Latent session-by-session states of a set of clients (clients x sessions arrays)."""

    alliance: np.ndarray  # client's session alliance, SD units
    rupture: np.ndarray  # bool
    repaired: np.ndarray  # bool, only where rupture


def draw_categories(rng: np.random.Generator, shares: tuple[tuple[str, float], ...], n: int):
    """Category codes 0..k-1 drawn with the given shares (a stable, explicit inverse-CDF draw)."""
    cumulative = np.cumsum([p for _, p in shares])
    codes = np.searchsorted(cumulative, rng.random(n), side="right")
    return np.minimum(codes, len(shares) - 1).astype(np.int8)


def trajectory_shift(
    rng: np.random.Generator, kind: np.ndarray, planned: np.ndarray, gt: GroundTruth, sessions: int
) -> np.ndarray:
    """Alliance shift by session for each trajectory type (clients x sessions, SD units).

    * stable: 0;
    * linear growth: ``g * (t - 2)``, zero on average over sessions 1-3;
    * dip and recover: flat to session 3, down to ``-depth`` at a mid-course
      session, then up to ``+recovery_gain`` at the planned last session.
    """
    n = kind.size
    t = np.arange(1, sessions + 1, dtype=float)[None, :]
    growth = np.maximum(rng.normal(gt.growth_per_session, gt.growth_per_session / 3, n), 0.0)
    depth = np.maximum(rng.normal(gt.dip_depth, gt.dip_depth / 5, n), 0.0)
    where = rng.uniform(0.35, 0.60, n)
    planned_f = planned.astype(float)
    dip_at = np.clip(
        EARLY_SESSIONS + round_half(where * (planned_f - EARLY_SESSIONS)),
        EARLY_SESSIONS + 1,
        planned_f - 1,
    )[:, None]
    end = planned_f[:, None]
    down = -depth[:, None] * (t - EARLY_SESSIONS) / (dip_at - EARLY_SESSIONS)
    up = -depth[:, None] + (depth[:, None] + gt.recovery_gain) * (t - dip_at) / (end - dip_at)
    dip = np.where(
        t <= EARLY_SESSIONS, 0.0, np.where(t <= dip_at, down, np.minimum(up, gt.recovery_gain))
    )
    linear = growth[:, None] * (t - 2.0)
    return np.where((kind == GROWTH)[:, None], linear, np.where((kind == DIP)[:, None], dip, 0.0))


def round_half(x: np.ndarray) -> np.ndarray:
    return np.floor(x + 0.5)


def session_states(
    rng: np.random.Generator, alliance: np.ndarray, shift: np.ndarray, gt: GroundTruth
) -> SessionStates:
    """Ruptures, repairs and the resulting session alliance for every possible session.

    A rupture is likelier when the alliance (early level plus trajectory) is low.
    It lowers that session's alliance; if repaired in session the alliance ends a
    little higher from the next session on, if not it stays lower.
    """
    n, sessions = shift.shape
    base = alliance[:, None] + shift
    log_odds = np.log(gt.rupture_rate / (1 - gt.rupture_rate)) - gt.rupture_alliance_logit * base
    rupture = rng.random((n, sessions)) < 1.0 / (1.0 + np.exp(-log_odds))
    k, m = REPAIR_CONCENTRATION, gt.repair_mean
    repair_chance = rng.beta(k * m, k * (1 - m), n)
    repaired = rupture & (rng.random((n, sessions)) < repair_chance[:, None])
    step = np.where(rupture & ~repaired, -gt.unrepaired_drop, 0.0) + np.where(
        repaired, gt.repaired_gain, 0.0
    )
    lasting = np.cumsum(step, axis=1) - step  # effect of earlier sessions' ruptures
    noise = rng.normal(0.0, gt.wai_session_noise_sd, (n, sessions))
    session_alliance = base + lasting - gt.rupture_drop * rupture + noise
    return SessionStates(session_alliance, rupture, repaired)


def dropout_decision(
    alliance: np.ndarray, noise: np.ndarray, kappa: float, rate: float
) -> np.ndarray:
    """Who drops out: a probit threshold on ``-kappa * A + sqrt(1 - kappa**2) * noise``.

    The threshold keeps the dropout share at ``rate``; ``kappa`` (calibrated)
    sets how much lower the dropouts' early alliance is.
    """
    propensity = -kappa * alliance + np.sqrt(1.0 - kappa**2) * noise
    return propensity > NormalDist().inv_cdf(1.0 - rate)


def last_sessions(
    rng: np.random.Generator, dropped: np.ndarray, planned: np.ndarray, states: SessionStates
) -> np.ndarray:
    """Last session attended: the planned one, or for a dropout the first unrepaired
    rupture from session 3 on (they do not come back), else a session drawn evenly from
    3 to planned - 1."""
    n, sessions = states.rupture.shape
    t = np.arange(1, sessions + 1)[None, :]
    unrepaired = (
        states.rupture & ~states.repaired & (t >= EARLY_SESSIONS) & (t <= planned[:, None] - 1)
    )
    first_unrepaired = np.argmax(unrepaired, axis=1) + 1
    drawn = EARLY_SESSIONS + np.floor(rng.random(n) * (planned - EARLY_SESSIONS)).astype(int)
    leaves_at = np.where(unrepaired.any(axis=1), first_unrepaired, drawn)
    return np.where(dropped, leaves_at, planned).astype(np.int16)


def progress(session: np.ndarray, last: np.ndarray, rate: float) -> np.ndarray:
    """Share of a client's improvement reached by ``session``: 0 at session 1, 1 at their last.

    >>> progress(np.array([1, 4, 8]), np.array([8, 8, 8]), 0.25).round(3).tolist()
    [0.0, 0.639, 1.0]
    """
    return np.expm1(-rate * (session - 1.0)) / np.expm1(-rate * (last - 1.0))


def sudden_gain_sessions(rng: np.random.Generator, last: np.ndarray, share: float) -> np.ndarray:
    """Session of each client's sudden gain, or 0 for none.

    Only clients attending at least 6 sessions can have one, placed from session 4
    to ``last - 2`` so that three sessions come before it and two after (the
    Tang & DeRubeis criteria compare three sessions on each side of the gain,
    counting the gain session itself).
    """
    n = last.size
    eligible = last >= 6
    chosen = eligible & (rng.random(n) < share)
    span = np.maximum(last - 2 - 4 + 1, 1)
    at = 4 + np.floor(rng.random(n) * span).astype(int)
    return np.where(chosen, at, 0).astype(np.int16)


def progress_with_gain(
    session: np.ndarray, last: np.ndarray, gain_at: np.ndarray, rate: float, fraction: float
) -> np.ndarray:
    """Share of improvement reached, with ``fraction`` of it arriving at once at ``gain_at``.

    Clients without a sudden gain (``gain_at == 0``) follow :func:`progress`; all
    reach 1 at their last session.

    >>> progress_with_gain(np.arange(1, 9), np.full(8, 8), np.full(8, 5), 0.25, 0.5).round(2).tolist()
    [0.0, 0.13, 0.24, 0.32, 0.88, 0.93, 0.97, 1.0]
    """
    smooth = progress(session, last, rate)
    stepped = (1 - fraction) * smooth + fraction * (session >= gain_at)
    return np.where(gain_at > 0, stepped, smooth)


def baseline_severity(rng: np.random.Generator, is_depression: np.ndarray, gt: GroundTruth):
    """Latent intake severity: PHQ-9 points for depression, drinks per week for alcohol use."""
    n = is_depression.size
    z = rng.standard_normal(n)
    phq = np.clip(gt.phq9_baseline_mean + gt.phq9_baseline_sd * z, 0.0, 27.0)
    # Treatment-seeking heavy drinkers: at least 14 drinks a week at intake.
    drinks = np.maximum(gt.drinks_baseline_mean + gt.drinks_baseline_sd * z, 14.0)
    return np.where(is_depression, phq, drinks)


def improvement(latent_change: np.ndarray, is_depression: np.ndarray, gt: GroundTruth):
    """Improvement by the last session in the measure's own units, from the standardised latent."""
    phq = gt.phq9_change_mean + gt.phq9_change_sd * latent_change
    drinks = gt.drinks_change_mean + gt.drinks_change_sd * latent_change
    return np.where(is_depression, phq, drinks)


def state_sd(is_depression: np.ndarray, gt: GroundTruth) -> np.ndarray:
    """Week-to-week fluctuation of the outcome, in the measure's units."""
    return np.where(is_depression, gt.phq9_state_sd, gt.drinks_state_sd)


def reference_sd(is_depression: np.ndarray, gt: GroundTruth) -> np.ndarray:
    """The SD that turns a change in the measure's units into ``outcome_change``."""
    return np.where(is_depression, gt.phq9_reference_sd, gt.drinks_reference_sd)
