"""course.simulate: shapes, ranges, determinism, bad parameters, the item model and the CLI."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import course.instruments as instruments
from course.simulate import Caseload, GroundTruth, caseload
from course.simulate.cli import add_arguments, run
from course.simulate.generate import AUDIT_COLUMNS, PHQ9_COLUMNS, WAI_COLUMNS

THERAPIST_COLUMNS = {
    "therapist_id",
    "gender",
    "ethnicity",
    "religion",
    "years_experience",
    "attachment_security",
    "alliance_skill",
}
CLIENT_COLUMNS = {
    "client_id",
    "therapist_id",
    "problem",
    "gender",
    "ethnicity",
    "religion",
    "ses",
    "attachment_security",
    "gender_match",
    "ethnicity_match",
    "religion_match",
    "trajectory",
    "sudden_gain_session",
    "planned_sessions",
    "sessions_attended",
    "dropped_out",
    "early_alliance",
    "outcome_measure",
    "baseline_score",
    "final_score",
    "outcome_change",
}
SESSION_COLUMNS = {
    "client_id",
    "therapist_id",
    "session",
    *WAI_COLUMNS,
    "therapist_alliance",
    "srs",
    "ors",
    "rupture",
    "repaired",
    "relationship_focus",
    *PHQ9_COLUMNS,
    "phq9_total",
    "drinks_per_week",
    *AUDIT_COLUMNS,
    "audit_total",
}


@pytest.fixture(scope="module")
def medium() -> Caseload:
    return caseload(40, 2000, seed=11)


def test_tables_have_the_documented_columns(medium):
    assert set(medium.therapists.columns) == THERAPIST_COLUMNS
    assert set(medium.clients.columns) == CLIENT_COLUMNS
    assert set(medium.sessions.columns) == SESSION_COLUMNS
    assert len(medium.therapists) == 40 and len(medium.clients) == 2000


def test_clients_are_shared_evenly_and_every_therapist_has_at_least_two(medium):
    counts = medium.clients["therapist_id"].value_counts()
    assert counts.min() == counts.max() == 50
    small = caseload(7, 15, seed=3).clients["therapist_id"].value_counts()
    assert small.min() >= 2 and small.max() - small.min() <= 1


def test_sessions_stop_at_dropout_and_run_one_to_last(medium):
    clients, sessions = medium.clients, medium.sessions
    per_client = sessions.groupby("client_id", observed=True)["session"].agg(
        ["count", "min", "max"]
    )
    per_client = per_client.loc[clients["client_id"]]
    assert (per_client["count"].to_numpy() == clients["sessions_attended"].to_numpy()).all()
    assert (per_client["min"] == 1).all()
    assert (per_client["max"].to_numpy() == clients["sessions_attended"].to_numpy()).all()
    dropped = clients["dropped_out"]
    assert (
        clients.loc[dropped, "sessions_attended"] < clients.loc[dropped, "planned_sessions"]
    ).all()
    assert (
        clients.loc[~dropped, "sessions_attended"] == clients.loc[~dropped, "planned_sessions"]
    ).all()
    assert clients["sessions_attended"].min() >= 3


def test_values_stay_in_their_scales(medium):
    s = medium.sessions
    assert s[WAI_COLUMNS].isin([1, 2, 3, 4, 5]).all().all()
    assert s["therapist_alliance"].between(1, 5).all()
    assert s["srs"].between(0, 40).all() and s["ors"].between(0, 40).all()
    assert s["relationship_focus"].between(0, 4).all()
    phq = s[PHQ9_COLUMNS].dropna()
    assert phq.isin([0, 1, 2, 3]).all().all()
    assert (phq.sum(axis=1).to_numpy() == s.loc[phq.index, "phq9_total"].to_numpy()).all()
    audit = s[AUDIT_COLUMNS].dropna()
    assert audit[AUDIT_COLUMNS[:8]].isin([0, 1, 2, 3, 4]).all().all()
    assert audit[AUDIT_COLUMNS[8:]].isin([0, 2, 4]).all().all()
    assert (s["drinks_per_week"].dropna() >= 0).all()
    assert (s["repaired"] <= s["rupture"]).all()  # only a rupture can be repaired


def test_each_problem_has_its_own_outcome_measure(medium):
    s = medium.sessions.merge(
        medium.clients[["client_id", "problem"]].astype({"client_id": "category"})
    )
    depression = s["problem"] == "depression"
    assert s.loc[depression, "phq9_total"].notna().all()
    assert s.loc[depression, "drinks_per_week"].isna().all()
    assert s.loc[~depression, "drinks_per_week"].notna().all()
    assert s.loc[~depression, "phq9_total"].isna().all()
    assert s.loc[depression, "audit_total"].isna().all()
    audit_sessions = s[s["audit_total"].notna()].merge(
        medium.clients[["client_id", "planned_sessions"]].astype({"client_id": "category"})
    )
    allowed = (
        (audit_sessions["session"] == 1)
        | (audit_sessions["session"] == (audit_sessions["planned_sessions"] + 1) // 2)
        | (audit_sessions["session"] == audit_sessions["planned_sessions"])
    )
    assert allowed.all()
    assert (s.loc[~depression & (s["session"] == 1), "audit_total"].notna()).all()


def test_baseline_final_and_change_agree_with_the_sessions(medium):
    c, s = medium.clients, medium.sessions
    score = s["phq9_total"].fillna(s["drinks_per_week"]).astype(float)
    first = score[s["session"] == 1].to_numpy()
    last = score.groupby(s["client_id"], observed=True).last().loc[c["client_id"]].to_numpy()
    assert (c["baseline_score"].to_numpy() == first).all()
    assert (c["final_score"].to_numpy() == last).all()
    reference = np.where(c["problem"] == "depression", 5.0, 14.0)
    expected = (c["baseline_score"] - c["final_score"]) / reference
    assert np.allclose(c["outcome_change"], expected, atol=1e-4)
    depression = c[c["problem"] == "depression"]
    assert 10 <= depression["baseline_score"].mean() <= 19  # moderate at intake
    assert depression["final_score"].mean() < depression["baseline_score"].mean()


def test_early_alliance_is_the_instruments_wai_sr_total_over_sessions_1_to_3(medium):
    wai = medium.items("wai-sr")
    scored = instruments.score("wai-sr", wai[wai["session"] <= 3])
    expected = (
        scored.groupby("client_id", observed=True)["total"].mean().loc[medium.clients["client_id"]]
    )
    assert np.allclose(medium.clients["early_alliance"], expected, atol=1e-4)


def test_items_are_ready_for_the_instruments(medium):
    for instrument, rows in [("wai-sr", len(medium.sessions)), ("phq-9", None), ("audit", None)]:
        frame = medium.items(instrument)
        scored = instruments.score(instrument, frame)
        assert scored["total"].notna().all()
        if rows is not None:
            assert len(frame) == rows
    phq = instruments.score("phq-9", medium.items("phq-9"))
    assert (phq["total"].to_numpy() == medium.sessions["phq9_total"].dropna().to_numpy()).all()
    with pytest.raises(ValueError, match="instrument_id"):
        medium.items("bdi")


def test_ceiling_effect_and_clients_rate_higher_than_therapists(medium):
    s = medium.sessions
    top_share = (s[WAI_COLUMNS] == 5).to_numpy().mean()
    assert top_share > 0.25
    wai_total = s[WAI_COLUMNS].mean(axis=1)
    assert wai_total.skew() < 0  # piled up against the ceiling
    assert wai_total.mean() > s["therapist_alliance"].mean()


def test_trajectories_have_their_shapes(medium):
    s = medium.sessions.merge(
        medium.clients[["client_id", "trajectory"]].astype({"client_id": "category"})
    )
    s["wai"] = s[WAI_COLUMNS].mean(axis=1)
    by = s.groupby(["trajectory", "session"], observed=True)["wai"].mean().unstack()
    early = by[[1, 2, 3]].mean(axis=1)
    late = by[[9, 10]].mean(axis=1)
    mid = by[[5, 6]].mean(axis=1)
    assert late["linear_growth"] - early["linear_growth"] > 0.15
    assert abs(late["stable"] - early["stable"]) < 0.1
    assert mid["dip_and_recover"] < early["dip_and_recover"] - 0.15
    assert late["dip_and_recover"] > mid["dip_and_recover"] + 0.15


def test_ruptures_mark_the_session_and_draw_relationship_focus(medium):
    s = medium.sessions
    wai = s[WAI_COLUMNS].mean(axis=1)
    assert wai[s["rupture"]].mean() < wai[~s["rupture"]].mean() - 0.2
    assert (
        s.loc[s["rupture"], "relationship_focus"].mean()
        > s.loc[~s["rupture"], "relationship_focus"].mean()
    )
    assert 0.05 < s["rupture"].mean() < 0.3


def test_sudden_gains_are_steps_in_the_outcome(medium):
    c, s = medium.clients, medium.sessions
    gainers = c[c["sudden_gain_session"].notna() & (c["problem"] == "depression")]
    assert 0.1 < c["sudden_gain_session"].notna().mean() < 0.4
    assert (c.loc[c["sessions_attended"] < 6, "sudden_gain_session"].isna()).all()
    at = gainers.set_index("client_id")["sudden_gain_session"]
    assert (at >= 4).all() and (at <= gainers.set_index("client_id")["sessions_attended"] - 2).all()
    score = s.set_index(["client_id", "session"])["phq9_total"].astype(float)
    drop_at_gain = [score[(cid, t - 1)] - score[(cid, t)] for cid, t in at.items()]
    others = s[s["phq9_total"].notna()].groupby("client_id", observed=True)["phq9_total"].diff()
    assert np.mean(drop_at_gain) > -others.mean() + 1.5  # a step, not the usual session change


def test_same_seed_same_data_different_seed_different_data():
    a, b, c = caseload(5, 30, seed=4), caseload(5, 30, seed=4), caseload(5, 30, seed=5)
    for name in ("therapists", "clients", "sessions"):
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name])
    assert not a.clients.equals(c.clients)


def test_more_clients_leave_the_therapists_unchanged():
    small, large = caseload(6, 30, seed=9), caseload(6, 300, seed=9)
    pd.testing.assert_frame_equal(small.therapists, large.therapists)


def test_parameters_change_the_data():
    strong = caseload(50, 3000, seed=2, alliance_outcome_r=0.6, between_slope=0.5)
    weak = caseload(50, 3000, seed=2, alliance_outcome_r=0.0, between_slope=0.0)
    r_strong = strong.clients["early_alliance"].corr(strong.clients["outcome_change"])
    r_weak = weak.clients["early_alliance"].corr(weak.clients["outcome_change"])
    assert r_strong > 0.45 and abs(r_weak) < 0.1
    assert strong.ground_truth.alliance_outcome_r == 0.6


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_therapists": -1, "n_clients": 60}, "n_therapists"),
        ({"n_therapists": 0, "n_clients": 60}, "n_therapists"),
        ({"n_therapists": 8, "n_clients": -5}, "n_clients"),
        ({"n_therapists": 8, "n_clients": 10}, "n_clients"),
        ({"n_therapists": 8.5, "n_clients": 60}, "n_therapists"),
        ({"n_therapists": 8, "n_clients": 60, "seed": -1}, "seed"),
        ({"n_therapists": 8, "n_clients": 60, "max_sessions": 4}, "max_sessions"),
        ({"n_therapists": 8, "n_clients": 60, "alliance_outcome_r": 1.0}, "alliance_outcome_r"),
        (
            {"n_therapists": 8, "n_clients": 60, "attachment_alliance_r": -1.5},
            "attachment_alliance_r",
        ),
        ({"n_therapists": 8, "n_clients": 60, "outcome_icc": 1.0}, "outcome_icc"),
        ({"n_therapists": 8, "n_clients": 60, "alliance_icc": -0.1}, "alliance_icc"),
        ({"n_therapists": 8, "n_clients": 60, "between_slope": 1.2}, "between_slope"),
        ({"n_therapists": 8, "n_clients": 60, "dropout_rate": 0.0}, "dropout_rate"),
        ({"n_therapists": 8, "n_clients": 60, "no_such_setting": 1}, "no_such_setting"),
    ],
)
def test_bad_parameters_raise_value_error_naming_them(kwargs, name):
    kwargs = {"seed": 1, **kwargs}
    with pytest.raises(ValueError, match=name):
        caseload(**kwargs)


@settings(max_examples=30, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda r: not -1 < r < 1))
def test_any_correlation_outside_minus_one_to_one_is_refused(r):
    with pytest.raises(ValueError, match="alliance_outcome_r"):
        GroundTruth(alliance_outcome_r=r)


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=1, max_value=50), st.integers(min_value=0, max_value=99))
def test_any_caseload_below_two_clients_per_therapist_is_refused(therapists, clients):
    if clients >= 2 * therapists:
        return
    with pytest.raises(ValueError, match="too small a caseload"):
        caseload(therapists, clients, seed=0)


def test_every_parameter_names_a_source_or_reason():
    sources = GroundTruth.sources()
    assert sources and all(len(text) > 10 for text in sources.values())


def _cli(argv):
    import argparse

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    return run(parser.parse_args(argv))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_cli_writes_the_tables(tmp_path, fmt, capsys):
    out = tmp_path / "cohort"
    assert (
        _cli(
            [
                "--therapists",
                "4",
                "--clients",
                "20",
                "--seed",
                "3",
                "--out",
                str(out),
                "--format",
                fmt,
            ]
        )
        == 0
    )
    reader = pd.read_csv if fmt == "csv" else pd.read_parquet
    clients = reader(out / f"clients.{fmt}")
    sessions = reader(out / f"sessions.{fmt}")
    expected = caseload(4, 20, seed=3)
    assert len(clients) == 20 and len(sessions) == len(expected.sessions)
    assert np.allclose(clients["outcome_change"], expected.clients["outcome_change"])
    assert "20 rows" in capsys.readouterr().out


def test_cli_reports_bad_sizes_without_a_traceback(tmp_path, capsys):
    assert _cli(["--therapists", "10", "--clients", "5", "--out", str(tmp_path)]) == 2
    assert "n_clients" in capsys.readouterr().err
    assert _cli(["--therapists", "2", "--clients", "8"]) == 2  # no --out


def test_cli_validate_prints_the_recovery_table(capsys):
    assert _cli(["--validate", "--therapists", "8", "--clients", "60", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "alliance-outcome r" in out and "ground_truth" in out and "tolerance" in out
