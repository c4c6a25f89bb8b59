"""`alliance-course instruments`: the catalogue, one spec in full, and checking a completed spec.

Also proves the documented route for an instructor who holds a published key the
course could not confirm (e.g. Stiles' SEQ handout): complete the YAML, and the
instrument scores with no code change, but only once its facts say how the key is known.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
import yaml

import course.instruments as instruments
from course.cli import main
from course.instruments import loader
from course.instruments.describe import catalogue_text, spec_card
from course.instruments.loader import SPEC_DIR


def test_catalogue_text_lists_every_instrument_and_why_each_unscored_one_is_not():
    text = catalogue_text()
    table = instruments.catalogue()
    assert f"{len(table)} catalogued, {int(table['scoreable'].sum())} scored" in text
    table_part, why_part = text.split("Not scored, and why:")
    for row in table.itertuples():
        assert f"\n{row.id} " in table_part
        if row.scoreable:
            assert f"  {row.id}:" not in why_part
        else:
            # status notes wrap, so compare the words
            assert " ".join(row.status.split()[:4]) in " ".join(why_part.split())


@pytest.mark.parametrize("instrument_id", instruments.ids())
def test_every_spec_card_shows_each_fact_with_its_status_and_evidence(instrument_id):
    spec = instruments.get(instrument_id)
    card = " ".join(spec_card(spec).split())
    for fact in spec.facts:
        assert f"{fact.fact}: {fact.status}" in card
        if fact.status == "sourced":
            assert ", ".join(fact.sources) in card
    for citation in spec.citations:
        assert f"[{citation.key}, {citation.role}]" in card
    if spec.scoring:
        for scale in spec.scoring.scales:
            shown = "key not confirmed, not scored" if scale.key == "unknown" else scale.rule
            assert f"{scale.name} = " in card and shown in card


def test_spec_card_lists_the_items_of_each_scale():
    card = spec_card(instruments.get("wai-sr"))
    spec = instruments.get("wai-sr")
    for scale in spec.scoring.subscales:
        numbers = spec.scale_items(scale)
        assert len(numbers) == 4
        line = next(x for x in card.splitlines() if x.strip().startswith(f"{scale.name} ="))
        assert all(str(n) in line for n in numbers)
    assert "i1 " in card and "(paraphrased)" in card


def test_cli_prints_the_catalogue_one_instrument_and_refuses_an_unknown_id(capsys):
    assert main(["instruments"]) == 0
    assert "Not scored, and why:" in capsys.readouterr().out
    assert main(["instruments", "audit"]) == 0
    assert "audit_c = " in capsys.readouterr().out
    assert main(["instruments", "wai_sr"]) == 2
    assert "Did you mean 'wai-sr'" in capsys.readouterr().err
    assert main(["instruments", "--csv"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("id,name,respondent") and len(lines) == 1 + len(instruments.ids())


def test_the_console_script_prints_the_catalogue():
    done = subprocess.run(
        [sys.executable, "-m", "course.cli", "instruments"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "wai-sr" in done.stdout and "Not scored, and why:" in done.stdout


# -- completing a catalogue entry --------------------------------------------------------

# A made-up key used only to prove the mechanism. It is NOT Stiles' key and must never be
# copied into data/instruments: the shipped seq.yaml stays unscored until the real key is read.
PLACEHOLDER_KEY = {
    "depth": [3, 4, 7, 8, 9],
    "smoothness": [2, 5, 6, 10, 11],
    "positivity": [12, 13, 15, 17, 18],
    "arousal": [14, 16, 19, 20, 21],
}
PLACEHOLDER_REVERSED = {3, 5, 7, 9, 11, 12, 14, 17, 18, 20}


def complete_seq(data: dict, *, confirm_facts: bool = True) -> dict:
    data["availability"] = "scoreable"
    data["status_note"] = "scoreable; test copy with a placeholder key"
    data["citations"].append(
        {
            "key": "placeholder_key",
            "reference": "Placeholder key written by the course's test suite (not a source).",
            "role": "secondary",
        }
    )
    data["items"] = [
        {
            "number": n,
            "label": f"adjective pair {n}",
            "paraphrased": True,
            "subscales": [name for name, items in PLACEHOLDER_KEY.items() if n in items],
            "reverse": n in PLACEHOLDER_REVERSED,
        }
        for n in range(1, 22)
    ]
    for scale in data["scoring"]["subscales"]:
        scale["key"] = "sourced"
        scale.pop("why")
    if confirm_facts:
        for fact in data["facts"]:
            if fact["status"] == "unknown":
                fact.update(status="sourced", sources=["placeholder_key"], strength="secondary")
                fact.pop("why")
    return data


@pytest.fixture
def spec_dir(tmp_path, monkeypatch):
    """A private copy of the course's specs, used by the public API for one test."""
    folder = tmp_path / "instruments"
    shutil.copytree(SPEC_DIR, folder)
    monkeypatch.setattr(loader, "SPEC_DIR", folder)
    loader.registry.cache_clear()
    yield folder
    loader.registry.cache_clear()


def rewrite(path, change):
    data = change(yaml.safe_load(path.read_text()))
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_a_completed_catalogue_entry_scores_without_code_changes(spec_dir):
    with pytest.raises(instruments.NotScoreableError, match="SEQ"):
        instruments.score("seq", pd.DataFrame({f"i{n}": [4] for n in range(1, 22)}))

    rewrite(spec_dir / "seq.yaml", complete_seq)
    loader.registry.cache_clear()

    row = instruments.catalogue().set_index("id").loc["seq"]
    assert bool(row["scoreable"])
    answers = {f"i{n}": [7, 1] for n in range(1, 22)}
    scored = instruments.score("seq", pd.DataFrame({"client_id": ["a", "b"], **answers}))
    for name, items in PLACEHOLDER_KEY.items():
        reversed_count = len(set(items) & PLACEHOLDER_REVERSED)
        # all 7s: reversed items count 8 - 7 = 1; all 1s: they count 7
        expected_high = (7 * (5 - reversed_count) + 1 * reversed_count) / 5
        expected_low = (1 * (5 - reversed_count) + 7 * reversed_count) / 5
        np.testing.assert_allclose(scored[name], [expected_high, expected_low])
    assert "total" not in scored  # the SEQ has no total


def test_switching_on_a_key_while_its_facts_still_say_unknown_is_refused(spec_dir):
    rewrite(spec_dir / "seq.yaml", lambda d: complete_seq(d, confirm_facts=False))
    with pytest.raises(instruments.SpecError) as caught:
        loader.load_spec(spec_dir / "seq.yaml")
    message = str(caught.value)
    assert "seq.yaml" in message and "fact 'subscale_key' is 'unknown'" in message


def test_check_reports_a_broken_completion_with_file_field_and_reason(spec_dir, capsys):
    path = spec_dir / "seq.yaml"
    assert main(["instruments", "--check", str(path)]) == 0
    assert "valid spec for SEQ (catalogued, not scored)" in capsys.readouterr().out

    def half_done(data):
        complete_seq(data)
        data["items"][0]["subscales"] = ["depht"]  # a typo an instructor might make
        return data

    rewrite(path, half_done)
    assert main(["instruments", "--check", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and "item 1 names subscale 'depht'" in err
