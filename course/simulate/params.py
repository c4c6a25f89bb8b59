"""The simulator's ground truth: every number a caseload is built to reproduce, with its source.

:class:`GroundTruth` holds two kinds of value, each with its source or reason in
the field's description (``GroundTruth.sources()`` lists them):

* **targets**: effect sizes the *returned tables* reproduce when analysed with
  ordinary tools (``course.simulate.validate`` computes each one), from the
  literature in ``/work/shared/reference/domain.md`` section 3;
* **design settings**: scale means, noise levels, shares of categories. Where no
  source gives a number the description says "design choice" and why.

Targets live on the observed scale (what a trainee computes from the tables:
``early_alliance`` is a WAI-SR score with measurement error and a ceiling,
``outcome_change`` comes from observed PHQ-9 totals or drinks per week). The
generator works on latent scales, so :mod:`course.simulate.calibrate` converts the
targets into latent coefficients with the algebra below.

The algebra: why the targets fit together
-----------------------------------------

Standardise early alliance ``x`` and outcome change ``y`` (SD 1) and split ``x``
into a therapist part ``x_B`` (variance ``rho``, the alliance ICC) and the
client's deviation from their therapist's mean ``x_W`` (variance ``1 - rho``).
With between-therapist slope ``b_B``, within-therapist slope ``b_W`` and
``y = b_B x_B + b_W x_W + rest``::

    r      = cov(x, y) = b_B * rho + b_W * (1 - rho)                 (1)
    ICC_y >= var(b_B * x_B) = b_B**2 * rho                           (2)

So ``b_W = (r - b_B * rho) / (1 - rho)`` and ``b_B <= sqrt(ICC_y / rho)``. With
the defaults r = .28, rho = .10 and ICC_y = .06, ``b_B`` can be at most .775;
``b_B = .70`` gives ``b_W = (.28 - .07) / .90 = .233``: the therapist part of
the alliance predicts outcome three times as strongly per point as the client
part (a design choice: Baldwin et al. 2007 give the direction, not the size), yet
a small positive within slope is forced by r = .28. The alliance carries ``.70**2 * .10 = .049`` of the .06 therapist share of
outcome variance; the remaining ``.011`` is a therapist effect not carried by
the alliance.

From observed targets to latent coefficients (done in ``calibrate.py``), with
``lx = corr(latent alliance, early_alliance)`` and ``ly = corr(latent
improvement, outcome_change)`` measured on a pilot run of the very same
measurement code::

    latent alliance ICC        rho*   = rho / lx**2    (measurement error is client-level)
    latent between slope       beta_B = b_B * lx / ly
    latent within slope        beta_W = b_W * (1 - rho) / (lx * ly * (1 - rho*))
    therapist effect not via alliance   tau**2 = (ICC_y - b_B**2 * rho) / ly**2
    attachment loading         a      = attachment_alliance_r / lx
    match effect on alliance   d_A    = ethnic_match_alliance_d / lx
    match effect on outcome    d_Y    = ethnic_match_outcome_d / ly   (mostly via the alliance:
                                                                        beta_W * d_A of it)
    repair loading             c      = r' / sqrt(1 - r'**2 * (1 - p)),  r' = repair_outcome_r / ly,
                                        p = share of clients with at least one rupture

and the residual variance of the latent improvement is whatever keeps its
variance at 1 (a ``ValueError`` says so when the targets leave none).
``calibrate.solve_structure`` refines these first-order formulas: the part of a
match effect that lies between therapists (a therapist's own ethnicity decides
how many of their clients match) is taken out of the therapist-skill share, and
the within slope and repair loading allow for the covariance between the repair
record and early alliance. The recovery tests check the result.

Examples
--------
>>> gt = GroundTruth()
>>> round(gt.within_slope, 3)
0.233
>>> GroundTruth(alliance_outcome_r=1.2)
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for GroundTruth
alliance_outcome_r
  Input should be less than 1 ...
"""

from __future__ import annotations

import math
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

Correlation = Annotated[float, Field(gt=-1.0, lt=1.0)]
ICC = Annotated[float, Field(ge=0.0, lt=1.0)]
Share = Annotated[float, Field(ge=0.0, le=1.0)]
Positive = Annotated[float, Field(gt=0.0)]
# A categorical distribution: (label, probability) pairs. Tuples keep GroundTruth hashable,
# so calibration results can be cached per parameter set.
Distribution = tuple[tuple[str, float], ...]

ETHNICITIES = ("White", "Black", "Hispanic/Latino", "Asian", "Other/multiple")
RELIGIONS = ("Christian", "None", "Muslim", "Jewish", "Other")
GENDERS = ("female", "male", "nonbinary")
SES_LEVELS = ("low", "middle", "high")
TRAJECTORIES = ("stable", "linear_growth", "dip_and_recover")
PROBLEMS = ("depression", "alcohol_use")


class GroundTruth(BaseModel):
    """All parameters of a simulated caseload; each field's description is its source.

    Bad values raise ``pydantic.ValidationError`` (a ``ValueError``) naming the
    field; combinations the algebra rules out raise ``ValueError`` naming the
    fields involved.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    # ------------------------------------------------------------------ targets
    alliance_outcome_r: Correlation = Field(
        0.28,
        description="Flückiger, Del Re, Wampold & Horvath 2018, Psychotherapy 55(4): r = .278 "
        "[.256, .299], 295 studies; Horvath et al. 2011: r = .275.",
    )
    outcome_icc: ICC = Field(
        0.06,
        description="Johns, Barkham, Kellett & Saxon 2019, Clinical Psychology Review 67: therapist "
        "effects about 5% overall, 8.2% in trials; .06 lies between.",
    )
    alliance_icc: ICC = Field(
        0.10,
        description="Design choice: most alliance variance lies within therapists (e.g. Psychotherapy "
        "Research 2018, doi:10.1080/10503307.2018.1516306); .10 lets between_slope**2 * alliance_icc "
        "stay below outcome_icc (see the module algebra).",
    )
    between_slope: float = Field(
        0.70,
        ge=0.0,
        lt=3.0,
        description="Design choice: the direction follows Baldwin, Wampold & Imel 2007, JCCP 75(6) "
        "and Del Re et al. 2012, CPR 32(7) (the therapist part of the alliance predicts outcome, the "
        "client part much less); neither reports .70. Outcome SD per SD of early alliance; .70 is "
        "near the largest value outcome_icc allows (.775).",
    )
    attachment_alliance_r: Correlation = Field(
        0.17,
        description="Diener & Monroe 2011, Psychotherapy 48(3): client attachment security and "
        "alliance r = .17 [.10, .23], k = 17.",
    )
    repair_outcome_r: Correlation = Field(
        0.29,
        description="Eubanks, Muran & Safran 2018, Psychotherapy 55(4): rupture repair and outcome "
        "r = .29, k = 11, N = 1,314. Here: share of a client's ruptures that were repaired vs "
        "outcome_change, among clients with at least one rupture.",
    )
    ethnic_match_alliance_d: float = Field(
        0.32,
        gt=-2.0,
        lt=2.0,
        description="Cabral & Smith 2011, J Counseling Psychology 58(4): racial/ethnic match and "
        "clients' perceptions of the therapist d = .32, used for client-rated alliance.",
    )
    ethnic_match_outcome_d: float = Field(
        0.09,
        gt=-2.0,
        lt=2.0,
        description="Cabral & Smith 2011: racial/ethnic match and outcome d = .09.",
    )
    gender_match_alliance_d: float = Field(
        0.0,
        gt=-2.0,
        lt=2.0,
        description="Design choice: no source gives a gender-match effect on the alliance; 0.",
    )
    gender_match_outcome_d: float = Field(
        0.0,
        gt=-2.0,
        lt=2.0,
        description="Lambert 2016, Evidence Based Medicine and Practice 2(2), 108: gender match "
        "not associated with outcome (no effect size given; 0 is the simulation's reading).",
    )
    client_therapist_r: Correlation = Field(
        0.36,
        description="Tryon, Blackwell & Hammel 2007, Psychotherapy Research 17(6): client and "
        "therapist alliance ratings correlate r = .36 (53 studies).",
    )
    client_minus_therapist_d: float = Field(
        0.63,
        gt=-2.0,
        lt=2.0,
        description="Tryon et al. 2007: clients rate the alliance higher than their therapists, "
        "d = .63.",
    )
    dip_recover_outcome_d: float = Field(
        0.30,
        gt=-2.0,
        lt=2.0,
        description="Direction from Kivlighan & Shaughnessy 2000, J Counseling Psychology 47(3): "
        "dip-and-recover (quadratic) alliance had the best outcomes. Size: design choice.",
    )
    dropout_rate: Annotated[float, Field(gt=0.0, lt=1.0)] = Field(
        0.197,
        description="Swift & Greenberg 2012, JCCP 80(4): weighted dropout rate 19.7% "
        "[18.7%, 20.7%], 669 studies.",
    )
    dropout_alliance_d: float = Field(
        0.55,
        ge=0.0,
        lt=2.0,
        description="Sharf, Primavera & Diener 2010, Psychotherapy 47(4): weaker alliance in "
        "clients who drop out, d = .55 (11 studies).",
    )
    wai_top_share: Annotated[float, Field(gt=0.0, lt=1.0)] = Field(
        0.35,
        description="Ceiling effect: share of client WAI-SR item answers in sessions 1-3 at the top "
        "category (5). Client alliance ratings show moderate-to-large ceiling effects (domain.md, "
        "Meier's review); the number is a design choice.",
    )

    # --------------------------------------------------------- design settings
    depression_share: Share = Field(
        0.60,
        description="Design choice: share of clients treated for depression (the rest alcohol use).",
    )
    trajectory_shares: Distribution = Field(
        (("stable", 0.50), ("linear_growth", 0.30), ("dip_and_recover", 0.20)),
        description="Kivlighan & Shaughnessy 2000 found stable, linear-growth and quadratic "
        "(dip-and-recover) alliance patterns; the shares are a design choice.",
    )
    min_planned_sessions: int = Field(
        8,
        ge=6,
        le=60,
        description="Design choice: planned course lengths are drawn evenly from this to the "
        "caseload's max_sessions (at least 6, so a dip can happen after session 3 and recover).",
    )
    wai_latent_sd: Positive = Field(
        0.65,
        description="Design choice: SD of clients' early alliance on the WAI-SR 1-5 mean-score scale "
        "before censoring.",
    )
    wai_session_noise_sd: Positive = Field(
        0.35,
        description="Design choice: session-to-session fluctuation of the alliance, in SD units.",
    )
    wai_item_noise_sd: Positive = Field(
        0.60,
        description="Design choice: item-specific noise on the 1-5 item scale; with the subscale "
        "factor it gives WAI-SR alpha near .90 (Munder et al. 2010: alpha > .80).",
    )
    wai_subscale_noise_sd: Positive = Field(
        0.25,
        description="Design choice: session factor shared by the four items of a subscale (Task, "
        "Goal, Bond), so subscales correlate highly but not perfectly.",
    )
    growth_per_session: float = Field(
        0.08,
        ge=0.0,
        lt=1.0,
        description="Design choice: mean alliance gain per session (SD units) for linear growth.",
    )
    dip_depth: Positive = Field(
        0.90, description="Design choice: depth of the dip (SD units) for dip-and-recover."
    )
    recovery_gain: float = Field(
        0.30,
        ge=0.0,
        lt=3.0,
        description="Design choice: dip-and-recover clients end this far (SD) above their start.",
    )
    rupture_rate: Annotated[float, Field(gt=0.0, lt=1.0)] = Field(
        0.15,
        description="Design choice: chance of a client-noticed rupture in a session at average "
        "alliance (reported rates vary widely with who rates them).",
    )
    rupture_alliance_logit: float = Field(
        0.5,
        ge=0.0,
        lt=5.0,
        description="Design choice: ruptures are likelier when the alliance is low (log-odds per SD).",
    )
    repair_mean: Annotated[float, Field(gt=0.0, lt=1.0)] = Field(
        0.60, description="Design choice: mean chance that a rupture is repaired in session."
    )
    rupture_drop: Positive = Field(
        0.80, description="Design choice: alliance drop (SD) in the session with a rupture."
    )
    unrepaired_drop: float = Field(
        0.35,
        ge=0.0,
        lt=3.0,
        description="Design choice: lasting alliance drop (SD) after an unrepaired rupture.",
    )
    repaired_gain: float = Field(
        0.10,
        ge=0.0,
        lt=3.0,
        description="Design choice: lasting alliance gain (SD) after a repaired rupture.",
    )
    progress_rate: Positive = Field(
        0.25,
        description="Design choice: improvement is negatively accelerated (dose-effect curve), "
        "1 - exp(-rate * (session - 1)), scaled to be complete at the last session attended.",
    )
    sudden_gain_share: Share = Field(
        0.25,
        description="Design choice: share of clients (attending 6+ sessions) whose improvement "
        "comes partly as one sudden between-session gain; Tang & DeRubeis 1999 found sudden gains "
        "in a sizeable minority of clients in cognitive therapy for depression.",
    )
    sudden_gain_fraction: Annotated[float, Field(gt=0.0, le=1.0)] = Field(
        0.5,
        description="Design choice: share of such a client's total improvement that arrives in "
        "the sudden gain.",
    )
    phq9_baseline_mean: Annotated[float, Field(gt=0.0, lt=27.0)] = Field(
        15.0,
        description="Design choice: intake PHQ-9 typically moderate (10-19) in therapy samples.",
    )
    phq9_baseline_sd: Positive = Field(
        4.0, description="Design choice: SD of intake PHQ-9 (latent)."
    )
    phq9_change_mean: float = Field(
        6.5,
        ge=-27.0,
        le=27.0,
        description="Design choice: mean PHQ-9 improvement by the last session.",
    )
    phq9_change_sd: Positive = Field(5.0, description="Design choice: SD of PHQ-9 improvement.")
    phq9_state_sd: Positive = Field(
        1.5, description="Design choice: week-to-week fluctuation of PHQ-9 severity (points)."
    )
    phq9_item_noise_sd: Positive = Field(
        0.50,
        description="Design choice: item noise (0-3 scale); PHQ-9 alpha near .89 (Kroenke 2001).",
    )
    phq9_reference_sd: Positive = Field(
        5.0, description="Convention: outcome_change = (baseline - final) / this SD for depression."
    )
    drinks_baseline_mean: Positive = Field(
        38.0,
        description="Design choice: drinks per week at intake in treatment-seeking heavy drinkers.",
    )
    drinks_baseline_sd: Positive = Field(14.0, description="Design choice.")
    drinks_change_mean: float = Field(
        16.0, ge=-100.0, le=100.0, description="Design choice: mean reduction in drinks per week."
    )
    drinks_change_sd: Positive = Field(13.0, description="Design choice.")
    drinks_state_sd: Positive = Field(
        5.0, description="Design choice: week-to-week fluctuation in drinks per week."
    )
    drinks_reference_sd: Positive = Field(
        14.0,
        description="Convention: outcome_change = (baseline - final) / this SD for alcohol use.",
    )
    srs_mean: Annotated[float, Field(gt=0.0, lt=40.0)] = Field(
        37.5,
        description="Design choice: SRS totals sit high (most above the 36 concern cutoff; PCOMS).",
    )
    srs_sd: Positive = Field(2.8, description="Design choice: SRS SD per SD of session alliance.")
    ors_intake_mean: Annotated[float, Field(gt=0.0, lt=40.0)] = Field(
        19.0, description="Design choice: clinical samples start below the adult ORS cutoff of 25."
    )
    ors_sd: Positive = Field(6.5, description="Design choice: ORS points per SD of distress.")

    client_gender: Distribution = Field(
        (("female", 0.62), ("male", 0.36), ("nonbinary", 0.02)),
        description="Design choice (illustrative outpatient mix).",
    )
    therapist_gender: Distribution = Field(
        (("female", 0.70), ("male", 0.28), ("nonbinary", 0.02)),
        description="Design choice (illustrative: most therapists are women).",
    )
    client_ethnicity: Distribution = Field(
        tuple(zip(ETHNICITIES, (0.60, 0.14, 0.16, 0.06, 0.04), strict=True)),
        description="Design choice (illustrative US-style categories).",
    )
    therapist_ethnicity: Distribution = Field(
        tuple(zip(ETHNICITIES, (0.78, 0.06, 0.08, 0.05, 0.03), strict=True)),
        description="Design choice (illustrative: the workforce is less diverse than its clients).",
    )
    client_religion: Distribution = Field(
        tuple(zip(RELIGIONS, (0.55, 0.30, 0.04, 0.03, 0.08), strict=True)),
        description="Design choice (illustrative). Religion match has no simulated effect: Noyce & "
        "Simpson 2016 report it qualitatively only.",
    )
    therapist_religion: Distribution = Field(
        tuple(zip(RELIGIONS, (0.45, 0.40, 0.03, 0.05, 0.07), strict=True)),
        description="Design choice (illustrative).",
    )
    ses_shares: Distribution = Field(
        tuple(zip(SES_LEVELS, (0.35, 0.45, 0.20), strict=True)),
        description="Design choice; SES has no simulated effect.",
    )

    # ------------------------------------------------------------- validation
    @model_validator(mode="after")
    def _targets_fit_together(self) -> GroundTruth:
        for name in (
            "trajectory_shares",
            "client_gender",
            "therapist_gender",
            "client_ethnicity",
            "therapist_ethnicity",
            "client_religion",
            "therapist_religion",
            "ses_shares",
        ):
            dist = getattr(self, name)
            probs = [p for _, p in dist]
            if any(p < 0 for p in probs) or not math.isclose(sum(probs), 1.0, abs_tol=1e-9):
                raise ValueError(f"{name}: probabilities must be >= 0 and sum to 1, got {probs}")
        if tuple(label for label, _ in self.trajectory_shares) != TRAJECTORIES:
            raise ValueError(f"trajectory_shares must list {TRAJECTORIES} in that order")
        therapist_part = self.between_slope**2 * self.alliance_icc
        if therapist_part > self.outcome_icc + 1e-12:
            raise ValueError(
                f"between_slope**2 * alliance_icc = {therapist_part:.3f} exceeds outcome_icc = "
                f"{self.outcome_icc}: the therapist part of the alliance alone would give outcome a "
                f"larger therapist share than outcome_icc (lower between_slope or alliance_icc)"
            )
        if abs(self.within_slope) >= 1:
            raise ValueError(
                f"alliance_outcome_r, between_slope and alliance_icc imply within_slope = "
                f"{self.within_slope:.3f}, outside (-1, 1)"
            )
        return self

    # ----------------------------------------------------------------- derived
    @property
    def within_slope(self) -> float:
        """``b_W = (r - b_B * rho) / (1 - rho)``: equation (1) solved for the within slope."""
        rho = self.alliance_icc
        return (self.alliance_outcome_r - self.between_slope * rho) / (1.0 - rho)

    @property
    def therapist_effect_not_via_alliance(self) -> float:
        """Share of outcome variance between therapists that the alliance does not carry."""
        return self.outcome_icc - self.between_slope**2 * self.alliance_icc

    @property
    def ethnic_match_rate(self) -> float:
        """Chance that a client and a randomly assigned therapist share an ethnicity."""
        return _match_rate(self.client_ethnicity, self.therapist_ethnicity)

    @property
    def gender_match_rate(self) -> float:
        """Chance that a client and a randomly assigned therapist share a gender."""
        return _match_rate(self.client_gender, self.therapist_gender)

    def share(self, label: str) -> float:
        """Share of clients with trajectory ``label``."""
        return dict(self.trajectory_shares)[label]

    @classmethod
    def sources(cls) -> dict[str, str]:
        """Each parameter's source or reason, by name.

        >>> GroundTruth.sources()["alliance_outcome_r"][:9]
        'Flückiger'
        """
        return {name: field.description or "" for name, field in cls.model_fields.items()}


def _match_rate(clients: Distribution, therapists: Distribution) -> float:
    therapist_p = dict(therapists)
    return sum(p * therapist_p.get(label, 0.0) for label, p in clients)


DEFAULT = GroundTruth()
