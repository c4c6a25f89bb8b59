"""Measurement models: from latent session states to the numbers a form would record.

Every function here is vectorised over rows (one row per attended session) and
takes its noise as an argument, so the calibration pilot can reuse the same
noise while it searches for a latent mean (common random numbers).

* WAI-SR (client, 12 items, 1-5): the session's latent alliance on the 1-5
  mean-score scale is **censored** at 1 and 5 first (the ceiling effect: a
  client whose alliance is "beyond 5" can only say 5), then each item is the
  censored score plus a subscale factor, an item offset and item noise, rounded
  and clipped into 1-5.
* PHQ-9 (9 items, 0-3): items share out the latent severity; item 9
  (self-harm) carries a small weight, so it is endorsed less often.
* AUDIT (10 items): items 1-8 score 0-4, items 9 and 10 only 0, 2 or 4.
* SRS, ORS and the therapist's rating are single totals on their own scales.
"""

from __future__ import annotations

import numpy as np

# WAI-SR subscale key as given in domain.md (Task 1,2,10,12; Goal 4,6,8,11; Bond 3,5,7,9),
# which the instruments engineer is verifying. It only decides which items share a
# session factor here; scoring is done by course.instruments.
WAI_SUBSCALES = ("task", "goal", "bond")
WAI_SUBSCALE_OF_ITEM = np.array([0, 0, 2, 1, 2, 1, 2, 1, 2, 0, 1, 0])
# Small item differences in how easily clients endorse them; they sum to zero so the
# item mean tracks the latent score.
WAI_ITEM_OFFSETS = np.array(
    [0.05, -0.05, 0.15, -0.10, 0.10, -0.05, 0.15, -0.10, 0.05, -0.10, -0.05, -0.05]
)
WAI_ITEMS = 12
WAI_MIN, WAI_MAX = 1, 5

PHQ9_ITEMS = 9
# Share of the total carried by each item (sums to 9): item 9, thoughts of self-harm,
# is endorsed far less often than the others.
PHQ9_WEIGHTS = np.array([1.10625] * 8 + [0.15])

AUDIT_ITEMS = 10
# Consumption items (1-3) carry more of the total than dependence and harm items.
_AUDIT_RAW = np.array([1.3, 1.3, 1.1, 0.9, 0.8, 0.6, 0.9, 0.9, 0.6, 0.6])
AUDIT_WEIGHTS = _AUDIT_RAW * AUDIT_ITEMS / _AUDIT_RAW.sum()
AUDIT_INTERCEPT, AUDIT_PER_DRINK = 4.0, 0.4  # latent AUDIT total from drinks per week
AUDIT_PERSON_SD, AUDIT_ITEM_NOISE_SD = 2.5, 0.6

SRS_NOISE_SD = 1.2
ORS_NOISE_SD = 2.0
THERAPIST_NOISE_SD = 0.20  # on the 1-5 scale, after the latent rating


def round_half_up(x: np.ndarray) -> np.ndarray:
    """Round to the nearest integer, halves upwards (``np.rint`` rounds halves to even)."""
    return np.floor(x + 0.5)


def wai_items(latent: np.ndarray, subscale_noise: np.ndarray, item_noise: np.ndarray) -> np.ndarray:
    """WAI-SR item answers (rows x 12, int8 in 1-5) from the latent 1-5 session score.

    ``subscale_noise`` is rows x 3 (Task, Goal, Bond), ``item_noise`` rows x 12.

    >>> rows = np.array([3.2, 6.0])
    >>> wai_items(rows, np.zeros((2, 3)), np.zeros((2, 12)))[1].tolist()
    [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5]
    """
    censored = np.clip(latent, WAI_MIN, WAI_MAX)  # the ceiling (and floor) of the scale
    raw = (
        censored[:, None]
        + WAI_ITEM_OFFSETS[None, :]
        + subscale_noise[:, WAI_SUBSCALE_OF_ITEM]
        + item_noise
    )
    return np.clip(round_half_up(raw), WAI_MIN, WAI_MAX).astype(np.int8)


def phq9_items(severity: np.ndarray, item_noise: np.ndarray) -> np.ndarray:
    """PHQ-9 item answers (rows x 9, int8 in 0-3) from latent severity in total points.

    >>> phq9_items(np.array([0.0, 15.0]), np.zeros((2, 9))).tolist()
    [[0, 0, 0, 0, 0, 0, 0, 0, 0], [2, 2, 2, 2, 2, 2, 2, 2, 0]]
    """
    expected = severity[:, None] * PHQ9_WEIGHTS[None, :] / PHQ9_ITEMS
    return np.clip(round_half_up(expected + item_noise), 0, 3).astype(np.int8)


def audit_items(level: np.ndarray, item_noise: np.ndarray) -> np.ndarray:
    """AUDIT item answers (rows x 10): items 1-8 in 0-4, items 9-10 in {0, 2, 4}.

    >>> audit_items(np.array([0.0, 25.0]), np.zeros((2, 10))).tolist()
    [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0], [4, 4, 3, 3, 2, 2, 3, 3, 2, 2]]
    """
    expected = level[:, None] * AUDIT_WEIGHTS[None, :] / AUDIT_ITEMS + item_noise
    items = np.clip(round_half_up(expected), 0, 4)
    # Items 9 and 10 have three answers scored 0, 2 and 4.
    items[:, 8:] = 2 * np.clip(round_half_up(expected[:, 8:] / 2), 0, 2)
    return items.astype(np.int8)


def audit_level(drinks_latent: np.ndarray, person_noise: np.ndarray) -> np.ndarray:
    """Latent AUDIT total (0-40) rising with drinks per week, plus a stable person part."""
    return np.clip(AUDIT_INTERCEPT + AUDIT_PER_DRINK * drinks_latent + person_noise, 0, 40)


def drinks_observed(latent: np.ndarray) -> np.ndarray:
    """Reported drinks per week: whole drinks, never negative."""
    return np.maximum(round_half_up(latent), 0).astype(np.int16)


def srs_total(
    session_alliance: np.ndarray, mean: float, sd: float, noise: np.ndarray
) -> np.ndarray:
    """SRS total (0-40, one decimal, as read off four 10 cm lines) from the session alliance (SD units)."""
    return np.round(np.clip(mean + sd * session_alliance + noise, 0, 40), 1)


def ors_total(distress: np.ndarray, intake_mean: float, sd: float, noise: np.ndarray) -> np.ndarray:
    """ORS total (0-40, one decimal; higher is better) from distress in intake-SD units."""
    return np.round(np.clip(intake_mean - sd * distress + noise, 0, 40), 1)


def therapist_rating(latent: np.ndarray, noise: np.ndarray) -> np.ndarray:
    """Therapist's WAI-SR mean score (1-5, in steps of 1/12 like a mean of 12 items)."""
    score = np.clip(latent + noise, WAI_MIN, WAI_MAX)
    return np.round(round_half_up(score * WAI_ITEMS) / WAI_ITEMS, 3)


def noise(rng: np.random.Generator, sd: float, shape) -> np.ndarray:
    """Normal noise in float32: the item arrays are large and need no more precision."""
    return rng.standard_normal(shape, dtype=np.float32) * np.float32(sd)


def outcome_scores(
    is_depression: np.ndarray, severity: np.ndarray, phq_item_noise: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Observed outcome per row and the PHQ-9 items behind it.

    The score is the PHQ-9 total (sum of the simulated items) for depression and
    reported drinks per week for alcohol use; the items are only meaningful on
    depression rows.
    """
    items = phq9_items(severity, phq_item_noise)
    score = np.where(is_depression, items.sum(axis=1), drinks_observed(severity))
    return score, items
