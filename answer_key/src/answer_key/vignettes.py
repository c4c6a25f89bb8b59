"""The graded vignettes with their keys: tags and rationales that trainees never receive.

A vignette a module grades is stored whole here, in
``answer_key/src/answer_key/data/graded_vignettes.yaml`` (who speaks, the text,
its tags and the one-sentence rationale), under an id that says nothing about
its answer (``card-007``). The trainee package carries only its text, in
``course/data/vignettes/graded.yaml``, written from this file by
:func:`write_graded_texts`; a test fails when the two drift. The practice
vignettes (never graded) stay whole in ``course/data/vignettes`` so that the
practice widgets can give feedback.

>>> sorted(set(key_bank().vignettes[0].tags)) != []
True
>>> fresh_bank().get(key_bank().vignettes[0].id).rationale.endswith(".")
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import yaml

from course.grading.memo import per_notebook
from course.vignettes import (
    BANK_DIR,
    GRADED_FILE,
    VignetteBank,
    Vocabulary,
    load,
    load_vocabulary,
)

KEY_FILE = Path(str(files("answer_key").joinpath("data", "graded_vignettes.yaml")))
TEXT_FIELDS = ("id", "speaker", "problem", "client", "therapist", "text")


def key_bank(vocabulary: Vocabulary | None = None) -> VignetteBank:
    """The graded vignettes with their tags and rationales, freshly loaded and validated."""
    return load(KEY_FILE.parent, vocabulary=vocabulary or load_vocabulary(BANK_DIR))


@per_notebook(shared=True)
def fresh_bank() -> VignetteBank:
    """Practice and graded vignettes together, read from disk (never the trainee kernel's cache).

    Read from the files so that nothing an answer cell does to the objects a
    notebook showed can change a key. While a notebook is graded it is read
    once and shared by its tests, which only read it (:mod:`course.grading.memo`;
    its models cannot be deep-copied): a module's tests ask for it about twenty
    times, and parsing the YAML was most of their time.
    """
    vocab = load_vocabulary(BANK_DIR)
    practice, graded = load(BANK_DIR, vocabulary=vocab), key_bank(vocab)
    return VignetteBank(
        practice.vignettes + graded.vignettes, {**practice.files, **graded.files}, vocab
    )


class _Literal(str):
    """A text written as a YAML block (``|-``), so the file stays readable."""


def _block(dumper: yaml.SafeDumper, text: _Literal):
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style="|")


def graded_texts_document() -> str:
    """The trainee-side file of graded texts, as :func:`write_graded_texts` writes it."""
    dumper = type("TextDumper", (yaml.SafeDumper,), {})
    dumper.add_representer(_Literal, _block)
    entries = []
    for vignette in key_bank().vignettes:
        entry = vignette.model_dump(include=set(TEXT_FIELDS), exclude_none=True)
        entry["text"] = _Literal(entry["text"])
        entries.append({k: entry[k] for k in TEXT_FIELDS if k in entry})
    header = (
        "# Generated from answer_key/src/answer_key/data/graded_vignettes.yaml by\n"
        "# answer_key.vignettes.write_graded_texts(): the texts of the graded vignettes,\n"
        "# without their tags and rationales (those are the answers). Do not edit here.\n"
    )
    body = yaml.dump(
        {"graded": entries}, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100
    )
    return header + body


def write_graded_texts(target: Path = BANK_DIR / GRADED_FILE) -> Path:
    """Write the trainee-side texts of the graded vignettes (after editing the key file)."""
    target.write_text(graded_texts_document(), encoding="utf-8")
    return target
