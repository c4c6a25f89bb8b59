"""The vignette bank: loading, the cached bank, sampling, and the practice answer key.

See :mod:`course.vignettes` for the bank as a whole.
"""

from __future__ import annotations

import functools
import types
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml
from pydantic import (
    ValidationError,
)

from course.seeds import stable_seed
from course.vignettes.model import (
    BANK_DIR,
    GRADED_FILE,
    VOCABULARY_FILE,
    TagValue,
    Vignette,
    VignetteBankError,
    VignetteText,
    Vocabulary,
    load_vocabulary,
)
from course.yamlfile import read_yaml

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
    """The vignette files in ``directory``: every ``*.yaml`` but the vocabulary and the graded texts."""
    skip = {VOCABULARY_FILE, GRADED_FILE}
    return sorted(p for p in Path(directory).glob("*.yaml") if p.name not in skip)


def load(directory: Path | str = BANK_DIR, vocabulary: Vocabulary | None = None) -> VignetteBank:
    """Load and validate every vignette file in ``directory``.

    Raises :class:`VignetteBankError` naming the file, the vignette id and the
    reason for the first malformed vignette or file.

    >>> loaded = load()
    >>> len(loaded) >= 100
    True
    """
    directory = Path(directory)
    vocab = vocabulary or load_vocabulary(directory)
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


@functools.cache
def graded_texts() -> types.MappingProxyType:
    """The graded vignettes as trainees see them, by id (see :class:`VignetteText`).

    >>> text = next(iter(graded_texts().values()))
    >>> hasattr(text, "tags") or hasattr(text, "rationale")
    False
    """
    path = BANK_DIR / GRADED_FILE
    try:
        document = read_yaml(path)
    except yaml.YAMLError as error:
        raise VignetteBankError(f"{path.name}: not valid YAML: {error}") from error
    vocab = load_vocabulary(BANK_DIR)
    texts = {}
    for position, entry in enumerate(document["graded"], start=1):
        try:
            text = VignetteText.model_validate(entry, context={"vocabulary": vocab})
        except ValidationError as error:
            raise VignetteBankError(
                f"{path.name}: vignette #{position}: {_reasons(error)}"
            ) from None
        texts[text.id] = text
    return types.MappingProxyType(texts)


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

    >>> answer_key(["comp-goal-002"], "component")
    {'comp-goal-002': 'goal'}
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

    >>> feedback("comp-goal-002").endswith(".")
    True
    """
    return bank().get(vignette_id).rationale
