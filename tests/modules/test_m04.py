"""Module 04 (measuring the alliance): exercise data, worked tables, reference answers,
teaching checks, widget and charts, and the notebook graded in process.

Reference answers (``answer_key.m04``) are recomputed here by hand from the raw
caseload columns or the stated rules, so a wrong library call or a wrong filter in
the key or in a worked table makes these tests fail; the model answers, the release
and every submission profile are graded through the notebook's own test cells
(tests/modules/grading.py).
"""

from __future__ import annotations

import ast
import builtins
import dataclasses
import math
import re
from pathlib import Path

import answer_key.m04.caseload as key_caseload
import answer_key.m04.labels as key_labels
import answer_key.m04.scoring as key_scoring
import nbformat
import numpy as np
import pandas as pd
import pytest
from answer_key.m04 import Reference, reference

import course.instruments as instruments
import course.modules.m04 as m04
from course.charts import OKABE_ITO
from course.instructor.submissions import load_profiles
from course.instructor.workload import written_lines
from course.modules import get
from course.modules.m04 import (
    binned_counts,
    ceiling_histogram,
    instrument_scorer,
    rater_strip,
    score_one,
)
from course.simulate import for_student
from course.simulate.validate import cohens_d
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]
MODULE = "04-measuring-the-alliance"
IDS = ["trainee-ana", "trainee-ben", "browser-trainee"]
KEY = {"task": [1, 2, 10, 12], "goal": [4, 6, 8, 11], "bond": [3, 5, 7, 9]}


def hand_verdict(answers: list) -> str:
    """The course's missing-item rule worked by hand (None is a blank)."""
    if any(a is not None and a not in (1, 2, 3, 4, 5) for a in answers):
        return "error"
    if any(sum(answers[i - 1] is None for i in items) >= 2 for items in KEY.values()):
        return "subscale_empty"
    return "total_empty" if sum(a is None for a in answers) >= 3 else "all_scored"


# --- Part A: tools, licences, perspectives -------------------------------------------


def test_seed_list_maps_to_catalogue_and_names_nine_entries():
    assert len(m04.SEED_LIST) == 9
    assert tuple(key_labels.SEED_IDS) == m04.SEED_LIST
    for name, instrument_id in key_labels.SEED_IDS.items():
        assert instrument_id is None or instrument_id in set(instruments.ids()), name
    statuses = {name: key_labels.seed_list_status(name) for name in m04.SEED_LIST}
    assert statuses["Assessment Instruments"] == "not_an_instrument"
    assert statuses["Working Alliance Inventory (WAI)"] == "catalogue_only"  # not the WAI-SR
    assert statuses["Client Satisfaction Questionnaire (CSQ-8)"] == "scored"
    assert sorted(n for n, s in statuses.items() if s == "not_identified") == [
        "Program Evaluation Form",
        "Psychotherapy Questionnaire (client and therapist forms)",
    ]


def test_exercise_1_grades_only_what_the_course_can_source():
    sourced = [
        name
        for name, instrument_id in key_labels.SEED_IDS.items()
        if instrument_id is None
        or {f.fact: f.status for f in instruments.get(instrument_id).facts}["identity"] == "sourced"
    ]
    assert list(m04.GRADED_TOOLS) == sourced
    for student in IDS:
        names = m04.tools_for(student)
        assert sorted(names) == sorted(m04.GRADED_TOOLS) and names == m04.tools_for(student)
        assert {key_labels.seed_list_status(n) for n in names} == set(m04.STATUSES)
    # the starter lists the six names, so every trainee's keys are the starter's
    assert len({tuple(m04.tools_for(f"t{i}")) for i in range(12)}) > 6


def test_seed_list_table_matches_catalogue():
    table = key_labels.seed_list_table().set_index("id")
    catalogue = instruments.catalogue().set_index("id")
    assert table.loc["crf", "respondent"] == catalogue.loc["crf", "respondent"]
    assert table.loc["seq", "n_items"] == 21


@pytest.mark.parametrize("student", IDS)
def test_licence_table_and_key_follow_the_specs(student):
    table = m04.licence_table(student)
    assert list(table.index) == ["L1", "L2", "L3", "L4", "L5"]
    assert list(table["id"]) == m04.licence_quiz(student)
    assert {"phq-9", "srs"} <= set(table["id"])
    assert "item_text_may_ship" not in table.columns and "True" not in table.to_string()
    key = key_labels.licence_key(student)
    for label, instrument_id in table["id"].items():
        assert key[label] is instruments.get(instrument_id).licence.item_text_may_ship
        assert instruments.get(instrument_id).availability != "not_identified"
    assert key[table.index[list(table["id"]).index("phq-9")]] is True
    assert key[table.index[list(table["id"]).index("srs")]] is False


def test_rater_situations_are_balanced_and_keyed():
    assert m04.rater_scenarios() == m04.SCENARIOS and set(key_labels.RATER_KEY) == set(
        m04.SCENARIOS
    )
    counts = pd.Series(list(key_labels.rater_key().values())).value_counts()
    assert set(counts.index) == set(m04.RATERS) and set(counts) == {2}
    # the judgement cases: about the client, rated by the therapist
    assert key_labels.rater_key()["S2"] == key_labels.rater_key()["S5"] == "therapist"
    assert set(key_labels.rater_rationales()) == set(m04.SCENARIOS)


# --- Exercise 4: the missing-item rule -----------------------------------------------


def test_reference_scores_by_hand():
    answers = [5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, None]
    ref = key_scoring.reference_scores(answers)
    assert ref["task"] == pytest.approx((5 + 5 + 5) / 3)
    assert ref["total"] == pytest.approx(sum(a for a in answers if a) / 11)
    two_blank = [None, None] + [4] * 10
    assert math.isnan(key_scoring.reference_scores(two_blank)["task"])
    assert key_scoring.reference_scores(two_blank)["total"] == 4


@pytest.mark.parametrize(
    "answers",
    [
        [4] * 12,
        [None] + [4] * 11,
        [None, None] + [4] * 10,  # both Task items
        [None, 4, None] + [4] * 9,  # Task and Bond
        [None, 4, None, None] + [4] * 8,  # one per subscale
        [0] + [4] * 11,
        [6] + [4] * 11,
        [3.5] + [4] * 11,
    ],
)
def test_the_key_applies_the_rule_as_stated(answers):
    assert key_scoring.verdict(answers) == hand_verdict(answers)


@pytest.mark.parametrize("student", [*IDS, "x-42", "profile-novice"])
def test_edge_forms_use_every_part_of_the_rule(student):
    forms = m04.edge_forms(student)
    checks = m04.form_check(forms)
    as_lists = [[None if pd.isna(v) else v for v in row] for row in forms.to_numpy().tolist()]
    expected = {label: hand_verdict(row) for label, row in zip(forms.index, as_lists, strict=True)}
    assert key_scoring.form_verdicts(student) == expected
    assert sorted(expected.values()) == sorted(
        ["all_scored", "all_scored", "subscale_empty", "total_empty", "error"]
    )
    # the check table counts what the rule needs and says nothing of the verdict
    assert checks["all_blanks"].tolist() == forms.isna().sum(axis=1).tolist()
    assert (checks["impossible"] > 0).sum() == 1
    assert not set(checks.columns) & {"verdict", "scored", "total"}
    assert set(key_scoring.form_rationales(student)) == set(forms.index)


@pytest.mark.parametrize("student", [*IDS, "x-42", "profile-novice"])
def test_colleague_totals_show_each_slip_and_the_key_reads_them(student):
    table = m04.colleague_totals(student)
    slips = key_scoring.colleague_slips(student)
    assert set(slips.values()) == set(m04.SLIPS)
    gaps = m04.wai_with_gaps(student)
    for label, row in table.iterrows():
        source = gaps[(gaps["client_id"] == row["client_id"]) & (gaps["session"] == row["session"])]
        answered = source[m04.WAI_ITEMS].iloc[0].dropna()
        assert row["blanks"] == 12 - len(answered)
        if slips[label] == "too_few_items":
            assert row["blanks"] == 3 and math.isnan(row["course_total"])
        elif slips[label] == "blank_as_zero":
            assert row["colleague_total"] == pytest.approx(answered.sum() / 12, abs=0.006)
            assert row["colleague_total"] < row["course_total"]
        else:
            assert row["colleague_total"] == row["course_total"] == round(answered.mean(), 2)
    assert not {"slip", "correct"} & set(table.columns)


def test_wai_with_gaps_comes_from_the_caseload():
    gaps = m04.wai_with_gaps("trainee-ana")
    sessions = for_student("trainee-ana", m04.MODULE).sessions
    merged = gaps.merge(
        sessions.astype({"client_id": str}), on=["client_id", "session"], suffixes=("", "_cl")
    )
    assert len(merged) == len(gaps)
    for k in range(1, 13):
        answered = merged[f"i{k}"].notna()
        assert (merged.loc[answered, f"i{k}"] == merged.loc[answered, f"i{k}_cl"]).all()
    assert set(gaps[m04.WAI_ITEMS].isna().sum(axis=1)) == {0, 1, 2, 3}


# --- CSQ-8, SEQ, SRS, ORS, AUDIT, PHQ-9 ---------------------------------------------


@pytest.mark.parametrize("student", IDS)
def test_csq_is_simulated_for_completers_and_the_reports_use_the_numbers(student):
    csq = m04.csq_discharge(student)
    clients = for_student(student, m04.MODULE).clients
    assert set(csq["client_id"]) == set(
        clients.loc[~clients["dropped_out"], "client_id"].astype(str)
    )
    answered = csq[m04.CSQ_ITEMS].stack().dropna()
    assert answered.isin([1, 2, 3, 4]).all() and answered.mean() > 2.5
    complete = csq[m04.CSQ_ITEMS].notna().all(axis=1)
    numbers = m04.csq_numbers(student)
    assert numbers["n_forms"] == len(csq) and numbers["n_scored"] == complete.sum() < len(csq)
    by_hand = csq.loc[complete, m04.CSQ_ITEMS].sum(axis=1).mean()
    assert numbers["mean_scored"] == pytest.approx(by_hand, abs=0.05)
    assert numbers["mean_blanks_as_zero"] < numbers["mean_scored"]
    options = m04.csq_options(student)
    right = options[key_caseload.CSQ_ANSWER]
    assert f"{numbers['mean_scored']:.2f}" in right and "complete" in right
    assert set(key_caseload.CSQ_WHY) == set(options) - {key_caseload.CSQ_ANSWER}


def test_seq_cannot_be_scored_and_the_answer_says_why():
    assert not instruments.get("seq").is_scoreable
    assert key_caseload.SEQ_ANSWER == "key" and "key" in m04.SEQ_OPTIONS
    with pytest.raises(instruments.NotScoreableError):
        instruments.score("seq", pd.DataFrame({f"i{k}": [4] for k in range(1, 22)}))


@pytest.mark.parametrize("student", IDS)
def test_srs_lines_add_up_and_the_worked_totals_carry_no_flag(student):
    lines = m04.srs_lines(student)
    own = for_student(student, m04.MODULE).sessions
    own = own[own["client_id"] == m04.assigned_client(student)].reset_index(drop=True)
    assert lines["session"].tolist() == own["session"].tolist()
    assert lines[m04.SRS_LINES].sum(axis=1).round(1).tolist() == own["srs"].tolist()
    assert ((lines[m04.SRS_LINES] * 10).round(6) % 1 == 0).all().all()
    totals = m04.srs_totals(lines)
    assert list(totals.columns) == ["session", "total"]
    assert totals["total"].tolist() == own["srs"].tolist()
    assert key_caseload.srs_reference(student) == [
        int(s) for s in own.loc[own["srs"] <= 36, "session"]
    ]


@pytest.mark.parametrize("student", IDS)
def test_assigned_client_outcome_table_and_references(student):
    cl = for_student(student, m04.MODULE)
    client = m04.assigned_client(student)
    row = cl.clients.set_index("client_id").loc[client]
    assert row["problem"] == "alcohol_use" and not row["dropped_out"]
    own = cl.sessions[cl.sessions["client_id"] == client]
    table = m04.outcome_table(student)
    assert table["ors"].tolist() == own["ors"].tolist()
    assert key_caseload.ors_reference(student) == [
        int(s) for s in own.loc[own["ors"] < 25, "session"]
    ]
    totals = own.dropna(subset=["audit_total"])["audit_total"].astype(int)
    assert table["audit_total"].dropna().astype(int).tolist() == totals.tolist()
    zones = [1 if t <= 7 else 2 if t <= 15 else 3 if t <= 19 else 4 for t in totals]
    assert key_caseload.audit_reference(student) == zones and len(zones) == 3


@pytest.mark.parametrize("student", [*IDS, "x-42"])
def test_item9_cases_and_actions(student):
    sessions = for_student(student, m04.MODULE).sessions
    cases = m04.item9_cases(student)
    assert list(cases.index) == ["K1", "K2", "K3", "K4", "K5"]
    assert cases["client_id"].nunique() == 5
    for _, row in cases.iterrows():
        real = sessions[
            (sessions["client_id"].astype(str) == row["client_id"])
            & (sessions["session"] == row["session"])
        ].iloc[0]
        assert row["phq9_total"] == real["phq9_total"]
        assert real["phq_i9"] == (0 if pd.isna(row["item9"]) else row["item9"])
    actions = key_caseload.item9_actions(student)
    endorsed = cases["item9"] > 0
    assert {actions[k] for k in cases.index[endorsed]} == {"safety_protocol"}
    assert (cases.loc[endorsed, "phq9_total"] < 10).sum() == 1  # the one a total would miss
    assert (cases.loc[cases["item9"] == 0, "phq9_total"] >= 10).sum() == 1
    assert actions[cases.index[cases["item9"].isna()][0]] == "ask_item9"
    assert set(m04.ITEM9_ACTIONS) == set(actions.values())
    keyed = m04.ITEM9_ACTIONS["safety_protocol"]
    assert "competent to assess suicide risk" in keyed and "the same day" in keyed
    screen = m04.item9_screen(student)
    hit = sessions[(sessions["phq_i9"] > 0) & (sessions["phq9_total"] < 10)]
    assert (
        screen["below_10"] == len(hit) and screen["clients_below_10"] == hit["client_id"].nunique()
    )


# --- client versus therapist ---------------------------------------------------------


@pytest.mark.parametrize("student", IDS)
def test_rating_gap_parts_give_cohens_d_and_clients_rate_higher(student):
    pairs = m04.paired_ratings(student)
    parts = m04.rating_gap_parts(pairs)
    ref = key_caseload.rating_gap_reference(student)
    per_client = (
        pairs.assign(client=pairs["client_wai_sum"] / 12)
        .groupby("client_id")[["client", "therapist_rating"]]
        .mean()
    )
    both = pd.concat([per_client["client"], per_client["therapist_rating"]], ignore_index=True)
    is_client = pd.Series([True] * len(per_client) + [False] * len(per_client))
    assert ref["d"] == pytest.approx(cohens_d(both, is_client), abs=0.001)
    from_parts = (parts["client_mean"] - parts["therapist_mean"]) / parts["pooled_sd"]
    assert from_parts == pytest.approx(ref["d"], abs=0.005) and parts["r"] == ref["r"]
    assert ref["direction"] == "clients higher" and 0 < ref["r"] < 0.8


def test_rating_gap_on_a_hand_example_and_the_standardising_mistake():
    pairs = pd.DataFrame(
        {
            "client_id": ["a", "b", "c"],
            "session": [1, 1, 1],
            "client_wai_sum": [60, 48, 36],  # means 5, 4, 3
            "therapist_rating": [4.0, 3.0, 3.5],
        }
    )
    gap = key_caseload.rating_gap(pairs)
    assert gap["d"] == pytest.approx(round(0.5 / math.sqrt(0.625), 3))
    assert gap["direction"] == "clients higher"
    z = pairs[["client_wai_sum", "therapist_rating"]]
    z = (z - z.mean()) / z.std()
    assert abs(z.iloc[:, 0].mean() - z.iloc[:, 1].mean()) < 1e-12  # the gap vanishes


def test_two_trainees_get_different_answers():
    a, b = reference("trainee-ana"), reference("trainee-ben")
    assert a.rating_gap != b.rating_gap and a.item9_actions != b.item9_actions
    assert m04.edge_forms("trainee-ana").equals(m04.edge_forms("trainee-ana"))
    assert not m04.edge_forms("trainee-ana").equals(m04.edge_forms("trainee-ben"))


def test_ceiling_summary_by_hand():
    sessions = for_student("trainee-ana", m04.MODULE).sessions
    summary = m04.ceiling_summary("trainee-ana")
    assert summary["share_srs_at_40"] == pytest.approx((sessions["srs"] == 40).mean(), abs=5e-4)
    items = sessions[m04.WAI_ITEMS].to_numpy()
    assert summary["share_wai_items_at_5"] == pytest.approx((items == 5).mean(), abs=5e-4)
    assert summary["share_wai_items_at_5"] > 0.2  # the simulated ceiling is there


# --- widget and charts ------------------------------------------------------------------


def test_scorer_widget_renders_the_spec_and_rescores_on_change():
    box = instrument_scorer("wai-sr")
    dropdowns = [c for c in box.children if hasattr(c, "options")]
    assert len(dropdowns) == 12
    for item in instruments.get("wai-sr").items:  # the paraphrased label, with its subscale
        assert any(
            d.description == f"{item.number}. {item.label} [{item.subscales[0]}]" for d in dropdowns
        )
    assert [o[1] for o in dropdowns[0].options] == [None, 1, 2, 3, 4, 5]
    result = box.children[-1]
    assert "not scored" not in result.value
    for d in dropdowns[:3]:
        d.value = None  # three blanks: the total is no longer scored
    assert "total not scored" in result.value
    assert "Not scored by the course" in instrument_scorer("seq").children[-1].value


def test_score_one_matches_the_library():
    assert score_one("csq-8", {k: 3 for k in range(1, 9)})["total"] == 24
    assert math.isnan(score_one("csq-8", {k: 3 for k in range(1, 8)})["total"])


def test_binned_counts_keep_the_maximum_apart():
    counts = binned_counts(pd.Series([20.0, 35.5, 39.9, 40.0, 40.0]), 20, 40, 1)
    assert counts["count"].sum() == 5
    assert counts.loc[counts["at_maximum"], "count"].item() == 2
    assert counts.loc[counts["start"] == 39, "count"].item() == 1


def test_charts_have_title_alt_text_and_safe_palette():
    spec = ceiling_histogram(
        pd.Series(np.linspace(30, 40, 21)),
        low=20,
        high=40,
        width=1,
        x_title="SRS",
        title="T",
        alt_text="A",
        threshold=36,
    ).to_dict()
    assert spec["title"] == "T" and spec["description"] == "A"
    assert set(spec["layer"][0]["encoding"]["color"]["scale"]["range"]) <= set(OKABE_ITO)
    strip = rater_strip(
        pd.DataFrame({"client": [4.2, 3.9], "therapist": [3.6, 3.8]}, index=["C1", "C2"]),
        title="R",
        alt_text="B",
    ).to_dict()
    assert strip["description"] == "B"
    assert set(strip["layer"][0]["encoding"]["color"]["scale"]["range"]) <= set(OKABE_ITO)


# --- paraphrase, not copy -------------------------------------------------------------

SEED_ARTICLE = Path("/work/shared/seed/000_6a79258b7544083c.txt")


def _runs_of_ten(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + 10]) for i in range(len(words) - 9)}


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="seed article not on this machine")
def test_module_text_does_not_copy_the_seed_article():
    seed = _runs_of_ten(SEED_ARTICLE.read_text(errors="ignore"))
    script = (ROOT / get("04").source).read_text()
    # Prose only: a reference to a source the seed also cites may repeat its title.
    ours = [script.split("### References")[0]]
    ours += list(m04.SCENARIOS.values()) + [why for _, why in key_labels.RATER_KEY.values()]
    ours += list(m04.ITEM9_ACTIONS.values()) + list(m04.SEQ_OPTIONS.values())
    ours += list(m04.csq_options("trainee-ana").values())
    for text in ours:
        assert not (_runs_of_ten(text) & seed), text[:80]


# --- the reference answers ------------------------------------------------------------

GRADED = {
    "seed_list_status",
    "may_reprint",
    "perspective",
    "form_verdicts",
    "colleague_slips",
    "csq_report",
    "seq_blocker",
    "srs_concern_sessions",
    "ors_below_cutoff_sessions",
    "audit_zones",
    "item9_actions",
    "rating_gap",
}


@pytest.mark.parametrize("student", IDS)
def test_reference_is_a_frozen_dataclass_of_the_expected_values(student):
    ref = reference(student)
    assert isinstance(ref, Reference)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.seq_blocker = "licence"  # type: ignore[misc]
    fields = {f.name for f in dataclasses.fields(Reference)}
    assert {f for f in fields if not f.endswith("_why")} == GRADED
    for field in fields - GRADED:  # a rationale for every entry of a labelled answer
        assert set(getattr(ref, field)) == set(getattr(ref, field.removesuffix("_why")))
    assert list(ref.seed_list_status) == m04.tools_for(student)
    assert ref.may_reprint == key_labels.licence_key(student)
    assert ref.perspective == key_labels.rater_key()
    assert ref.form_verdicts == key_scoring.form_verdicts(student)
    assert ref.colleague_slips == key_scoring.colleague_slips(student)
    assert ref.csq_report == "C" and ref.seq_blocker == "key"
    assert ref.srs_concern_sessions == key_caseload.srs_reference(student)
    assert ref.ors_below_cutoff_sessions == key_caseload.ors_reference(student)
    assert ref.audit_zones == key_caseload.audit_reference(student)
    assert ref.item9_actions == key_caseload.item9_actions(student)
    assert ref.rating_gap == key_caseload.rating_gap_reference(student)


# ------------------------------------------------------- the notebook, graded in process


def test_the_novice_fills_blanks_with_what_the_primer_teaches():
    """Issue 15: no def, lambda, loop, comprehension or call; every line the novice writes
    fills a starter's blanks (text, True/False, lists, dictionary look-ups, arithmetic)."""
    cells = nbformat.read(ROOT / get("04").notebook_path, as_version=4).cells
    starters = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    assert all(starters.values()), "every answer cell has a starter"
    novice = load_profiles(MODULE)["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == 10
    for cell, code in novice["answers"].items():
        assert not forbidden_constructs(code), cell
        assert not [n for n in ast.walk(ast.parse(code)) if isinstance(n, ast.Call)], cell
        assert written_lines(code, starters[cell]) == 0, cell


def test_answers_are_plain_data_and_tests_read_only_what_they_may():
    """The two-phase grader: every graded name is plain data, and a test cell reads only
    names bound by answer cells or locked cells (and `course`)."""
    cells = nbformat.read(ROOT / get("04").notebook_path, as_version=4).cells
    bound, answered = {"course"}, set()
    for cell in cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type != "code":
            continue
        tree = ast.parse(re.sub(r"^%.*$", "", cell.source, flags=re.M))
        names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        stored = {
            n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
        }
        stored |= {
            a.asname or a.name.split(".")[0]
            for n in ast.walk(tree)
            if isinstance(n, (ast.Import, ast.ImportFrom))
            for a in n.names
        }
        if meta.get("solution"):
            answered |= {
                t.id
                for n in tree.body
                if isinstance(n, ast.Assign)
                for t in n.targets
                if isinstance(t, ast.Name)
            }
        elif meta.get("grade"):
            read = {n for n in names if not n.startswith("_")} - stored - set(dir(builtins))
            assert read <= bound | answered, (meta["grade_id"], read - bound - answered)
            continue
        bound |= stored
    assert GRADED <= answered


def test_the_trainee_package_carries_no_answer():
    names = set(dir(m04))
    for leaked in (
        "reference",
        "seed_list_status",
        "SEED_IDS",
        "tools_key",
        "licence_key",
        "rater_key",
        "RATER_KEY",
        "verdict",
        "form_verdicts",
        "colleague_slips",
        "CSQ_ANSWER",
        "SEQ_ANSWER",
        "srs_reference",
        "item9_actions",
        "rating_gap",
    ):
        assert leaked not in names, leaked
    assert all(isinstance(text, str) for text in m04.SCENARIOS.values())
    assert all(isinstance(text, str) for text in m04.ITEM9_ACTIONS.values())
    assert all(isinstance(text, str) for text in m04.csq_options("trainee-ana").values())


# --------------------------------------------------- what the text says, for 200 trainees


@pytest.mark.slow
def test_what_the_notebook_says_about_the_trainees_data_holds_for_200_trainees():
    """The assigned client is an alcohol-use client who completed treatment, with an ORS at
    every session and three AUDITs; CSQ-8 forms come from clients who finished, some
    incomplete; client and therapist rated every session; SRS counts rise towards the top
    of the scale; every trainee's forms, colleague's totals and PHQ-9 forms can be drawn."""
    from course.modules.m04.data import assigned_client, caseload, csq_discharge

    text = (ROOT / get("04").source).read_text(encoding="utf-8")
    assert "one of your caseload's alcohol-use clients" in text
    assert "client and therapist both rated the alliance in every session" in text
    assert "Counts rise towards the top of the scale" in text
    for n in range(200):
        student = f"audit-{n}"
        cl = caseload(student)
        about = cl.clients.assign(client_id=cl.clients["client_id"].astype(str))
        about = about.set_index("client_id")
        client = assigned_client(student)
        assert about.loc[client, "problem"] == "alcohol_use", student
        assert not about.loc[client, "dropped_out"], student
        own = cl.sessions[cl.sessions["client_id"].astype(str) == client]
        assert own["ors"].notna().all(), student
        assert (cl.items("audit")["client_id"].astype(str) == client).sum() == 3, student
        finished = set(about.index[~about["dropped_out"].astype(bool)])
        csq = csq_discharge(student)
        assert set(csq["client_id"]) == finished, student
        assert csq[m04.CSQ_ITEMS].isna().any(axis=1).any(), student
        sessions = cl.sessions
        assert sessions["therapist_alliance"].notna().all(), student
        srs = sessions["srs"]
        assert srs.between(36, 39).sum() > srs.between(31, 34).sum(), student
        assert len(set(key_scoring.colleague_slips(student).values())) == 3, student
        assert len(set(key_scoring.form_verdicts(student).values())) == 4, student
        assert len(m04.item9_cases(student)) == 5, student
