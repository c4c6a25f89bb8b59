"""The instrument specs: they load, they are honest, and a broken one fails loudly."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

import course.instruments as instruments
from course.instruments.loader import SPEC_DIR, load_spec
from course.instruments.spec import KEY_FACTS

FIXED_IDS = {
    "wai",
    "wai-s",
    "wai-sr",
    "csq-8",
    "crf",
    "crf-s",
    "seq",
    "r-gssss",
    "srs",
    "ors",
    "phq-9",
    "audit",
    "ceq",
}
SEED_TOOLS = {
    "psychotherapy-questionnaire",
    "treatment-expectancy-evaluation-form",
    "program-evaluation-form",
}
SCOREABLE = {"wai-sr", "csq-8", "srs", "ors", "phq-9", "audit", "ceq"}


def all_specs():
    return [instruments.get(i) for i in instruments.ids()]


def test_every_fixed_id_and_seed_tool_is_catalogued():
    assert FIXED_IDS | SEED_TOOLS <= set(instruments.ids())


def test_catalogue_has_one_row_per_instrument_with_the_agreed_columns():
    table = instruments.catalogue()
    assert list(table.columns) == [
        "id",
        "name",
        "respondent",
        "n_items",
        "subscales",
        "licence",
        "item_text_shipped",
        "scoreable",
        "status",
    ]
    assert sorted(table["id"]) == instruments.ids()
    assert table["status"].str.len().min() > 10
    assert set(table.loc[table["scoreable"], "id"]) == SCOREABLE
    assert not table["item_text_shipped"].any()


def test_seed_tools_are_honestly_marked_rather_than_invented():
    table = instruments.catalogue().set_index("id")
    for tool in ("psychotherapy-questionnaire", "program-evaluation-form"):
        assert "not identified" in table.loc[tool, "status"]
        spec = instruments.get(tool)
        assert spec.availability == "not_identified" and not spec.items
        assert all(f.status != "sourced" for f in spec.facts)
    # The UB page names its source, so this one is catalogued with what is known, not scored.
    form = instruments.get("treatment-expectancy-evaluation-form")
    assert not form.is_scoreable and "Propst" in form.status_note


def test_every_spec_records_every_key_fact_with_evidence_or_a_reason():
    for spec in all_specs():
        assert {f.fact for f in spec.facts} == set(KEY_FACTS), spec.id
        for fact in spec.facts:
            if fact.status == "sourced":
                assert fact.sources and fact.strength, (spec.id, fact.fact)
            else:
                assert fact.why and len(fact.why) > 10, (spec.id, fact.fact)


def test_unconfirmed_keys_assign_no_items_and_the_catalogue_says_why():
    table = instruments.catalogue().set_index("id")
    for spec in all_specs():
        if spec.fact("subscale_key").status == "unknown":
            assert not any(item.subscales for item in spec.items), spec.id
            assert not table.loc[spec.id, "scoreable"]
            assert "not" in table.loc[spec.id, "status"]


def test_licence_forbids_item_text_so_labels_are_short_paraphrases():
    for spec in all_specs():
        if spec.licence.item_text_may_ship:
            continue
        for item in spec.items:
            assert item.paraphrased, (spec.id, item.number)
            assert len(item.label.split()) <= 8, (spec.id, item.label)
            assert not item.label.endswith("?"), (spec.id, item.label)
            # A paraphrase names a topic; it does not address the respondent like an item does.
            assert not re.search(r"\b(I|my|me|you|your)\b", item.label), (spec.id, item.label)


def test_scoreable_specs_state_direction_and_range_for_every_scale():
    for spec in all_specs():
        if not spec.is_scoreable:
            continue
        for scale in spec.scoring.scales:
            assert scale.higher_is in ("better", "worse", "neither")
            assert spec.scale_items(scale), (spec.id, scale.name)


def test_phq9_safety_flag_says_what_a_clinician_does():
    flag = next(f for f in instruments.get("phq-9").flags if f.name == "safety_flag")
    assert flag.applies_to == "item:9" and flag.op == ">" and flag.value == 0
    # The questionnaire's guidance (further assessment by a competent clinician) and the
    # course's own protocol (the same day) are stated as what they are.
    assert "competent" in flag.meaning and "further assessment" in flag.meaning
    assert "course's protocol" in flag.meaning and "same day" in flag.meaning
    labels = {item.number: item.label for item in instruments.get("phq-9").items}
    assert "better off dead" in labels[9]


def test_srs_records_the_cutoff_disagreement_and_the_course_rule():
    spec = instruments.get("srs")
    flag = next(f for f in spec.flags if f.name == "alliance_concern")
    assert flag.op == "<=" and flag.value == 36
    cited = {c.key for c in spec.citations}
    assert {"hiboop_srs", "cauceos_srs", "hansen_srs"} <= cited
    assert "below 36" in spec.notes and "flags 36 or below" in spec.notes


def test_wai_family_names_no_copyright_holder_without_a_primary_source():
    for instrument_id in ("wai", "wai-s", "wai-sr"):
        spec = instruments.get(instrument_id)
        licence = {f.fact: f for f in spec.facts}["licence"]
        assert spec.licence.holder is None and licence.status == "unknown", instrument_id
        assert spec.licence.item_text_may_ship is False


def test_unknown_id_suggests_the_closest_ones():
    with pytest.raises(instruments.UnknownInstrumentError, match=r"Did you mean 'phq-9'"):
        instruments.get("phq9")
    with pytest.raises(ValueError, match="Known ids"):
        instruments.get("beck")


def test_catalogue_only_instruments_refuse_to_score_and_say_why():
    frame = pd.DataFrame({f"i{k}": [1] for k in range(1, 37)})
    with pytest.raises(instruments.NotScoreableError, match="not confirmed"):
        instruments.score("wai", frame)


# -- malformed specs -------------------------------------------------------------------------


def write_variant(tmp_path: Path, mutate, name: str = "phq-9") -> Path:
    data = yaml.safe_load((SPEC_DIR / f"{name}.yaml").read_text())
    mutate(data)
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_the_unmodified_copy_loads(tmp_path):
    assert load_spec(write_variant(tmp_path, lambda d: None)).id == "phq-9"


@pytest.mark.parametrize(
    ("mutate", "field", "reason"),
    [
        (
            lambda d: d["response"].update(min=5),
            "response",
            "max (3.0) must be greater than min (5.0)",
        ),
        (lambda d: d.pop("licence"), "licence", "Field required"),
        (lambda d: d["items"][0].update(label="x" * 80), "items.0.label", "at most 60 characters"),
        (lambda d: d.update(colour="blue"), "colour", "Extra inputs are not permitted"),
        (lambda d: d["facts"].pop(), "(top level)", "missing: licence"),
        (lambda d: d["facts"][0].update(sources=[]), "facts.0", "lists no sources"),
        (lambda d: d["scoring"]["total"].update(rule="median"), "scoring.total.rule", "'sum'"),
        (
            lambda d: d["items"][0].update(subscales=["mood"]),
            "(top level)",
            "item 1 names subscale 'mood', which scoring does not define",
        ),
        (
            lambda d: (
                d["licence"].update(item_text_may_ship=False)
                or d["items"][2].update(paraphrased=False)
            ),
            "(top level)",
            "items [3] are not",
        ),
    ],
)
def test_a_malformed_spec_fails_with_file_field_and_reason(tmp_path, mutate, field, reason):
    path = write_variant(tmp_path, mutate)
    with pytest.raises(instruments.SpecError) as caught:
        load_spec(path)
    message = str(caught.value)
    assert str(path) in message
    assert f"field '{field}'" in message
    assert reason in message


def test_an_unknown_key_that_assigns_items_is_refused(tmp_path):
    def mutate(data):
        data["scoring"]["subscales"][0]["key"] = "unknown"
        data["scoring"]["subscales"][0]["why"] = "pretend the key was not confirmed"

    path = write_variant(tmp_path, mutate, name="wai-sr")
    with pytest.raises(instruments.SpecError, match="whose key is marked unknown"):
        load_spec(path)


def test_id_must_match_the_file_name(tmp_path):
    path = write_variant(tmp_path, lambda d: d.update(id="phq-8"))
    with pytest.raises(instruments.SpecError, match=r"field 'id': is 'phq-8'"):
        load_spec(path)


def test_broken_yaml_names_the_file(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("id: broken\nname: [unclosed\n")
    with pytest.raises(instruments.SpecError, match=re.escape(str(path)) + ": not valid YAML"):
        load_spec(path)
