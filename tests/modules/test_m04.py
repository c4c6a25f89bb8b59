"""Module 04 (measuring the alliance): exercise data, reference answers, checks, widget, charts.

Reference answers (``answer_key.m04``) are recomputed here by hand from the raw
caseload columns, so a wrong library call or a wrong filter in the key makes these
tests fail.
"""

from __future__ import annotations

import dataclasses
import math
import re
from pathlib import Path

import answer_key.m04.caseload as key_caseload
import answer_key.m04.labels as key_labels
import answer_key.m04.scoring as key_scoring
import numpy as np
import pandas as pd
import pytest
from answer_key.m04 import Reference, reference

import course.instruments as instruments
import course.modules.m04 as m04
from course.charts import OKABE_ITO
from course.grading import CheckFailed
from course.instructor.submissions import solution_answers
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

ROOT = Path(__file__).resolve().parents[2]

IDS = ["trainee-ana", "trainee-ben", "browser-trainee"]
KEY = {"task": [1, 2, 10, 12], "goal": [4, 6, 8, 11], "bond": [3, 5, 7, 9]}


def good_scorer(responses):
    """A correct hand-written WAI-SR scorer (the notebook's model solution)."""
    answers = list(responses)
    if len(answers) != 12:
        raise ValueError("12 answers")
    for value in answers:
        if value is not None and value not in (1, 2, 3, 4, 5):
            raise ValueError(f"bad answer {value!r}")

    def mean_of(items, max_missing):
        given = [answers[i - 1] for i in items if answers[i - 1] is not None]
        if len(items) - len(given) > max_missing:
            return float("nan")
        return sum(given) / len(given)

    scores = {name: mean_of(items, 1) for name, items in KEY.items()}
    scores["total"] = mean_of(range(1, 13), 2)
    return scores


# --- buggy scorers a trainee might write -------------------------------------------


def blanks_as_zero(responses):
    answers = list(responses)
    if len(answers) != 12 or any(v is not None and v not in (1, 2, 3, 4, 5) for v in answers):
        raise ValueError("bad")
    zeros = [0 if v is None else v for v in answers]
    out = {name: sum(zeros[i - 1] for i in items) / 4 for name, items in KEY.items()}
    out["total"] = sum(zeros) / 12
    return out


def mean_of_subscale_means(responses):
    scores = good_scorer(responses)
    parts = [scores["task"], scores["goal"], scores["bond"]]
    scores["total"] = sum(parts) / 3
    return scores


def no_missing_rule(responses):
    answers = list(responses)
    if len(answers) != 12 or any(v is not None and v not in (1, 2, 3, 4, 5) for v in answers):
        raise ValueError("bad")
    out = {}
    for name, items in KEY.items():
        given = [answers[i - 1] for i in items if answers[i - 1] is not None]
        out[name] = sum(given) / len(given)
    given = [v for v in answers if v is not None]
    out["total"] = sum(given) / len(given)
    return out


def clips_out_of_range(responses):
    clipped = [None if v is None else min(max(round(v), 1), 5) for v in responses]
    return good_scorer(clipped)


def raises_wrong_error(responses):
    if any(v is not None and v not in (1, 2, 3, 4, 5) for v in responses):
        raise RuntimeError("bad answer")
    return good_scorer(responses)


class AlwaysEqual:
    def __eq__(self, other):
        return True


def always_equal(responses):
    return AlwaysEqual()


# --- Part A: tools, licences, perspectives -------------------------------------------


def test_seed_list_maps_to_catalogue_and_names_nine_entries():
    assert len(m04.SEED_LIST) == 9
    catalogue_ids = set(instruments.ids())
    assert tuple(key_labels.SEED_IDS) == m04.SEED_LIST
    for name, instrument_id in key_labels.SEED_IDS.items():
        assert instrument_id is None or instrument_id in catalogue_ids, name
    statuses = {name: key_labels.seed_list_status(name) for name in m04.SEED_LIST}
    assert statuses["Assessment Instruments"] == "not_an_instrument"
    assert statuses["Working Alliance Inventory (WAI)"] == "catalogue_only"  # not the WAI-SR
    assert statuses["Client Satisfaction Questionnaire (CSQ-8)"] == "scored"
    assert sorted(n for n, s in statuses.items() if s == "not_identified") == [
        "Program Evaluation Form",
        "Psychotherapy Questionnaire (client and therapist forms)",
    ]


def test_exercise_1_grades_only_what_the_course_can_source():
    # An entry is graded only if it is the page title or an instrument whose identity fact
    # is sourced: the course's unfinished search (not identified, article not seen) is
    # never a trainee's answer.
    sourced = [
        name
        for name, instrument_id in key_labels.SEED_IDS.items()
        if instrument_id is None
        or {f.fact: f.status for f in instruments.get(instrument_id).facts}["identity"] == "sourced"
    ]
    assert list(m04.GRADED_TOOLS) == sourced
    assert "not_identified" not in m04.STATUSES
    graded = {n for student in IDS for n in m04.tools_for(student)}
    assert graded == set(m04.GRADED_TOOLS)
    assert {key_labels.seed_list_status(n) for n in graded} == set(m04.STATUSES)


def test_seed_list_table_matches_catalogue():
    table = key_labels.seed_list_table().set_index("id")
    catalogue = instruments.catalogue().set_index("id")
    assert table.loc["crf", "respondent"] == catalogue.loc["crf", "respondent"]
    assert table.loc["seq", "n_items"] == 21


@pytest.mark.parametrize("student", IDS)
def test_tools_cover_every_status_and_are_stable(student):
    names = m04.tools_for(student)
    assert len(names) == len(set(names)) == 6
    assert {key_labels.seed_list_status(n) for n in names} == set(m04.STATUSES)
    assert names == m04.tools_for(student)
    assert set(key_labels.tools_rationales(names)) == set(names)


def test_tools_differ_between_trainees():
    picks = {tuple(m04.tools_for(f"t{i}")) for i in range(12)}
    assert len(picks) > 6


def test_licence_key_follows_the_specs():
    ids = m04.licence_quiz("trainee-ana")
    key = key_labels.licence_key(ids)
    assert key["phq-9"] is True and key["srs"] is False
    assert all(key[i] == instruments.get(i).licence.item_text_may_ship for i in ids)
    assert "not_identified" not in {instruments.get(i).availability for i in ids}


def test_rater_scenarios_balanced_and_keyed():
    assert set(key_labels.RATER_KEY) == set(m04.SCENARIOS)
    counts = pd.Series([rater for rater, _ in key_labels.RATER_KEY.values()]).value_counts()
    assert set(counts.index) == set(m04.RATERS) and counts.min() >= 3
    for student in IDS:
        picked = m04.rater_scenarios(student)
        assert set(key_labels.rater_key(picked).values()) == set(m04.RATERS)
        assert key_labels.rater_key(picked) == {i: key_labels.RATER_KEY[i][0] for i in picked}
        assert set(key_labels.rater_rationales(picked)) == set(picked)
    # the judgement case: about the client's trust, rated by the therapist
    assert key_labels.RATER_KEY["s04"][0] == "therapist"


# --- WAI-SR by hand ----------------------------------------------------------------


def test_reference_scores_by_hand():
    answers = [5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, None]
    ref = key_scoring.reference_scores(answers)
    assert ref["task"] == pytest.approx((5 + 5 + 5) / 3)
    assert ref["goal"] == pytest.approx((4 + 5 + 4 + 4) / 4)
    assert ref["total"] == pytest.approx(sum(a for a in answers if a) / 11)
    two_blank = [None, None] + [4] * 10
    assert math.isnan(key_scoring.reference_scores(two_blank)["task"])
    assert key_scoring.reference_scores(two_blank)["total"] == 4


@pytest.mark.parametrize("student", IDS)
def test_edge_cases_cover_every_rule(student):
    cases = key_scoring.edge_cases(student)
    by_label = {c.label: c for c in cases}
    assert math.isnan(by_label["two_in_one_subscale"].expected["total"]) is False
    assert sum(math.isnan(v) for v in by_label["two_in_one_subscale"].expected.values()) == 1
    assert math.isnan(by_label["three_missing"].expected["total"])
    assert not any(math.isnan(by_label["three_missing"].expected[s]) for s in KEY)
    assert by_label["out_of_range"].raises is ValueError
    assert len(by_label["eleven_answers"].responses) == 11


@pytest.mark.parametrize("student", IDS)
def test_correct_scorer_passes_edge_and_caseload_cases(student):
    key_scoring.check_function_cases(good_scorer, key_scoring.edge_cases(student), "score_wai_sr")
    key_scoring.check_function_cases(
        good_scorer, key_scoring.caseload_cases(student), "score_wai_sr"
    )


@pytest.mark.parametrize(
    ("scorer", "lesson"),
    [
        (blanks_as_zero, "never count a blank as 0"),
        (mean_of_subscale_means, "not as the mean of the three subscale means"),
        (no_missing_rule, "with two blanks in one subscale"),
        (clips_out_of_range, "raise ValueError instead of scoring, clipping"),
        (raises_wrong_error, "raised RuntimeError, not ValueError"),
        (always_equal, "must be plain data"),
        ("not a function", "should be a function"),
    ],
)
def test_buggy_scorers_fail_with_the_concept_they_missed(scorer, lesson):
    with pytest.raises(CheckFailed, match=lesson):
        key_scoring.check_function_cases(
            scorer, key_scoring.edge_cases("trainee-ana"), "score_wai_sr"
        )


def test_caseload_cases_catch_a_scorer_without_the_missing_rule():
    with pytest.raises(CheckFailed, match="Subscales need 3 of 4"):
        key_scoring.check_function_cases(
            no_missing_rule, key_scoring.caseload_cases("trainee-ana"), "f"
        )


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
def test_csq_is_simulated_for_completers_with_blanks(student):
    csq = m04.csq_discharge(student)
    clients = for_student(student, m04.MODULE).clients
    completers = set(clients.loc[~clients["dropped_out"], "client_id"].astype(str))
    assert set(csq["client_id"]) == completers
    answered = csq[m04.CSQ_ITEMS].stack().dropna()  # pandas 3 keeps NaN when stacking
    assert answered.isin([1, 2, 3, 4]).all()
    assert answered.mean() > 2.5  # satisfaction leans to the top of the scale
    complete = csq[m04.CSQ_ITEMS].notna().all(axis=1)
    ref = key_caseload.csq_reference(student)
    assert ref["n_forms"] == len(csq) and ref["n_scored"] == int(complete.sum()) < len(csq)
    by_hand = csq.loc[complete, m04.CSQ_ITEMS].sum(axis=1).mean()
    assert ref["mean_total"] == pytest.approx(by_hand, abs=0.005)


def test_seq_cannot_be_scored_and_the_answer_says_why():
    spec = instruments.get("seq")
    assert not spec.is_scoreable
    assert key_caseload.SEQ_ANSWER == "key"
    with pytest.raises(instruments.NotScoreableError):
        instruments.score("seq", pd.DataFrame({f"i{k}": [4] for k in range(1, 22)}))


@pytest.mark.parametrize("student", IDS)
def test_srs_lines_add_up_to_the_caseload_totals(student):
    lines = m04.srs_lines(student)
    client = m04.assigned_client(student)
    sessions = for_student(student, m04.MODULE).sessions
    own = sessions[sessions["client_id"] == client].reset_index(drop=True)
    assert lines["session"].tolist() == own["session"].tolist()
    assert lines[m04.SRS_LINES].sum(axis=1).round(1).tolist() == own["srs"].tolist()
    assert lines[m04.SRS_LINES].stack().between(0, 10).all()
    assert ((lines[m04.SRS_LINES] * 10).round(6) % 1 == 0).all().all()
    assert key_caseload.srs_reference(student) == [
        int(s) for s in own.loc[own["srs"] <= 36, "session"]
    ]


@pytest.mark.parametrize("student", IDS)
def test_assigned_client_and_outcome_references(student):
    cl = for_student(student, m04.MODULE)
    client = m04.assigned_client(student)
    row = cl.clients.set_index("client_id").loc[client]
    assert row["problem"] == "alcohol_use" and not row["dropped_out"]
    own = cl.sessions[cl.sessions["client_id"] == client]
    assert key_caseload.ors_reference(student) == [
        int(s) for s in own.loc[own["ors"] < 25, "session"]
    ]
    totals = own.dropna(subset=["audit_total"])["audit_total"].astype(int)
    zones = [1 if t <= 7 else 2 if t <= 15 else 3 if t <= 19 else 4 for t in totals]
    assert key_caseload.audit_reference(student) == zones and len(zones) == 3


@pytest.mark.parametrize("student", IDS)
def test_item9_reference_by_hand(student):
    sessions = for_student(student, m04.MODULE).sessions
    dep = sessions[sessions["phq_i9"].notna()]
    hit = dep[(dep["phq_i9"] > 0) & (dep["phq9_total"] < 10)]
    assert key_caseload.item9_reference(student) == sorted(set(hit["client_id"].astype(str)))
    assert key_caseload.ITEM9_ANSWER in m04.ITEM9_OPTIONS
    keyed = m04.ITEM9_OPTIONS[key_caseload.ITEM9_ANSWER]
    # further assessment by a competent clinician; same day as the course's protocol
    assert "competent to assess suicide risk" in keyed and "the same day" in keyed
    assert "course's protocol" in keyed


# --- client versus therapist ---------------------------------------------------------


@pytest.mark.parametrize("student", IDS)
def test_rating_gap_matches_cohens_d_and_clients_rate_higher(student):
    pairs = m04.paired_ratings(student)
    ref = key_caseload.rating_gap_reference(student)
    per_client = (
        pairs.assign(client=pairs["client_wai_sum"] / 12)
        .groupby("client_id")[["client", "therapist_rating"]]
        .mean()
    )
    both = pd.concat([per_client["client"], per_client["therapist_rating"]], ignore_index=True)
    is_client = pd.Series([True] * len(per_client) + [False] * len(per_client))
    assert ref["d"] == pytest.approx(cohens_d(both, is_client), abs=0.001)
    assert ref["direction"] == "clients higher" and ref["d"] > 0.2
    assert 0 < ref["r"] < 0.8


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
    # client mean 4, therapist mean 3.5; variances 1 and 0.25; pooled sqrt(0.625)
    assert gap["d"] == pytest.approx(round(0.5 / math.sqrt(0.625), 3))
    assert gap["direction"] == "clients higher"
    z = pairs[["client_wai_sum", "therapist_rating"]]
    z = (z - z.mean()) / z.std()
    assert abs(z.iloc[:, 0].mean() - z.iloc[:, 1].mean()) < 1e-12  # the gap vanishes


def test_two_trainees_get_different_answers():
    a, b = "trainee-ana", "trainee-ben"
    assert key_caseload.rating_gap_reference(a) != key_caseload.rating_gap_reference(b)
    assert key_caseload.csq_reference(a) != key_caseload.csq_reference(b)
    assert key_caseload.item9_reference(a) != key_caseload.item9_reference(b)
    assert [c.responses for c in key_scoring.edge_cases(a)] != [
        c.responses for c in key_scoring.edge_cases(b)
    ]


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
    spec = instruments.get("wai-sr")
    # every item shows its paraphrased label from the spec, tagged with its subscale
    for item in spec.items:
        assert any(
            d.description == f"{item.number}. {item.label} [{item.subscales[0]}]" for d in dropdowns
        )
    assert [o[1] for o in dropdowns[0].options] == [None, 1, 2, 3, 4, 5]
    result = box.children[-1]
    assert "not scored" not in result.value
    for d in dropdowns[:3]:
        d.value = None  # three blanks: the total is no longer scored
    assert "total not scored" in result.value


def test_scorer_widget_explains_unscoreable_instruments():
    box = instrument_scorer("seq")
    assert "Not scored by the course" in box.children[-1].value


def test_score_one_matches_the_library():
    row = score_one("csq-8", {k: 3 for k in range(1, 9)})
    assert row["total"] == 24
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
    colour = spec["layer"][0]["encoding"]["color"]["scale"]["range"]
    assert set(colour) <= set(OKABE_ITO)
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
    script = (ROOT / "notebooks/04-measuring-the-alliance/04-measuring-the-alliance.md").read_text()
    # Prose only: a reference to a source the seed also cites may repeat its title.
    ours = [script.split("### References")[0]]
    ours += list(m04.SCENARIOS.values()) + [why for _, why in key_labels.RATER_KEY.values()]
    ours += list(m04.ITEM9_OPTIONS.values()) + list(m04.SEQ_OPTIONS.values())
    for text in ours:
        assert not (_runs_of_ten(text) & seed), text[:80]


# --- the reference answers ------------------------------------------------------------

GRADED = {
    "seed_list_status",
    "may_reprint",
    "perspective",
    "score_wai_sr_edge",
    "score_wai_sr_caseload",
    "csq_summary",
    "seq_blocker",
    "srs_concern_sessions",
    "ors_below_cutoff_sessions",
    "audit_zones",
    "missed_by_total",
    "item9_first_step",
    "rating_gap",
}


def test_reference_is_a_frozen_dataclass_named_after_the_graded_variables():
    ref = reference("trainee-ana")
    assert isinstance(ref, Reference)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.seq_blocker = "licence"  # type: ignore[misc]
    assert {f.name for f in dataclasses.fields(Reference)} == GRADED


@pytest.mark.parametrize("student", IDS)
def test_reference_holds_what_the_hidden_tests_need(student):
    ref = reference(student)
    names = m04.tools_for(student)
    assert ref.seed_list_status == key_labels.tools_key(names)
    assert list(ref.seed_list_status) == names
    assert ref.may_reprint == key_labels.licence_key(m04.licence_quiz(student))
    assert ref.perspective == key_labels.rater_key(list(m04.rater_scenarios(student)))
    assert [c.label for c in ref.score_wai_sr_edge] == [
        c.label for c in key_scoring.edge_cases(student)
    ]
    assert [c.responses for c in ref.score_wai_sr_caseload] == [
        c.responses for c in key_scoring.caseload_cases(student)
    ]
    assert ref.csq_summary == key_caseload.csq_reference(student)
    assert ref.seq_blocker == "key" and ref.seq_blocker in m04.SEQ_OPTIONS
    assert ref.item9_first_step == "assess" and ref.item9_first_step in m04.ITEM9_OPTIONS
    assert ref.srs_concern_sessions == key_caseload.srs_reference(student)
    assert ref.ors_below_cutoff_sessions == key_caseload.ors_reference(student)
    assert ref.audit_zones == key_caseload.audit_reference(student)
    assert ref.missed_by_total == key_caseload.item9_reference(student)
    assert ref.rating_gap == key_caseload.rating_gap_reference(student)
    assert ref.rating_gap["direction"] in m04.DIRECTIONS
    key_scoring.check_function_cases(good_scorer, ref.score_wai_sr_edge, "score_wai_sr")
    key_scoring.check_function_cases(good_scorer, ref.score_wai_sr_caseload, "score_wai_sr")


def _answer_cells() -> dict[str, str]:
    return solution_answers(ROOT / get("04").notebook_path)


@pytest.mark.parametrize("student", ["trainee-ana", "x@example.org"])
def test_model_answers_in_the_notebook_equal_the_reference(student, capsys):
    """The notebook's model answers read no key and give what the hidden tests expect."""
    answers = _answer_cells()
    assert len(answers) == 9
    assert not any("answer_key" in code for code in answers.values())
    cl = for_student(student, m04.MODULE)
    namespace = {
        "instruments": instruments,
        "cl": cl,
        "sessions": cl.sessions,
        "clients": cl.clients,
        "my_tools": m04.tools_for(student),
        "licence_ids": m04.licence_quiz(student),
        "situations": m04.rater_scenarios(student),
        "csq": m04.csq_discharge(student),
        "my_client": m04.assigned_client(student),
        "my_srs": m04.srs_lines(student),
        "pairs": m04.paired_ratings(student),
    }
    for grade_id in sorted(answers, key=lambda g: int(g[2:].split("-")[0])):
        exec(answers[grade_id], namespace)  # noqa: S102 - the notebook's own model answers
    ref = reference(student)
    for field in GRADED - {"score_wai_sr_edge", "score_wai_sr_caseload", "csq_summary"}:
        if field != "rating_gap":
            assert namespace[field] == getattr(ref, field), field
    for field in ("csq_summary", "rating_gap"):
        for key, value in getattr(ref, field).items():
            assert namespace[field][key] == pytest.approx(value, abs=0.01), (field, key)
    for cases in (ref.score_wai_sr_edge, ref.score_wai_sr_caseload):
        key_scoring.check_function_cases(namespace["score_wai_sr"], cases, "score_wai_sr")


def test_the_trainee_package_carries_no_answer():
    names = set(dir(m04))
    for leaked in (
        "reference",
        "seed_list_status",
        "seed_list_table",
        "SEED_IDS",
        "tools_key",
        "tools_rationales",
        "licence_key",
        "licence_rationales",
        "rater_key",
        "rater_rationales",
        "RATER_KEY",
        "Scenario",
        "reference_scores",
        "Case",
        "edge_cases",
        "caseload_cases",
        "check_scores",
        "check_function_cases",
        "csq_reference",
        "SEQ_ANSWER",
        "srs_reference",
        "ors_reference",
        "audit_reference",
        "item9_reference",
        "ITEM9_ANSWER",
        "rating_gap",
        "rating_gap_reference",
    ):
        assert leaked not in names, leaked
    # shown objects are plain: names, texts and option texts, nothing to read an answer from
    assert all(isinstance(name, str) for name in m04.SEED_LIST)
    assert all(isinstance(text, str) for text in m04.SCENARIOS.values())
    assert all(isinstance(text, str) for text in m04.SEQ_OPTIONS.values())
    assert all(isinstance(text, str) for text in m04.ITEM9_OPTIONS.values())


# --------------------------------------------------- what the text says, for 200 trainees


@pytest.mark.slow
def test_what_the_notebook_says_about_the_trainees_data_holds_for_200_trainees():
    """The assigned client is an alcohol-use client who completed treatment, with an ORS at
    every session and three AUDITs (sections 6-7); CSQ-8 forms come from clients who
    finished (section 6); client and therapist rated every session (section 9); SRS counts
    rise towards the top of the scale (the ceiling chart's alt text). Which side of the
    therapist row the client row sits on is computed in the chart cell."""
    from course.modules.m04.data import assigned_client, caseload, csq_discharge

    text = (ROOT / get("04").source).read_text(encoding="utf-8")
    assert "one of your caseload's alcohol-use clients" in text
    assert "client and therapist both rated the alliance in every session" in text
    assert "Counts rise towards the top of the scale" in text
    assert "sits to the right of the therapist" not in text  # the side is computed
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
        audit = cl.items("audit")
        assert (audit["client_id"].astype(str) == client).sum() == 3, student
        finished = set(about.index[~about["dropped_out"].astype(bool)])
        assert set(csq_discharge(student)["client_id"]) == finished, student
        sessions = cl.sessions
        assert sessions["therapist_alliance"].notna().all(), student
        assert sessions[[f"i{k}" for k in range(1, 13)]].notna().all().all(), student
        srs = sessions["srs"]
        assert srs.between(36, 39).sum() > srs.between(31, 34).sum(), student
