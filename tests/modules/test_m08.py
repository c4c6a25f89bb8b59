"""Module 08 (practice lab): the repair rules kept in data, the agreement statistics
against independent implementations, the alert rules, the reference answers and
checks, and the notebook graded in process with every submission profile.
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
import yaml
from answer_key.m08 import checks as ak_checks
from scipy import stats
from statsmodels.formula.api import ols
from statsmodels.stats.anova import anova_lm
from statsmodels.stats.inter_rater import cohens_kappa as sm_kappa

from answer_key import m08 as ak
from course.charts import OKABE_ITO
from course.grading import CheckFailed
from course.instructor.submissions import load_profiles
from course.instructor.workload import written_lines
from course.modules import get, m08
from course.modules.m08 import alerts, repair
from course.psychometrics import cohens_kappa, icc_agreement, landis_koch_band
from tests.modules import AUDIT_IDS
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]
RULES_FILE = ROOT / "course" / "data" / "practice" / "repair_rules.yaml"
IDS = ["trainee-ana", "x-42", "profile-novice", "profile-typical_mistakes"]


# ------------------------------------------------------------- the rules kept in data


def test_the_rules_file_states_its_convention_and_sources():
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    assert "teaching convention" in data["convention"].lower()
    joined = " ".join(data["sources"])
    assert "Safran & Muran (2000)" in joined and "r = .29" in joined
    assert "Eubanks, Muran & Safran (2018)" in joined
    for family in ("withdrawal", "confrontation"):
        assert set(data["rules"][family]) == set(data["responses"])
        for rule in data["rules"][family].values():
            assert {"srs_change", "engagement_change", "repairs", "why"} <= set(rule)


@pytest.mark.parametrize("family", ["withdrawal", "confrontation"])
def test_the_client_responds_to_each_choice_as_the_rules_file_documents(family):
    """Read the YAML independently and check every rule: the next SRS and engagement
    move by exactly the documented change, in the documented direction, and a repair
    never leaves the client worse off than carrying on."""
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    for response, rule in data["rules"][family].items():
        srs, engagement = repair.client_response(family, response, 30.0, 3.0)
        assert srs == pytest.approx(30.0 + rule["srs_change"])
        assert engagement == pytest.approx(3.0 + rule["engagement_change"])
        assert (rule["srs_change"] > 0) == rule["repairs"], (family, response)
    worst = min(data["rules"][family], key=lambda r: data["rules"][family][r]["srs_change"])
    assert worst == "justify_defend"


@pytest.mark.parametrize("sid", IDS)
def test_the_played_scenario_follows_the_rules_session_by_session(sid):
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    scenario = m08.trainee_scenario(sid)
    for response in data["responses"]:
        played = m08.play_scenario(scenario, dict.fromkeys(["M1", "M2", "M3", "M4"], response))
        srs, engagement = scenario["start_srs"].iloc[0], scenario["start_engagement"].iloc[0]
        for row in played.itertuples():
            if row.marker:
                rule = data["rules"][row.type][response]
                srs = min(max(srs + rule["srs_change"], 0), 40)
                engagement = min(max(engagement + rule["engagement_change"], 1), 5)
            assert row.srs == pytest.approx(srs) and row.engagement == pytest.approx(engagement)


def test_scenarios_have_two_markers_of_each_family_and_vary_between_trainees():
    seen = set()
    for sid in AUDIT_IDS[:40]:
        scenario = m08.trainee_scenario(sid)
        types = scenario.loc[scenario["marker"] != "", "type"].tolist()
        assert sorted(types) == ["confrontation"] * 2 + ["withdrawal"] * 2
        assert 34 <= scenario["start_srs"].iloc[0] <= 38
        seen.add(tuple(scenario["client"]))
    assert len(seen) >= 20


def test_repair_widget_plays_a_marker_and_starts_again():
    box = m08.repair_practice(m08.trainee_scenario("trainee-ana"))
    log, choice, (step, again) = box.children[0], box.children[1], box.children[2].children
    step.click()  # session 1, no marker
    choice.value = "justify_defend"
    step.click()  # session 2: M1
    assert "Session 2: SRS" in log.value and "justify_defend" in log.value
    again.click()
    assert "Session 2: SRS" not in log.value and "Session 1" in log.value


# ------------------------------------------------- agreement against independent code


def _sm_table(a, b):
    labels = sorted(set(a) | set(b))
    table = np.zeros((len(labels), len(labels)))
    for x, y in zip(a, b, strict=True):
        table[labels.index(x), labels.index(y)] += 1
    return table


@pytest.mark.parametrize("seed", range(8))
def test_kappa_and_its_interval_match_statsmodels(seed):
    rng = np.random.default_rng(seed)
    a = list(rng.choice(["none", "withdrawal", "confrontation"], 30))
    b = [x if rng.random() < 0.7 else str(rng.choice(["none", "withdrawal"])) for x in a]
    ours = cohens_kappa(a, b)
    theirs = sm_kappa(_sm_table(a, b))
    assert ours.estimate == pytest.approx(theirs.kappa)
    assert ours.ci_low == pytest.approx(max(-1, theirs.kappa_low))
    assert ours.ci_high == pytest.approx(min(1, theirs.kappa_upp))


def test_kappa_from_first_principles():
    a = ["x"] * 6 + ["y"] * 4
    b = ["x"] * 5 + ["y"] + ["y"] * 3 + ["x"]
    p_o, p_e = 0.8, 0.6 * 0.6 + 0.4 * 0.4
    assert cohens_kappa(a, b).estimate == pytest.approx((p_o - p_e) / (1 - p_e))


def _icc_by_anova(ratings: np.ndarray) -> float:
    n, k = ratings.shape
    long = pd.DataFrame(
        {
            "y": ratings.ravel(),
            "item": np.repeat(np.arange(n), k).astype(str),
            "rater": np.tile(np.arange(k), n).astype(str),
        }
    )
    table = anova_lm(ols("y ~ C(item) + C(rater)", long).fit())
    ms = table["sum_sq"] / table["df"]
    msr, msc, mse = ms["C(item)"], ms["C(rater)"], ms["Residual"]
    return (msr - mse) / (msr + (k - 1) * mse + k * (msc - mse) / n)


@pytest.mark.parametrize("seed", range(6))
def test_icc_matches_an_anova_by_statsmodels(seed):
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, 6, 12)
    ratings = np.column_stack([truth, np.clip(truth + rng.integers(-1, 2, 12), 1, 5)])
    ours = icc_agreement(ratings)
    assert ours.estimate == pytest.approx(_icc_by_anova(ratings.astype(float)))
    assert ours.ci_low < ours.estimate < ours.ci_high


def test_icc_reproduces_shrout_and_fleiss_table_and_penalises_a_constant_gap():
    table = [[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6], [10, 5, 6, 9], [6, 2, 4, 7]]
    assert round(icc_agreement(table).estimate, 2) == 0.29  # ICC(2,1) in Shrout & Fleiss (1979)
    truth = np.array([1, 2, 3, 4, 5, 3, 2, 4, 5, 1, 2, 3], dtype=float)
    assert icc_agreement(np.column_stack([truth, truth])).estimate == pytest.approx(1)
    assert icc_agreement(np.column_stack([truth, truth + 1])).estimate < 0.9


def test_icc_interval_covers_the_true_value_about_95_percent_of_the_time():
    rng = np.random.default_rng(1)
    true_icc, covered = 0.7, 0
    for _ in range(400):
        target = rng.normal(0, np.sqrt(true_icc), 30)
        ratings = target[:, None] + rng.normal(0, np.sqrt(1 - true_icc), (30, 2))
        result = icc_agreement(ratings)
        covered += result.ci_low <= true_icc <= result.ci_high
    assert 0.90 <= covered / 400 <= 0.99


def test_landis_koch_labels_are_the_published_ranges():
    values = [-0.1, 0.0, 0.2, 0.21, 0.4, 0.41, 0.6, 0.61, 0.8, 0.81, 1.0]
    assert [landis_koch_band(v) for v in values] == [
        "poor", "slight", "slight", "fair", "fair", "moderate", "moderate",
        "substantial", "substantial", "almost perfect", "almost perfect",
    ]  # fmt: skip


def test_calibration_key_is_balanced_and_shown_ratings_are_checked():
    key = m08.course_key()
    assert key["marker"].value_counts().to_dict() == {
        "none": 4, "withdrawal": 4, "confrontation": 4,
    }  # fmt: skip
    with pytest.raises(ValueError, match="E1 to E12"):
        m08.calibration_table({"E1": "none"}, {})
    assert "marker" not in m08.excerpts_markdown().lower()


# --------------------------------------------------------------------------- alerts


def test_alert_counts_match_an_independent_computation():
    cl = m08.trainee_caseload("trainee-ana")
    frame = m08.alert_frame(cl)
    curves = m08.expected_curves()
    for session in m08.CHECK_SESSIONS:
        for pct in m08.PERCENTILES:
            fit = curves.loc[session]
            limit = (
                fit["intercept"]
                + fit["slope"] * frame["ors_1"]
                + stats.norm.ppf(pct / 100) * fit["sd"]
            )
            flagged = frame[f"ors_{session}"] < limit
            counts = m08.rule_counts(frame, session, pct)
            assert counts["hits"] == int((flagged & frame["poor_outcome"]).sum())
            assert counts["false_alarms"] == int((flagged & ~frame["poor_outcome"]).sum())
    outcome = cl.clients.set_index("client_id")["outcome_change"]
    assert (frame["poor_outcome"] == (outcome.reindex(frame.index) < 0.5)).all()


def test_generous_rules_catch_more_and_alarm_more():
    table = m08.rule_table(m08.trainee_caseload("x-42")).set_index(["session", "percentile"])
    for session in m08.CHECK_SESSIONS:
        rows = table.loc[session]
        assert rows["alerts"].is_monotonic_increasing


def test_the_reference_sample_is_large_and_the_same_for_everyone():
    curves = m08.expected_curves()
    assert (curves["n"] >= 700).all() and (curves["slope"] > 0).all()
    assert alerts._expected() is alerts._expected()


def test_clinic_rule_key_follows_the_stated_criterion():
    table = pd.DataFrame(
        {
            "session": [2, 3, 4],
            "percentile": [50, 25, 50],
            "caught": [0.8, 0.7, 0.9],
            "false_alarms": [10, 6, 14],
        }
    )
    assert ak_checks.acceptable_rules(table) == [{"session": 3, "percentile": 25}]
    low = table.assign(caught=[0.5, 0.6, 0.6])
    assert ak_checks.acceptable_rules(low) == [{"session": 3, "percentile": 25}]


def test_alert_chart_marks_every_client_and_uses_the_palette():
    frame = m08.alert_frame(m08.trainee_caseload("trainee-ana"))
    spec = m08.alert_chart(frame, 3, 25, "T", "A.").to_dict()
    assert spec["title"] == "T" and spec["description"] == "A."
    colours = spec["layer"][0]["encoding"]["color"]["scale"]["range"]
    assert set(colours) <= set(OKABE_ITO)


def test_alert_explorer_reacts_to_its_settings():
    frame = m08.alert_frame(m08.trainee_caseload("trainee-ana"))
    box = m08.alert_explorer(frame)
    (session, percentile), summary = box.children[0].children, box.children[1]
    first = summary.value
    percentile.value = 50
    assert summary.value != first and "50th percentile" in summary.value
    session.value = 2
    assert "session 2" in summary.value


# --------------------------------------------------------------- reference and checks


def test_reference_is_frozen_and_recomputed():
    ref = ak.reference("trainee-ana")
    assert dataclasses.is_dataclass(ref)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.rule_reason = "A"  # type: ignore[misc]
    assert ref == ak.reference("trainee-ana")
    assert sorted(ref.scenario_types) == ["M1", "M2", "M3", "M4"]


def test_repair_check_refuses_defending_and_teaches():
    types = {"M1": "confrontation", "M2": "withdrawal"}
    ak.check_repair_choices({"M1": "metacommunicate", "M2": "change_task"}, types, "c")
    with pytest.raises(CheckFailed, match="Defensiveness escalates") as failure:
        ak.check_repair_choices({"M1": "justify_defend", "M2": "carry_on"}, types, "c")
    assert "2 of 2" in str(failure.value)


def test_calibration_checks_carry_the_trainees_own_ratings_forward():
    key = m08.course_key()
    markers, strength = key["marker"].to_dict(), {k: int(v) for k, v in key["strength"].items()}
    assert ak.expected_band(markers, strength) == "almost perfect"
    shifted = {k: min(v + 1, 5) for k, v in strength.items()}
    assert ak.expected_statements(markers, shifted)["K4"] is False
    with pytest.raises(CheckFailed, match="Rate every excerpt first"):
        ak.check_band("fair", {"E1": ...}, strength, "kappa_band")


def test_the_trainee_package_carries_no_answer():
    names = set(dir(m08))
    for leaked in ("reference", "ALERT_KEY", "RULE_REASON_KEY", "acceptable_rules"):
        assert leaked not in names


# ------------------------------------------------------- the notebook, graded in process


def test_the_novice_fills_blanks_with_what_the_primer_teaches():
    starters = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in nbformat.read(ROOT / get("08").notebook_path, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    assert all(starters.values()), "every answer cell has a starter"
    novice = load_profiles("08-practice-lab")["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == 6
    for cell, code in novice["answers"].items():
        assert not forbidden_constructs(code), cell
        assert not any(isinstance(n, ast.Call) for n in ast.walk(ast.parse(code))), cell
        assert written_lines(code, starters[cell]) == 0, cell
        assert not re.search(r"\.\.\.", code), cell


# --------------------------------------------------- what the text says, for many trainees


@pytest.mark.slow
def test_clinic_a_always_has_a_rule_and_the_model_answer_finds_it():
    for student in AUDIT_IDS[:60]:
        table = m08.rule_table(m08.trainee_caseload(student))
        acceptable = ak_checks.acceptable_rules(table)
        assert acceptable, student
        enough = table[table["caught"] >= min(0.667, table["caught"].max())]
        best = enough.sort_values("false_alarms").iloc[0]
        assert {
            "session": int(best["session"]),
            "percentile": int(best["percentile"]),
        } in acceptable
