"""The vignette bank: it loads, it is well formed, it samples fairly and reproducibly."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from answer_key.vignettes import fresh_bank, graded_texts_document
from hypothesis import given, settings
from hypothesis import strategies as st

from course import vignettes
from course.vignettes import VignetteBankError, answer_key, bank, feedback, for_student, load

ROOT = Path(__file__).resolve().parents[1]
BANK_DIR = ROOT / "course" / "data" / "vignettes"
SEED_DIR = Path(os.environ.get("COURSE_SEED_DIR", "/work/shared/seed"))

# Minimum vignettes per value, so every exercise can draw a balanced set.
MINIMUM_PER_VALUE = {
    "component": 10,
    "weakest_component": 4,
    "use": 6,
    "stance": 8,
    "purpose": 8,
    "theme": 8,
    "match_dimension": 3,
    "quality": 5,
    "rupture": 8,
    "repair": 5,
    "corrective_experience": 8,
}
SHINGLE_WORDS = 10


# --- the bank as shipped ---------------------------------------------------------------


def test_bank_loads_at_least_one_hundred_vignettes():
    assert len(bank()) >= 100


def test_every_vignette_file_is_a_mapping_with_a_vignettes_list():
    for path in vignettes.vignette_files():
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(document.get("vignettes"), list), path.name


def test_ids_are_unique_across_all_files():
    ids = [entry["id"] for entry in _raw_entries()]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates
    assert len(ids) == len(bank())


def test_texts_are_unique():
    texts = Counter(v.text for v in bank().vignettes)
    assert [t for t, n in texts.items() if n > 1] == []


def test_every_tag_family_and_value_is_in_the_vocabulary():
    """Checked on the raw YAML, independently of the loader's own validation."""
    vocab = yaml.safe_load((BANK_DIR / "vocabulary.yaml").read_text(encoding="utf-8"))
    families = vocab["families"]
    for entry in _raw_entries():
        for family, value in entry["tags"].items():
            assert family in families, (entry["id"], family)
            allowed = families[family]["values"]
            if families[family]["kind"] == "boolean":
                assert isinstance(value, bool), (entry["id"], family, value)
            else:
                assert value in allowed, (entry["id"], family, value)


@pytest.mark.parametrize("family", sorted(MINIMUM_PER_VALUE))
def test_each_family_value_has_enough_vignettes_for_balanced_sampling(family):
    # Practice and graded vignettes together: the graded ones are in the answer key.
    counts = fresh_bank().counts(family)
    short = {value: n for value, n in counts.items() if n < MINIMUM_PER_VALUE[family]}
    assert not short, f"{family}: too few vignettes for {short}"


def test_texts_and_rationales_are_within_length_limits():
    for v in bank().vignettes:
        assert vignettes.MIN_TEXT_CHARS <= len(v.text) <= vignettes.MAX_TEXT_CHARS, v.id
        assert vignettes.MIN_RATIONALE_CHARS <= len(v.rationale) <= vignettes.MAX_RATIONALE_CHARS, (
            v.id
        )


def test_scenes_have_three_to_five_lines_and_utterances_one():
    for v in bank().vignettes:
        lines = [line for line in v.text.splitlines() if line.strip()]
        if v.speaker == "scene":
            assert 3 <= len(lines) <= 5, v.id
        else:
            assert len(lines) == 1, v.id


def test_rationales_are_single_sentences():
    for v in bank().vignettes:
        assert v.rationale.endswith("."), v.id
        assert not vignettes.SENTENCE_BREAK.search(v.rationale), v.id


def test_clients_are_diverse_in_problem_gender_and_age():
    frame = vignettes.as_frame()
    problems = frame["problem"].value_counts()
    genders = frame["client_gender"].value_counts()
    ages = frame["client_age_band"].value_counts()
    assert problems["depression"] >= 40 and problems["alcohol_use"] >= 40
    assert problems["both"] >= 15
    assert genders["woman"] >= 40 and genders["man"] >= 40 and genders["non_binary"] >= 20
    assert set(ages.index) == set(bank().vocabulary.field_values("age_band"))
    assert ages.min() >= 10


def test_no_helpline_or_advert_text_from_the_seed_article():
    for v in bank().vignettes:
        blob = f"{v.text} {v.rationale}".lower()
        assert "who answers" not in blob and "800-" not in blob, v.id


def test_no_vignette_shares_a_ten_word_run_with_the_seed_article():
    seed_files = sorted(SEED_DIR.glob("*.txt"))
    if not seed_files:
        pytest.skip(f"seed article not found in {SEED_DIR}")
    seed = set().union(*(shingles(p.read_text(encoding="utf-8")) for p in seed_files))
    copied = {
        v.id: sorted(shingles(f"{v.text}\n{v.rationale}") & seed)[:1] for v in bank().vignettes
    }
    assert {vid: run for vid, run in copied.items() if run} == {}


def test_shingle_check_catches_a_copied_run_and_ignores_case_and_punctuation():
    copied = "As the article says: The Relationship Can Be Used To Address Relationship Problems, And Challenge!"
    source = (
        "This relationship can be used to address relationship problems and challenge patterns."
    )
    assert shingles(copied) & shingles(source)
    assert not shingles("The relationship can be used to help.") & shingles(source)


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[tuple[str, ...]]:
    """All runs of ``size`` consecutive words, lower-cased, punctuation dropped."""
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


# --- sampling --------------------------------------------------------------------------

SAMPLE_SCRIPT = """
import json
from course.vignettes import for_student
picked = for_student("trainee-42", "02-uses", k=8, family="use")
print(json.dumps([v.id for v in picked]))
"""


def test_sampling_is_reproducible_across_processes_with_different_hash_seeds():
    here = [v.id for v in for_student("trainee-42", "02-uses", k=8, family="use")]
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", SAMPLE_SCRIPT],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        assert json.loads(result.stdout) == here


def test_same_student_and_module_get_the_same_vignettes_in_the_same_order():
    first = for_student("trainee-01", "01-alliance", k=9, family="component")
    second = for_student("trainee-01", "01-alliance", k=9, family="component")
    assert [v.id for v in first] == [v.id for v in second]


@pytest.mark.parametrize(
    "family", ["component", "weakest_component", "use", "stance", "purpose", "theme", "rupture"]
)
def test_sample_has_equal_counts_per_value_when_k_divides_evenly(family):
    values = bank().vocabulary.families[family].allowed()
    k = 3 * len(values)
    picked = for_student("trainee-03", "balance", k=k, family=family)
    counts = Counter(answer_key(picked, family).values())
    assert len(picked) == k == len({v.id for v in picked})
    assert counts == {value: 3 for value in values}


def test_remainder_is_spread_one_per_value():
    picked = for_student("trainee-03", "balance", k=14, family="quality")
    counts = Counter(answer_key(picked, "quality").values())
    assert sum(counts.values()) == 14
    assert max(counts.values()) - min(counts.values()) <= 1


def test_values_restrict_the_sample_to_the_requested_values():
    picked = for_student(
        "trainee-05", "03-client", k=6, family="quality", values=["trust", "comfort"]
    )
    assert Counter(answer_key(picked, "quality").values()) == {"trust": 3, "comfort": 3}


def test_boolean_family_samples_true_and_false_equally():
    picked = for_student("trainee-05", "02-uses", k=8, family="corrective_experience")
    assert Counter(answer_key(picked, "corrective_experience").values()) == {True: 4, False: 4}


def test_a_small_value_gives_its_shortfall_to_the_others():
    sizes = bank().counts("match_dimension")
    k = sum(sizes.values()) - 1
    picked = for_student("trainee-05", "03-client", k=k, family="match_dimension")
    assert len(picked) == k


def test_asking_for_more_than_the_bank_holds_is_an_error():
    with pytest.raises(ValueError, match="the bank has"):
        for_student("trainee-05", "07-ruptures", k=1000, family="rupture")
    with pytest.raises(ValueError, match="the bank has"):
        for_student("trainee-05", "review", k=len(bank()) + 1)
    with pytest.raises(ValueError, match="at least 1"):
        for_student("trainee-05", "review", k=0)


def test_unknown_family_or_value_is_an_error():
    with pytest.raises(KeyError):
        for_student("trainee-05", "01", k=3, family="mood")
    with pytest.raises(ValueError, match="not allowed"):
        for_student("trainee-05", "01", k=3, family="component", values=["bond", "vibe"])


def test_different_students_get_different_sets():
    sets = {
        frozenset(v.id for v in for_student(f"trainee-{n:02d}", "01-alliance", 6, "component"))
        for n in range(20)
    }
    assert len(sets) >= 15


def test_different_modules_give_the_same_student_different_sets():
    a = {v.id for v in for_student("trainee-09", "01-alliance", 6, "component")}
    b = {v.id for v in for_student("trainee-09", "04-review", 6, "component")}
    assert a != b


def test_sampling_without_family_draws_from_the_whole_bank():
    picked = for_student("trainee-11", "review", k=20)
    assert len({v.id for v in picked}) == 20
    assert len({bank().files[v.id] for v in picked}) >= 3


@settings(max_examples=40, deadline=None)
@given(student=st.text(min_size=1, max_size=20), k=st.integers(min_value=1, max_value=30))
def test_any_student_gets_a_balanced_sample_of_the_size_asked(student, k):
    picked = for_student(student, "03-client", k=k, family="component")
    counts = Counter(answer_key(picked, "component").values())
    assert len(picked) == k
    assert max(counts.values()) - min(counts.get(v, 0) for v in ("goal", "task", "bond")) <= 1


def test_balanced_quotas_fill_k_without_exceeding_group_sizes():
    assert vignettes.balanced_quotas(10, [2, 10, 10]) == [2, 4, 4]
    assert vignettes.balanced_quotas(5, [1, 1, 1]) == [1, 1, 1]


# --- answers and feedback ----------------------------------------------------------------


def test_answer_key_gives_each_vignettes_tag_and_accepts_ids():
    picked = for_student("trainee-12", "07-ruptures", k=6, family="rupture")
    key = answer_key(picked, "rupture")
    assert key == {v.id: v.tags["rupture"] for v in picked}
    assert answer_key([v.id for v in picked], "rupture") == key


def test_answer_key_refuses_a_vignette_without_the_family():
    with pytest.raises(KeyError, match="no 'rupture' tag"):
        answer_key(["comp-goal-002"], "rupture")


def test_feedback_is_the_rationale_and_unknown_ids_fail():
    assert feedback("rup-con-004") == bank().get("rup-con-004").rationale
    with pytest.raises(KeyError, match="no vignette"):
        feedback("nope-000")


def test_as_frame_has_one_row_per_vignette_and_a_column_per_family():
    frame = vignettes.as_frame()
    assert len(frame) == len(bank())
    assert set(bank().vocabulary.families) <= set(frame.columns)
    row = frame.set_index("id").loc["rup-wd-004"]
    assert (
        row["rupture"] == "withdrawal" and row["repair"] is True and row["file"] == "ruptures.yaml"
    )


# --- malformed files fail loudly ---------------------------------------------------------

GOOD = {
    "id": "test-good-001",
    "speaker": "client",
    "problem": "depression",
    "client": {"age_band": "25-34", "gender": "woman"},
    "text": "I want us to agree on what we are actually working toward in here.",
    "tags": {"component": "goal"},
    "rationale": "The client raises what therapy is for, which is the goal component.",
}


def _bank_dir(tmp_path: Path, files: dict[str, list[dict]]) -> Path:
    shutil.copy(BANK_DIR / "vocabulary.yaml", tmp_path / "vocabulary.yaml")
    for name, entries in files.items():
        (tmp_path / name).write_text(yaml.safe_dump({"vignettes": entries}), encoding="utf-8")
    return tmp_path


def test_a_well_formed_tmp_bank_loads(tmp_path):
    loaded = load(_bank_dir(tmp_path, {"mine.yaml": [GOOD]}))
    assert [v.id for v in loaded.vignettes] == ["test-good-001"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"tags": {"mood": "goal"}}, "unknown tag family 'mood'"),
        ({"tags": {"component": "vibe"}}, "unknown value 'vibe' for tag family 'component'"),
        ({"tags": {"repair": "yes"}}, "takes true or false"),
        ({"tags": {"match_dimension": "gender"}}, "needs a 'theme' tag"),
        (
            {"tags": {"theme": "facilitating_openness", "match_dimension": "gender"}},
            "needs 'theme' to be one of assessing_match",
        ),
        ({"tags": {}}, "tags"),
        ({"rationale": ""}, "rationale"),
        ({"rationale": "Too short."}, "at least 20 characters"),
        ({"rationale": "It is the goal. It is also two sentences long."}, "one sentence"),
        ({"text": "word " * 200}, "at most 700 characters"),
        ({"text": "Client: one line\nTherapist: two lines", "speaker": "scene"}, "3 to 5 lines"),
        ({"speaker": "narrator"}, "unknown speaker 'narrator'"),
        ({"client": {"age_band": "12-17", "gender": "woman"}}, "unknown age_band '12-17'"),
        ({"colour": "blue"}, "colour"),
        ({"id": "Bad Id"}, "should match pattern"),
    ],
)
def test_a_malformed_vignette_fails_naming_file_id_and_reason(tmp_path, change, reason):
    broken = {**GOOD, **change}
    directory = _bank_dir(tmp_path, {"broken.yaml": [GOOD | {"id": "test-fine-001"}, broken]})
    with pytest.raises(VignetteBankError) as caught:
        load(directory)
    message = str(caught.value)
    assert "broken.yaml" in message
    assert repr(broken["id"]) in message
    assert reason in message


def test_a_duplicate_id_across_files_fails_naming_both_files(tmp_path):
    directory = _bank_dir(tmp_path, {"a.yaml": [GOOD], "b.yaml": [GOOD]})
    with pytest.raises(
        VignetteBankError, match=r"b\.yaml: vignette 'test-good-001': duplicate id.*a\.yaml"
    ):
        load(directory)


def test_a_vignette_without_an_id_is_named_by_position(tmp_path):
    nameless = {key: value for key, value in GOOD.items() if key != "id"}
    directory = _bank_dir(tmp_path, {"c.yaml": [GOOD, nameless]})
    with pytest.raises(VignetteBankError, match=r"c\.yaml: vignette #2: id"):
        load(directory)


def test_a_file_without_a_vignettes_list_fails_naming_the_file(tmp_path):
    directory = _bank_dir(tmp_path, {})
    (directory / "d.yaml").write_text("- just: a list\n", encoding="utf-8")
    with pytest.raises(VignetteBankError, match=r"d\.yaml: expected a mapping"):
        load(directory)


def test_invalid_yaml_fails_naming_the_file(tmp_path):
    directory = _bank_dir(tmp_path, {})
    (directory / "e.yaml").write_text("vignettes: [unclosed\n", encoding="utf-8")
    with pytest.raises(VignetteBankError, match=r"e\.yaml: not valid YAML"):
        load(directory)


# --- helpers ------------------------------------------------------------------------------


def _raw_entries() -> list[dict]:
    entries = []
    for path in vignettes.vignette_files():
        entries += yaml.safe_load(path.read_text(encoding="utf-8"))["vignettes"]
    return entries


def test_cached_bank_tags_are_read_only_so_a_cell_cannot_rewrite_an_answer_key():
    vignette = next(iter(vignettes.bank().vignettes))
    family = next(iter(vignette.tags))
    with pytest.raises(TypeError):
        vignette.tags[family] = "rewritten"
    assert vignettes.bank().vignettes[0].tags == vignette.tags


def test_the_trainee_package_has_the_graded_texts_and_no_graded_key():
    """course/data/vignettes/graded.yaml is exactly what the key file gives, with no answer."""
    shipped = (vignettes.BANK_DIR / vignettes.GRADED_FILE).read_text(encoding="utf-8")
    assert shipped == graded_texts_document(), "run answer_key.vignettes.write_graded_texts()"
    entries = yaml.safe_load(shipped)["graded"]
    assert all(
        set(entry) <= {"id", "speaker", "problem", "client", "therapist", "text"}
        for entry in entries
    )
    practice_ids = {v.id for v in bank().vignettes}
    assert practice_ids.isdisjoint(vignettes.graded_texts())
    assert all(i.startswith("card-") for i in vignettes.graded_texts())
