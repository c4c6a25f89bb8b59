"""Module 07 (ruptures, repair and monitoring): reference answers, feedback, chart and widget.

Hand-worked records pin the rupture rule down; independent pandas computations
cross-check the reference answers on real simulated caseloads; the feedback
checks must refuse wrong and lying answers and never reveal the right one.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import course.vignettes as vignettes
from course.charts import OKABE_ITO
from course.charts import m07_monitoring as charts
from course.exercises import m07_ruptures_and_monitoring as m07
from course.grading import CheckFailed
from course.simulate import caseload as simulate

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
    assert m07.flag_ruptures(record) == [3]


def test_the_baseline_is_not_the_previous_session():
    # Previous-session drops: 3 (4.6 -> 3.9) and 5 (3.8 -> 3.2); the running
    # baseline flags 3, 4 and 5 (4.6, 4.37, 4.23 against 3.9, 3.8, 3.2).
    record = _record([4.6, 4.6, 3.9, 3.8, 3.2, 4.5])
    assert m07.flag_ruptures(record) == [3, 4, 5]
    assert m07._previous_session_flags(*m07._sessions_and_scores(record)) == [3, 5]


def test_repair_needs_the_pre_rupture_level_within_two_sessions():
    # Rupture at 3 (baseline 4.0); session 4 rises to 3.8 (above the rupture,
    # below the baseline), session 5 reaches 4.0: repaired, at s + 2.
    record = _record([4.0, 4.0, 3.4, 3.8, 4.0, 4.1])
    assert m07.flag_ruptures(record) == [3]
    assert m07.flag_repairs(record) == [3]
    assert m07.flag_repairs(record, window=1) == []
    # The same rupture with recovery only at s + 3 is not repaired.
    late = _record([4.0, 4.0, 3.4, 3.8, 3.8, 4.2])
    assert m07.flag_repairs(late) == []


def test_a_rupture_in_the_last_session_is_not_repaired():
    record = _record([4.2, 4.2, 4.1, 3.5])
    assert m07.flag_ruptures(record) == [4]
    assert m07.flag_repairs(record) == []


def test_session_order_in_the_input_does_not_matter():
    record = _record([4.6, 4.6, 3.9, 3.8, 3.2, 4.5])
    shuffled = record.sample(frac=1, random_state=3)
    assert m07.flag_ruptures(shuffled) == m07.flag_ruptures(record)
    assert m07.flag_repairs(shuffled) == m07.flag_repairs(record)


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
            assert (m07.flag_ruptures(record), m07.flag_repairs(record)) == _pandas_rule(record)
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
    flagged, repaired = m07.flag_ruptures(record), m07.flag_repairs(record)
    assert len(record) >= 8
    assert flagged and set(repaired) <= set(flagged)
    assert m07.expected_rupture_sessions(sid) == flagged
    assert m07.expected_repaired_sessions(sid) == repaired
    # No borderline drop: a slightly different sum order can never flip an answer.
    review = m07.rupture_review(record)
    drops = review.loc[review["session"] >= 3, "drop"]
    assert ((drops - 0.5).abs() >= 0.02).all()


def test_most_case_clients_make_the_precise_rule_matter():
    tier0 = 0
    for k in range(12):
        sid = f"probe-{k}"
        cl = m07.trainee_caseload(sid)
        tiers = m07._case_tiers(cl)
        chosen = m07.choose_case_client(cl, sid)
        assert tiers[chosen] == min(tiers.values())
        tier0 += tiers[chosen] == 0
    assert tier0 >= 8


def test_trainees_get_different_case_clients_or_answers():
    answers = {
        (m07.case_client_id(f"spread-{k}"), tuple(m07.expected_rupture_sessions(f"spread-{k}")))
        for k in range(6)
    }
    assert len(answers) >= 4


def test_answers_are_recomputed_not_cached(caseloads):
    sid = "trainee-ana"
    expected = m07.expected_rupture_sessions(sid)
    cl = m07.trainee_caseload(sid)
    cl.sessions.loc[:, "i1"] = 1  # an answer cell vandalising its own copy
    assert m07.expected_rupture_sessions(sid) == expected


# ----------------------------------------------------------------------- trajectories


@pytest.mark.parametrize("sid", IDS)
def test_trajectory_examples_show_one_client_of_each_type(caseloads, sid):
    cl = caseloads[sid]
    examples = m07.trajectory_examples(cl, sid)
    truth = cl.clients.set_index("client_id")["trajectory"]
    assert sorted(examples) == ["A", "B", "C"]
    assert sorted(str(truth[c]) for c in examples.values()) == sorted(m07.TRAJECTORIES)
    assert m07.expected_trajectory_labels(sid) == {k: str(truth[c]) for k, c in examples.items()}


def test_the_chosen_dip_client_really_dips_and_recovers(caseloads):
    for sid, cl in caseloads.items():
        examples = m07.trajectory_examples(cl, sid)
        labels = m07.expected_trajectory_labels(sid)
        frame = m07.trajectory_frame(cl, examples)
        letter = next(k for k, v in labels.items() if v == "dip_and_recover")
        trend = frame.loc[frame["client"] == f"Client {letter}", "trend"].to_numpy()
        low = int(np.argmin(trend))
        assert 0 < low < trend.size - 1, sid
        assert trend[0] - trend[low] > 0.1 and trend[-1] - trend[low] > 0.1, sid


def test_mean_outcome_by_trajectory_matches_a_plain_groupby(caseloads):
    cl = caseloads["trainee-ben"]
    got = m07.mean_outcome_by_trajectory(cl)
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
    assert m07.repair_outcome_correlation(cl) == pytest.approx(share.corr(outcome))


@pytest.mark.slow
def test_repair_correlation_recovers_the_meta_analytic_value_at_scale():
    large = simulate(40, 6000, seed=11)
    assert m07.repair_outcome_correlation(large) == pytest.approx(0.29, abs=0.08)


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
    labels = m07.triage(cl, picked)
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
    m07.check_labels(dict(key), key, "labels", {}, "Concept.")
    with pytest.raises(CheckFailed, match="v2: you said 'withdrawal'.*Concept"):
        m07.check_labels({"v1": "withdrawal", "v2": "withdrawal"}, key, "labels", {}, "Concept.")

    class Liar(dict):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailed):
        m07.check_labels(Liar(), key, "labels", {}, "Concept.")


def test_check_group_means_tolerance_and_types():
    expected = {"a": 1.0, "b": -0.5}
    m07.check_group_means({"a": 1.009, "b": -0.5}, expected, "means", "C.")
    with pytest.raises(CheckFailed, match=r"\(b\)"):
        m07.check_group_means({"a": 1.0, "b": -0.48}, expected, "means", "C.")
    with pytest.raises(CheckFailed):
        m07.check_group_means({"a": True, "b": -0.5}, {"a": 1.0, "b": -0.5}, "means", "C.")
    with pytest.raises(CheckFailed, match="should be a dict"):
        m07.check_group_means([1.0, -0.5], expected, "means", "C.")


@pytest.mark.parametrize("sid", IDS)
def test_feedback_names_the_slip_without_giving_the_answer(caseloads, sid):
    cl = caseloads[sid]
    record = m07.client_record(cl, m07.choose_case_client(cl, sid))
    sessions, scores = m07._sessions_and_scores(record)
    slip = m07._previous_session_flags(sessions, scores)
    message = m07.rupture_feedback(slip, sid)
    assert message.startswith(m07.RUPTURE_CONCEPT)
    if slip != m07.flag_ruptures(record):
        assert "previous session only" in message
    right = m07.flag_ruptures(record)
    assert str(right) not in message and str(m07.flag_repairs(record)) not in message
    assert m07.repair_feedback(["4"], sid) == m07.REPAIR_CONCEPT


def test_repair_r_feedback_recognises_the_all_clients_slip(caseloads):
    cl = caseloads["trainee-ben"]
    slip = m07._repair_r_variants(cl)["all clients"]
    right = m07.repair_outcome_correlation(cl)
    assert abs(slip - right) > 0.005
    assert "must be left out" in m07.repair_r_feedback(slip, "trainee-ben")
    assert m07.repair_r_feedback(right, "trainee-ben") == m07.REPAIR_R_CONCEPT


@pytest.mark.parametrize("sid", IDS)
def test_vignettes_are_shown_under_neutral_labels_only(sid):
    for family, prefix in (("rupture", "V"), ("repair", "S")):
        labels, text = m07.exercise_vignettes(sid, family)
        labelled = m07.labelled_vignettes(sid, family)
        assert labels == m07.vignette_labels(family) == list(labelled)
        assert all(label.startswith(prefix) for label in labels)
        for vignette in labelled.values():
            assert vignette.id not in text and vignette.rationale not in text
        assert "rup-" not in text and "True" not in text and "False" not in text
        assert "withdrawal" not in text.lower() and "confrontation" not in text.lower()


@pytest.mark.parametrize("sid", IDS)
def test_vignette_sets_are_balanced_and_never_overlap(sid):
    markers = m07.marker_vignettes(sid)
    scenes = m07.repair_scenes(sid)
    assert sorted(v.tags["rupture"] for v in markers) == ["confrontation"] * 3 + ["withdrawal"] * 3
    assert sorted(v.tags["repair"] for v in scenes) == [False, False, True, True]
    assert not {v.id for v in markers} & {v.id for v in scenes}
    assert [v.id for v in m07.marker_vignettes(sid)] == [v.id for v in markers]


def test_trainees_see_different_vignettes():
    shown = {tuple(v.id for v in m07.marker_vignettes(f"spread-{k}")) for k in range(6)}
    assert len(shown) >= 5


def test_exercise_key_comes_from_the_bank_and_the_check_refuses_wrong_answers():
    sid = "trainee-ben"
    key = m07.exercise_key(sid, "rupture")
    labelled = m07.labelled_vignettes(sid, "rupture")
    assert key == {
        label: vignettes.load().get(v.id).tags["rupture"] for label, v in labelled.items()
    }
    m07.check_vignette_labels(dict(key), sid, "rupture", "marker_labels")
    flipped = {
        k: ("withdrawal" if v == "confrontation" else "confrontation") for k, v in key.items()
    }
    with pytest.raises(CheckFailed, match="6 of 6 not right yet.*moves away"):
        m07.check_vignette_labels(flipped, sid, "rupture", "marker_labels")
    by_id = {v.id: key[label] for label, v in labelled.items()}
    with pytest.raises(CheckFailed):  # bank ids instead of the labels shown
        m07.check_vignette_labels(by_id, sid, "rupture", "marker_labels")
    with pytest.raises(TypeError):  # the bank's tags, the answer key, are read-only
        labelled["V1"].tags["rupture"] = "withdrawal"


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
    from course.widgets.m07_dashboard import monitoring_dashboard

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
