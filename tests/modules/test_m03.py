"""Module 03 (the client's perspective): shown data, reference answers, checks, widget, charts."""

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
from answer_key.m03 import Reference, reference
from answer_key.m03 import caseload as key_caseload
from answer_key.m03 import choices as key_choices
from answer_key.m03 import labels as key_labels
from answer_key.m03 import self_check as key_self_check
from answer_key.vignettes import fresh_bank, key_bank
from scipy import stats

import course.modules.m03 as m03
from course.charts import OKABE_ITO
from course.grading import CheckFailed
from course.instructor.submissions import load_profiles
from course.instructor.workload import written_lines
from course.modules import get
from course.modules.m03 import CABRAL_SMITH, cabral_smith_chart, d_interval, match_strip
from course.simulate.validate import cohens_d as simulate_cohens_d
from course.vignettes import bank, graded_texts
from tests.modules import AUDIT_IDS
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]
IDS = ["trainee-ana", "trainee-ben", "trainee-03", "x@example.org"]
FAMILIES = ["quality", "theme", "match_dimension"]


class _Liar:
    """Claims to equal anything; the checks must refuse it."""

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


# --- vignettes -------------------------------------------------------------------------------


def _key(ids, family):
    loaded = fresh_bank()
    return {i: loaded.get(i).tags[family] for i in ids}


@pytest.mark.parametrize(
    ("family", "k", "per_value"),
    [("theme", 8, 2), ("match_dimension", 5, 1)],
)
def test_graded_sets_are_balanced_per_value(family, k, per_value):
    key = _key(m03.GRADED_IDS[family], family)
    assert len(key) == k
    counts = pd.Series(list(key.values())).value_counts()
    assert set(counts) == {per_value}, counts.to_dict()


def test_quality_set_uses_six_different_qualities_from_the_list():
    values = list(_key(m03.GRADED_IDS["quality"], "quality").values())
    assert len(set(values)) == 6 and set(values) <= set(m03.QUALITY_LABELS)


def test_label_lists_match_the_vocabulary():
    families = bank().vocabulary.families
    assert m03.QUALITY_LABELS == families["quality"].allowed()
    assert m03.THEME_LABELS == families["theme"].allowed()
    assert m03.MATCH_LABELS == families["match_dimension"].allowed()


def test_graded_sets_exist_in_the_bank_and_no_text_appears_in_two_exercises():
    loaded = key_bank()
    everything = [i for family in FAMILIES for i in m03.GRADED_IDS[family]]
    assert len(everything) == len(set(everything))
    for family in FAMILIES:
        for vignette_id in m03.GRADED_IDS[family]:
            assert loaded.get(vignette_id).tag(family) is not None, (family, vignette_id)
            # The trainee package has the text, and no tag or rationale, of each one.
            assert graded_texts()[vignette_id].text == loaded.get(vignette_id).text
            assert vignette_id not in {v.id for v in bank().vignettes}


def test_graded_order_does_not_group_the_answers():
    for family in ("theme", "match_dimension"):
        values = list(key_labels.exercise_key(family).values())
        assert values != sorted(values), family
        assert all(a != b for a, b in zip(values, values[1:], strict=False)), family


@pytest.mark.parametrize("family", FAMILIES)
def test_cards_use_neutral_labels_and_hide_ids_tags_and_rationales(family):
    labels, cards = m03.exercise_vignettes(family)
    labelled = key_labels.labelled_vignettes(family)
    assert labels == list(labelled) == list(m03.labelled_ids(family))
    assert labels[0] == m03.PREFIXES[family] + "1"
    for label, vignette in labelled.items():
        # Bank ids such as qual-trust-001 name the answer: they must not be shown.
        assert vignette.id not in cards.data
        assert vignette.rationale not in cards.data
        assert f"**{label}**" in cards.data
        assert vignette.text.splitlines()[0].strip() in cards.data


def test_exercise_key_is_the_bank_answer_key_under_the_labels():
    labelled = key_labels.labelled_vignettes("quality")
    key = key_labels.exercise_key("quality")
    by_id = {v.id: v.tags["quality"] for v in labelled.values()}
    assert [key[label] for label in labelled] == [by_id[v.id] for v in labelled.values()]
    assert key_labels.exercise_key("quality") == key


def test_check_labels_passes_the_key_and_teaches_on_a_mistake():
    key = key_labels.exercise_key("theme")
    key_labels.check_labels(key, key, "theme", "theme_labels")
    swap = {
        "connecting_deeper": "facilitating_openness",
        "facilitating_openness": "connecting_deeper",
    }
    wrong = {k: swap.get(v, v) for k, v in key.items()}
    with pytest.raises(CheckFailed) as failure:
        key_labels.check_labels(wrong, key, "theme", "theme_labels")
    message = str(failure.value)
    assert "4 of 8 not right yet" in message
    assert "Openness is about feeling safe to disclose" in message
    first_wrong = next(k for k, v in key.items() if v in swap)
    assert f"{first_wrong}: you said {wrong[first_wrong]!r}" in message
    rationale = key_labels.labelled_vignettes("theme")[first_wrong].rationale
    assert rationale in message


def test_check_labels_refuses_an_always_equal_object():
    key = key_labels.exercise_key("match_dimension")
    liars = {k: _Liar() for k in key}
    with pytest.raises(CheckFailed, match="plain data"):
        key_labels.check_labels(liars, key, "match_dimension", "match_labels")
    with pytest.raises(CheckFailed):
        key_labels.check_labels(_Liar(), key, "match_dimension", "match_labels")


def test_one_swapped_pair_of_labels_does_not_pass():
    key = key_labels.exercise_key("quality")
    wrong = dict(key)
    wrong["Q5"], wrong["Q6"] = key["Q6"], key["Q5"]
    with pytest.raises(CheckFailed, match="`quality_labels`: 2 of 6 not right yet"):
        key_labels.check_labels(wrong, key, "quality", "quality_labels")


# --- the self-check questions ------------------------------------------------------------------


def test_eleven_questions_each_in_one_of_five_areas():
    assert len(m03.SELF_CHECK) == 11
    assert len(set(m03.SELF_CHECK_KEYS)) == 11
    assert {q.area for q in m03.SELF_CHECK} == set(m03.AREAS)
    # The last question is about the client's own part.
    assert m03.SELF_CHECK[-1].area == "openness"


def test_self_check_questions_are_paraphrased_not_copied():
    seed_questions = [
        "Does my therapist listen to me?",
        "Does my therapist understand me?",
        "Do I trust my therapist?",
        "Does therapy make me feel better?",
        "Do I like my therapist?",
        "Are we working on things I want to work on?",
        "Does my therapist care about me?",
        "Do I feel supported by my therapist?",
        "Is my therapist qualified to treat my problems?",
        "Have I benefited from therapy?",
        "How honest am I in therapy?",
    ]
    ours = {q.text.lower() for q in m03.SELF_CHECK}
    assert not ours & {s.lower() for s in seed_questions}


@pytest.mark.parametrize("student", IDS)
def test_each_simulated_client_has_one_clearly_lowest_area(student):
    table = m03.self_check_clients(student)
    assert table.shape == (3, 11)
    assert table.isin([1, 2, 3, 4, 5]).all().all()
    areas = {q.key: q.area for q in m03.SELF_CHECK}
    lowest = []
    for client, row in table.iterrows():
        means = row.groupby(row.index.map(areas)).mean().sort_values()
        assert means.iloc[0] <= 2 and means.iloc[1] >= 3, (client, means.to_dict())
        assert (row == 3).sum() >= 1, "a middling distractor answer"
        lowest.append(means.index[0])
    assert len(set(lowest)) == 3, "three different areas"
    assert key_self_check.self_check_key(student) == dict(zip(table.index, lowest, strict=True))


def test_self_check_data_differ_between_trainees():
    tables = [m03.self_check_clients(s) for s in IDS]
    assert not all(tables[0].equals(t) for t in tables[1:])


def test_shown_tables_group_each_clients_answers_by_area_without_averaging_them():
    assert list(m03.questions_table().columns) == ["question"]
    assert list(m03.areas_table().index) == list(m03.AREAS)
    table = m03.self_check_clients("trainee-ana")
    shown = m03.answers_by_area(table)
    assert list(shown.columns) == list(m03.SELF_CHECK_CLIENTS)
    areas = {q.key: q.area for q in m03.SELF_CHECK}
    for (area, key), row in shown.iterrows():
        assert areas[key] == area
        assert list(row) == list(table[key])
    # the judgement is the trainee's: no means, no "lowest" shown
    assert len(shown) == 11 and "mean" not in " ".join(map(str, shown.columns))


def test_check_self_check_names_the_client_and_the_questions():
    key = key_self_check.self_check_key("trainee-ana")
    key_self_check.check_self_check(key, key, "trainee-ana")
    wrong = dict(key)
    wrong["client_B"] = next(a for a in m03.AREAS if a != key["client_B"])
    with pytest.raises(CheckFailed, match="client_B") as failure:
        key_self_check.check_self_check(wrong, key, "trainee-ana")
    assert "do not let one middling answer elsewhere distract you" in str(failure.value)


def test_widget_summary_and_widget_react_to_answers():
    answers = {q.key: 5 for q in m03.SELF_CHECK}
    assert "No area stands out" in m03.self_check_summary(answers)
    answers["honest"] = 1
    assert "Raise first: My own openness" in m03.self_check_summary(answers)
    box = m03.self_check_widget()
    toggles = [row.children[1] for row in box.children[1:-1]]
    result = box.children[-1]
    assert len(toggles) == 11
    before = result.value
    toggles[8].value = 1  # "qualified"
    assert result.value != before and "Confidence in the counsellor" in result.value


# --- multiple choice ------------------------------------------------------------------------------


@pytest.mark.parametrize("item", sorted(m03.OPTION_TEXTS))
def test_options_are_a_per_trainee_permutation_with_one_correct(item):
    letters = set()
    for student in [f"trainee-{i:02d}" for i in range(20)]:
        shown = m03.options(student, item)
        assert sorted(shown.values()) == sorted(m03.OPTION_TEXTS[item])
        letter = key_choices.correct_letter(student, item)
        assert shown[letter].startswith(key_choices.CORRECT[item])
        letters.add(letter)
    assert len(letters) >= 3, "the correct letter must vary between trainees"
    texts = m03.OPTION_TEXTS[item]
    assert sum(t.startswith(key_choices.CORRECT[item]) for t in texts) == 1
    # every wrong option has its reason, and only the right one has none
    assert [bool(key_choices.why_wrong(item, t)) for t in texts].count(False) == 1
    assert len(key_choices.WHY[item]) == len(texts) - 1


def test_check_choice_explains_the_option_chosen():
    student = "trainee-ana"
    right = key_choices.correct_letter(student, "closeness")
    key_choices.check_choice(right, right, student, "closeness", "closeness_answer", "concept")
    shown = m03.options(student, "closeness")
    trial = next(k for k, v in shown.items() if "randomised trial" in v)
    with pytest.raises(CheckFailed, match="randomised nothing"):
        key_choices.check_choice(trial, right, student, "closeness", "closeness_answer", "c")
    with pytest.raises(CheckFailed):
        key_choices.check_choice(_Liar(), right, student, "closeness", "closeness_answer", "c")


def test_cabral_options_carry_the_published_effect_sizes():
    correct = next(
        t for t in m03.OPTION_TEXTS["cabral"] if t.startswith(key_choices.CORRECT["cabral"])
    )
    for number in (".63", ".32", ".09"):
        assert number in correct
    assert list(CABRAL_SMITH["d"]) == [0.63, 0.32, 0.09]
    assert list(CABRAL_SMITH["studies"]) == [52, 81, 53]


# --- confidence intervals -------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(6))
def test_welch_interval_agrees_with_scipy(seed):
    rng = np.random.default_rng(seed)
    a = rng.normal(4.0, 0.5, rng.integers(5, 40))
    b = rng.normal(3.8, 0.8, rng.integers(5, 40))
    est = key_caseload.welch_interval(a, b)
    ref = stats.ttest_ind(a, b, equal_var=False).confidence_interval()
    assert est.difference == pytest.approx(a.mean() - b.mean())
    assert est.ci_low == pytest.approx(ref.low) and est.ci_high == pytest.approx(ref.high)
    wider = key_caseload.welch_interval(a, b, level=0.99)
    assert wider.ci_low < est.ci_low and wider.ci_high > est.ci_high


@pytest.mark.parametrize("student", IDS)
def test_interval_parts_shown_to_trainees_agree_with_scipy_and_the_key(student):
    clients = m03.caseload_clients(student)
    for column in m03.MATCH_NAMES:
        parts = m03.interval_parts(clients, column)
        assert list(parts) == list(m03.PART_MEANINGS)
        flag = clients[column]
        values = clients["early_alliance"]
        ref = stats.ttest_ind(values[flag], values[~flag], equal_var=False).confidence_interval()
        margin = parts["t"] * parts["se"]
        assert parts["difference"] - margin == pytest.approx(ref.low)
        assert parts["difference"] + margin == pytest.approx(ref.high)
        est = key_caseload.match_estimate(clients, column)
        assert (parts["se"], parts["df"]) == pytest.approx((est.se, est.df))
        assert parts["n_matched"] + parts["n_unmatched"] == 60
    table = m03.interval_table(clients, ["gender_match", "religion_match"])
    gender = key_caseload.match_estimate(clients, "gender_match")
    assert table.loc["gender_match", "ci_low"] == pytest.approx(gender.ci_low)
    assert table.loc["gender_match", "ci_high"] == pytest.approx(gender.ci_high)
    shown = m03.show_parts(m03.interval_parts(clients, "ethnicity_match"))
    assert list(shown.index) == list(m03.PART_MEANINGS) and "what it is" in shown.columns


def test_interval_parts_says_what_goes_in_a_blank():
    clients = m03.caseload_clients("trainee-ana")
    for blank in (..., "early_alliance", "ethnicity"):
        with pytest.raises(ValueError, match="match column in quotes"):
            m03.interval_parts(clients, blank)


def test_welch_interval_needs_two_per_group():
    with pytest.raises(ValueError, match="at least two"):
        key_caseload.welch_interval([4.0], [3.0, 4.0])


def test_match_estimate_uses_matched_minus_unmatched_on_the_caseload():
    clients = m03.caseload_clients("trainee-ana")
    est = key_caseload.match_estimate(clients, "ethnicity_match")
    means = clients.groupby("ethnicity_match")["early_alliance"].mean()
    assert est.difference == pytest.approx(means[True] - means[False])
    assert est.n_matched == int(clients["ethnicity_match"].sum())
    assert est.n_matched + est.n_unmatched == len(clients) == 60


def test_caseload_is_fresh_per_call_so_hidden_tests_cannot_be_tampered_with():
    first = m03.caseload_clients("trainee-ana")
    first.loc[:, "early_alliance"] = 5.0
    assert not (m03.caseload_clients("trainee-ana")["early_alliance"] == 5.0).all()


def test_two_trainees_get_different_estimates():
    a = key_caseload.reference_estimate("trainee-ana", "ethnicity_match")
    b = key_caseload.reference_estimate("trainee-ben", "ethnicity_match")
    assert a.difference != b.difference


def test_reading_key_follows_the_interval():
    assert key_caseload.reading_key(0.01, 0.5) == "B"
    assert key_caseload.reading_key(-0.5, -0.01) == "E"
    assert key_caseload.reading_key(-0.1, 0.3) == "C"
    assert key_caseload.reading_key(0.0, 0.3) == "C"


def test_reading_check_uses_the_trainees_own_interval():
    for student in IDS:
        right = reference(student).ethnic_reading
        key_caseload.check_reading(right, right)
        with pytest.raises(CheckFailed, match="absence of evidence"):
            key_caseload.check_reading("D", right)
        with pytest.raises(CheckFailed, match="cannot show cause"):
            key_caseload.check_reading("A", right)


def _bounds(est, half):
    return [est.difference - half, est.difference + half]


def test_interval_diagnoses_name_the_slip():
    student = "trainee-ana"
    clients = m03.caseload_clients(student)
    est = key_caseload.match_estimate(clients, "ethnicity_match")
    expected = [est.ci_low, est.ci_high]

    def check(value):
        key_caseload.check_interval(value, expected, student, "ethnicity_match", "ethnic_ci")

    check([est.ci_low, est.ci_high])
    flag = clients["ethnicity_match"]
    sds = clients.groupby(flag)["early_alliance"].std()
    too_wide = _bounds(est, 2.0 * math.sqrt(sds[True] ** 2 + sds[False] ** 2))
    with pytest.raises(CheckFailed, match="standard error"):
        check(too_wide)
    with pytest.raises(CheckFailed, match="not a standard deviation"):
        check(_bounds(est, stats.t.ppf(0.975, est.df) * sds[True]))
    with pytest.raises(CheckFailed, match="not 1.96"):
        check(_bounds(est, 1.959963984540054 * est.se))
    with pytest.raises(CheckFailed, match="multiply the standard error by the t value"):
        check(_bounds(est, est.se))
    with pytest.raises(CheckFailed, match="wrong sign"):
        check([-est.ci_high, -est.ci_low])
    with pytest.raises(CheckFailed, match="two numbers"):
        check([est.ci_low])
    with pytest.raises(CheckFailed):
        check(_Liar())


def test_pooled_interval_is_diagnosed_when_it_differs_from_welch():
    # Unequal groups with unequal spread: the pooled interval is clearly different.
    clients = pd.DataFrame(
        {
            "m": [True] * 8 + [False] * 40,
            "early_alliance": list(np.linspace(3.0, 5.0, 8)) + list(np.linspace(3.8, 4.2, 40)),
        }
    )
    values, flag = clients["early_alliance"], clients["m"]
    pooled = stats.ttest_ind(values[flag], values[~flag], equal_var=True).confidence_interval()
    message = key_caseload.diagnose_interval([pooled.low, pooled.high], clients, "m", "ci")
    assert "pooled-variance" in message


def test_difference_check_catches_a_reversed_sign():
    student = next(s for s in IDS if abs(reference(s).ethnic_difference) > 0.02)
    right = reference(student).ethnic_difference

    def check(value):
        key_caseload.check_difference(value, right, student, "ethnicity_match", "d")

    check(right)
    with pytest.raises(CheckFailed, match="sign is reversed"):
        check(-right)
    with pytest.raises(CheckFailed, match="True"):
        check(right + 0.2)


@pytest.mark.parametrize("student", IDS)
def test_interval_readings_follow_each_interval_and_teach_on_a_mistake(student):
    key = key_caseload.interval_readings(student)
    assert list(key) == ["gender_match", "religion_match"]
    for column, label in key.items():
        est = key_caseload.reference_estimate(student, column)
        wanted = {"B": "higher_when_matched", "C": "cannot_tell", "E": "higher_when_unmatched"}
        assert label == wanted[key_caseload.reading_key(est.ci_low, est.ci_high)]
        assert label in m03.READING_LABELS
    key_caseload.check_interval_readings(key, key, student, "interval_readings")
    with pytest.raises(CheckFailed, match="absence of evidence is not evidence of absence"):
        key_caseload.check_interval_readings(
            {k: "no_difference" for k in key}, key, student, "interval_readings"
        )
    with pytest.raises(CheckFailed):
        key_caseload.check_interval_readings(_Liar(), key, student, "interval_readings")


def test_reading_an_interval_by_the_sign_of_its_difference_is_caught():
    """The typical slip: an interval across zero read as the group with the higher mean."""
    student = next(
        s
        for s in AUDIT_IDS
        if key_caseload.interval_readings(s)["gender_match"] == "cannot_tell"
        and abs(key_caseload.reference_estimate(s, "gender_match").difference) > 0.05
    )
    key = key_caseload.interval_readings(student)
    by_sign = dict(key)
    diff = key_caseload.reference_estimate(student, "gender_match").difference
    by_sign["gender_match"] = "higher_when_matched" if diff > 0 else "higher_when_unmatched"
    with pytest.raises(CheckFailed, match="whatever the sign of the difference itself"):
        key_caseload.check_interval_readings(by_sign, key, student, "interval_readings")


def test_a_bound_that_shows_as_zero_may_be_read_as_touching_zero(monkeypatch):
    near = key_caseload.MatchEstimate(0.2, 0.0003, 0.4, 0.1, 50.0, 30, 30)
    monkeypatch.setattr(key_caseload, "reference_estimate", lambda student, column: near)
    key = {"gender_match": "higher_when_matched", "religion_match": "higher_when_matched"}
    key_caseload.check_interval_readings(key, key, "s", "r")
    key_caseload.check_interval_readings(
        {"gender_match": "cannot_tell", "religion_match": "higher_when_matched"}, key, "s", "r"
    )
    with pytest.raises(CheckFailed):
        key_caseload.check_interval_readings(
            {"gender_match": "no_difference", "religion_match": "cannot_tell"}, key, "s", "r"
        )


def test_cohens_d_agrees_with_the_simulator_validation():
    clients = m03.caseload_clients("trainee-03")
    ours = m03.cohens_d(clients, "ethnicity_match")
    theirs = simulate_cohens_d(clients["early_alliance"], clients["ethnicity_match"])
    assert ours == pytest.approx(theirs)


# --- the reference answers ------------------------------------------------------------------------


def test_reference_is_a_frozen_dataclass_named_after_the_graded_variables():
    ref = reference("trainee-ana")
    assert isinstance(ref, Reference)
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.ethnic_reading = "B"  # type: ignore[misc]
    graded = {
        "quality_labels",
        "theme_labels",
        "match_labels",
        "closeness_answer",
        "first_to_raise",
        "ethnic_difference",
        "ethnic_ci",
        "interval_readings",
        "ethnic_reading",
        "cabral_answer",
    }
    assert {f.name for f in dataclasses.fields(Reference)} == graded


@pytest.mark.parametrize("student", IDS)
def test_reference_holds_what_the_checks_accept(student):
    ref = reference(student)
    assert ref == reference(student), "computed afresh, the same every time"
    for family, field in zip(
        FAMILIES, ["quality_labels", "theme_labels", "match_labels"], strict=True
    ):
        assert getattr(ref, field) == key_labels.exercise_key(family)
        key_labels.check_labels(getattr(ref, field), getattr(ref, field), family, field)
    key_self_check.check_self_check(ref.first_to_raise, ref.first_to_raise, student)
    ethnic = key_caseload.reference_estimate(student, "ethnicity_match")
    assert ref.ethnic_difference == ethnic.difference
    assert ref.ethnic_ci == [ethnic.ci_low, ethnic.ci_high]
    assert ref.ethnic_reading == key_caseload.reading_key(*ref.ethnic_ci)
    assert ref.interval_readings == key_caseload.interval_readings(student)
    for item in ("closeness", "cabral"):
        letter = getattr(ref, f"{item}_answer")
        assert m03.options(student, item)[letter].startswith(key_choices.CORRECT[item])


def test_labels_are_the_same_for_every_trainee_and_the_numbers_are_not():
    first, second = reference("trainee-ana"), reference("trainee-ben")
    assert first.quality_labels == second.quality_labels
    assert first.theme_labels == second.theme_labels
    assert first.ethnic_ci != second.ethnic_ci


SOLUTION_MARKERS = re.compile(r"^### (BEGIN|END) SOLUTION\n?", re.MULTILINE)


def test_the_novice_fills_blanks_with_what_the_primer_and_the_box_teach():
    """Issue 15: no def, lambda, loop, comprehension, groupby or transform; every line the
    novice writes fills a starter's blanks, so the trainee writes no code beyond them; the
    one call the novice makes is a column's mean, taught in module 00's primer."""
    starters = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in nbformat.read(ROOT / get("03").notebook_path, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    novice = load_profiles("03-client-perspective")["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == 10
    for cell, code in novice["answers"].items():
        tree = ast.parse(code)
        assert not forbidden_constructs(code), cell
        assert not re.search(r"\.(groupby|transform|apply|iterrows)\b", code), cell
        calls = {
            n.func.attr if isinstance(n.func, ast.Attribute) else n.func.id
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
        }
        assert calls <= {"mean"}, (cell, calls)  # a column's mean: the primer's last call
        assert written_lines(code, starters[cell]) == 0, cell


def test_the_trainee_package_carries_no_answer():
    names = set(dir(m03))
    for leaked in (
        "reference",
        "exercise_key",
        "check_labels",
        "correct_letter",
        "check_choice",
        "CHOICES",
        "lowest_area",
        "self_check_key",
        "check_self_check",
        "welch_interval",
        "match_estimate",
        "reference_estimate",
        "reading_key",
        "READING_WHY",
        "check_interval",
        "interval_readings",
        "check_interval_readings",
        "READING_LABEL",
    ):
        assert leaked not in names, leaked
    # options are plain texts: no .correct or .why to read
    assert all(isinstance(t, str) for texts in m03.OPTION_TEXTS.values() for t in texts)
    # exercise data reach the notebook as labels and Markdown, not as tagged vignettes
    labels, cards = m03.exercise_vignettes("theme")
    assert all(isinstance(label, str) for label in labels) and isinstance(cards.data, str)


# --- charts ---------------------------------------------------------------------------------------


def test_match_strip_has_title_alt_text_and_safe_palette():
    clients = m03.caseload_clients("trainee-ana")
    spec = match_strip(clients, "A title", "Alt text here.").to_dict()
    assert spec["title"] == "A title" and spec["description"] == "Alt text here."
    assert spec["facet"]["column"]["field"] == "dimension"
    colour = spec["spec"]["layer"][0]["encoding"]["color"]["scale"]["range"]
    assert colour == OKABE_ITO[:2]
    shapes = spec["spec"]["layer"][0]["encoding"]["shape"]["scale"]["range"]
    assert len(set(shapes)) == 2, "groups differ by shape as well as colour"


def test_cabral_chart_shows_the_three_effects_and_the_trainees_d():
    spec = cabral_smith_chart((0.3, 27, 33), "T", "A.").to_dict()
    data = spec["datasets"]
    values = [row["d"] for rows in data.values() for row in rows]
    assert {0.63, 0.32, 0.09, 0.3} <= set(values)
    without = cabral_smith_chart(None, "T", "A.").to_dict()
    assert len(without["layer"]) == 2
    with pytest.raises(ValueError):
        cabral_smith_chart(None, "T", " ")


def test_d_interval_matches_the_large_sample_formula():
    low, high = d_interval(0.5, 20, 40)
    se = math.sqrt(60 / 800 + 0.25 / 120)
    assert low == pytest.approx(0.5 - 1.96 * se) and high == pytest.approx(0.5 + 1.96 * se)


# --------------------------------------------------- what the text says, for 200 trainees


def test_what_the_notebook_says_about_the_trainees_data_holds_for_200_trainees():
    """Exercise 5 (one clearly lowest area per client, one middling 3 elsewhere), section 6
    (60 clients, 8 counsellors; the chart's 'most scores lie between 3 and 5'; both religion
    groups big enough for the worked example) and section 7 (about four in five ethnic
    intervals include zero; a few religion intervals exclude it)."""
    from course.modules.m03.self_check import area_means, self_check_clients
    from course.simulate import for_student

    text = (ROOT / get("03").source).read_text(encoding="utf-8")
    assert "Your simulated caseload has 60 clients seen by 8 counsellors." in text
    assert "most scores lie between 3 and 5" in text
    assert "(about four in five) will include zero" in text
    ethnic_includes_zero, religion_excludes_zero = [], []
    for student in AUDIT_IDS:
        for client, answers in self_check_clients(student).iterrows():
            means = sorted(area_means(answers).values())
            assert means[0] < means[1], (student, client)
            assert (answers == 3).sum() == 1, (student, client)
        clients = for_student(student, "03-client-perspective").clients
        assert len(clients) == 60 and clients["therapist_id"].nunique() == 8, student
        assert clients["early_alliance"].between(3, 5).mean() > 0.5, student
        assert clients["religion_match"].value_counts().min() >= 2, student
        ethnic = key_caseload.match_estimate(clients, "ethnicity_match")
        religion = key_caseload.match_estimate(clients, "religion_match")
        ethnic_includes_zero.append(ethnic.ci_low <= 0 <= ethnic.ci_high)
        religion_excludes_zero.append(not religion.ci_low <= 0 <= religion.ci_high)
    assert 0.65 <= np.mean(ethnic_includes_zero) <= 0.9, np.mean(ethnic_includes_zero)
    assert 0 < np.mean(religion_excludes_zero) <= 0.1, np.mean(religion_excludes_zero)
