"""Module 01 (the working alliance): shown material, reference answers, hints, chart, widgets."""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest
from answer_key.m01 import Reference, reference
from answer_key.m01 import judgements as key_judgements
from answer_key.m01 import labels as key_labels
from answer_key.m01 import wai as key_wai
from answer_key.vignettes import fresh_bank, key_bank

import course.instruments as instruments
import course.modules.m01 as m01
from course.charts import OKABE_ITO
from course.grading import CheckFailed, expect_close
from course.instructor.submissions import load_profiles
from course.instructor.workload import module_workload, written_lines
from course.modules import get
from course.modules.m01 import (
    alliance_outcome_scatter,
    scatter_alt_text,
    sorter,
    subscale_trajectories,
    trajectory_alt_text,
)
from course.modules.m01.explorer import START, score_answers, wai_sr_explorer
from course.simulate import for_student
from course.vignettes import bank
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]
IDS = [f"trainee-{n:02d}" for n in range(1, 31)]
SEED_ARTICLE = Path("/work/shared/seed/000_6a79258b7544083c.txt")
FAMILIES = ("component", "weakest_component")


# --- vignette items ---------------------------------------------------------------------


def test_sort_items_are_fixed_unbalanced_and_cover_every_component():
    items = m01.sort_items()
    assert [i.label for i in items] == [f"V{n}" for n in range(1, 8)]
    counts = sorted(
        list(key_labels.exercise_key("component").values()).count(c) for c in m01.COMPONENTS
    )
    assert counts == [2, 2, 3], "seven vignettes: one component three times, so counting fails"


def test_graded_order_does_not_group_the_answers():
    for family in FAMILIES:
        values = list(key_labels.exercise_key(family).values())
        assert all(a != b for a, b in zip(values, values[1:], strict=False)), (family, values)


def test_graded_vignettes_exist_in_their_family_and_none_repeats():
    loaded = key_bank()
    everything = [i for family in FAMILIES for i in m01.GRADED_IDS[family]]
    assert len(everything) == len(set(everything))
    for family in FAMILIES:
        for vignette_id in m01.GRADED_IDS[family]:
            assert loaded.get(vignette_id).tag(family) is not None, (family, vignette_id)
            # The trainee package has only the card's text, not its tags.
            assert vignette_id not in {v.id for v in bank().vignettes}


def test_labels_never_expose_the_bank_ids_that_contain_the_answer():
    ids = [v.id for v in fresh_bank().vignettes]
    for item in m01.sort_items() + m01.weakest_items() + m01.practice_items(IDS[0]):
        assert not re.match(r"(comp|weak)-", item.label)
        shown = m01.as_markdown([item])
        assert not any(vid in shown for vid in ids)


def test_shown_items_carry_no_answer():
    for item in m01.sort_items() + m01.weakest_items() + m01.practice_items(IDS[0]):
        names = {f.name for f in dataclasses.fields(item)}
        assert names == {"label", "text", "kind", "problem"}


@pytest.mark.parametrize("student", IDS)
def test_practice_vignettes_never_repeat_a_graded_one_and_vary_by_trainee(student):
    graded = {i.text for i in m01.sort_items()}
    practice = m01.practice_vignettes(student)
    assert len(practice) == m01.N_PRACTICE
    assert not graded & {v.text for v in practice.values()}
    assert sorted(v.tags["component"] for v in practice.values()) == sorted(m01.COMPONENTS * 2)


def test_practice_sets_differ_between_trainees():
    sets = {tuple(v.id for v in m01.practice_vignettes(s).values()) for s in IDS}
    assert len(sets) > len(IDS) // 2


def test_weakest_items_come_from_the_weakest_component_family():
    items = m01.weakest_items()
    assert len(items) == 4
    assert set(key_labels.exercise_key("weakest_component").values()) == set(m01.COMPONENTS)
    texts = {v.text for v in fresh_bank().tagged("weakest_component")}
    assert all(i.text in texts for i in items)


def test_markdown_quotes_every_line_of_a_scene():
    scene = next(v for v in bank().tagged("component") if v.speaker == "scene")
    item = m01.Item("V1", scene.text, "scene", scene.problem)
    shown = m01.as_markdown([item])
    n_lines = len([line for line in scene.text.splitlines() if line.strip()])
    assert shown.count("\n> ") == n_lines


def test_label_key_is_the_bank_tag_under_the_neutral_labels():
    for family in FAMILIES:
        key = key_labels.exercise_key(family)
        by_id = {i: key_bank().get(i).tags[family] for i in m01.GRADED_IDS[family]}
        assert list(key.values()) == [by_id[i] for i in m01.labelled_ids(family).values()]


# --- statements, claims and cases ------------------------------------------------------


@pytest.mark.parametrize(
    ("exercise", "shown"), [("definition", m01.DEFINITION_STATEMENTS), ("claims", m01.CLAIMS)]
)
def test_judgement_items_mix_true_and_false_with_one_sentence_rationales(exercise, shown):
    key = key_judgements.judgement_key(exercise)
    assert list(key) == list(shown) and len(key) == 5
    assert all(type(v) is bool for v in key.values()) and sum(key.values()) in (2, 3)
    for label, why in key_judgements.judgement_rationales(exercise).items():
        assert shown[label].endswith((".", "?")) and why.endswith(".")
        assert 20 <= len(why) <= 320


def test_cases_have_three_options_one_best_and_shuffled_letters():
    bests = {key: set() for key in m01.CASE_KEYS}
    for student in IDS:
        lettered = m01.case_options(student)
        assert list(lettered) == ["alcohol", "depression", "safety"]
        key = key_judgements.case_key(student)
        for case, options in lettered.items():
            assert sorted(options) == ["a", "b", "c"]
            assert options[key[case]] == key_judgements.best_option(case)
            bests[case].add(key[case])
    assert all(len(letters) >= 2 for letters in bests.values()), "the best option moves"


def test_every_case_has_exactly_one_best_option_and_the_safety_case_names_same_day_action():
    for case, (_situation, options) in m01.CASES.items():
        begins = key_judgements.CASE_BEST[case]
        assert sum(text.startswith(begins) for text in options) == 1
    best = key_judgements.best_option("safety")
    assert "directly" in best and "same" in best
    assert "same day" in key_judgements.CASE_WHY["safety"]


def test_case_options_do_not_give_the_answer_away_by_length():
    """The best option is not reliably the longest (a test-wise shortcut)."""
    longest_is_best = 0
    for case, (_situation, options) in m01.CASES.items():
        longest = max(options, key=len)
        longest_is_best += longest == key_judgements.best_option(case)
    assert longest_is_best <= len(m01.CASES) // 2 + 1


def _shingles(text: str, n: int = 10) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="seed article not on this machine")
def test_module_text_does_not_copy_the_seed_article():
    seed = _shingles(SEED_ARTICLE.read_text(errors="ignore"))
    ours = list(m01.DEFINITION_STATEMENTS.values()) + list(m01.CLAIMS.values())
    ours += [why for _t, why in key_judgements.STATEMENT_KEY.values()]
    ours += [why for _t, why in key_judgements.CLAIM_KEY.values()]
    ours += [s + " " + " ".join(o) for s, o in m01.CASES.values()]
    ours += list(key_judgements.CASE_WHY.values())
    script = (ROOT / get("01").source).read_text()
    # Prose only: a citation of a source the seed also cites may repeat its title.
    ours.append(script.split("### References")[0])
    for text in ours:
        assert not (_shingles(text) & seed), text[:80]


# --- the WAI-SR client ------------------------------------------------------------------


def test_hand_key_is_the_key_in_the_instrument_spec():
    assert m01.wai_key() == m01.WAI_KEY


def test_hand_scores_agree_with_the_course_scorer():
    rng = np.random.default_rng(1)
    rows = pd.DataFrame(rng.integers(1, 6, size=(200, 12)), columns=m01.WAI_ITEMS)
    scored = instruments.score("wai-sr", rows)
    for i in range(len(rows)):
        by_hand = key_wai.hand_scores(rows.iloc[i])
        for name in ("total", *m01.SUBSCALES):
            assert by_hand[name] == pytest.approx(scored[name].iloc[i], abs=1e-12)


@pytest.mark.parametrize("student", IDS[:12] + ["trainee-ana", "trainee-ben", "browser-trainee"])
def test_focus_client_suits_the_exercise(student):
    caseload = for_student(student, m01.MODULE)
    client = m01.focus_client(caseload)
    assert client == m01.focus_client(caseload)
    wai = m01.client_items(caseload, client)
    assert len(wai) >= 6 and list(wai["session"]) == list(range(1, len(wai) + 1))
    means = key_wai.early_means(instruments.score("wai-sr", wai))
    ordered = sorted(means.values())
    assert ordered[1] - ordered[0] >= 0.25, "a clear weakest early component"
    first = wai[wai["session"] == 1].iloc[0]
    right = m01.subscale_means(first, m01.WAI_KEY)
    wrong = m01.subscale_means(first, m01.CONSECUTIVE)
    assert any(abs(right[s] - wrong[s]) > 0.2 for s in m01.SUBSCALES)


def test_two_trainees_score_different_clients_or_numbers():
    a, b = (for_student(s, m01.MODULE) for s in ("trainee-ana", "trainee-ben"))
    wa = m01.client_items(a, m01.focus_client(a))
    wb = m01.client_items(b, m01.focus_client(b))
    assert (
        not wa[m01.WAI_ITEMS]
        .reset_index(drop=True)
        .equals(wb[m01.WAI_ITEMS].reset_index(drop=True))
    )


def test_early_means_use_sessions_one_to_three_only_and_weakest_is_the_minimum():
    scored = pd.DataFrame(
        {
            "session": [1, 2, 3, 4],
            "task": [3.0, 3.0, 3.0, 5.0],
            "goal": [4.0] * 4,
            "bond": [5.0] * 4,
        }
    )
    assert key_wai.early_means(scored) == {"task": 3.0, "goal": 4.0, "bond": 5.0}
    assert key_wai.weakest(key_wai.early_means(scored)) == "task"


# --- hints: the hidden tests' teaching messages -----------------------------------------

ROW = pd.Series({f"i{k}": v for k, v in enumerate([5, 4, 3, 4, 5, 4, 2, 4, 3, 5, 4, 4], 1)})


def test_total_hint_names_the_sum_mistake_and_survives_junk():
    assert "sum of the 12 answers" in key_wai.hand_total_hint(float(ROW.sum()), ROW)

    class Liar:
        def __eq__(self, other):
            return True

    for junk in ("4", None, Liar(), [1, 2], True):
        assert key_wai.hand_total_hint(junk, ROW).startswith("The WAI-SR total is the mean")


def test_subscale_hint_names_consecutive_blocks_and_sums():
    blocks = m01.subscale_means(ROW, m01.CONSECUTIVE)
    assert "not consecutive blocks" in key_wai.subscale_hint(blocks, ROW)
    sums = {s: 4 * v for s, v in m01.subscale_means(ROW, m01.WAI_KEY).items()}
    assert "sums of four items" in key_wai.subscale_hint(sums, ROW)
    for junk in (None, "task", {"task": "x"}, [1, 2, 3]):
        assert key_wai.subscale_hint(junk, ROW).startswith("Each subscale is the mean")


def test_r_hint_names_rank_and_final_score_mistakes():
    clients = for_student("trainee-03", m01.MODULE).clients
    rho = clients["early_alliance"].corr(clients["outcome_change"], method="spearman")
    assert "Spearman" in key_wai.r_hint(float(rho), clients)
    r_final = clients["early_alliance"].corr(clients["final_score"])
    assert "lower is better" in key_wai.r_hint(float(r_final), clients)
    assert key_wai.r_hint("0.3", clients).startswith("Use Pearson's r")


def test_reference_r_is_pearson_across_all_clients():
    clients = for_student("trainee-04", m01.MODULE).clients
    expected = np.corrcoef(clients["early_alliance"], clients["outcome_change"])[0, 1]
    assert key_wai.alliance_outcome_r(clients) == pytest.approx(expected, abs=1e-12)


# --- the checks the hidden tests run -----------------------------------------------------


def test_hidden_label_check_passes_the_key_and_teaches_on_a_mistake():
    key = key_labels.exercise_key("component")
    key_labels.check_labels(dict(key), key, "component", "component_labels")
    wrong = dict(key)
    first = next(iter(wrong))
    wrong[first] = next(c for c in m01.COMPONENTS if c != key[first])
    with pytest.raises(CheckFailed, match="1 of 7 not right yet") as failure:
        key_labels.check_labels(wrong, key, "component", "component_labels")
    why = key_labels.labelled_vignettes("component")[first].rationale
    assert why in str(failure.value)


def test_hidden_case_check_explains_the_best_response():
    key = key_judgements.case_key("trainee-05")
    wrong = {**key, "safety": next(x for x in "abc" if x != key["safety"])}
    with pytest.raises(CheckFailed, match="acted on the same day"):
        key_judgements.check_cases(wrong, key)


def test_hidden_checks_refuse_objects_that_claim_to_equal_anything():
    class Anything(dict):
        def __eq__(self, other):
            return True

    key = key_judgements.judgement_key("definition")
    with pytest.raises(CheckFailed, match="plain data"):
        key_judgements.check_judgements(Anything(), key, "definition", "definition_judgements")

    class AnyNumber(float):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailed, match="plain data"):
        expect_close(AnyNumber(0.3), 0.3, "r_alliance_outcome", "Pearson's r.")
    with pytest.raises(CheckFailed, match="plain data"):
        key_wai.check_r(AnyNumber(0.3), 0.3, "trainee-05")


def test_numeric_checks_accept_the_reference_and_name_the_slip():
    student = "trainee-06"
    ref = reference(student)
    key_wai.check_hand_total(ref.hand_total, ref.hand_total, student)
    key_wai.check_hand_subscales(ref.hand_subscales, ref.hand_subscales, student)
    key_wai.check_r(ref.r_alliance_outcome, ref.r_alliance_outcome, student)
    with pytest.raises(CheckFailed, match="sum of the 12 answers"):
        key_wai.check_hand_total(ref.hand_total * 12, ref.hand_total, student)
    sums = {s: 4 * v for s, v in ref.hand_subscales.items()}
    with pytest.raises(CheckFailed, match="sums of four items"):
        key_wai.check_hand_subscales(sums, ref.hand_subscales, student)


# --- the reference answers ------------------------------------------------------------------


def test_reference_is_a_frozen_dataclass_named_after_the_graded_variables():
    ref = reference("trainee-ana")
    assert isinstance(ref, Reference)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.weakest_early = "bond"  # type: ignore[misc]
    graded = {
        "definition_judgements",
        "component_labels",
        "weakest_component",
        "hand_total",
        "hand_subscales",
        "early_means",
        "weakest_early",
        "r_alliance_outcome",
        "claim_judgements",
        "case_choices",
    }
    assert {f.name for f in dataclasses.fields(Reference)} == graded


@pytest.mark.parametrize("student", IDS[:4] + ["trainee-ana", "x@example.org"])
def test_reference_holds_what_the_notebook_computed_before(student):
    ref = reference(student)
    assert ref == reference(student), "computed afresh, the same every time"
    caseload = for_student(student, m01.MODULE)
    wai = m01.client_items(caseload, m01.focus_client(caseload))
    scored = instruments.score("wai-sr", wai)
    first = scored[scored["session"] == 1].iloc[0]
    assert ref.hand_total == pytest.approx(float(first["total"]), abs=1e-12)
    for s in m01.SUBSCALES:
        assert ref.hand_subscales[s] == pytest.approx(float(first[s]), abs=1e-12)
        early = scored.loc[scored["session"] <= 3, s].mean()
        assert ref.early_means[s] == pytest.approx(float(early), abs=1e-12)
    assert ref.weakest_early == min(ref.early_means, key=ref.early_means.get)
    clients = caseload.clients
    assert ref.r_alliance_outcome == pytest.approx(
        float(np.corrcoef(clients["early_alliance"], clients["outcome_change"])[0, 1])
    )
    assert ref.component_labels == key_labels.exercise_key("component")
    assert ref.weakest_component == key_labels.exercise_key("weakest_component")
    assert ref.case_choices == key_judgements.case_key(student)


def test_sorting_and_judgements_are_the_same_for_every_trainee_and_the_numbers_are_not():
    first, second = reference("trainee-ana"), reference("trainee-ben")
    for field in ("definition_judgements", "component_labels", "weakest_component"):
        assert getattr(first, field) == getattr(second, field), field
    assert first.claim_judgements == second.claim_judgements
    assert (first.hand_total, first.r_alliance_outcome) != (
        second.hand_total,
        second.r_alliance_outcome,
    )


def _starters() -> dict[str, str]:
    return {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in nbformat.read(ROOT / get("01").notebook_path, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution") and cell.cell_type == "code"
    }


def test_every_answer_cell_has_a_starter_and_the_module_meets_the_workload_targets():
    """Issue 15: a starter with blanks in every answer cell; nothing left to write beyond
    the blanks; at least 60% of the points on judgement (tagged tests and the written task)."""
    starters = _starters()
    assert len(starters) == 9 and all("..." in s for s in starters.values()), starters
    work = module_workload("01", ROOT / get("01").notebook_path)
    assert max(work.written) == 0, work.written
    assert work.judgement_share >= 0.6 and work.autograded_points + work.manual_points == 22


def test_the_novice_fills_blanks_with_what_the_primer_and_the_boxes_teach():
    """No def, lambda, loop, comprehension, groupby or transform; every line the novice
    writes fills a starter's blanks; the calls are those module 00's primer teaches
    (sum, len, a column's mean) and this module's box (a column's corr)."""
    starters = _starters()
    novice = load_profiles("01-working-alliance")["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == 9
    for cell, code in novice["answers"].items():
        tree = ast.parse(code)
        assert not forbidden_constructs(code), cell
        assert not re.search(r"\.(groupby|transform|apply|iterrows)\b", code), cell
        calls = {
            n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
        }
        assert calls <= {"sum", "len", "mean", "corr"}, (cell, calls)
        assert written_lines(code, starters[cell]) == 0, cell


def test_session_answers_are_the_first_row_by_item_number():
    caseload = for_student("trainee-ana", m01.MODULE)
    wai = m01.client_items(caseload, m01.focus_client(caseload))
    answers = m01.session_answers(wai, 1)
    assert list(answers) == list(range(1, 13))
    assert key_wai.hand_scores(key_wai.first_session("trainee-ana"))["total"] == pytest.approx(
        sum(answers.values()) / 12
    )
    assert all(type(v) is int for v in answers.values())


def test_the_trainee_package_carries_no_answer():
    names = set(dir(m01))
    for leaked in (
        "reference",
        "answer_key",
        "rationales",
        "exercise_key",
        "check_labels",
        "judgement_key",
        "case_key",
        "case_rationales",
        "hand_scores",
        "early_means",
        "weakest",
        "alliance_outcome_r",
        "hand_total_hint",
        "subscale_hint",
        "r_hint",
    ):
        assert leaked not in names, leaked
    assert all(isinstance(t, str) for t in m01.DEFINITION_STATEMENTS.values())
    assert all(isinstance(t, str) for t in m01.CLAIMS.values())
    assert all(isinstance(t, str) for _s, options in m01.CASES.values() for t in options)


# --- charts --------------------------------------------------------------------------------


def test_trajectory_chart_has_title_alt_text_safe_palette_and_dashes():
    caseload = for_student("trainee-07", m01.MODULE)
    client = m01.focus_client(caseload)
    scored = instruments.score("wai-sr", m01.client_items(caseload, client))
    chart = subscale_trajectories(scored, "Title", trajectory_alt_text(scored, client))
    spec = chart.to_dict()
    assert spec["title"] == "Title" and spec["description"].startswith("Line chart")
    assert spec["encoding"]["color"]["scale"]["range"] == OKABE_ITO[:3]
    assert spec["encoding"]["y"]["scale"]["domain"] == [1, 5]
    assert spec["encoding"]["strokeDash"]["field"] == "subscale"
    # One merged legend (colour + dash); a hidden dash legend would hide the colour key too.
    assert spec["encoding"]["strokeDash"].get("legend") is not None
    assert spec["encoding"]["color"]["title"] == spec["encoding"]["strokeDash"]["title"]


def test_scatter_has_one_point_per_client_and_a_regression_line():
    clients = for_student("trainee-08", m01.MODULE).clients
    r = key_wai.alliance_outcome_r(clients)
    spec = alliance_outcome_scatter(clients, "T", scatter_alt_text(clients, r)).to_dict()
    points, line = spec["layer"]
    assert points["encoding"]["shape"]["field"] == "problem"
    assert line["transform"][0]["regression"] == "outcome_change"
    assert f"r = {r:.2f}" in spec["description"] and str(len(clients)) in spec["description"]
    datasets = spec["datasets"]
    assert sum(len(rows) for rows in datasets.values()) == len(clients)


# --- widgets -------------------------------------------------------------------------------


def test_sorter_marks_each_text_through_the_check_button():
    practice = m01.practice_vignettes("trainee-09")
    key = {label: v.tags["component"] for label, v in practice.items()}
    why = {label: v.rationale for label, v in practice.items()}
    box = sorter([(label, v.text) for label, v in practice.items()], m01.COMPONENTS, key, why)
    rows = box.children[1].children
    for row, label in zip(rows, practice, strict=True):
        row.children[1].value = key[label]
    first = next(iter(key))
    rows[0].children[1].value = next(c for c in m01.COMPONENTS if c != key[first])
    box.children[2].click()
    assert rows[0].children[2].value.startswith("✘")
    assert all(row.children[2].value.startswith("✔") for row in rows[1:])
    assert f"{len(key) - 1} of {len(key)} right" in box.children[3].value


def test_practice_sorter_shows_this_trainees_practice_vignettes():
    box = m01.practice_sorter("trainee-09")
    rows = box.children[1].children
    assert len(rows) == m01.N_PRACTICE
    assert "P1" in rows[0].children[0].value


def test_wai_explorer_rescores_when_a_slider_moves():
    box = wai_sr_explorer()
    result = box.children[-1]
    assert "bond 3.00" in result.value and "hides it" in result.value
    bond_group = box.children[2]
    for slider in bond_group.children[1:]:
        slider.value = 5
    assert "bond 5.00" in result.value and "hides it" not in result.value
    assert score_answers({**START, 3: 5, 5: 5, 7: 5, 9: 5})["bond"] == 5.0


# --- visible checks and simulated submissions ----------------------------------------------


def test_mean_item_score_check_names_sums_and_refuses_liars():
    assert m01.expect_mean_item_score(4, "hand_total") is None  # a test cell shows nothing
    with pytest.raises(CheckFailed, match="not sums"):
        m01.expect_mean_item_score(47.0, "hand_total")
    with pytest.raises(CheckFailed, match="outside the possible range 1 to 5"):
        m01.expect_mean_item_score(0.5, "early_means['bond']")

    class AnyNumber(float):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailed, match="plain data"):
        m01.expect_mean_item_score(AnyNumber(3.0), "hand_total")


def test_submission_profiles_name_real_cells_and_the_cheat_tries_every_item():
    import yaml

    spec = yaml.safe_load((ROOT / get("01").profiles).read_text())
    nb = nbformat.read(ROOT / get("01").notebook_path, as_version=4)
    meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
    answers = {m["grade_id"] for m in meta if m.get("solution") and not m.get("task")}
    tests = {m["grade_id"] for m in meta if m.get("grade") and not m.get("solution")}
    for name, profile in spec["profiles"].items():
        assert set(profile.get("answers", {})) <= answers, name
        assert set(profile.get("expect", {})) <= tests, name
        assert set(profile.get("messages", {})) <= set(profile.get("expect", {})), name
        for code in profile.get("answers", {}).values():
            assert "answer_key" not in code and ".answer" not in code and ".best" not in code
    cheat = spec["profiles"]["cheat"]
    assert set(cheat["expect"]) == tests and set(cheat["expect"].values()) == {"zero"}
    partial = spec["profiles"]["typical_mistakes"]["expect"].values()
    assert {"full", "zero"} <= set(partial), "typical mistakes earn partial credit"


# --- what the notebook says about the trainee's own data, for 200 trainees ---------------

AUDIT_IDS = [f"audit-{n}" for n in range(200)]


@pytest.mark.slow
def test_what_the_notebook_says_about_the_caseload_holds_for_200_trainees():
    """The text promises: the focus client's WAI-SR for every session attended, sessions 1-3
    present (exercises 4-6), 60 clients (chart 2), and low-total PHQ-9 forms with item 9
    above 0 to show (the phq9-flags cell)."""
    text = (ROOT / get("01").source).read_text(encoding="utf-8")
    assert "WAI-SR answers for every session they attended" in text
    assert "With only 60 clients" in text
    assert "The cell below shows the point in your own caseload" in text
    rs = []
    for student in AUDIT_IDS:
        caseload = for_student(student, m01.MODULE)
        client = m01.focus_client(caseload)
        wai = m01.client_items(caseload, client)
        attended = caseload.clients.set_index("client_id").loc[client, "sessions_attended"]
        assert len(wai) == attended and wai["session"].is_unique, student
        assert {1, 2, 3} <= set(wai["session"]), student
        assert len(caseload.clients) == 60, student
        phq = instruments.score("phq-9", caseload.items("phq-9"))
        assert ((phq["total"] < 10) & phq["safety_flag"]).any(), student
        rs.append(caseload.clients["early_alliance"].corr(caseload.clients["outcome_change"]))
    # "your r can easily land anywhere from about .05 to .50": the middle 90% of trainees
    low, high = np.quantile(rs, [0.05, 0.95])
    assert 0.0 <= low <= 0.1 and 0.4 <= high <= 0.55, (low, high)
