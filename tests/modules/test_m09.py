"""Module 09 (culture, consent and risk): cards and keys, this week's forms, the widget
and chart, and the notebook graded in process.

The card keys must agree within each slot (so a literal model answer holds for every
trainee while the scenes differ); this week's forms are cross-checked against an
independent pandas computation on the trainee's caseload; the teaching checks must
refuse wrong and lying answers; the model answers, the release and every submission
profile are graded through the notebook's own test cells (tests/modules/grading.py).
"""

from __future__ import annotations

import ast
import dataclasses
import json
import re
from pathlib import Path

import nbformat
import pytest
from answer_key.m09 import keys as ak_keys
from answer_key.m09.cards import CARDS

from answer_key import m09 as ak
from course.grading import CheckFailed
from course.instructor.submissions import load_profiles
from course.instructor.workload import written_lines
from course.modules import get, m09
from tests.modules.grading import forbidden_constructs

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "09-culture-consent-and-risk"
IDS = ["trainee-ana", "trainee-ben", "trainee-09", "x-42", "profile-typical_mistakes"]


def _key_file() -> dict:
    return {
        card_id: {"family": family, "value": value, "rationale": why}
        for card_id, (family, value, why) in CARDS.items()
    }


# ------------------------------------------------------------------ cards and keys


def test_every_card_has_a_text_a_key_and_a_rationale():
    texts, cards = m09.card_texts(), _key_file()
    assert set(texts) == set(cards)
    slotted = [i for family in m09.SLOTS.values() for slot in family for i in slot]
    assert sorted(slotted) == sorted(texts), "every card sits in exactly one slot"
    for card_id, entry in cards.items():
        assert 20 <= len(entry["rationale"]) <= 320 and entry["rationale"].endswith("."), card_id
        assert 30 <= len(texts[card_id]) <= 700, card_id


def test_cards_in_a_slot_share_their_family_and_answer():
    cards = _key_file()
    for family, slots in m09.SLOTS.items():
        for slot in slots:
            assert {cards[i]["family"] for i in slot} == {family}
            assert len({cards[i]["value"] for i in slot}) == 1, slot


def test_each_exercise_is_balanced():
    for family in m09.SLOTS:
        key, _ = ak.card_key(family, "trainee-ana")
        values = list(key.values())
        assert len(set(values)) == 2 and values.count(values[0]) == 2, (family, values)


def test_trainees_read_different_scenes_with_the_same_key():
    drawn = {sid: m09.drawn_ids("opportunity", sid) for sid in IDS + ["a", "b", "c", "d"]}
    assert len({tuple(d.values()) for d in drawn.values()}) > 1
    keys = {tuple(ak.card_key("opportunity", sid)[0].items()) for sid in drawn}
    assert len(keys) == 1


def test_the_trainee_package_carries_no_answer():
    raw = (ROOT / "course/data/m09_vignettes.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert set(data) == {"about", "cards"}
    assert all(isinstance(text, str) for text in data["cards"].values())
    for word in ("rationale", 'explores"', 'passive"', '"value"'):
        assert word not in raw, word
    names = set(dir(m09))
    for leaked in ("reference", "card_key", "CONSENT_KEY", "CODE_KEY", "SAFETY_PLAN_KEY"):
        assert leaked not in names, leaked
    text = m09.exercise_vignettes("repair", "trainee-ana")[1]
    assert "m09-card" not in text and text.startswith("**R1** (simulated)")


def test_statement_keys_cover_what_is_shown():
    assert set(ak.CONSENT_KEY) == set(m09.CONSENT_STATEMENTS) == set(ak.CONSENT_WHY)
    assert set(ak.CODE_KEY) == set(m09.CODE_SITUATIONS) == set(ak.CODE_WHY)
    assert sorted(ak.CODE_KEY.values()) == sorted(m09.CODE_SECTIONS.index)
    assert set(ak.SAFETY_PLAN_KEY) == set(m09.SAFETY_PLAN_STATEMENTS) == set(ak.SAFETY_PLAN_WHY)
    assert set(ak.TRAINEE_KEY) == set(m09.TRAINEE_ACTIONS) == set(ak.TRAINEE_WHY)


def test_check_labels_teaches_the_concept_and_refuses_liars():
    key, _ = ak.card_key("repair", "trainee-ana")
    ak.check_cards(dict(key), key, "repair", "trainee-ana", "repair_responses")
    wrong = {label: not value for label, value in key.items()}
    with pytest.raises(CheckFailed, match="4 of 4 not right yet") as failure:
        ak.check_cards(wrong, key, "repair", "trainee-ana", "repair_responses")
    assert "owning its impact" in str(failure.value)

    class Liar(dict):
        def __eq__(self, other):
            return True

    with pytest.raises(CheckFailed, match="plain data"):
        ak.check_cards(Liar(key), key, "repair", "trainee-ana", "repair_responses")


# ------------------------------------------------------------------ this week's forms


@pytest.mark.parametrize("sid", IDS)
def test_week_forms_come_from_the_trainees_caseload(sid):
    forms = m09.week_forms(sid)
    assert list(forms.index) == ["P1", "P2", "P3", "P4", "P5", "P6"]
    sessions = m09.trainee_caseload(sid).sessions
    depressed = sessions[sessions["phq_i9"].notna()]
    last = depressed.loc[depressed.groupby("client_id", observed=True)["session"].idxmax()]
    last = last.assign(client_id=last["client_id"].astype(str)).set_index("client_id")
    for _, row in forms.iterrows():
        assert row["phq9_total"] == last.loc[row["client_id"], "phq9_total"]
        assert row["phq9_item9"] == last.loc[row["client_id"], "phq_i9"]
    positives = int((forms["phq9_item9"] > 0).sum())
    assert 1 <= positives <= 3
    assert forms["client_id"].is_unique


def test_week_forms_vary_and_usually_hold_both_traps():
    with_low_positive = with_high_zero = 0
    answers = set()
    for k in range(60):
        forms = m09.week_forms(f"trainee-{k:02d}")
        answers.add(tuple(ak.expected_same_day(f"trainee-{k:02d}")))
        pos, zero = forms[forms["phq9_item9"] > 0], forms[forms["phq9_item9"] == 0]
        with_low_positive += bool((pos["phq9_total"] < 10).any())
        with_high_zero += bool((zero["phq9_total"] >= 15).any())
    assert len(answers) >= 10
    assert with_low_positive >= 45 and with_high_zero >= 30, (with_low_positive, with_high_zero)


def test_check_same_day_names_the_slip_without_the_answer():
    sid = "profile-typical_mistakes"
    expected = ak.expected_same_day(sid)
    ak.check_same_day(list(reversed(expected)), expected, sid)
    with pytest.raises(CheckFailed) as failure:
        ak.check_same_day(["P5"], expected, sid)
    message = str(failure.value)
    assert "A low total does not cancel item 9" in message
    assert "does not trigger the same-day" in message
    assert not any(label in message for label in expected)
    with pytest.raises(CheckFailed, match="should be a list"):
        ak.check_same_day("P1", expected, sid)


def test_reference_is_a_frozen_dataclass_computed_afresh():
    ref = ak.reference("trainee-ben")
    assert dataclasses.is_dataclass(ref) and ref == ak.reference("trainee-ben")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.same_day_forms = []  # type: ignore[misc]
    assert ref.consent_judgements == ak_keys.CONSENT_KEY
    assert ref.same_day_forms == ak.expected_same_day("trainee-ben")


# ------------------------------------------------------------------ widget and chart


def test_sorter_feedback_and_the_check_button():
    assert m09.sorter_feedback(list(m09.RISK_STEPS)).startswith("All 6 steps")
    swapped = list(m09.RISK_STEPS)
    swapped[3], swapped[4] = swapped[4], swapped[3]
    assert m09.sorter_feedback(swapped).startswith("4 of 6 steps in place. Position 4")
    assert "twice" in m09.sorter_feedback([m09.RISK_STEPS[0]] * 6)
    box = m09.risk_conversation_sorter("trainee-ana")
    dropdowns = box.children[:6]
    assert list(dropdowns[0].options)[1:] == m09.shuffled_steps("trainee-ana")
    for dropdown, step in zip(dropdowns, m09.RISK_STEPS, strict=True):
        dropdown.value = step
    box.check()
    assert "All 6 steps" in box.children[-1].value


def test_totals_chart_shows_totals_only_with_title_and_alt_text():
    forms = m09.week_forms("trainee-ana")
    spec = m09.totals_chart(forms, "Totals", "Six bars.").to_dict()
    assert spec["title"] == "Totals" and spec["description"] == "Six bars."
    assert "phq9_item9" not in json.dumps(spec)


def test_no_instrument_wording_ships():
    source = (ROOT / get("09").source).read_text(encoding="utf-8")
    for phrase in ("Have you wished you were dead", "Have you actually had any thoughts"):
        assert phrase not in source
    assert not re.search(r"\b\d{3}[- ]\d{3,4}[- ]\d{4}\b", source), "no phone numbers"


# ------------------------------------------------------- the notebook, graded in process


def test_the_novice_fills_blanks_with_what_the_primer_teaches():
    starters = {
        cell.metadata["nbgrader"]["grade_id"]: cell.metadata.get("starter", "")
        for cell in nbformat.read(ROOT / get("09").notebook_path, as_version=4).cells
        if cell.metadata.get("nbgrader", {}).get("solution")
    }
    assert all(starters.values()), "every answer cell has a starter"
    novice = load_profiles(FOLDER)["novice"]
    assert set(novice["answers"]) == set(starters)
    assert set(novice["expect"].values()) == {"full"} and len(novice["expect"]) == 9
    for cell, code in novice["answers"].items():
        tree = ast.parse(code)
        assert not forbidden_constructs(code), cell
        assert not any(isinstance(n, ast.Call) for n in ast.walk(tree)), cell
        assert written_lines(code, starters[cell]) == 0, cell
