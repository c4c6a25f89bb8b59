"""Module 05 (reliability and change): shown tables, reference answers, checks, grading of
every submission profile, widgets and chart."""

from __future__ import annotations

import ast
import dataclasses
import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from answer_key.m05 import change, reference, scale, sudden_gains

from course import psychometrics as pm
from course.charts import OKABE_ITO
from course.grading import CheckFailed, expect_labels
from course.instructor.submissions import load_profiles
from course.instructor.workload import written_lines
from course.modules import get, m05
from course.modules.m05 import (
    describe_noise,
    explain_change,
    noise_simulator,
    rci_explorer,
    share_with_big_drop,
    trajectory_chart,
    trajectory_frame,
)
from tests.modules import AUDIT_IDS
from tests.modules.grading import forbidden_constructs

STUDENT = "trainee-m05-test"
ROOT = Path(__file__).resolve().parents[2]
MODULE = "05-reliability-and-change"
TESTS_CELLS = 10


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


# ---------------------------------------------------------------- alpha, intervals and items


def test_alpha_by_hand_matches_the_library_on_random_scales():
    rng = np.random.default_rng(5)
    for k in (3, 4, 7, 12):
        trait = rng.normal(size=(80, 1))
        items = pd.DataFrame(np.round(3 + trait + rng.normal(size=(80, k))))
        assert scale.alpha_by_hand(items) == pytest.approx(
            pm.cronbach_alpha(items).alpha, abs=1e-12
        )


def test_alpha_parts_put_into_the_formula_give_alpha(caseload):
    # Item variances 2.5, 1.8, 1.3 (sum 5.6); totals 5, 8, 10, 13, 15 have variance 15.7.
    data = pd.DataFrame([[1, 2, 2], [2, 3, 3], [3, 3, 4], [4, 5, 4], [5, 5, 5]])
    assert m05.alpha_parts(data) == {"k": 3, "item_variances": 5.6, "total_variance": 15.7}
    wai3 = m05.wai_at_session(caseload)
    parts = m05.alpha_parts(wai3)
    by_parts = (
        parts["k"] / (parts["k"] - 1) * (1 - parts["item_variances"] / parts["total_variance"])
    )
    assert by_parts == pytest.approx(pm.cronbach_alpha(wai3).alpha, abs=1e-6)


def test_alpha_table_shows_the_library_alpha_and_interval(caseload):
    wai3 = m05.wai_at_session(caseload)
    table = m05.alpha_table(wai3, {"all_items": m05.WAI_ITEMS, "bond": m05.bond_items()})
    assert list(table.index) == ["all_items", "bond"] and list(table["items"]) == [12, 4]
    bond = pm.cronbach_alpha(wai3[m05.bond_items()])
    assert table.loc["bond", "ci_low"] == pytest.approx(bond.ci_low, abs=5e-4)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(0.70, 0.9, "above"), (0.699, 0.9, "cannot_tell"), (0.5, 0.70, "cannot_tell"),
     (0.5, 0.699, "below")],
)  # fmt: skip
def test_an_interval_is_read_against_70_by_both_bounds(low, high, expected):
    assert scale.reading(low, high) == expected


def test_reading_the_point_estimate_is_caught_with_the_interval_named():
    table = pd.DataFrame(
        {"alpha": [0.93, 0.78], "ci_low": [0.90, 0.66], "ci_high": [0.95, 0.86]},
        index=["all_items", "bond"],
    )
    key, why = scale.alpha_readings(table)
    assert key == {"all_items": "above", "bond": "cannot_tell"}
    with pytest.raises(CheckFailed, match=r"from 0\.660 to 0\.860.*not the point estimate"):
        expect_labels({"all_items": "above", "bond": "above"}, key, "alpha_readings", why)


def test_weakest_item_uses_the_corrected_correlation_and_accepts_a_tie():
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
    assert scale.weakest_items(items) == ["c"]
    assert scale.alpha_rises(items, round(pm.cronbach_alpha(items).alpha, 3)) is True
    table = m05.item_table(items)
    scale.check_weakest("c", ["c"], table, "weakest_item")
    with pytest.raises(CheckFailed, match="lowest corrected item-total correlation.*You chose a"):
        scale.check_weakest("a", ["c"], table, "weakest_item")
    scale.check_weakest("b", ["b", "c"], table, "weakest_item")


def test_bond_items_come_from_the_wai_sr_key():
    assert m05.bond_items() == ["i3", "i5", "i7", "i9"]


# ---------------------------------------------------------------- SEM, RCI, cutoffs, outcomes


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
    assert list(table.index[table["recovered"]]) == ["rec"]
    assert table.loc["rec", "rci"] == pytest.approx(
        -9 / (math.sqrt(2) * 5 * math.sqrt(0.11)), abs=1e-3
    )


def test_sudden_gain_pairs_on_a_worked_trajectory():
    traj = _traj({"G": [30, 28, 26, 18, 16, 15, 15], "N": [20, 19, 20, 19, 20, 19, 20]})
    assert sudden_gains.sudden_gain_pairs(traj, cutoff=7) == [["G", 3]]


def test_a_one_session_dip_that_bounces_back_is_not_a_sudden_gain():
    traj = _traj({"D": [16, 16, 16, 8, 16, 16, 16]})
    assert sudden_gains.sudden_gain_pairs(traj, cutoff=4) == []


def test_safety_reads_the_last_answer_not_the_mean_or_the_maximum():
    item9 = _traj({"late": [0, 0, 0, 1], "early": [3, 2, 0, 0], "dropout": [0, 2]})
    assert change.safety_at_last_session(item9) == ["dropout", "late"]


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


def test_outcomes_follow_jacobson_and_truax():
    assert change.outcome_of(18, 9, -3.8) == "recovered"
    assert change.outcome_of(16, 10, -2.6) == "improved"  # 10 is still in the clinical range
    assert change.outcome_of(9, 2, -3.0) == "improved"  # started below 10: cannot recover
    assert change.outcome_of(14, 10, -1.96) == "unchanged"  # |RCI| must exceed 1.96
    assert change.outcome_of(8, 15, 2.99) == "deteriorated"


def test_six_outcomes_label_the_chart_clients_and_explain_each(caseload, ref):
    phq = m05.phq9_trajectories(caseload)
    six = m05.change_parts(phq, m05.chart_clients(phq), m05.intake_sd(phq))
    assert list(six.index) == m05.CASE_LABELS
    assert list(six["client_id"]) == m05.chart_clients(phq)
    assert set(ref.outcomes) == set(m05.CASE_LABELS) == set(ref.outcomes_why)
    assert len(set(ref.outcomes.values())) >= 2
    table = change.change_table(phq)
    for label, row in six.iterrows():
        assert row["rci"] == pytest.approx(table.loc[row["client_id"], "rci"], abs=1e-3)
        if table.loc[row["client_id"], "recovered"]:
            assert ref.outcomes[label] == "recovered"
    drop_is_better = {
        label: "improved" if row["change"] < 0 else "deteriorated" for label, row in six.iterrows()
    }
    if drop_is_better != ref.outcomes:
        with pytest.raises(CheckFailed, match="however large the drop looks"):
            expect_labels(drop_is_better, ref.outcomes, "outcomes", ref.outcomes_why)


def test_criteria_follow_the_norms_each_clinic_has():
    assert change.CLINIC_CRITERIA == {"clinic_1": "b", "clinic_2": "a", "clinic_3": "c"}
    assert "functional group's mean and SD" in change.CLINIC_WHY["clinic_1"]


def test_item9_history_lists_every_endorsement_and_its_last_answer():
    item9 = _traj({"late": [0, 0, 0, 1], "early": [3, 2, 0, 0], "dropout": [0, 2], "never": [0]})
    history = m05.item9_history(item9)
    assert list(history["client_id"]) == ["late", "early", "dropout"]
    assert list(history["last"]) == [1.0, 0.0, 2.0]
    assert sorted(history[history["last"] > 0]["client_id"]) == change.safety_at_last_session(item9)
    assert m05.item9_history(_traj({"never": [0, 0]})).empty


def test_the_dip_fails_only_stability_as_the_notebook_says():
    assert sudden_gains.dip_check(4.6) == {
        "size": True,
        "relative_size": True,
        "stability": False,
        "sudden_gain": False,
    }
    assert sudden_gains.dip_check(8.5)["size"] is False
    before, after = [16, 16, 16], [8, 16, 16]
    pooled = math.sqrt((np.var(before, ddof=1) * 2 + np.var(after, ddof=1) * 2) / 4)
    assert round(np.mean(after), 1) == 13.3 and round(2.776 * pooled, 1) == 9.1


def test_interval_pairs_are_the_pairs_the_key_finds(caseload):
    phq = m05.phq9_trajectories(caseload)
    checks = pm.sudden_gains(phq, cutoff=4.0, improvement="decrease")
    assert m05.interval_pairs(checks[checks["sudden_gain"] == True]) == (  # noqa: E712
        sudden_gains.sudden_gain_pairs(phq, 4.0)
    )


# ---------------------------------------------------------------- the one entry point


def test_reference_is_a_frozen_dataclass_named_after_the_trainees_variables(ref):
    assert dataclasses.is_dataclass(ref)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.wai_alpha = 0.0
    graded = {
        "wai_alpha", "alpha_readings", "weakest_item", "alpha_rises", "sem", "s_diff",
        "rc_points", "four_point_drop_is_reliable", "cutoff_c", "clinic_criteria", "outcomes",
        "item9_at_last_session", "sudden_gains_found", "dip_check",
    }  # fmt: skip
    assert graded <= {f.name for f in dataclasses.fields(ref)}


def test_reference_is_recomputed_identically_and_differs_between_trainees(ref):
    assert reference(STUDENT) == ref
    other = reference("trainee-m05-other")
    assert (other.wai_alpha, other.outcomes) != (ref.wai_alpha, ref.outcomes)


def test_reference_agrees_with_an_independent_computation(caseload, ref):
    wai3 = m05.wai_at_session(caseload)
    assert ref.wai_alpha == pytest.approx(pm.cronbach_alpha(wai3).alpha, abs=1e-9)
    phq = m05.phq9_trajectories(caseload)
    sd = float(np.std(phq[1].to_numpy(), ddof=1))
    s_diff = math.sqrt(2) * sd * math.sqrt(1 - 0.89)
    assert ref.rc_points == pytest.approx(1.96 * s_diff, abs=5e-4)
    assert ref.four_point_drop_is_reliable is bool(4 > 1.96 * s_diff)
    assert (
        ref.weakest_item == pm.item_total_correlations(wai3).idxmin() or len(ref.weakest_items) > 1
    )


def test_shown_objects_carry_no_answer():
    shown = set(dir(m05))
    for name in (
        "reference", "Reference", "change_table", "change_thresholds", "outcome_of",
        "six_outcomes", "CLINIC_CRITERIA", "sudden_gain_pairs", "check_sudden_gains",
        "dip_check", "alpha_by_hand", "alpha_readings", "reading", "weakest_items",
        "check_weakest", "criterion_c", "safety_at_last_session",
    ):  # fmt: skip
        assert name not in shown, name
    # the tables shown before Exercise 8 give numbers, never an outcome label
    phq = _traj({"A": [18.0, 9.0], "B": [12.0, 13.0]})
    shown_table = m05.change_parts(phq, ["A", "B"], sd=5.0)
    assert not set(shown_table.astype(str).stack()) & set(m05.OUTCOME_LABELS)


# ---------------------------------------------------------------- grading the notebook


def test_the_novice_fills_blanks_with_what_the_primer_and_the_box_teach():
    """Issue 15: no def, lambda, loop, comprehension, groupby or transform; every line the
    novice writes fills a starter's blanks, so the trainee writes no code beyond them; the
    novice calls nothing (the starters' own calls are given), and uses only names,
    numbers, text, True/False, dict look-ups, comparisons, arithmetic and ** 0.5, the
    one thing this module's box adds."""
    starters = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in nbformat.read(ROOT / get("05").notebook_path, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    novice = load_profiles(MODULE)["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == TESTS_CELLS
    given_calls = {"alpha_parts", "clinical_cutoff", "sudden_gains", "interval_pairs", "list"}
    for cell, code in novice["answers"].items():
        tree = ast.parse(code)
        assert not forbidden_constructs(code), cell
        assert not re.search(r"\.(groupby|transform|apply|iterrows|loc|idxmin)\b", code), cell
        calls = {
            n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
        }
        assert calls <= given_calls, (cell, calls)
        assert written_lines(code, starters[cell]) == 0, cell


def test_every_tests_cell_says_what_its_points_reward():
    nb = nbformat.read(ROOT / get("05").notebook_path, as_version=4)
    skills = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("skill")
        for cell in nb.cells
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("grade")
    }
    assert len(skills) == TESTS_CELLS and set(skills.values()) == {"judgement", "calculation"}


# --------------------------------------------------- what the text says, for 200 trainees


@pytest.mark.slow
def test_what_the_notebook_says_about_the_trainees_data_holds_for_200_trainees():
    """'With 60 clients' (section 2), 'N of them were treated for depression' (load cell),
    'the Bond alpha is lower ... and its interval wider', criterion c 'a little lower' than
    10 (section 5 and the summary), the six clients of the chart and Exercise 8 (client_A
    to client_F), 'criterion 1 holds' for the dip (8 points at least rc_points), and
    planted sudden gains only with 6+ sessions at a one-in-four rate."""
    text = (ROOT / get("05").source).read_text()
    assert "With 60 clients, alpha is an\nestimate" in text
    assert "The Bond alpha is lower than the full scale's, and its interval wider." in text
    assert "for most caseloads it is a little lower" in text
    assert "The chart shows six of your clients." in text
    assert "a one-in-four chance of a planted sudden gain" in text
    eligible = planted = 0
    for student in AUDIT_IDS:
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
        assert change.exact_rc_points(m05.intake_sd(phq)) <= 8, student
        clients = caseload.clients[caseload.clients["problem"] == "depression"]
        gains = clients["sudden_gain_session"].notna()
        assert not (gains & (clients["sessions_attended"] < 6)).any(), student
        eligible += int((clients["sessions_attended"] >= 6).sum())
        planted += int(gains.sum())
    assert 0.2 <= planted / eligible <= 0.3, planted / eligible
