"""The vignette bank: short client, therapist or scene texts tagged with alliance concepts.

The bank lives in ``course/data/vignettes/``: ``vocabulary.yaml`` defines the concept
families and their allowed values once; every other ``*.yaml`` file there holds
vignettes. :func:`load` validates all of them and fails naming the file, the
vignette id and the reason. Notebooks and graders use:

- :func:`bank` the validated bank (cached), :func:`as_frame` as a DataFrame;
- :func:`for_student` a balanced, reproducible sample for one trainee and module;
- :func:`answer_key` the correct tag value of each sampled vignette;
- :func:`feedback` the one-sentence rationale shown when a trainee mis-sorts one.

>>> picked = for_student("trainee-01", "01-alliance", k=6, family="component")
>>> sorted(answer_key(picked, "component").values())
['bond', 'bond', 'goal', 'goal', 'task', 'task']
>>> feedback(picked[0].id) == picked[0].rationale
True
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pandas as pd
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
from course.seeds import stable_seed
from course.yamlfile import read_yaml

BANK_DIR = data_dir("vignettes")
VOCABULARY_FILE = "vocabulary.yaml"

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


class Vignette(BaseModel):
    """One vignette. Validate with ``context={"vocabulary": ...}`` to check tags and fields."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN)
    speaker: str
    problem: str
    client: Person
    therapist: Person | None = None
    text: str = Field(min_length=MIN_TEXT_CHARS, max_length=MAX_TEXT_CHARS)
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

    @model_validator(mode="after")
    def _check_against_vocabulary(self, info: ValidationInfo) -> Vignette:
        vocab = (info.context or {}).get("vocabulary") or _default_vocabulary()
        problems = (
            _field_problems(self, vocab)
            + _shape_problems(self)
            + _tag_problems(self.tags, vocab)
            + _rationale_problems(self.rationale)
        )
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def tag(self, family: str) -> TagValue | None:
        """The value this vignette carries for ``family``, or None."""
        return self.tags.get(family)


def _field_problems(vignette: Vignette, vocab: Vocabulary) -> list[str]:
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


def _shape_problems(vignette: Vignette) -> list[str]:
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


# --- the bank -------------------------------------------------------------------------


@dataclass(frozen=True)
class VignetteBank:
    """All vignettes, in file order, with the vocabulary they were checked against."""

    vignettes: tuple[Vignette, ...]
    files: dict[str, str]
    vocabulary: Vocabulary

    def __len__(self) -> int:
        return len(self.vignettes)

    def get(self, vignette_id: str) -> Vignette:
        """The vignette with ``vignette_id``; KeyError naming it if there is none."""
        for vignette in self.vignettes:
            if vignette.id == vignette_id:
                return vignette
        raise KeyError(f"no vignette with id {vignette_id!r}")

    def tagged(self, family: str, value: TagValue | None = None) -> list[Vignette]:
        """Vignettes tagged with ``family`` (and with ``value``, if given)."""
        return [
            v
            for v in self.vignettes
            if family in v.tags and (value is None or v.tags[family] == value)
        ]

    def counts(self, family: str) -> dict[TagValue, int]:
        """How many vignettes carry each allowed value of ``family``.

        >>> bank().counts("component")["goal"] >= 10
        True
        """
        allowed = self.vocabulary.families[family].allowed()
        return {value: len(self.tagged(family, value)) for value in allowed}


def vignette_files(directory: Path | str = BANK_DIR) -> list[Path]:
    """The vignette files in ``directory``: every ``*.yaml`` except the vocabulary."""
    return sorted(p for p in Path(directory).glob("*.yaml") if p.name != VOCABULARY_FILE)


def load(directory: Path | str = BANK_DIR) -> VignetteBank:
    """Load and validate every vignette file in ``directory``.

    Raises :class:`VignetteBankError` naming the file, the vignette id and the
    reason for the first malformed vignette or file.

    >>> loaded = load()
    >>> len(loaded) >= 100
    True
    """
    directory = Path(directory)
    vocab = load_vocabulary(directory)
    vignettes: list[Vignette] = []
    files: dict[str, str] = {}
    for path in vignette_files(directory):
        for vignette in _load_file(path, vocab):
            if vignette.id in files:
                raise VignetteBankError(
                    f"{path.name}: vignette {vignette.id!r}: duplicate id, "
                    f"already defined in {files[vignette.id]}"
                )
            files[vignette.id] = path.name
            vignettes.append(vignette)
    if not vignettes:
        raise VignetteBankError(f"{directory}: no vignettes found")
    return VignetteBank(tuple(vignettes), files, vocab)


def _load_file(path: Path, vocab: Vocabulary) -> list[Vignette]:
    try:
        document = read_yaml(path)
    except yaml.YAMLError as error:
        raise VignetteBankError(f"{path.name}: not valid YAML: {error}") from error
    if not isinstance(document, dict) or not isinstance(document.get("vignettes"), list):
        raise VignetteBankError(f"{path.name}: expected a mapping with a 'vignettes' list")
    return [
        _validate_entry(path, position, entry, vocab)
        for position, entry in enumerate(document["vignettes"], start=1)
    ]


def _validate_entry(path: Path, position: int, entry: object, vocab: Vocabulary) -> Vignette:
    label = f"vignette #{position}"
    if isinstance(entry, dict) and entry.get("id"):
        label = f"vignette {entry['id']!r}"
    try:
        return Vignette.model_validate(entry, context={"vocabulary": vocab})
    except ValidationError as error:
        raise VignetteBankError(f"{path.name}: {label}: {_reasons(error)}") from None


def _reasons(error: ValidationError) -> str:
    reasons = []
    for detail in error.errors():
        where = ".".join(str(part) for part in detail["loc"])
        message = detail["msg"].removeprefix("Value error, ")
        reasons.append(f"{where}: {message}" if where else message)
    return "; ".join(reasons)


@functools.cache
def bank() -> VignetteBank:
    """The validated bank from ``course/data/vignettes/``, loaded once per process."""
    return load(BANK_DIR)


def as_frame(vignettes: Iterable[Vignette] | None = None) -> pd.DataFrame:
    """One row per vignette; one column per concept family (None where untagged).

    >>> frame = as_frame()
    >>> {"id", "file", "speaker", "problem", "text", "rationale", "component"} <= set(frame.columns)
    True
    >>> frame["id"].is_unique
    True
    """
    loaded = bank()
    chosen = loaded.vignettes if vignettes is None else tuple(vignettes)
    families = list(loaded.vocabulary.families)
    rows = [_row(v, loaded.files.get(v.id), families) for v in chosen]
    return pd.DataFrame(rows, columns=_frame_columns(families))


def _frame_columns(families: list[str]) -> list[str]:
    people = ["client_age_band", "client_gender", "client_background", "therapist_gender"]
    return ["id", "file", "speaker", "problem", *people, "text", "rationale", *families]


def _row(vignette: Vignette, file: str | None, families: list[str]) -> dict[str, object]:
    therapist = vignette.therapist
    return {
        "id": vignette.id,
        "file": file,
        "speaker": vignette.speaker,
        "problem": vignette.problem,
        "client_age_band": vignette.client.age_band,
        "client_gender": vignette.client.gender,
        "client_background": vignette.client.background,
        "therapist_gender": therapist.gender if therapist else None,
        "text": vignette.text,
        "rationale": vignette.rationale,
        **{family: vignette.tags.get(family) for family in families},
    }


# --- sampling, answers, feedback -----------------------------------------------------


def for_student(
    student_id: str,
    module: str,
    k: int,
    family: str | None = None,
    values: Iterable[TagValue] | None = None,
) -> list[Vignette]:
    """``k`` vignettes for one trainee and module: reproducible, balanced and shuffled.

    With ``family``, only vignettes tagged with it (and with one of ``values``, by
    default all of the family's values) are drawn, with equal counts per value as
    far as ``k`` and the bank allow. Every choice is ranked by
    :func:`course.seeds.stable_seed`, so the same trainee and module get the same
    vignettes in any process, and different trainees get different sets.

    >>> first = for_student("trainee-07", "07-ruptures", k=8, family="rupture")
    >>> [v.id for v in first] == [v.id for v in for_student("trainee-07", "07-ruptures", k=8, family="rupture")]
    True
    >>> sorted(answer_key(first, "rupture").values()).count("withdrawal")
    4
    >>> len(for_student("trainee-07", "03-client", k=5))
    5
    """
    loaded = bank()
    if family is None:
        _check_k(k, len(loaded), "in the bank")
        return _rank(loaded.vignettes, student_id, module, "any")[:k]
    groups = _groups(loaded, family, values)
    _check_k(k, sum(len(group) for group in groups.values()), f"tagged {family!r}")
    order = sorted(
        groups, key=lambda value: stable_seed(student_id, module, family, "extra", value)
    )
    quotas = balanced_quotas(k, [len(groups[value]) for value in order])
    chosen = []
    for value, quota in zip(order, quotas, strict=True):
        chosen += _rank(groups[value], student_id, module, family)[:quota]
    return _rank(chosen, student_id, module, "order")


def _check_k(k: int, available: int, what: str) -> None:
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k}")
    if k > available:
        raise ValueError(f"asked for {k} vignettes {what}, the bank has {available}")


def _groups(
    loaded: VignetteBank, family: str, values: Iterable[TagValue] | None
) -> dict[TagValue, list[Vignette]]:
    if family not in loaded.vocabulary.families:
        raise KeyError(f"unknown tag family {family!r}")
    allowed = loaded.vocabulary.families[family].allowed()
    wanted = allowed if values is None else list(values)
    unknown = [value for value in wanted if value not in allowed]
    if unknown or not wanted:
        raise ValueError(f"values {unknown or wanted} not allowed for {family!r}: {allowed}")
    return {value: loaded.tagged(family, value) for value in wanted}


def _rank(vignettes: Iterable[Vignette], *seed_parts: object) -> list[Vignette]:
    return sorted(vignettes, key=lambda v: stable_seed(*seed_parts, v.id))


def balanced_quotas(k: int, sizes: list[int]) -> list[int]:
    """Split ``k`` as evenly as possible across groups of the given ``sizes``.

    Earlier groups take the remainder; a group too small to take its share gives
    the shortfall to the others.

    >>> balanced_quotas(7, [10, 10, 10])
    [3, 2, 2]
    >>> balanced_quotas(9, [1, 10, 10])
    [1, 4, 4]
    """
    quotas = [0] * len(sizes)
    remaining = min(k, sum(sizes))
    while remaining > 0:
        open_groups = [i for i, size in enumerate(sizes) if quotas[i] < size]
        share, extra = divmod(remaining, len(open_groups))
        for rank, i in enumerate(open_groups):
            take = min(share + (rank < extra), sizes[i] - quotas[i])
            quotas[i] += take
            remaining -= take
    return quotas


def answer_key(vignettes: Iterable[Vignette | str], family: str) -> dict[str, TagValue]:
    """Map each vignette id to its correct value for ``family``.

    Accepts vignettes or ids; a vignette without a ``family`` tag is an error.

    >>> answer_key(["comp-goal-001"], "component")
    {'comp-goal-001': 'goal'}
    """
    loaded = bank()
    key = {}
    for item in vignettes:
        vignette = loaded.get(item) if isinstance(item, str) else item
        if family not in vignette.tags:
            raise KeyError(f"vignette {vignette.id!r} has no {family!r} tag")
        key[vignette.id] = vignette.tags[family]
    return key


def feedback(vignette_id: str) -> str:
    """The rationale of a vignette: why it illustrates its tag.

    >>> feedback("comp-goal-001").endswith(".")
    True
    """
    return bank().get(vignette_id).rationale
