"""The vignette bank's models: the vocabulary, a vignette and its validation rules.

See :mod:`course.vignettes` for the bank as a whole.
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from course.resources import data_dir
from course.yamlfile import read_yaml

BANK_DIR = data_dir("vignettes")
VOCABULARY_FILE = "vocabulary.yaml"
# The texts of the graded vignettes (no tags, no rationales): see VignetteText.
GRADED_FILE = "graded.yaml"

MAX_TEXT_CHARS = 700
MIN_TEXT_CHARS = 30
MAX_RATIONALE_CHARS = 320
MIN_RATIONALE_CHARS = 20
SCENE_LINES = (3, 5)
ID_PATTERN = r"^[a-z]+(-[a-z]+)*-\d{3}$"
# A full stop, question or exclamation mark followed by a new capitalised sentence.
SENTENCE_BREAK = re.compile(r"[.!?][\"')]?\s+[A-Z]")

TagValue = str | bool


class VignetteBankError(ValueError):
    """A vignette file is malformed; the message names the file, the id and the reason."""


# --- vocabulary -----------------------------------------------------------------------


class Family(BaseModel):
    """One concept family: its kind, source and allowed values with their definitions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["category", "boolean"]
    source: str
    values: dict[str, str]
    requires: dict[str, list[str]] = Field(default_factory=dict)

    def allowed(self) -> list[TagValue]:
        """The values a vignette may carry: strings, or ``[True, False]`` for a boolean family."""
        if self.kind == "boolean":
            return [True, False]
        return list(self.values)

    def definition(self, value: TagValue) -> str:
        """The working definition of ``value``."""
        key = str(value).lower() if self.kind == "boolean" else value
        return self.values[key]


class Vocabulary(BaseModel):
    """Allowed field values and concept families, read from ``vocabulary.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fields: dict[str, dict[str, str] | list[str]]
    families: dict[str, Family]

    def field_values(self, field: str) -> list[str]:
        """Allowed values of a descriptive field such as ``speaker`` or ``age_band``."""
        return list(self.fields[field])


def load_vocabulary(directory: Path | str = BANK_DIR) -> Vocabulary:
    """Read and validate ``vocabulary.yaml`` from ``directory``.

    >>> vocab = load_vocabulary()
    >>> vocab.families["component"].allowed()
    ['goal', 'task', 'bond']
    >>> vocab.families["repair"].allowed()
    [True, False]
    """
    path = Path(directory) / VOCABULARY_FILE
    try:
        return Vocabulary.model_validate(read_yaml(path))
    except (OSError, yaml.YAMLError, ValidationError) as error:
        raise VignetteBankError(f"{path.name}: invalid vocabulary: {error}") from error


# --- vignettes ------------------------------------------------------------------------


class Person(BaseModel):
    """Descriptors of the client (or therapist) in a vignette."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    age_band: str | None = None
    gender: str | None = None
    background: str | None = Field(default=None, min_length=2, max_length=80)


class VignetteText(BaseModel):
    """A graded vignette as trainees see it: who speaks and the text, with no tag or rationale.

    Its tags and rationale are the answer to a graded item, so they live only in
    the grading-only ``answer_key`` package; its id says nothing about them.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN)
    speaker: str
    problem: str
    client: Person
    therapist: Person | None = None
    text: str = Field(min_length=MIN_TEXT_CHARS, max_length=MAX_TEXT_CHARS)

    @model_validator(mode="after")
    def _check_against_vocabulary(self, info: ValidationInfo):
        vocab = (info.context or {}).get("vocabulary") or _default_vocabulary()
        problems = self._problems(vocab)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _problems(self, vocab: Vocabulary) -> list[str]:
        return _field_problems(self, vocab) + _shape_problems(self)


class Vignette(VignetteText):
    """One vignette: its text with its tags and rationale (see :class:`VignetteText`).

    Validate with ``context={"vocabulary": ...}`` to check tags and fields.
    """

    tags: Mapping[str, TagValue] = Field(min_length=1)
    rationale: str = Field(min_length=MIN_RATIONALE_CHARS, max_length=MAX_RATIONALE_CHARS)

    @field_validator("tags", mode="after")
    @classmethod
    def _read_only_tags(cls, tags: dict[str, TagValue]) -> types.MappingProxyType:
        # The bank is cached per kernel and its tags are the answer keys: a trainee's
        # cell must not be able to rewrite them (`frozen` guards fields, not dict items).
        return types.MappingProxyType(dict(tags))

    @field_serializer("tags")
    def _tags_as_dict(self, tags: Mapping[str, TagValue]) -> dict[str, TagValue]:
        return dict(tags)

    def _problems(self, vocab: Vocabulary) -> list[str]:
        return (
            super()._problems(vocab)
            + _tag_problems(self.tags, vocab)
            + _rationale_problems(self.rationale)
        )

    def tag(self, family: str) -> TagValue | None:
        """The value this vignette carries for ``family``, or None."""
        return self.tags.get(family)


def _field_problems(vignette: VignetteText, vocab: Vocabulary) -> list[str]:
    checks = [
        ("speaker", vignette.speaker),
        ("problem", vignette.problem),
        ("age_band", vignette.client.age_band),
        ("gender", vignette.client.gender),
    ]
    if vignette.therapist is not None:
        checks += [("age_band", vignette.therapist.age_band), ("gender", vignette.therapist.gender)]
    problems = []
    for field, value in checks:
        if value is not None and value not in vocab.field_values(field):
            problems.append(
                f"unknown {field} {value!r} (allowed: {', '.join(vocab.field_values(field))})"
            )
    if vignette.client.age_band is None or vignette.client.gender is None:
        problems.append("client needs an age_band and a gender")
    return problems


def _shape_problems(vignette: VignetteText) -> list[str]:
    lines = [line for line in vignette.text.splitlines() if line.strip()]
    low, high = SCENE_LINES
    if vignette.speaker == "scene" and not low <= len(lines) <= high:
        return [f"a scene has {low} to {high} lines, this text has {len(lines)}"]
    if vignette.speaker != "scene" and len(lines) != 1:
        return [
            f"a {vignette.speaker} utterance is one paragraph, this text has {len(lines)} lines"
        ]
    return []


def _tag_problems(tags: dict[str, TagValue], vocab: Vocabulary) -> list[str]:
    problems = []
    for family_name, value in tags.items():
        family = vocab.families.get(family_name)
        if family is None:
            problems.append(
                f"unknown tag family {family_name!r} (known: {', '.join(vocab.families)})"
            )
            continue
        if family.kind == "boolean" and not isinstance(value, bool):
            problems.append(f"tag family {family_name!r} takes true or false, not {value!r}")
        elif family.kind == "category" and value not in family.values:
            problems.append(
                f"unknown value {value!r} for tag family {family_name!r} "
                f"(allowed: {', '.join(family.values)})"
            )
        problems += _requirement_problems(family_name, family, tags)
    return problems


def _requirement_problems(family_name: str, family: Family, tags: dict[str, TagValue]) -> list[str]:
    problems = []
    for needed, allowed_values in family.requires.items():
        if needed not in tags:
            problems.append(f"tag family {family_name!r} needs a {needed!r} tag")
        elif allowed_values and tags[needed] not in allowed_values:
            problems.append(
                f"tag family {family_name!r} needs {needed!r} to be one of {', '.join(allowed_values)}"
            )
    return problems


def _rationale_problems(rationale: str) -> list[str]:
    if not rationale.endswith("."):
        return ["rationale must be one sentence ending with a full stop"]
    if SENTENCE_BREAK.search(rationale):
        return ["rationale must be one sentence, not several"]
    return []


@functools.cache
def _default_vocabulary() -> Vocabulary:
    return load_vocabulary(BANK_DIR)
