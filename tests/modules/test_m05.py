"""Module 05 (reliability and change): reference answers, data preparation, widgets, chart."""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from answer_key.m05 import change, reference, scale, sudden_gains

from course import psychometrics as pm
from course.charts import OKABE_ITO
from course.grading import CheckFailed, expect_close, expect_labels, expect_same_items
from course.modules import m05
from course.modules.m05 import (
    describe_noise,
    explain_change,
    noise_simulator,
    rci_explorer,
    share_with_big_drop,
    trajectory_chart,
    trajectory_frame,
)

STUDENT = "trainee-m05-test"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def caseload():
    return m05.caseload_for(STUDENT)


@pytest.fixture(scope="module")
def ref():
    return reference(STUDENT)


def _traj(rows: dict[str, list[float]]) -> pd.DataFrame:
    width = max(len(v) for v in rows.values())
    data = {c: v + [np.nan] * (width - len(v)) for c, v in rows.items()}
    frame = pd.DataFrame.from_dict(data, orient="index", columns=range(1, width + 1))
    frame.index.name = "client_id"
    return frame.astype(float)


# ---------------------------------------------------------------- alpha and items


def test_alpha_by_hand_matches_the_library_on_random_scales():
    rng = np.random.default_rng(5)
    for k in (3, 4, 7, 12):
        trait = rng.normal(size=(80, 1))
        items = pd.DataFrame(np.round(3 + trait + rng.normal(size=(80, k))))
        assert scale.alpha_by_hand(items) == pytest.approx(
            pm.cronbach_alpha(items).alpha, abs=1e-12
        )


def test_alpha_by_hand_worked_example():
    # Item variances 2.5, 1.8, 1.3 (sum 5.6); totals 5, 8, 10, 13, 15 have variance 15.7.
    data = [[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]]
    assert scale.alpha_by_hand(data) == pytest.approx(1.5 * (1 - 5.6 / 15.7))


def test_alpha_without_k_over_k_minus_1_is_caught_by_the_hidden_check(ref, caseload):
    wai3 = m05.wai_at_session(caseload)
    wrong = 1 - wai3.var().sum() / wai3.sum(axis=1).var()
    with pytest.raises(CheckFailed, match=r"k/\(k-1\)"):
        expect_close(wrong, ref.wai_alpha, "wai_alpha", "k/(k-1) x ...", tol=0.001)


def test_weakest_item_uses_the_corrected_correlation():
    # Item c tracks the others less than a and b do.
    rng = np.random.default_rng(2)
    trait = rng.normal(size=200)
    items = pd.DataFrame(
        {
            "a": trait + rng.normal(scale=0.4, size=200),
            "b": trait + rng.normal(scale=0.4, size=200),
            "c": trait + rng.normal(scale=2.0, size=200),
            "d": trait + rng.normal(scale=0.4, size=200),
        }
    )
    result = scale.weakest_item(items)
    assert result["item"] == "c"
    assert result["alpha_rises"] is True
    assert result["alpha_without"] == pytest.approx(pm.alpha_if_deleted(items)["c"], abs=5e-4)


def test_bond_items_come_from_the_wai_sr_key():
    assert m05.bond_items() == ["i3", "i5", "i7", "i9"]


# ---------------------------------------------------------------- SEM, RCI, cutoffs


def test_change_thresholds_by_hand():
    result = change.change_thresholds(4.0, 0.89)
    sem = 4.0 * math.sqrt(0.11)
    assert result["sem"] == pytest.approx(sem, abs=5e-4)
    assert result["s_diff"] == pytest.approx(math.sqrt(2) * sem, abs=5e-4)
    assert result["rc_points"] == pytest.approx(1.96 * math.sqrt(2) * sem, abs=5e-4)


@pytest.mark.parametrize(
    ("points", "sd", "expected"), [(4, 5.0, False), (5, 5.0, True), (4, 4.0, True)]
)
def test_is_reliable_drop_compares_with_one_point_nine_six_s_diff(points, sd, expected):
    assert change.is_reliable_drop(points, sd) is expected
    assert (points > 1.96 * math.sqrt(2) * sd * math.sqrt(0.11)) is expected


def test_criterion_c_uses_the_stated_norms():
    traj = _traj({"A": [10.0], "B": [20.0], "C": [15.0]})  # mean 15, SD 5
    expected = (5.0 * 2.9 + 3.5 * 15.0) / (5.0 + 3.5)
    assert change.criterion_c(traj) == pytest.approx(expected, abs=5e-4)


def test_change_table_worked_examples():
    traj = _traj(
        {
            "up": [8.0, 12.0, 15.0],  # +7: deterioration
            "at10": [16.0, 12.0, 10.0],  # reliable, but 10 is still clinical
            "below": [9.0, 5.0, 2.0],  # reliable, but started below 10
            "rec": [18.0, 12.0, 9.0],  # reliable and crosses: recovered
            "small": [14.0, 11.0],  # -3 with SD 5: within the band (dropout)
        }
    )
    table = change.change_table(traj, sd=5.0)
    assert table.loc["up", "change"] == "reliable deterioration"
    assert table.loc["small", "change"] == "no reliable change"
    assert table.loc["small", "last"] == 11.0
    assert table.loc[["at10", "below", "rec"], "change"].eq("reliable improvement").all()
    assert change.recovered_clients(table) == ["rec"]
    assert table.loc["rec", "rci"] == pytest.approx(
        -9 / (math.sqrt(2) * 5 * math.sqrt(0.11)), abs=1e-3
    )


def test_rationales_teach_the_threshold():
    traj = _traj({"A": [15.0, 12.0]})
    table = change.change_table(traj, sd=5.0)
    note = change.change_rationales(table, 4.6)["A"]
    assert "change of -3 points" in note and "larger than 4.60 points" in note


# ---------------------------------------------------------------- sudden gains and item 9


def test_sudden_gain_pairs_on_a_worked_trajectory():
    traj = _traj({"G": [30, 28, 26, 18, 16, 15, 15], "N": [20, 19, 20, 19, 20, 19, 20]})
    assert sudden_gains.sudden_gain_pairs(traj, cutoff=7) == [["G", 3]]


def test_a_one_session_dip_that_bounces_back_is_not_a_sudden_gain():
    traj = _traj({"D": [16, 16, 16, 8, 16, 16, 16]})
    assert sudden_gains.sudden_gain_pairs(traj, cutoff=4) == []


def test_safety_reads_the_last_answer_not_the_mean_or_the_maximum():
    item9 = _traj({"late": [0, 0, 0, 1], "early": [3, 2, 0, 0], "dropout": [0, 2]})
    assert change.safety_at_last_session(item9) == ["dropout", "late"]


# ---------------------------------------------------------------- the trainee's own data


def test_tables_have_the_documented_shape(caseload):
    wai3 = m05.wai_at_session(caseload)
    assert list(wai3.columns) == m05.WAI_ITEMS and len(wai3) == len(caseload.clients)
    assert wai3.isin([1, 2, 3, 4, 5]).all().all()
    phq = m05.phq9_trajectories(caseload)
    depression = set(caseload.clients.loc[caseload.clients["problem"] == "depression", "client_id"])
    assert set(phq.index) == depression
    # Empty cells only after the last attended session (no gaps).
    filled = phq.notna().to_numpy()
    assert (np.diff(filled.astype(int), axis=1) <= 0).all()
    assert phq.stack().dropna().between(0, 27).all()
    item9 = m05.item9_trajectories(caseload)
    assert item9.shape == phq.shape and item9.stack().dropna().isin([0, 1, 2, 3]).all()


def test_reference_is_recomputed_identically_and_differs_between_trainees(ref):
    again = reference(STUDENT)
    other = reference("trainee-m05-other")
    assert again == ref
    assert (other.wai_alpha, other.change_category) != (ref.wai_alpha, ref.change_category)


def test_reference_agrees_with_an_independent_computation(caseload, ref):
    phq = m05.phq9_trajectories(caseload)
    values = phq.to_numpy()
    intake = values[:, 0]
    last = np.array([row[~np.isnan(row)][-1] for row in values])
    sd = float(np.std(intake, ddof=1))
    s_diff = math.sqrt(2) * sd * math.sqrt(1 - 0.89)
    rci = (last - intake) / s_diff
    labels = np.where(rci < -1.96, "reliable improvement", "no reliable change")
    labels = np.where(rci > 1.96, "reliable deterioration", labels)
    assert ref.change_category == dict(zip(phq.index, labels.tolist(), strict=True))
    recovered = [
        c
        for c, r, a, b in zip(phq.index, rci, intake, last, strict=True)
        if r < -1.96 and a >= 10 > b
    ]
    assert ref.recovered == recovered
    assert ref.rc_points == pytest.approx(1.96 * s_diff, abs=5e-4)


def test_hidden_checks_accept_the_reference_and_reject_a_raw_drop_rule(caseload, ref):
    phq = m05.phq9_trajectories(caseload)
    expect_labels(
        ref.change_category, ref.change_category, "change_category", ref.change_rationales
    )
    intake, last = phq[1], m05.last_scores(phq)
    naive = {
        c: "reliable improvement" if last[c] < intake[c] else "no reliable change"
        for c in phq.index
    }
    if naive != ref.change_category:
        with pytest.raises(CheckFailed, match="only a change larger than"):
            expect_labels(naive, ref.change_category, "change_category", ref.change_rationales)
    expect_same_items(list(reversed(ref.recovered)), ref.recovered, "recovered", "")


def test_planted_gains_are_depression_clients_and_compare_reports_every_client(caseload):
    planted = m05.planted_sudden_gains(caseload)
    phq = m05.phq9_trajectories(caseload)
    assert set(planted) <= set(phq.index)
    found = sudden_gains.sudden_gain_pairs(phq, 4.0)
    table = m05.compare_sudden_gains(found, planted)
    assert set(table["client_id"]) == set(planted) | {c for c, _ in found}
    assert set(table["verdict"]) <= {
        "found it",
        "missed",
        "flagged, none planted",
        "found one, other session",
    }


def test_hidden_table_differs_by_seed_and_is_a_valid_scale():
    a, b = scale.hidden_table(1), scale.hidden_table(2)
    assert not a.equals(b)
    assert a.isin([1, 2, 3, 4, 5]).all().all() and a.shape == (40, 5)
    assert 0.5 < scale.alpha_by_hand(a) < 1


# ---------------------------------------------------------------- widgets


def test_explain_change_states_the_numbers_and_the_verdict():
    text = explain_change(16, 8, sd=5.0, reliability=0.89)
    assert "SEM = 5.00 x sqrt(1 - 0.89) = 1.66" in text
    assert "reliable improvement" in text and "recovered" in text
    assert "not recovered" in explain_change(16, 13, sd=5.0, reliability=0.89)
    assert "improved, not recovered" in explain_change(24, 15, sd=5.0, reliability=0.89)


def test_rci_explorer_reacts_to_its_sliders():
    box = rci_explorer(sd=5.0)
    pre, post, _sd, rel, result = box.children
    assert "no reliable change" in result.value
    post.value = 6
    assert "reliable improvement" in result.value
    rel.value = 0.5
    post.value = 12
    assert "S<sub>diff</sub> = sqrt(2) x SEM = 5.00" in result.value


def test_noise_simulator_draws_a_new_client_on_click():
    box = noise_simulator(sd=5.0)
    _rel, button, result = box.children
    first = result.value
    button.click()
    assert result.value != first and "true score 14 every session" in result.value


def test_measurement_error_alone_produces_big_single_session_drops():
    assert share_with_big_drop(14, 0.0, 10, 1) == 0.0
    low, high = share_with_big_drop(14, 1.2, 10, 4), share_with_big_drop(14, 2.0, 10, 4)
    assert 0.05 < low < high < 0.95


def test_describe_noise_names_the_biggest_drop():
    assert "4 points (session 2 to 3)" in describe_noise(np.array([14, 16, 12, 14]), 14)
    assert "smaller than 4" in describe_noise(np.array([14, 13, 14, 13]), 14)


# ---------------------------------------------------------------- chart


def test_trajectory_frame_band_is_clipped_to_the_scale():
    traj = _traj({"A": [25.0, 20.0], "B": [2.0, 3.0]})
    item9 = _traj({"A": [0.0, 1.0], "B": [0.0, 0.0]})
    frame = trajectory_frame(traj, ["A", "B"], 5.0, item9)
    assert frame.loc[frame.client_id == "A", "band_high"].eq(27.0).all()
    assert frame.loc[frame.client_id == "B", "band_low"].eq(0.0).all()
    assert frame["item9"].tolist() == ["no", "yes", "no", "no"]


def test_trajectory_chart_has_title_alt_text_and_safe_colours(caseload):
    phq = m05.phq9_trajectories(caseload)
    clients = m05.chart_clients(phq)
    item9 = m05.item9_trajectories(caseload)
    spec = trajectory_chart(phq, clients, sd=3.9, reliability=0.89, item9=item9).to_dict()
    # band = 1.96 x sqrt(2) x 3.9 x sqrt(.11) = 3.6 points
    assert spec["title"] and "plus or minus 3.6 points" in spec["description"]
    assert spec["facet"]["field"] == "panel"
    colours = spec["spec"]["layer"][3]["encoding"]["color"]["scale"]["range"]
    assert set(colours) <= set(OKABE_ITO)
    assert len(clients) == 6 and clients == sorted(clients)


def test_chart_clients_pick_the_same_mix_as_the_reference_table(caseload):
    # The chart module groups clients by outcome itself (the key is out of its reach);
    # its picks equal those from the reference change table, one group after another.
    phq = m05.phq9_trajectories(caseload)
    table = change.change_table(phq)
    groups = [
        table.index[table["recovered"]],
        table.index[(table["change"] == "reliable improvement") & ~table["recovered"]],
        table.index[table["change"] == "no reliable change"],
        table.index[table["change"] == "reliable deterioration"],
    ]
    expected = m05.illustrative_clients([list(g) for g in groups], 6)
    assert m05.chart_clients(phq) == expected
    assert len({table.loc[c, "change"] for c in expected}) >= 2


def test_shown_objects_carry_no_answer():
    shown = set(dir(m05))
    for name in (
        "reference",
        "Reference",
        "change_table",
        "change_thresholds",
        "change_labels",
        "recovered_clients",
        "sudden_gain_pairs",
        "check_sudden_gains",
        "alpha_by_hand",
        "hidden_table",
        "criterion_c",
        "safety_at_last_session",
    ):
        assert name not in shown, name


def _trainee_where_a_small_rc_changes_the_gains():
    """A trainee whose sudden gains differ between the exact value and one without sqrt(2)."""
    for n in range(40):
        sid = f"trainee-ecf-{n:02d}"
        phq = m05.phq9_trajectories(m05.caseload_for(sid))
        exact, _ = sudden_gains.criterion_one_for(sid, None)
        small = exact / math.sqrt(2)
        if sudden_gains.sudden_gain_pairs(phq, small) != sudden_gains.sudden_gain_pairs(phq, exact):
            return sid, phq, exact, small
    pytest.fail("no trainee among 40 where the slip changes the sudden gains")


def test_exercise_10_carries_a_plausible_exercise_5_slip_forward():
    sid, phq, exact, small = _trainee_where_a_small_rc_changes_the_gains()
    with_slip = sudden_gains.sudden_gain_pairs(phq, small)
    expected = reference(sid).sudden_gains_found
    assert expected == sudden_gains.sudden_gain_pairs(phq, exact)
    # right method, the trainee's own (too small) rc_points: full credit here
    sudden_gains.check_sudden_gains(with_slip, expected, sid, small, "sudden_gains_found")
    # the same list judged against the exact value (what the check did before) fails
    with pytest.raises(CheckFailed, match="exact reliable change value"):
        sudden_gains.check_sudden_gains(with_slip, expected, sid, None, "sudden_gains_found")
    # the exact answer with the exact rc_points passes, and the message names the value used
    sudden_gains.check_sudden_gains(expected, expected, sid, exact, "sudden_gains_found")
    with pytest.raises(CheckFailed, match=rf"your rc_points \({small:.2f}\)"):
        sudden_gains.check_sudden_gains([], expected, sid, small, "sudden_gains_found")


@pytest.mark.parametrize("given", [27.0, 0.01, "3.1", True, float("nan"), None])
def test_an_implausible_or_missing_rc_points_falls_back_to_the_exact_value(given):
    exact, own = sudden_gains.criterion_one_for(STUDENT, given)
    assert not own
    assert exact == pytest.approx(reference(STUDENT).rc_points, rel=0.01)


# ---------------------------------------------------------------- the one entry point


def test_reference_is_a_frozen_dataclass_named_after_the_trainees_variables(ref):
    assert dataclasses.is_dataclass(ref)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.wai_alpha = 0.0
    graded = {
        "wai_alpha", "alpha_of_other_table", "bond_alpha", "bond_ci_above_70", "weakest_item",
        "alpha_without_weakest", "alpha_rises", "sem", "s_diff", "rc_points",
        "four_point_drop_is_reliable", "cutoff_c", "change_category", "recovered",
        "item9_at_last_session", "sudden_gains_found",
    }  # fmt: skip
    assert graded <= {f.name for f in dataclasses.fields(ref)}


def test_reference_values_are_what_the_hidden_tests_need(caseload, ref):
    wai3 = m05.wai_at_session(caseload)
    phq = m05.phq9_trajectories(caseload)
    assert ref.alpha_of_other_table == pytest.approx(
        pm.cronbach_alpha(scale.other_table(STUDENT)).alpha, abs=1e-9
    )
    assert set(ref.bond_alpha) == {"alpha", "ci_low", "ci_high"}
    bond = pm.cronbach_alpha(wai3[m05.bond_items()])
    assert ref.bond_alpha["alpha"] == pytest.approx(bond.alpha, abs=5e-4)
    assert ref.bond_ci_above_70 is bool(bond.ci_low >= 0.70)
    assert ref.weakest_item == pm.item_total_correlations(wai3).idxmin()
    assert ref.alpha_rises is bool(ref.alpha_without_weakest > pm.cronbach_alpha(wai3).alpha)
    assert ref.four_point_drop_is_reliable is bool(4 > ref.rc_points)
    assert set(ref.change_category) == set(phq.index) == set(ref.change_rationales)
    assert set(ref.recovered) <= {
        c for c, v in ref.change_category.items() if v == "reliable improvement"
    }
    assert all(isinstance(c, str) and isinstance(s, int) for c, s in ref.sudden_gains_found)


def _model_answers(caseload) -> dict:
    """The model solutions of the MyST source, run on the trainee's data (they read no key)."""
    source = (ROOT / "notebooks/05-reliability-and-change/05-reliability-and-change.md").read_text()
    cells = re.findall(r"```\{code-cell\}\n---\n(.*?)\n---\n(.*?)```", source, re.S)
    namespace = {
        "wai3": m05.wai_at_session(caseload),
        "phq": m05.phq9_trajectories(caseload),
        "item9": m05.item9_trajectories(caseload),
        "bond_items": m05.bond_items,
        "PHQ9_RELIABILITY": m05.PHQ9_RELIABILITY,
        "PHQ9_CUTOFF": m05.PHQ9_CUTOFF,
        "GENERAL_POPULATION_MEAN": m05.GENERAL_POPULATION_MEAN,
        "GENERAL_POPULATION_SD": m05.GENERAL_POPULATION_SD,
        "cronbach_alpha": pm.cronbach_alpha,
        "clinical_cutoff": pm.clinical_cutoff,
    }
    namespace["sd_intake"] = m05.intake_sd(namespace["phq"])
    namespace["mean_intake"] = m05.intake_mean(namespace["phq"])
    answers = [body for meta, body in cells if "kind: answer" in meta]
    assert len(answers) == 9
    for body in answers:
        assert "answer_key" not in body
        exec(compile(body, "<model answer>", "exec"), namespace)
    return namespace


def test_the_model_answers_of_the_source_notebook_pass(caseload, ref):
    got = _model_answers(caseload)
    assert got["wai_alpha"] == pytest.approx(ref.wai_alpha, abs=1e-3)
    assert got["alpha_from_formula"](scale.other_table(STUDENT)) == pytest.approx(
        ref.alpha_of_other_table, abs=1e-3
    )
    for part in ("alpha", "ci_low", "ci_high"):
        assert got["bond_alpha"][part] == pytest.approx(ref.bond_alpha[part], abs=2e-3)
    assert got["bond_ci_above_70"] == ref.bond_ci_above_70
    assert (got["weakest_item"], got["alpha_rises"]) == (ref.weakest_item, ref.alpha_rises)
    assert got["alpha_without_weakest"] == pytest.approx(ref.alpha_without_weakest, abs=2e-3)
    for name in ("sem", "s_diff", "rc_points", "cutoff_c"):
        assert got[name] == pytest.approx(getattr(ref, name), abs=0.01), name
    assert got["four_point_drop_is_reliable"] == ref.four_point_drop_is_reliable
    expect_labels(got["change_category"], ref.change_category, "change_category")
    expect_same_items(got["recovered"], ref.recovered, "recovered", "")
    expect_same_items(got["item9_at_last_session"], ref.item9_at_last_session, "item9", "")
    sudden_gains.check_sudden_gains(
        got["sudden_gains_found"], ref.sudden_gains_found, STUDENT, got["rc_points"], "gains"
    )


# --------------------------------------------------- what the text says, for 200 trainees


@pytest.mark.slow
def test_what_the_notebook_says_about_the_trainees_data_holds_for_200_trainees():
    """'with 60 clients' / 'the same 60 clients' (section 2), 'N of them were treated for
    depression' (load cell), 'the Bond alpha is lower ... and its interval wider',
    criterion c 'a little lower' than 10 (section 5 and the summary), 'six of your clients'
    (the chart), and planted sudden gains only with 6+ sessions at a one-in-four rate."""
    text = (ROOT / "notebooks/05-reliability-and-change/05-reliability-and-change.md").read_text()
    assert "with 60 clients, alpha is an\nestimate" in text
    assert "The Bond alpha is lower than the full scale's, and its interval wider." in text
    assert "for most caseloads it is a little lower" in text
    assert "The chart shows six of your clients." in text
    assert "a one-in-four chance of a planted sudden gain" in text
    eligible = planted = 0
    for n in range(200):
        student = f"audit-{n}"
        caseload = m05.caseload_for(student)
        wai3 = m05.wai_at_session(caseload, session=3)
        phq = m05.phq9_trajectories(caseload)
        assert len(wai3) == 60 and set(phq.index) <= set(wai3.index), student
        full, bond = pm.cronbach_alpha(wai3), pm.cronbach_alpha(wai3[m05.bond_items()])
        assert bond.alpha < full.alpha, student
        assert bond.ci_high - bond.ci_low > full.ci_high - full.ci_low, student
        c = pm.clinical_cutoff(
            m05.intake_mean(phq),
            m05.intake_sd(phq),
            m05.GENERAL_POPULATION_MEAN,
            m05.GENERAL_POPULATION_SD,
        )
        assert 7 < c < 10, student
        assert len(m05.chart_clients(phq)) == 6, student
        clients = caseload.clients[caseload.clients["problem"] == "depression"]
        gains = clients["sudden_gain_session"].notna()
        assert not (gains & (clients["sessions_attended"] < 6)).any(), student
        eligible += int((clients["sessions_attended"] >= 6).sum())
        planted += int(gains.sum())
    assert 0.2 <= planted / eligible <= 0.3, planted / eligible
