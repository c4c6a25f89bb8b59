"""Generate a simulated caseload: therapists, their clients, and every session attended.

Everything is vectorised with numpy: arrays run over therapists, clients, or
clients x sessions, never a Python loop per client or session. Four independent
random streams (therapists, clients, sessions, measurement) are spawned from the
seed, so for a fixed seed the therapists do not change when you ask for more
clients.

The model, in order (SD units unless stated; coefficients from
:func:`course.simulate.calibrate.latent_structure`):

1. Therapist ``j``: alliance skill ``S_j ~ N(0, 1)``, a therapist effect on
   outcome not carried by the alliance ``u_j ~ N(0, tau**2)``.
2. Client ``i`` of therapist ``j``: latent early alliance
   ``A_i = sqrt(rho_S) S_j + d_A (ethnic match - p) + d_G (gender match - p)
   + a attachment_i + e_i``, where ``rho_S`` is the latent alliance ICC less the
   part that matching puts between therapists.
3. Sessions: trajectory shift (stable, linear growth, dip and recover),
   ruptures (likelier at low alliance), repairs, session noise; dropout is a
   probit on ``A_i``; a dropout leaves after their first unrepaired rupture from
   session 3 on, if any.
4. Latent improvement ``Y_i = beta_B sqrt(rho_S) S_j + u_j + beta_W (client part of
   A_i) + match effects + dip-and-recover bonus + c (repair share, standardised)
   + residual`` (variance 1), reached gradually by the last session attended.
5. Measurement (:mod:`course.simulate.measures`): WAI-SR items from the censored
   latent alliance, the therapist's rating, SRS, ORS, PHQ-9 items or drinks per
   week, AUDIT at intake, mid-course and the planned end.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from course.simulate import dynamics, measures
from course.simulate.calibrate import (
    LatentStructure,
    latent_structure,
    rater_effect,
    therapist_latent,
)
from course.simulate.params import PROBLEMS, TRAJECTORIES, GroundTruth

DEFAULT_MAX_SESSIONS = 12
MAX_SESSIONS_LIMIT = 60
OUTCOME_MEASURES = ("PHQ-9", "drinks per week")
WAI_COLUMNS = [f"i{k}" for k in range(1, measures.WAI_ITEMS + 1)]
PHQ9_COLUMNS = [f"phq_i{k}" for k in range(1, measures.PHQ9_ITEMS + 1)]
AUDIT_COLUMNS = [f"audit_i{k}" for k in range(1, measures.AUDIT_ITEMS + 1)]
ID_COLUMNS = ["client_id", "therapist_id", "session"]
_INSTRUMENT_COLUMNS = {"wai-sr": WAI_COLUMNS, "phq-9": PHQ9_COLUMNS, "audit": AUDIT_COLUMNS}


@dataclass
class Caseload:
    """A simulated caseload: three tidy tables and the ground truth they were built from.

    ``therapists`` (one row per therapist), ``clients`` (one row per client) and
    ``sessions`` (one row per attended session) are described column by column
    in ``data/cohorts/README.md``. Every record is simulated.
    """

    therapists: pd.DataFrame
    clients: pd.DataFrame
    sessions: pd.DataFrame
    ground_truth: GroundTruth
    seed: int
    max_sessions: int
    latent: LatentStructure = field(repr=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The three tables by name, in the order they are written."""
        return {"therapists": self.therapists, "clients": self.clients, "sessions": self.sessions}

    def items(self, instrument_id: str) -> pd.DataFrame:
        """Item-level answers ready for ``course.instruments.score(instrument_id, ...)``.

        ``"wai-sr"`` gives every session; ``"phq-9"`` the sessions of clients
        treated for depression; ``"audit"`` the sessions with an AUDIT (alcohol
        use: intake, mid-course, planned end). Items are renamed ``i1``..``iN``
        and keep ``client_id``, ``therapist_id`` and ``session``.
        """
        try:
            columns = _INSTRUMENT_COLUMNS[instrument_id]
        except KeyError:
            raise ValueError(
                f"instrument_id must be one of {sorted(_INSTRUMENT_COLUMNS)}, got {instrument_id!r}"
            ) from None
        frame = self.sessions[ID_COLUMNS + columns]
        if instrument_id != "wai-sr":
            frame = frame[frame[columns[0]].notna()]
            frame = frame.astype(dict.fromkeys(columns, "int8"))
        renamed = {c: f"i{k}" for k, c in enumerate(columns, start=1)}
        return frame.rename(columns=renamed).reset_index(drop=True)


def _count(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {value}")
    return int(value)


def check_sizes(
    n_therapists: object, n_clients: object, seed: object, max_sessions: object, gt: GroundTruth
):
    """Raise ``ValueError`` naming the bad argument; return the sizes as ints."""
    n_therapists = _count(n_therapists, "n_therapists", 1)
    n_clients = _count(n_clients, "n_clients", 0)
    seed = _count(seed, "seed", 0)
    max_sessions = _count(max_sessions, "max_sessions", gt.min_planned_sessions)
    if max_sessions > MAX_SESSIONS_LIMIT:
        raise ValueError(f"max_sessions must be at most {MAX_SESSIONS_LIMIT}, got {max_sessions}")
    if n_clients < 2 * n_therapists:
        raise ValueError(
            f"n_clients = {n_clients} is too small a caseload for n_therapists = {n_therapists}: "
            f"every therapist needs at least 2 clients (n_clients >= {2 * n_therapists}) so that "
            "differences between and within therapists can be told apart"
        )
    return n_therapists, n_clients, seed, max_sessions


def caseload(
    n_therapists: int,
    n_clients: int,
    seed: int,
    *,
    max_sessions: int = DEFAULT_MAX_SESSIONS,
    ground_truth: GroundTruth | None = None,
    **params: object,
) -> Caseload:
    """Simulate ``n_clients`` clients shared evenly among ``n_therapists`` therapists.

    ``params`` override single :class:`GroundTruth` fields (for example
    ``alliance_outcome_r=0.4``); ``ground_truth`` replaces the defaults as a
    whole. Each client plans between ``min_planned_sessions`` and
    ``max_sessions`` sessions; dropouts attend fewer.

    >>> cl = caseload(4, 20, seed=1)
    >>> cl.clients.shape[0], cl.therapists.shape[0], int(cl.sessions["session"].max()) <= 12
    (20, 4, True)
    >>> caseload(4, 6, seed=1)
    Traceback (most recent call last):
    ...
    ValueError: n_clients = 6 is too small a caseload for n_therapists = 4: every therapist needs at least 2 clients (n_clients >= 8) so that differences between and within therapists can be told apart
    """
    gt = ground_truth if ground_truth is not None else GroundTruth()
    if params:
        gt = GroundTruth(**{**gt.model_dump(), **params})
    n_therapists, n_clients, seed, max_sessions = check_sizes(
        n_therapists, n_clients, seed, max_sessions, gt
    )
    latent = latent_structure(gt, max_sessions)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(4)]
    return _simulate(gt, latent, n_therapists, n_clients, max_sessions, seed, *streams)


def _labels(shares: tuple[tuple[str, float], ...]) -> list[str]:
    return [label for label, _ in shares]


def _categorical(codes: np.ndarray, labels, ordered: bool = False) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(labels), ordered=ordered)


def _same(codes_a, shares_a, codes_b, shares_b) -> np.ndarray:
    """Whether two people share a category, comparing labels (the two lists may differ)."""
    labels_a, labels_b = np.array(_labels(shares_a)), np.array(_labels(shares_b))
    return labels_a[codes_a] == labels_b[codes_b]


def _ids(prefix: str, n: int) -> list[str]:
    width = max(3, len(str(n)))
    return [f"{prefix}{k:0{width}d}" for k in range(1, n + 1)]


def _nullable(
    values: np.ndarray, present: np.ndarray, dtype: str
) -> pd.api.extensions.ExtensionArray:
    """A pandas nullable integer array: ``values`` where ``present``, <NA> elsewhere."""
    return pd.arrays.IntegerArray(np.where(present, values, 0).astype(dtype.lower()), ~present)


def _simulate(
    gt: GroundTruth,
    latent: LatentStructure,
    n_therapists: int,
    n_clients: int,
    max_sessions: int,
    seed: int,
    rng_therapists: np.random.Generator,
    rng_clients: np.random.Generator,
    rng_sessions: np.random.Generator,
    rng_measures: np.random.Generator,
) -> Caseload:
    T, N, S = n_therapists, n_clients, max_sessions
    skill_weight = math.sqrt(latent.skill_share)

    # ---------------------------------------------------------------- therapists
    rt = rng_therapists
    t_gender = dynamics.draw_categories(rt, gt.therapist_gender, T)
    t_ethnicity = dynamics.draw_categories(rt, gt.therapist_ethnicity, T)
    t_religion = dynamics.draw_categories(rt, gt.therapist_religion, T)
    years = np.minimum(1 + np.floor(rt.gamma(2.0, 5.0, T)), 45).astype(np.int16)
    t_attachment = np.round(rt.standard_normal(T), 2)
    skill = np.round(rt.standard_normal(T), 3)
    other_effect = rt.standard_normal(T)  # therapist effect on outcome not via the alliance
    lenience = rt.standard_normal(T)  # how generously the therapist rates the alliance
    focus_style = rt.standard_normal(T)  # how much the therapist works on the relationship

    # ------------------------------------------------------------------- clients
    rc = rng_clients
    therapist = rc.permutation(np.arange(N) % T)
    is_depression = rc.random(N) < gt.depression_share
    gender = dynamics.draw_categories(rc, gt.client_gender, N)
    ethnicity = dynamics.draw_categories(rc, gt.client_ethnicity, N)
    religion = dynamics.draw_categories(rc, gt.client_religion, N)
    ses = dynamics.draw_categories(rc, gt.ses_shares, N)
    attachment = np.round(rc.standard_normal(N), 2)
    kind = dynamics.draw_categories(rc, gt.trajectory_shares, N)
    planned = rc.integers(gt.min_planned_sessions, S + 1, N)
    alliance_residual = rc.standard_normal(N)
    dyad_view = rc.standard_normal(N)
    dropout_noise = rc.standard_normal(N)
    outcome_residual = rc.standard_normal(N)

    gender_match = _same(gender, gt.client_gender, t_gender[therapist], gt.therapist_gender)
    ethnic_match = _same(
        ethnicity, gt.client_ethnicity, t_ethnicity[therapist], gt.therapist_ethnicity
    )
    religion_match = _same(
        religion, gt.client_religion, t_religion[therapist], gt.therapist_religion
    )
    ethnic_centred = ethnic_match - gt.ethnic_match_rate
    gender_centred = gender_match - gt.gender_match_rate
    client_part = latent.attachment * attachment + latent.alliance_residual_sd * alliance_residual
    alliance = (
        skill_weight * skill[therapist]
        + latent.ethnic_alliance * ethnic_centred
        + latent.gender_alliance * gender_centred
        + client_part
    )

    # ------------------------------------------------------------------ sessions
    shift = dynamics.trajectory_shift(rng_sessions, kind, planned, gt, S)
    states = dynamics.session_states(rng_sessions, alliance, shift, gt)
    dropped = dynamics.dropout_decision(
        alliance, dropout_noise, latent.dropout_coupling, gt.dropout_rate
    )
    last = dynamics.last_sessions(rng_sessions, dropped, planned, states)
    attended = np.arange(1, S + 1)[None, :] <= last[:, None]

    ruptures = (states.rupture & attended).sum(axis=1)
    repairs = (states.repaired & attended).sum(axis=1)
    ruptured = ruptures > 0
    repair_share = np.divide(repairs, ruptures, out=np.zeros(N), where=ruptured)
    repair_z = np.where(
        ruptured, (repair_share - latent.repair_share_mean) / latent.repair_share_sd, 0.0
    )
    dip = kind == dynamics.DIP
    improvement_z = (
        latent.between * skill_weight * skill[therapist]
        + latent.therapist_outcome_sd * other_effect[therapist]
        + latent.within * client_part
        + latent.ethnic_outcome * ethnic_centred
        + latent.gender_outcome * gender_centred
        + latent.dip_recover * (dip - gt.share("dip_and_recover"))
        + latent.repair * repair_z
        + latent.outcome_residual_sd * outcome_residual
    )

    # Rows: one per attended session, client by client, sessions in order.
    n_rows = int(last.sum())
    row_client = np.repeat(np.arange(N), last)
    first_row = np.cumsum(last) - last
    session = (np.arange(n_rows) - np.repeat(first_row, last) + 1).astype(np.int16)
    row_alliance = states.alliance[attended]
    row_rupture = states.rupture[attended]
    row_repaired = states.repaired[attended]
    row_therapist = therapist[row_client]

    # ------------------------------------------------------------------ outcomes
    rs = rng_sessions
    row_depression = is_depression[row_client]
    baseline_latent = dynamics.baseline_severity(rs, is_depression, gt)
    gain = dynamics.improvement(improvement_z, is_depression, gt)
    gain_at = dynamics.sudden_gain_sessions(rs, last, gt.sudden_gain_share)
    reached = dynamics.progress_with_gain(
        session, last[row_client], gain_at[row_client], gt.progress_rate, gt.sudden_gain_fraction
    )
    severity = (
        baseline_latent[row_client]
        - gain[row_client] * reached
        + rs.standard_normal(n_rows) * dynamics.state_sd(row_depression, gt)
    )
    rm = rng_measures
    score, phq_items = measures.outcome_scores(
        row_depression,
        severity,
        measures.noise(rm, gt.phq9_item_noise_sd, (n_rows, measures.PHQ9_ITEMS)),
    )
    mid = (planned + 1) // 2
    audit_row = ~row_depression & (
        (session == 1) | (session == mid[row_client]) | (session == planned[row_client])
    )
    audit_level = measures.audit_level(
        severity[audit_row],
        (rm.standard_normal(N) * measures.AUDIT_PERSON_SD)[row_client[audit_row]],
    )
    audit_items = measures.audit_items(
        audit_level,
        measures.noise(rm, measures.AUDIT_ITEM_NOISE_SD, (audit_row.sum(), measures.AUDIT_ITEMS)),
    )
    distress = np.where(
        row_depression,
        (np.maximum(severity, 0) - gt.phq9_baseline_mean) / gt.phq9_reference_sd,
        (np.maximum(severity, 0) - gt.drinks_baseline_mean) / gt.drinks_reference_sd,
    )
    ors = measures.ors_total(
        distress, gt.ors_intake_mean, gt.ors_sd, measures.noise(rm, measures.ORS_NOISE_SD, n_rows)
    )

    # ----------------------------------------------------------- alliance forms
    wai_latent = latent.wai_mean + gt.wai_latent_sd * row_alliance
    wai = measures.wai_items(
        wai_latent,
        measures.noise(rm, gt.wai_subscale_noise_sd, (n_rows, 3)),
        measures.noise(rm, gt.wai_item_noise_sd, (n_rows, measures.WAI_ITEMS)),
    )
    rater = rater_effect(lenience[therapist], dyad_view)[row_client]
    therapist_alliance = measures.therapist_rating(
        therapist_latent(
            row_alliance, rater, latent.therapist_coupling, latent.therapist_mean, gt.wai_latent_sd
        ),
        measures.noise(rm, measures.THERAPIST_NOISE_SD, n_rows),
    )
    srs = measures.srs_total(
        row_alliance, gt.srs_mean, gt.srs_sd, measures.noise(rm, measures.SRS_NOISE_SD, n_rows)
    )
    # Relationship focus (0-4): the therapist's style, and much more in sessions with a
    # rupture, above all when it is repaired (repair works through talking about it).
    focus = 0.6 + 0.5 * focus_style[row_therapist] + 1.6 * row_rupture + 0.8 * row_repaired
    relationship_focus = np.clip(
        measures.round_half_up(focus + measures.noise(rm, 0.7, n_rows)), 0, 4
    ).astype(np.int8)

    # ------------------------------------------------------------------- tables
    therapist_ids = _ids("T", T)
    client_ids = _ids("C", N)
    sessions = pd.DataFrame(
        {
            "client_id": _categorical(row_client, client_ids),
            "therapist_id": _categorical(row_therapist, therapist_ids),
            "session": session,
        }
    )
    wai_frame = pd.DataFrame(wai, columns=WAI_COLUMNS)
    phq_present = row_depression
    audit_full = np.zeros((n_rows, measures.AUDIT_ITEMS), dtype=np.int8)
    audit_full[audit_row] = audit_items
    extra = {
        "therapist_alliance": therapist_alliance,
        "srs": srs,
        "ors": ors,
        "rupture": row_rupture,
        "repaired": row_repaired,
        "relationship_focus": relationship_focus,
        **{c: _nullable(phq_items[:, k], phq_present, "Int8") for k, c in enumerate(PHQ9_COLUMNS)},
        "phq9_total": _nullable(phq_items.sum(axis=1), phq_present, "Int8"),
        "drinks_per_week": _nullable(score, ~row_depression, "Int16"),
        **{c: _nullable(audit_full[:, k], audit_row, "Int8") for k, c in enumerate(AUDIT_COLUMNS)},
        "audit_total": _nullable(audit_full.sum(axis=1), audit_row, "Int8"),
    }
    sessions = pd.concat([sessions, wai_frame, pd.DataFrame(extra)], axis=1)

    early = _early_alliance(sessions, N)
    baseline_score = score[first_row]
    final_score = score[first_row + last - 1]
    outcome_change = np.round(
        (baseline_score - final_score) / dynamics.reference_sd(is_depression, gt), 4
    )
    therapists = pd.DataFrame(
        {
            "therapist_id": therapist_ids,
            "gender": _categorical(t_gender, _labels(gt.therapist_gender)),
            "ethnicity": _categorical(t_ethnicity, _labels(gt.therapist_ethnicity)),
            "religion": _categorical(t_religion, _labels(gt.therapist_religion)),
            "years_experience": years,
            "attachment_security": t_attachment,
            "alliance_skill": skill,
        }
    )
    clients = pd.DataFrame(
        {
            "client_id": client_ids,
            "therapist_id": np.array(therapist_ids)[therapist],
            "problem": _categorical(np.where(is_depression, 0, 1), PROBLEMS),
            "gender": _categorical(gender, _labels(gt.client_gender)),
            "ethnicity": _categorical(ethnicity, _labels(gt.client_ethnicity)),
            "religion": _categorical(religion, _labels(gt.client_religion)),
            "ses": _categorical(ses, _labels(gt.ses_shares), ordered=True),
            "attachment_security": attachment,
            "gender_match": gender_match,
            "ethnicity_match": ethnic_match,
            "religion_match": religion_match,
            "trajectory": _categorical(kind, TRAJECTORIES),
            "sudden_gain_session": _nullable(gain_at, gain_at > 0, "Int16"),
            "planned_sessions": planned.astype(np.int16),
            "sessions_attended": last,
            "dropped_out": dropped,
            "early_alliance": early,
            "outcome_measure": _categorical(np.where(is_depression, 0, 1), OUTCOME_MEASURES),
            "baseline_score": baseline_score.astype(np.int16),
            "final_score": final_score.astype(np.int16),
            "outcome_change": outcome_change,
        }
    )
    return Caseload(therapists, clients, sessions, gt, seed, S, latent)


def _early_alliance(sessions: pd.DataFrame, n_clients: int) -> np.ndarray:
    """Mean client WAI-SR total of sessions 1-3, scored by ``course.instruments``."""
    from course import instruments

    early = sessions.loc[sessions["session"] <= dynamics.EARLY_SESSIONS, WAI_COLUMNS]
    totals = instruments.score("wai-sr", early, id_columns=[])["total"].to_numpy()
    # Every client attends sessions 1-3, and rows run client by client.
    return np.round(totals.reshape(n_clients, dynamics.EARLY_SESSIONS).mean(axis=1), 4)
