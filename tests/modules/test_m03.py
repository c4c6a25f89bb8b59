"""Module 03 (the client's perspective): exercise data, answers, checks, widget, charts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from course.charts import OKABE_ITO
from course.charts.m03_match import CABRAL_SMITH, cabral_smith_chart, d_interval, match_strip
from course.exercises import m03_client_perspective as m03
from course.grading import CheckFailed
from course.simulate.validate import cohens_d as simulate_cohens_d
from course.vignettes import answer_key, bank
from course.widgets.m03_self_check import self_check_summary, self_check_widget

IDS = ["trainee-ana", "trainee-ben", "trainee-03", "x@example.org"]


class _Liar:
    """Claims to equal anything; the checks must refuse it."""

    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


# --- vignettes -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sampler", "family", "k", "per_value"),
    [
        (m03.theme_vignettes, "theme", 8, 2),
        (m03.match_vignettes, "match_dimension", 5, 1),
    ],
)
def test_vignette_samples_are_balanced_per_value(sampler, family, k, per_value):
    for student in IDS:
        key = answer_key(sampler(student), family)
        assert len(key) == k
        counts = pd.Series(list(key.values())).value_counts()
        assert set(counts) == {per_value}, (student, counts.to_dict())


def test_quality_sample_uses_six_different_qualities_from_the_list():
    for student in IDS:
        values = list(answer_key(m03.quality_vignettes(student), "quality").values())
        assert len(set(values)) == 6 and set(values) <= set(m03.QUALITY_LABELS)


def test_label_lists_match_the_vocabulary():
    families = bank().vocabulary.families
    assert m03.QUALITY_LABELS == families["quality"].allowed()
    assert m03.THEME_LABELS == families["theme"].allowed()
    assert m03.MATCH_LABELS == families["match_dimension"].allowed()


def test_samples_are_reproducible_and_differ_between_trainees():
    first = [v.id for v in m03.theme_vignettes("trainee-ana")]
    assert first == [v.id for v in m03.theme_vignettes("trainee-ana")]
    others = {tuple(v.id for v in m03.theme_vignettes(s)) for s in IDS}
    assert len(others) > 1


@pytest.mark.parametrize("family", ["quality", "theme", "match_dimension"])
def test_cards_use_neutral_labels_and_hide_ids_tags_and_rationales(family):
    labels, cards = m03.exercise_vignettes("trainee-ana", family)
    labelled = m03.labelled_vignettes("trainee-ana", family)
    assert labels == list(labelled)
    assert labels[0] == m03.PREFIXES[family] + "1"
    for label, vignette in labelled.items():
        # Bank ids such as qual-trust-001 name the answer: they must not be shown.
        assert vignette.id not in cards.data
        assert vignette.rationale not in cards.data
        assert f"**{label}**" in cards.data
        assert vignette.text.splitlines()[0].strip() in cards.data


def test_exercise_key_is_the_bank_answer_key_under_the_labels():
    labelled = m03.labelled_vignettes("trainee-ben", "quality")
    key = m03.exercise_key("trainee-ben", "quality")
    by_id = answer_key(list(labelled.values()), "quality")
    assert [key[label] for label in labelled] == [by_id[v.id] for v in labelled.values()]
    assert m03.exercise_key("trainee-ben", "quality") == key


def test_check_labels_passes_the_key_and_teaches_on_a_mistake():
    key = m03.exercise_key("trainee-ben", "theme")
    m03.check_labels(key, "trainee-ben", "theme", "theme_labels")
    swap = {
        "connecting_deeper": "facilitating_openness",
        "facilitating_openness": "connecting_deeper",
    }
    wrong = {k: swap.get(v, v) for k, v in key.items()}
    with pytest.raises(CheckFailed) as failure:
        m03.check_labels(wrong, "trainee-ben", "theme", "theme_labels")
    message = str(failure.value)
    assert "4 of 8 not right yet" in message
    assert "Openness is about feeling safe to disclose" in message
    first_wrong = next(k for k, v in key.items() if v in swap)
    assert f"{first_wrong}: you said {wrong[first_wrong]!r}" in message
    rationale = m03.labelled_vignettes("trainee-ben", "theme")[first_wrong].rationale
    assert rationale in message


def test_check_labels_refuses_an_always_equal_object():
    liars = {k: _Liar() for k in m03.exercise_key("trainee-ana", "match_dimension")}
    with pytest.raises(CheckFailed, match="plain data"):
        m03.check_labels(liars, "trainee-ana", "match_dimension", "match_labels")
    with pytest.raises(CheckFailed):
        m03.check_labels(_Liar(), "trainee-ana", "match_dimension", "match_labels")


def test_a_classmates_labels_do_not_pass():
    mine = m03.exercise_key("trainee-ana", "quality")
    theirs = m03.exercise_key("trainee-ben", "quality")
    assert mine != theirs
    with pytest.raises(CheckFailed):
        m03.check_labels(theirs, "trainee-ana", "quality", "quality_labels")


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
    assert m03.self_check_key(student) == dict(zip(table.index, lowest, strict=True))


def test_self_check_data_differ_between_trainees():
    tables = [m03.self_check_clients(s) for s in IDS]
    assert not all(tables[0].equals(t) for t in tables[1:])


def test_check_self_check_names_the_client_and_the_questions():
    key = m03.self_check_key("trainee-ana")
    m03.check_self_check(key, "trainee-ana")
    wrong = dict(key)
    wrong["client_B"] = next(a for a in m03.AREAS if a != key["client_B"])
    with pytest.raises(CheckFailed, match="client_B") as failure:
        m03.check_self_check(wrong, "trainee-ana")
    assert "average the questions of each area" in str(failure.value)


def test_widget_summary_and_widget_react_to_answers():
    answers = {q.key: 5 for q in m03.SELF_CHECK}
    assert "No area stands out" in self_check_summary(answers)
    answers["honest"] = 1
    assert "Raise first: My own openness" in self_check_summary(answers)
    box = self_check_widget()
    toggles = [row.children[1] for row in box.children[1:-1]]
    result = box.children[-1]
    assert len(toggles) == 11
    before = result.value
    toggles[8].value = 1  # "qualified"
    assert result.value != before and "Confidence in the counsellor" in result.value


# --- multiple choice ------------------------------------------------------------------------------


@pytest.mark.parametrize("item", sorted(m03.CHOICES))
def test_options_are_a_per_trainee_permutation_with_one_correct(item):
    letters = set()
    for student in [f"trainee-{i:02d}" for i in range(20)]:
        shown = m03.options(student, item)
        assert sorted(shown.values()) == sorted(o.text for o in m03.CHOICES[item])
        letter = m03.correct_letter(student, item)
        assert next(o for o in m03.CHOICES[item] if o.text == shown[letter]).correct
        letters.add(letter)
    assert len(letters) >= 3, "the correct letter must vary between trainees"
    assert sum(o.correct for o in m03.CHOICES[item]) == 1
    assert all(o.why for o in m03.CHOICES[item] if not o.correct)


def test_check_choice_explains_the_option_chosen():
    student = "trainee-ana"
    right = m03.correct_letter(student, "closeness")
    m03.check_choice(right, student, "closeness", "closeness_answer", "concept")
    shown = m03.options(student, "closeness")
    trial = next(k for k, v in shown.items() if "randomised trial" in v)
    with pytest.raises(CheckFailed, match="randomised nothing"):
        m03.check_choice(trial, student, "closeness", "closeness_answer", "concept")
    with pytest.raises(CheckFailed):
        m03.check_choice(_Liar(), student, "closeness", "closeness_answer", "concept")


def test_cabral_options_carry_the_published_effect_sizes():
    correct = next(o.text for o in m03.CHOICES["cabral"] if o.correct)
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
    est = m03.welch_interval(a, b)
    ref = stats.ttest_ind(a, b, equal_var=False).confidence_interval()
    assert est.difference == pytest.approx(a.mean() - b.mean())
    assert est.ci_low == pytest.approx(ref.low) and est.ci_high == pytest.approx(ref.high)
    wider = m03.welch_interval(a, b, level=0.99)
    assert wider.ci_low < est.ci_low and wider.ci_high > est.ci_high


def test_welch_interval_needs_two_per_group():
    with pytest.raises(ValueError, match="at least two"):
        m03.welch_interval([4.0], [3.0, 4.0])


def test_match_estimate_uses_matched_minus_unmatched_on_the_caseload():
    clients = m03.caseload_clients("trainee-ana")
    est = m03.match_estimate(clients, "ethnicity_match")
    means = clients.groupby("ethnicity_match")["early_alliance"].mean()
    assert est.difference == pytest.approx(means[True] - means[False])
    assert est.n_matched == int(clients["ethnicity_match"].sum())
    assert est.n_matched + est.n_unmatched == len(clients) == 60


def test_caseload_is_fresh_per_call_so_hidden_tests_cannot_be_tampered_with():
    first = m03.caseload_clients("trainee-ana")
    first.loc[:, "early_alliance"] = 5.0
    assert not (m03.caseload_clients("trainee-ana")["early_alliance"] == 5.0).all()


def test_two_trainees_get_different_estimates():
    a = m03.reference_estimate("trainee-ana", "ethnicity_match")
    b = m03.reference_estimate("trainee-ben", "ethnicity_match")
    assert a.difference != b.difference


def test_reading_key_follows_the_interval():
    assert m03.reading_key(0.01, 0.5) == "B"
    assert m03.reading_key(-0.5, -0.01) == "E"
    assert m03.reading_key(-0.1, 0.3) == "C"
    assert m03.reading_key(0.0, 0.3) == "C"


def test_reading_check_uses_the_trainees_own_interval():
    for student in IDS:
        est = m03.reference_estimate(student, "ethnicity_match")
        right = m03.reading_key(est.ci_low, est.ci_high)
        m03.check_reading(right, student)
        with pytest.raises(CheckFailed, match="absence of evidence"):
            m03.check_reading("D", student)
        with pytest.raises(CheckFailed, match="cannot show cause"):
            m03.check_reading("A", student)


def _bounds(est, half):
    return [est.difference - half, est.difference + half]


def test_interval_diagnoses_name_the_slip():
    student = "trainee-ana"
    clients = m03.caseload_clients(student)
    est = m03.match_estimate(clients, "ethnicity_match")
    m03.check_interval([est.ci_low, est.ci_high], student, "ethnicity_match", "ethnic_ci")
    flag = clients["ethnicity_match"]
    sds = clients.groupby(flag)["early_alliance"].std()
    too_wide = _bounds(est, 2.0 * math.sqrt(sds[True] ** 2 + sds[False] ** 2))
    with pytest.raises(CheckFailed, match="standard error"):
        m03.check_interval(too_wide, student, "ethnicity_match", "ethnic_ci")
    z_bounds = _bounds(est, 1.959963984540054 * est.se)
    with pytest.raises(CheckFailed, match="not 1.96"):
        m03.check_interval(z_bounds, student, "ethnicity_match", "ethnic_ci")
    with pytest.raises(CheckFailed, match="wrong sign"):
        m03.check_interval([-est.ci_high, -est.ci_low], student, "ethnicity_match", "ethnic_ci")
    with pytest.raises(CheckFailed, match="two numbers"):
        m03.check_interval([est.ci_low], student, "ethnicity_match", "ethnic_ci")
    with pytest.raises(CheckFailed):
        m03.check_interval(_Liar(), student, "ethnicity_match", "ethnic_ci")


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
    message = m03.diagnose_interval([pooled.low, pooled.high], clients, "m", "ci")
    assert "pooled-variance" in message


def test_difference_check_catches_a_reversed_sign():
    student = next(
        s for s in IDS if abs(m03.reference_estimate(s, "ethnicity_match").difference) > 0.02
    )
    est = m03.reference_estimate(student, "ethnicity_match")
    m03.check_difference(est.difference, student, "ethnicity_match", "d")
    with pytest.raises(CheckFailed, match="sign is reversed"):
        m03.check_difference(-est.difference, student, "ethnicity_match", "d")
    with pytest.raises(CheckFailed, match="True"):
        m03.check_difference(est.difference + 0.2, student, "ethnicity_match", "d")


def test_estimate_check_accepts_the_reference_and_refuses_other_trainees_numbers():
    mine = m03.reference_estimate("trainee-ana", "gender_match").as_answer()
    m03.check_estimate(mine, "trainee-ana", "gender_match", "gender_result")
    theirs = m03.reference_estimate("trainee-ben", "gender_match").as_answer()
    with pytest.raises(CheckFailed):
        m03.check_estimate(theirs, "trainee-ana", "gender_match", "gender_result")
    with pytest.raises(CheckFailed, match="dict"):
        m03.check_estimate([1, 2, 3], "trainee-ana", "gender_match", "gender_result")


def test_cohens_d_agrees_with_the_simulator_validation():
    clients = m03.caseload_clients("trainee-03")
    ours = m03.cohens_d(clients, "ethnicity_match")
    theirs = simulate_cohens_d(clients["early_alliance"], clients["ethnicity_match"])
    assert ours == pytest.approx(theirs)


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
