"""Module 07 (ruptures, repair and monitoring): reference answers, feedback, worked examples,
chart and widget, and the notebook graded in process.

Hand-worked records pin the rupture rule down; independent pandas computations
cross-check the reference answers and the worked-example tables on real simulated
caseloads; the feedback checks must refuse wrong and lying answers and never reveal
the right one; the model answers, the release and every submission profile are
graded through the notebook's own test cells (tests/modules/grading.py).
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from answer_key.m07 import caseload as ak_caseload
from answer_key.m07 import labels as ak_labels
from answer_key.m07 import readings as ak_readings
from answer_key.m07 import rule as ak_rule
from answer_key.vignettes import key_bank

from answer_key import m07 as ak
from course.charts import OKABE_ITO
from course.grading import CheckFailed
from course.instructor.submissions import load_profiles, solution_answers
from course.instructor.workload import written_lines
from course.modules import get, m07
from course.modules.m07 import case, shown
from course.modules.m07 import chart as charts
from course.modules.m07 import vignettes as m07_vignettes
from course.simulate import caseload as simulate
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]

IDS = ["trainee-ana", "trainee-ben", "trainee-07", "x-42", "profile-typical_mistakes"]


def _record(scores, start=1):
    return pd.DataFrame({"session": list(range(start, start + len(scores))), "wai_sr": scores})


@pytest.fixture(scope="module")
def caseloads():
    return {sid: m07.trainee_caseload(sid) for sid in IDS}


# ------------------------------------------------------------------ the rule by hand


def test_running_baseline_is_the_mean_of_all_earlier_sessions():
    assert m07.running_baseline([4.0, 2.0, 3.0, 5.0]) == [None, 4.0, 3.0, 3.0]


def test_a_drop_of_exactly_half_a_point_counts_and_sessions_1_2_never_do():
    # Session 2 drops 1.0 below session 1 but the rule starts at session 3;
    # session 3: baseline (4.5 + 3.5) / 2 = 4.0, score 3.5, drop exactly 0.5.
    record = _record([4.5, 3.5, 3.5, 4.0])
    assert ak_rule.flag_ruptures(record) == [3]


def test_the_baseline_is_not_the_previous_session():
    # Previous-session drops: 3 (4.6 -> 3.9) and 5 (3.8 -> 3.2); the running
    # baseline flags 3, 4 and 5 (4.6, 4.37, 4.23 against 3.9, 3.8, 3.2).
    record = _record([4.6, 4.6, 3.9, 3.8, 3.2, 4.5])
    assert ak_rule.flag_ruptures(record) == [3, 4, 5]
    assert case._previous_session_flags(*case._sessions_and_scores(record)) == [3, 5]


def test_repair_needs_the_pre_rupture_level_within_two_sessions():
    # Rupture at 3 (baseline 4.0); session 4 rises to 3.8 (above the rupture,
    # below the baseline), session 5 reaches 4.0: repaired, at s + 2.
    record = _record([4.0, 4.0, 3.4, 3.8, 4.0, 4.1])
    assert ak_rule.flag_ruptures(record) == [3]
    assert ak_rule.flag_repairs(record) == [3]
    assert ak_rule.flag_repairs(record, window=1) == []
    # The same rupture with recovery only at s + 3 is not repaired.
    late = _record([4.0, 4.0, 3.4, 3.8, 3.8, 4.2])
    assert ak_rule.flag_repairs(late) == []


def test_a_rupture_in_the_last_session_is_not_repaired():
    record = _record([4.2, 4.2, 4.1, 3.5])
    assert ak_rule.flag_ruptures(record) == [4]
    assert ak_rule.flag_repairs(record) == []


def test_session_order_in_the_input_does_not_matter():
    record = _record([4.6, 4.6, 3.9, 3.8, 3.2, 4.5])
    shuffled = record.sample(frac=1, random_state=3)
    assert ak_rule.flag_ruptures(shuffled) == ak_rule.flag_ruptures(record)
    assert ak_rule.flag_repairs(shuffled) == ak_rule.flag_repairs(record)


# ------------------------------------------- the rule against an independent version


def _pandas_rule(record: pd.DataFrame) -> tuple[list[int], list[int]]:
    ordered = record.sort_values("session").reset_index(drop=True)
    base = ordered["wai_sr"].shift(1).expanding().mean()
    flagged = (ordered["session"] >= 3) & (base - ordered["wai_sr"] >= 0.5 - 1e-9)
    repaired = []
    for k in np.flatnonzero(flagged.to_numpy()):
        later = ordered["wai_sr"].iloc[k + 1 : k + 3]
        if (later >= base.iloc[k] - 1e-9).any():
            repaired.append(int(ordered["session"].iloc[k]))
    return [int(s) for s in ordered.loc[flagged, "session"]], repaired


def test_rule_matches_an_independent_pandas_version_on_every_client(caseloads):
    checked = 0
    for cl in caseloads.values():
        table = m07.session_table(cl)
        for client_id in table["client_id"].unique()[:25]:
            record = m07.client_record(cl, client_id)
            assert (ak_rule.flag_ruptures(record), ak_rule.flag_repairs(record)) == _pandas_rule(
                record
            )
            checked += 1
    assert checked >= 100


def test_session_table_scores_the_wai_sr_as_a_mean_of_the_twelve_items(caseloads):
    cl = caseloads["trainee-ana"]
    table = m07.session_table(cl)
    items = cl.sessions[[f"i{k}" for k in range(1, 13)]].astype(float)
    assert np.allclose(table["wai_sr"], items.mean(axis=1).round(2), atol=0.005)
    bond = cl.sessions[["i3", "i5", "i7", "i9"]].astype(float).mean(axis=1)
    assert np.allclose(table["bond"], bond.round(2), atol=0.005)


# --------------------------------------------------------------------- the case client


@pytest.mark.parametrize("sid", IDS)
def test_case_client_suits_the_exercise(caseloads, sid):
    cl = caseloads[sid]
    client_id = m07.choose_case_client(cl, sid)
    record = m07.client_record(cl, client_id)
    flagged, repaired = ak_rule.flag_ruptures(record), ak_rule.flag_repairs(record)
    assert len(record) >= 8
    assert flagged and set(repaired) <= set(flagged)
    assert ak_rule.expected_rupture_sessions(sid) == flagged
    assert ak_rule.expected_repaired_sessions(sid) == repaired
    # No borderline drop: a slightly different sum order can never flip an answer.
    review = ak_rule.rupture_review(record)
    drops = review.loc[review["session"] >= 3, "drop"]
    assert ((drops - 0.5).abs() >= 0.02).all()


def test_most_case_clients_make_the_precise_rule_matter():
    tier0 = 0
    for k in range(12):
        sid = f"probe-{k}"
        cl = m07.trainee_caseload(sid)
        tiers = case._case_tiers(cl)
        chosen = m07.choose_case_client(cl, sid)
        assert tiers[chosen] == min(tiers.values())
        tier0 += tiers[chosen] == 0
    assert tier0 >= 8


def test_trainees_get_different_case_clients_or_answers():
    answers = {
        (m07.case_client_id(f"spread-{k}"), tuple(ak_rule.expected_rupture_sessions(f"spread-{k}")))
        for k in range(6)
    }
    assert len(answers) >= 4


def test_answers_are_recomputed_not_cached(caseloads):
    sid = "trainee-ana"
    expected = ak_rule.expected_rupture_sessions(sid)
    cl = m07.trainee_caseload(sid)
    cl.sessions.loc[:, "i1"] = 1  # an answer cell vandalising its own copy
    assert ak_rule.expected_rupture_sessions(sid) == expected


# ----------------------------------------------------------------------- trajectories


@pytest.mark.parametrize("sid", IDS)
def test_trajectory_examples_show_one_client_of_each_type(caseloads, sid):
    cl = caseloads[sid]
    examples = m07.trajectory_examples(cl, sid)
    truth = cl.clients.set_index("client_id")["trajectory"]
    assert sorted(examples) == ["A", "B", "C"]
    assert sorted(str(truth[c]) for c in examples.values()) == sorted(m07.TRAJECTORIES)
    assert ak_caseload.expected_trajectory_labels(sid) == {
        k: str(truth[c]) for k, c in examples.items()
    }


def test_the_chosen_dip_client_really_dips_and_recovers(caseloads):
    for sid, cl in caseloads.items():
        examples = m07.trajectory_examples(cl, sid)
        labels = ak_caseload.expected_trajectory_labels(sid)
        frame = m07.trajectory_frame(cl, examples)
        letter = next(k for k, v in labels.items() if v == "dip_and_recover")
        trend = frame.loc[frame["client"] == f"Client {letter}", "trend"].to_numpy()
        low = int(np.argmin(trend))
        assert 0 < low < trend.size - 1, sid
        assert trend[0] - trend[low] > 0.1 and trend[-1] - trend[low] > 0.1, sid


def test_mean_outcome_by_trajectory_matches_a_plain_groupby(caseloads):
    cl = caseloads["trainee-ben"]
    got = ak_caseload.mean_outcome_by_trajectory(cl)
    for kind in m07.TRAJECTORIES:
        rows = cl.clients[cl.clients["trajectory"] == kind]
        assert got[kind] == pytest.approx(rows["outcome_change"].sum() / len(rows))


# ----------------------------------------------------------------- repair and outcome


def test_repair_correlation_matches_pandas_on_clients_with_a_rupture(caseloads):
    cl = caseloads["trainee-ana"]
    s = cl.sessions.assign(client_id=cl.sessions["client_id"].astype(str))
    counts = s.groupby("client_id")[["rupture", "repaired"]].sum()
    counts = counts[counts["rupture"] > 0]
    share = counts["repaired"] / counts["rupture"]
    outcome = cl.clients.set_index("client_id")["outcome_change"].reindex(share.index)
    assert ak_caseload.repair_outcome_correlation(cl) == pytest.approx(share.corr(outcome))
    table = m07.repair_table(cl)
    assert list(table["client_id"]) == list(share.index)
    assert np.allclose(table["share_repaired"], share) and (table["ruptures"] >= 1).all()


# ------------------------------------------------------------ the worked-example tables


def test_rupture_table_gives_the_rules_numbers_and_no_verdict(caseloads):
    cl = caseloads["trainee-ben"]
    record = m07.client_record(cl, m07.choose_case_client(cl, "trainee-ben"))
    table = m07.rupture_table(record)
    assert list(table.columns) == ["session", "wai_sr", "baseline", "drop", "next_1", "next_2"]
    review = ak_rule.rupture_review(record)
    assert np.allclose(table["baseline"], review["baseline"], atol=0.006, equal_nan=True)
    assert np.allclose(table["drop"], review["drop"], atol=0.006, equal_nan=True)
    assert table["next_1"].iloc[:-1].tolist() == table["wai_sr"].iloc[1:].tolist()
    assert table["next_2"].iloc[-2:].isna().all()
    # applied to the table as the notebook says, the rule gives the reference answers
    flagged = table[(table["session"] >= 3) & (table["drop"] >= 0.5)]
    back = (flagged["next_1"] >= flagged["baseline"]) | (flagged["next_2"] >= flagged["baseline"])
    assert flagged["session"].tolist() == ak_rule.flag_ruptures(record)
    assert flagged[back]["session"].tolist() == ak_rule.flag_repairs(record)


def test_curve_summary_reads_the_fitted_curves(caseloads):
    cl = caseloads["trainee-ana"]
    frame = m07.trajectory_frame(cl, m07.trajectory_examples(cl, "trainee-ana"))
    summary = m07.curve_summary(frame)
    assert list(summary.index) == ["A", "B", "C"] and list(summary.columns) == ["climb", "dip"]
    assert (summary["dip"] >= 0).all()
    for letter in summary.index:
        trend = frame.loc[frame["client"] == f"Client {letter}", "trend"].to_numpy()
        assert summary.loc[letter, "climb"] == pytest.approx(trend[-1] - trend[0], abs=0.006)


@pytest.mark.parametrize("k", range(40))
def test_the_fitted_curves_tell_the_three_types_apart_for_many_trainees(k):
    """Exercise 5's reading (most climb = linear growth; of the others, the deeper dip =
    dip and recover) gives the ground truth for every trainee, so the chart and the table
    are enough to answer it."""
    sid = f"curves-{k}"
    cl = m07.trainee_caseload(sid)
    summary = m07.curve_summary(m07.trajectory_frame(cl, m07.trajectory_examples(cl, sid)))
    growth = summary["climb"].idxmax()
    dipper = summary.drop(growth)["dip"].idxmax()
    truth = ak_caseload.expected_trajectory_labels(sid)
    assert truth[growth] == "linear_growth" and truth[dipper] == "dip_and_recover", summary


def test_outcome_by_trajectory_counts_and_means_every_client(caseloads):
    cl = caseloads["trainee-ben"]
    table = m07.outcome_by_trajectory(cl.clients)
    assert list(table.index) == list(m07.TRAJECTORIES)
    assert table["clients"].sum() == len(cl.clients)
    means = ak_caseload.mean_outcome_by_trajectory(cl)
    for kind in m07.TRAJECTORIES:
        assert table.loc[kind, "mean_outcome_change"] == pytest.approx(means[kind], abs=0.0006)


def test_week4_table_shows_the_scores_under_neutral_labels(caseloads):
    cl = caseloads["trainee-ana"]
    picked = m07.triage_clients(cl, "trainee-ana")
    table = m07.week4_table(cl, picked)
    assert list(table.index) == ["P1", "P2", "P3", "P4", "P5"]
    assert table["client_id"].tolist() == picked
    assert np.allclose(table["ors_change"], (table["ors_4"] - table["ors_1"]).round(1))
    assert not {"label", "triage", "conversation"} & set(table.columns)
    key = ak_caseload.expected_triage("trainee-ana")
    for label, row in table.iterrows():
        assert key[label] == m07.triage_label(row["srs_4"], row["ors_4"], row["ors_1"])


def test_options_and_statements_are_plain_texts_without_their_key():
    for options in (m07.ADVANTAGE_OPTIONS, m07.REPAIR_R_OPTIONS, m07.SAFETY_STATEMENTS):
        assert all(isinstance(text, str) for text in options.values())
    assert set(ak_readings.ADVANTAGE_WHY) == set(m07.ADVANTAGE_OPTIONS)
    assert set(ak_readings.REPAIR_R_WHY) | {ak_readings.REPAIR_R_LETTER} == set(
        m07.REPAIR_R_OPTIONS
    )
    assert set(ak_readings.SAFETY_KEY) == set(ak_readings.SAFETY_WHY) == set(m07.SAFETY_STATEMENTS)
    assert sorted(ak_readings.SAFETY_KEY.values()) == [False, False, False, True, True, True]
    for leaked in ("SAFETY_KEY", "REPAIR_R_LETTER", "advantage_letter", "expected_triage"):
        assert not hasattr(m07, leaked), leaked
    text = m07.safety_statements_markdown()
    assert all(f"**{label}.**" in text for label in m07.SAFETY_STATEMENTS)


def test_the_advantage_reading_follows_the_trainees_own_means():
    letters = set()
    for k in range(12):
        sid = f"advantage-{k}"
        means = ak_caseload.mean_outcome_by_trajectory(m07.trainee_caseload(sid))
        best = max(means, key=means.get)
        letter = ak_readings.advantage_letter(sid)
        assert letter == ("A" if best == "dip_and_recover" else "B")
        letters.add(letter)
    assert letters == {"A", "B"}, "both readings occur across trainees"


def test_check_reading_explains_the_option_chosen():
    why, options = ak_readings.REPAIR_R_WHY, m07.REPAIR_R_OPTIONS
    ak_readings.check_reading("B", "B", options, why, "repair_r_reading", "C.")
    with pytest.raises(CheckFailed, match="not that repair causes"):
        ak_readings.check_reading("A", "B", options, why, "repair_r_reading", "C.")
    with pytest.raises(CheckFailed, match="must be one of"):
        ak_readings.check_reading("F", "B", options, why, "repair_r_reading", "C.")
    with pytest.raises(CheckFailed, match="still has a blank"):
        ak_readings.check_reading(..., "B", options, why, "repair_r_reading", "C.")


@pytest.mark.slow
def test_repair_correlation_recovers_the_meta_analytic_value_at_scale():
    large = simulate(40, 6000, seed=11)
    assert ak_caseload.repair_outcome_correlation(large) == pytest.approx(0.29, abs=0.08)


# ------------------------------------------------------------------------- monitoring


@pytest.mark.parametrize(
    ("srs", "ors", "first", "label"),
    [
        (36.0, 30.0, 20.0, "discuss_alliance"),  # 36 itself counts
        (36.1, 22.0, 20.0, "review_progress"),
        (30.0, 24.9, 24.0, "both"),
        (38.0, 25.0, 19.0, "no_flag"),  # 25 is not below the cut-off
        (38.0, 24.0, 19.0, "no_flag"),  # a gain of exactly 5 is reliable change
        (38.0, 24.0, 19.1, "review_progress"),
    ],
)
def test_triage_label_boundaries(srs, ors, first, label):
    assert m07.triage_label(srs, ors, first) == label


@pytest.mark.parametrize("sid", IDS)
def test_triage_clients_vary_and_avoid_borderline_gains(caseloads, sid):
    cl = caseloads[sid]
    picked = m07.triage_clients(cl, sid)
    labels = shown.dashboard_labels(cl, picked)
    assert len(picked) == 5 and len(set(labels.values())) >= 3
    wide = m07.monitoring_table(cl, picked).pivot(
        index="client_id", columns="session", values="ors"
    )
    assert ((wide[4] - wide[1]).round(1) != 5.0).all()
    # The reference agrees with the rule applied to the table the trainee sees.
    srs = m07.monitoring_table(cl, picked).pivot(index="client_id", columns="session", values="srs")
    for cid in picked:
        assert labels[cid] == m07.triage_label(srs.loc[cid, 4], wide.loc[cid, 4], wide.loc[cid, 1])


def test_monitoring_table_keeps_the_given_client_order(caseloads):
    cl = caseloads["trainee-ana"]
    picked = m07.triage_clients(cl, "trainee-ana")
    table = m07.monitoring_table(cl, picked)
    assert list(dict.fromkeys(table["client_id"])) == picked
    assert table["session"].max() == m07.SNAPSHOT_SESSION


# ---------------------------------------------------------------- checks and feedback


def test_check_labels_teaches_the_concept_and_refuses_liars():
    key = {"v1": "withdrawal", "v2": "confrontation"}
    ak_labels.check_labels(dict(key), key, "labels", {}, "Concept.")
    with pytest.raises(CheckFailed, match="v2: you said 'withdrawal'.*Concept"):
        ak_labels.check_labels(
            {"v1": "withdrawal", "v2": "withdrawal"}, key, "labels", {}, "Concept."
        )

    class Liar(dict):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailed):
        ak_labels.check_labels(Liar(), key, "labels", {}, "Concept.")


@pytest.mark.parametrize("sid", IDS)
def test_feedback_names_the_slip_without_giving_the_answer(caseloads, sid):
    cl = caseloads[sid]
    record = m07.client_record(cl, m07.choose_case_client(cl, sid))
    sessions, scores = case._sessions_and_scores(record)
    slip = case._previous_session_flags(sessions, scores)
    message = ak_rule.rupture_feedback(slip, sid)
    assert message.startswith(ak_rule.RUPTURE_CONCEPT)
    if slip != ak_rule.flag_ruptures(record):
        assert "previous session only" in message
    right = ak_rule.flag_ruptures(record)
    assert str(right) not in message and str(ak_rule.flag_repairs(record)) not in message
    assert ak_rule.repair_feedback(["4"], sid) == ak_rule.REPAIR_CONCEPT


def test_repair_r_feedback_recognises_the_count_slip(caseloads):
    cl = caseloads["trainee-ben"]
    slip = ak_caseload._repair_r_variants(cl)["count"]
    right = ak_caseload.repair_outcome_correlation(cl)
    assert abs(slip - right) > 0.005
    assert "number of repairs" in ak_caseload.repair_r_feedback(slip, "trainee-ben")
    assert ak_caseload.repair_r_feedback(right, "trainee-ben") == ak_caseload.REPAIR_R_CONCEPT


def test_vignettes_are_shown_under_neutral_labels_only():
    for family, prefix in (("rupture", "V"), ("repair", "S")):
        labels, text = m07.exercise_vignettes(family)
        labelled = ak_labels.labelled_vignettes(family)
        assert labels == m07.vignette_labels(family) == list(labelled)
        assert all(label.startswith(prefix) for label in labels)
        for vignette in labelled.values():
            assert vignette.id not in text and vignette.rationale not in text
            assert vignette.text.splitlines()[0].strip() in text
        assert "rup-" not in text and "True" not in text and "False" not in text
        assert "withdrawal" not in text.lower() and "confrontation" not in text.lower()


def test_shown_items_carry_no_answer_fields():
    for family in ("rupture", "repair"):
        for item in m07_vignettes.items(family):
            assert set(vars(item)) == {"label", "text", "problem"}


def test_graded_vignette_sets_are_fixed_balanced_and_never_overlap():
    markers = ak_labels.labelled_vignettes("rupture")
    scenes = ak_labels.labelled_vignettes("repair")
    assert sorted(v.tags["rupture"] for v in markers.values()) == (
        ["confrontation"] * 3 + ["withdrawal"] * 3
    )
    assert sorted(v.tags["repair"] for v in scenes.values()) == [False, False, True, True]
    assert not {v.id for v in markers.values()} & {v.id for v in scenes.values()}
    # The same for every trainee: nothing in the module takes a trainee id.
    assert ak.reference("trainee-ana").marker_labels == ak.reference("x-42").marker_labels


def test_exercise_key_comes_from_the_bank_and_the_check_refuses_wrong_answers():
    key = ak_labels.exercise_key("rupture")
    labelled = ak_labels.labelled_vignettes("rupture")
    assert key == {label: key_bank().get(v.id).tags["rupture"] for label, v in labelled.items()}
    ak_labels.check_vignette_labels(dict(key), key, "rupture", "marker_labels")
    flipped = {
        k: ("withdrawal" if v == "confrontation" else "confrontation") for k, v in key.items()
    }
    with pytest.raises(CheckFailed, match="6 of 6 not right yet.*moves away"):
        ak_labels.check_vignette_labels(flipped, key, "rupture", "marker_labels")
    by_id = {v.id: key[label] for label, v in labelled.items()}
    with pytest.raises(CheckFailed):  # bank ids instead of the labels shown
        ak_labels.check_vignette_labels(by_id, key, "rupture", "marker_labels")
    with pytest.raises(TypeError):  # the bank's tags, the answer key, are read-only
        labelled["V1"].tags["rupture"] = "withdrawal"


# ------------------------------------------------------------------------ the reference


def test_reference_is_a_frozen_dataclass_of_the_expected_values(caseloads):
    sid = "trainee-ben"
    ref = ak.reference(sid)
    assert dataclasses.is_dataclass(ref)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.rupture_sessions = []  # type: ignore[misc]
    assert {f.name for f in dataclasses.fields(ref)} == {
        "marker_labels",
        "repair_attempted",
        "rupture_sessions",
        "repaired_sessions",
        "trajectory_labels",
        "advantage_reading",
        "repair_outcome_r",
        "repair_r_reading",
        "triage_labels",
        "safety_responses",
    }
    cl = caseloads[sid]
    assert ref == ak.reference(sid), "computed afresh, the same every time"
    assert ref.marker_labels == ak_labels.exercise_key("rupture")
    assert ref.repair_attempted == ak_labels.exercise_key("repair")
    assert ref.rupture_sessions == ak_rule.expected_rupture_sessions(sid)
    assert ref.repaired_sessions == ak_rule.expected_repaired_sessions(sid)
    assert ref.trajectory_labels == ak_caseload.expected_trajectory_labels(sid)
    assert ref.advantage_reading == ak_readings.advantage_letter(sid)
    assert ref.repair_outcome_r == pytest.approx(ak_caseload.repair_outcome_correlation(cl))
    assert ref.repair_r_reading == "B"
    assert ref.triage_labels == ak_caseload.expected_triage(sid)
    assert list(ref.triage_labels) == ["P1", "P2", "P3", "P4", "P5"]
    assert ref.safety_responses == ak_readings.SAFETY_KEY


# ------------------------------------------------------- the notebook, graded in process


def _answer_cells() -> dict[str, str]:
    return solution_answers(ROOT / get("07").notebook_path)


def test_the_novice_fills_blanks_with_what_the_primer_teaches():
    """Issue 15: no def, lambda, loop, comprehension, groupby or transform; every line the
    novice writes fills a starter's blanks; the one call the novice makes is the
    correlation of module 01 (`column.corr(other)`)."""
    starters = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in nbformat.read(ROOT / get("07").notebook_path, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    assert all(starters.values()), "every answer cell has a starter"
    novice = load_profiles("07-ruptures-and-monitoring")["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == 10
    for cell, code in novice["answers"].items():
        tree = ast.parse(code)
        assert not forbidden_constructs(code), cell
        assert not re.search(r"\.(groupby|transform|apply|iterrows|expanding|shift)\b", code)
        calls = {
            n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
        }
        assert calls <= {"corr"}, (cell, calls)
        assert written_lines(code, starters[cell]) == 0, cell


def test_the_trainee_package_carries_no_answer():
    names = set(dir(m07))
    for leaked in (
        "reference",
        "exercise_key",
        "flag_ruptures",
        "flag_repairs",
        "rupture_review",
        "expected_trajectory_labels",
        "dashboard_labels",
        "advantage_letter",
        "SAFETY_KEY",
    ):
        assert leaked not in names, leaked
    table = m07.rupture_table(_record([4.0, 4.2, 3.5, 3.8, 4.2]))
    assert not {"rupture", "repaired", "flag"} & set(table.columns)


def test_safety_note_follows_phq9_item_9(caseloads):
    cl = caseloads["trainee-ana"]
    depression = cl.clients.loc[cl.clients["problem"] == "depression", "client_id"]
    item9 = cl.sessions.assign(client_id=cl.sessions["client_id"].astype(str))
    seen_flag = seen_clear = False
    for cid in depression:
        rows = item9[item9["client_id"] == cid]
        flagged = [int(s) for s in rows.loc[rows["phq_i9"] > 0, "session"]]
        assert m07.safety_sessions(cl, cid) == flagged
        note = m07.safety_note(cl, cid)
        if flagged:
            seen_flag = True
            assert "clinical-safety flag" in note and str(flagged[0]) in note
        else:
            seen_clear = True
            assert "answered 0 in every session" in note
    assert seen_flag
    alcohol = cl.clients.loc[cl.clients["problem"] == "alcohol_use", "client_id"].iloc[0]
    assert m07.safety_sessions(cl, alcohol) == []
    assert "alcohol use" in m07.safety_note(cl, alcohol)
    assert seen_clear or seen_flag


def test_case_summary_reports_the_outcome_and_hides_the_rule_answer(caseloads):
    cl = caseloads["trainee-ana"]
    cid = m07.choose_case_client(cl, "trainee-ana")
    summary = m07.case_summary(cl, cid).set_index("fact")["value"]
    client = cl.clients.set_index("client_id").loc[cid]
    assert summary["outcome change (SD units)"].startswith(f"{client['outcome_change']:+.2f}")
    assert not any("rule" in fact for fact in summary.index)
    columns = m07.case_sessions(cl, cid).columns
    assert ("phq9_item9" in columns) == (client["problem"] == "depression")


# ---------------------------------------------------------------------- chart, widget


def test_monitoring_chart_marks_only_sessions_at_or_below_36():
    rows = pd.DataFrame({"session": [1, 2, 3], "srs": [36.0, 36.1, 30.0], "ors": [20.0, 22, 24]})
    spec = charts.monitoring_chart(rows, "Title", "Alt text.").to_dict()
    assert spec["title"] == "Title" and spec["description"] == "Alt text."
    datasets = spec["datasets"]
    flagged = [d for d in datasets.values() if d and "flag" in d[0]]
    assert [r["session"] for r in flagged[0]] == [1, 3]
    colours = {layer["mark"].get("color") for layer in spec["layer"]} - {None}
    assert colours <= set(OKABE_ITO)


def test_trajectory_panels_facet_one_column_per_client(caseloads):
    cl = caseloads["trainee-ana"]
    frame = m07.trajectory_frame(cl, m07.trajectory_examples(cl, "trainee-ana"))
    spec = charts.trajectory_panels(frame, "Shapes", "Three clients.").to_dict()
    assert spec["facet"]["column"]["field"] == "client"
    # The early level is a horizontal rule: a y position and no x (an x would draw verticals).
    rule = next(layer for layer in spec["spec"]["layer"] if layer["mark"]["type"] == "rule")
    assert "y" in rule["encoding"] and "x" not in rule["encoding"]
    assert set(frame["client"]) == {"Client A", "Client B", "Client C"}


def test_alliance_chart_baseline_is_the_running_mean():
    record = _record([4.0, 3.0, 3.5])
    spec = charts.alliance_with_baseline(record, "T", "A.").to_dict()
    rows = next(iter(spec["datasets"].values()))
    baseline = [r["score"] for r in rows if r["series"].startswith("running")]
    assert baseline == [4.0, 3.5]


def test_dashboard_reacts_to_the_client_and_session_choice(caseloads):
    from course.modules.m07 import monitoring_dashboard

    cl = caseloads["trainee-ana"]
    box = monitoring_dashboard(m07.session_table(cl), cl.clients)
    (client, upto), summary = box.children[0].children, box.children[1]
    first_text = summary.value
    assert "After session" in first_text
    client.value = client.options[1][1]
    assert summary.value != first_text
    last = int(cl.sessions.loc[cl.sessions["client_id"] == client.value, "session"].max())
    assert upto.max == last and upto.value == last
    upto.value = 1
    assert "After session 1:" in summary.value


# --------------------------------------------------- what the text says, for 200 trainees


@pytest.mark.slow
def test_what_the_notebook_says_about_the_trainees_data_holds_for_200_trainees():
    """'Your 60 clients'; the trajectory chart shows 'one of each type'; exercise 6's
    'at most a few dozen clients, and the smallest group can have fewer than ten';
    exercise 9's 'five of your clients for sessions 1-4'; and the dashboard's 'find a
    client whose SRS dips and recovers'."""
    from pathlib import Path

    from course.modules import get

    text = (Path(__file__).resolve().parents[2] / get("07").source).read_text(encoding="utf-8")
    assert "Your 60 clients\nare a small sample" in text
    assert "one of each type, in a\nrandom order" in text
    assert "at most a few dozen clients,\nand the smallest group can have fewer than ten" in text
    assert "five of your clients\nfor sessions 1-4" in text
    assert "find a client whose SRS dips and\nrecovers" in text

    def dips_and_recovers(srs: pd.Series) -> bool:
        s = list(srs)
        return any(
            s[i] <= 36 and max(s[:i]) > 36 and max(s[i + 1 :]) > 36 for i in range(1, len(s) - 1)
        )

    smallest = []
    for n in range(200):
        student = f"audit-{n}"
        caseload = m07.trainee_caseload(student)
        clients = caseload.clients
        assert len(clients) == 60, student
        examples = shown.trajectory_examples(caseload, student)
        kinds = clients.set_index("client_id").loc[list(examples.values()), "trajectory"]
        assert sorted(kinds) == sorted(clients["trajectory"].unique()), student
        counts = clients["trajectory"].value_counts()
        assert len(counts) == 3 and counts.max() < 40, student
        smallest.append(counts.min())
        triage = shown.triage_clients(caseload, student)
        table = shown.monitoring_table(caseload, triage)
        assert len(triage) == 5 and len(table) == 20, student
        assert table[["srs", "ors"]].notna().all().all(), student
        assert sorted(table["session"].unique()) == [1, 2, 3, 4], student
        ordered = caseload.sessions.sort_values(["client_id", "session"])
        by_client = ordered.groupby("client_id", observed=True)["srs"]
        assert by_client.apply(dips_and_recovers).any(), student
    assert min(smallest) < 10


def test_model_answers_read_neither_key_nor_the_simulators_ground_truth():
    """Graded in tests/modules/test_every_module.py; here, what m07's answers must not touch."""
    for code in _answer_cells().values():
        assert "answer_key" not in code and "exercise_key" not in code
        assert '["trajectory"]' not in code  # the ground-truth column is not read for ex5
