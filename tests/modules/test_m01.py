"""Module 01 (the working alliance): exercise material, reference answers, hints, chart, widgets."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import course.instruments as instruments
from course.charts import OKABE_ITO
from course.charts.m01_alliance import (
    alliance_outcome_scatter,
    scatter_alt_text,
    subscale_trajectories,
    trajectory_alt_text,
)
from course.exercises import m01_working_alliance as m01
from course.grading import CheckFailed, expect_close, expect_labels
from course.simulate import for_student
from course.vignettes import bank
from course.widgets.m01_sorter import sorter
from course.widgets.m01_wai_explorer import START, score_answers, wai_sr_explorer

IDS = [f"trainee-{n:02d}" for n in range(1, 31)]
SEED_ARTICLE = Path("/work/shared/seed/000_6a79258b7544083c.txt")


# --- vignette items ---------------------------------------------------------------------


@pytest.mark.parametrize("student", IDS[:10])
def test_sort_items_are_reproducible_unbalanced_and_cover_every_component(student):
    items = m01.sort_items(student)
    assert items == m01.sort_items(student)
    assert [i.label for i in items] == [f"V{n}" for n in range(1, 8)]
    counts = sorted(list(m01.answer_key(items).values()).count(c) for c in m01.COMPONENTS)
    assert counts == [2, 2, 3], "seven vignettes: one component three times, so counting fails"


def test_trainees_get_different_vignettes_and_orders():
    keys = {tuple(i.text for i in m01.sort_items(s)) for s in IDS}
    assert len(keys) == len(IDS)


def test_labels_never_expose_the_bank_ids_that_contain_the_answer():
    ids = [v.id for v in bank().vignettes]
    for student in IDS[:5]:
        for item in m01.sort_items(student) + m01.weakest_items(student):
            assert not re.match(r"(comp|weak)-", item.label)
            shown = m01.as_markdown([item])
            assert not any(vid in shown for vid in ids)


@pytest.mark.parametrize("student", IDS)
def test_practice_vignettes_never_repeat_a_graded_one(student):
    graded = {i.text for i in m01.sort_items(student)}
    practice = m01.practice_items(student)
    assert len(practice) == m01.N_PRACTICE
    assert not graded & {i.text for i in practice}
    assert sorted(m01.answer_key(practice).values()) == sorted(m01.COMPONENTS * 2)


def test_weakest_items_come_from_the_weakest_component_family():
    for student in IDS[:10]:
        items = m01.weakest_items(student)
        assert len(items) == m01.N_WEAKEST
        assert set(m01.answer_key(items).values()) <= set(m01.COMPONENTS)
        texts = {v.text for v in bank().tagged("weakest_component")}
        assert all(i.text in texts for i in items)


def test_markdown_quotes_every_line_of_a_scene():
    scene = next(v for v in bank().tagged("component") if v.speaker == "scene")
    item = m01.Item("V1", scene.text, "goal", scene.rationale, "scene", scene.problem)
    shown = m01.as_markdown([item])
    n_lines = len([line for line in scene.text.splitlines() if line.strip()])
    assert shown.count("\n> ") == n_lines


# --- statements, claims and cases ------------------------------------------------------


@pytest.mark.parametrize("make", [m01.definition_items, m01.claim_items])
def test_judgement_items_mix_true_and_false_and_vary_by_trainee(make):
    seen_true_counts, seen_sets = set(), set()
    for student in IDS:
        items = make(student)
        assert len(items) == 5
        n_true = sum(i.answer is True for i in items)
        assert n_true in (2, 3) and all(type(i.answer) is bool for i in items)
        seen_true_counts.add(n_true)
        seen_sets.add(tuple(i.text for i in items))
    assert seen_true_counts == {2, 3}
    assert len(seen_sets) > len(IDS) // 2


@pytest.mark.parametrize("pool", [m01._STATEMENTS, m01._CLAIMS])
def test_pools_are_balanced_with_one_sentence_rationales(pool):
    assert sum(row[2] for row in pool) == sum(not row[2] for row in pool) == 5
    assert len({row[0] for row in pool}) == len(pool)
    for _id, text, _answer, why in pool:
        assert text.endswith((".", "?")) and why.endswith(".")
        assert 20 <= len(why) <= 320


def test_cases_have_three_options_one_best_and_shuffled_letters():
    bests = {key: set() for key in m01.CASE_KEYS}
    for student in IDS:
        picked = m01.cases(student)
        assert [c.key for c in picked] == ["alcohol", "depression", "safety"]
        for case in picked:
            assert sorted(case.options) == ["a", "b", "c"]
            assert case.best in case.options
            bests[case.key].add(case.best)
    assert all(len(letters) >= 2 for letters in bests.values()), "the best option moves"


def test_every_case_has_exactly_one_best_option_and_safety_cases_name_same_day_action():
    for key, pool in m01._CASES.items():
        for _id, _situation, options, why in pool:
            assert sum(best for _text, best in options) == 1
            if key == "safety":
                best = next(text for text, is_best in options if is_best)
                assert "directly" in best and "same" in best
                assert "same day" in why


def test_case_options_do_not_give_the_answer_away_by_length():
    """The best option is not reliably the longest (a test-wise shortcut)."""
    longest_is_best = 0
    total = 0
    for pool in m01._CASES.values():
        for _id, _s, options, _why in pool:
            lengths = [len(text) for text, _b in options]
            longest_is_best += options[int(np.argmax(lengths))][1]
            total += 1
    assert longest_is_best <= total // 2


def _shingles(text: str, n: int = 10) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEED_ARTICLE.exists(), reason="seed article not on this machine")
def test_module_text_does_not_copy_the_seed_article():
    seed = _shingles(SEED_ARTICLE.read_text(errors="ignore"))
    ours = [row[1] + " " + row[3] for row in m01._STATEMENTS + m01._CLAIMS]
    ours += [
        s + " " + why + " ".join(t for t, _b in o)
        for p in m01._CASES.values()
        for _i, s, o, why in p
    ]
    root = Path(__file__).resolve().parents[2]
    script = (root / "notebooks/01-working-alliance/01-working-alliance.md").read_text()
    # Prose only: a citation of a source the seed also cites may repeat its title.
    ours.append(script.split("### References")[0])
    for text in ours:
        assert not (_shingles(text) & seed), text[:80]


# --- the WAI-SR client ------------------------------------------------------------------


def test_hand_key_is_the_key_in_the_instrument_spec():
    assert m01.wai_key() == m01._KEY


def test_hand_scores_agree_with_the_course_scorer():
    rng = np.random.default_rng(1)
    rows = pd.DataFrame(rng.integers(1, 6, size=(200, 12)), columns=m01.WAI_ITEMS)
    scored = instruments.score("wai-sr", rows)
    for i in range(len(rows)):
        by_hand = m01.hand_scores(rows.iloc[i])
        for name in ("total", *m01.SUBSCALES):
            assert by_hand[name] == pytest.approx(scored[name].iloc[i], abs=1e-12)


@pytest.mark.parametrize("student", IDS[:12] + ["trainee-ana", "trainee-ben", "browser-trainee"])
def test_focus_client_suits_the_exercise(student):
    caseload = for_student(student, m01.MODULE)
    client = m01.focus_client(caseload)
    assert client == m01.focus_client(caseload)
    wai = m01.client_items(caseload, client)
    assert len(wai) >= 6 and list(wai["session"]) == list(range(1, len(wai) + 1))
    means = m01.early_means(instruments.score("wai-sr", wai))
    ordered = sorted(means.values())
    assert ordered[1] - ordered[0] >= 0.25, "a clear weakest early component"
    first = wai[wai["session"] == 1].iloc[0]
    right = m01._subscale_means(first, m01._KEY)
    wrong = m01._subscale_means(first, m01._CONSECUTIVE)
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
    assert m01.early_means(scored) == {"task": 3.0, "goal": 4.0, "bond": 5.0}
    assert m01.weakest(m01.early_means(scored)) == "task"


# --- hints: the hidden tests' teaching messages -----------------------------------------

ROW = pd.Series({f"i{k}": v for k, v in enumerate([5, 4, 3, 4, 5, 4, 2, 4, 3, 5, 4, 4], 1)})


def test_total_hint_names_the_sum_mistake_and_survives_junk():
    assert "sum of the 12 answers" in m01.hand_total_hint(float(ROW.sum()), ROW)

    class Liar:
        def __eq__(self, other):
            return True

    for junk in ("4", None, Liar(), [1, 2], True):
        assert m01.hand_total_hint(junk, ROW).startswith("The WAI-SR total is the mean")


def test_subscale_hint_names_consecutive_blocks_and_sums():
    blocks = m01._subscale_means(ROW, m01._CONSECUTIVE)
    assert "not consecutive blocks" in m01.subscale_hint(blocks, ROW)
    sums = {s: 4 * v for s, v in m01._subscale_means(ROW, m01._KEY).items()}
    assert "sums of four items" in m01.subscale_hint(sums, ROW)
    for junk in (None, "task", {"task": "x"}, [1, 2, 3]):
        assert m01.subscale_hint(junk, ROW).startswith("Each subscale is the mean")


def test_r_hint_names_rank_and_final_score_mistakes():
    clients = for_student("trainee-03", m01.MODULE).clients
    rho = clients["early_alliance"].corr(clients["outcome_change"], method="spearman")
    assert "Spearman" in m01.r_hint(float(rho), clients)
    r_final = clients["early_alliance"].corr(clients["final_score"])
    assert "lower is better" in m01.r_hint(float(r_final), clients)
    assert m01.r_hint("0.3", clients).startswith("Use Pearson's r")


def test_reference_r_is_pearson_across_all_clients():
    clients = for_student("trainee-04", m01.MODULE).clients
    expected = np.corrcoef(clients["early_alliance"], clients["outcome_change"])[0, 1]
    assert m01.alliance_outcome_r(clients) == pytest.approx(expected, abs=1e-12)


# --- the checks the hidden tests run -----------------------------------------------------


def test_hidden_label_check_passes_the_key_and_teaches_on_a_mistake():
    items = m01.sort_items("trainee-05")
    key, why = m01.answer_key(items), m01.rationales(items)
    expect_labels(dict(key), key, "component_labels", why)
    wrong = dict(key)
    first = next(iter(wrong))
    wrong[first] = next(c for c in m01.COMPONENTS if c != key[first])
    with pytest.raises(CheckFailed, match="1 of 7 not right yet") as failure:
        expect_labels(wrong, key, "component_labels", why)
    assert why[first] in str(failure.value)


def test_hidden_checks_refuse_objects_that_claim_to_equal_anything():
    class Anything(dict):
        def __eq__(self, other):
            return True

    items = m01.definition_items("trainee-06")
    with pytest.raises(CheckFailed, match="plain data"):
        expect_labels(Anything(), m01.answer_key(items), "definition_judgements")

    class AnyNumber(float):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailed, match="plain data"):
        expect_close(AnyNumber(0.3), 0.3, "r_alliance_outcome", "Pearson's r.")


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
    r = m01.alliance_outcome_r(clients)
    spec = alliance_outcome_scatter(clients, "T", scatter_alt_text(clients, r)).to_dict()
    points, line = spec["layer"]
    assert points["encoding"]["shape"]["field"] == "problem"
    assert line["transform"][0]["regression"] == "outcome_change"
    assert f"r = {r:.2f}" in spec["description"] and str(len(clients)) in spec["description"]
    datasets = spec["datasets"]
    assert sum(len(rows) for rows in datasets.values()) == len(clients)


# --- widgets -------------------------------------------------------------------------------


def test_sorter_marks_each_text_through_the_check_button():
    items = m01.practice_items("trainee-09")
    key = m01.answer_key(items)
    box = sorter([(i.label, i.text) for i in items], m01.COMPONENTS, key, m01.rationales(items))
    rows = box.children[1].children
    for row, item in zip(rows, items, strict=True):
        row.children[1].value = item.answer
    rows[0].children[1].value = next(c for c in m01.COMPONENTS if c != items[0].answer)
    box.children[2].click()
    assert rows[0].children[2].value.startswith("✘")
    assert all(row.children[2].value.startswith("✔") for row in rows[1:])
    assert f"{len(items) - 1} of {len(items)} right" in box.children[3].value


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
    assert m01.expect_mean_item_score(4, "hand_total") == 4
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
    import nbformat
    import yaml

    root = Path(__file__).resolve().parents[2]
    spec = yaml.safe_load((root / "data" / "submissions" / "01-working-alliance.yaml").read_text())
    nb = nbformat.read(root / "notebooks" / m01.MODULE / f"{m01.MODULE}.ipynb", as_version=4)
    meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
    answers = {m["grade_id"] for m in meta if m.get("solution") and not m.get("task")}
    tests = {m["grade_id"] for m in meta if m.get("grade") and not m.get("solution")}
    for name, profile in spec["profiles"].items():
        assert set(profile.get("answers", {})) <= answers, name
        assert set(profile.get("expect", {})) <= tests, name
        assert set(profile.get("messages", {})) <= set(profile.get("expect", {})), name
    cheat = spec["profiles"]["cheat"]
    assert set(cheat["expect"]) == tests and set(cheat["expect"].values()) == {"zero"}
    partial = spec["profiles"]["typical_mistakes"]["expect"].values()
    assert {"full", "zero"} <= set(partial), "typical mistakes earn partial credit"
