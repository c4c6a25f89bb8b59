"""Load the YAML specs in ``course/data/instruments`` into validated :class:`Instrument` models.

Data flows one way: YAML files are the single source of every instrument fact;
this module reads them, validates them with pydantic and refuses a malformed
spec with the file, the field and the reason.
"""

from __future__ import annotations

import difflib
import functools
from pathlib import Path

import yaml
from pydantic import ValidationError

from course.instruments.errors import SpecError, UnknownInstrumentError
from course.instruments.spec import Instrument
from course.resources import data_dir
from course.yamlfile import read_yaml

SPEC_DIR = data_dir("instruments")


def load_spec(path: Path | str) -> Instrument:
    """Read one YAML spec; raise :class:`SpecError` naming file, field and reason.

    >>> load_spec(SPEC_DIR / "phq-9.yaml").n_items
    9
    """
    path = Path(path)
    try:
        raw = read_yaml(path)
    except yaml.YAMLError as err:
        raise SpecError(f"{path}: not valid YAML: {err}") from err
    if not isinstance(raw, dict):
        raise SpecError(f"{path}: a spec must be a mapping of fields, not {type(raw).__name__}")
    try:
        spec = Instrument.model_validate(raw)
    except ValidationError as err:
        raise SpecError(_describe(path, err)) from err
    if spec.id != path.stem:
        raise SpecError(
            f"{path}: field 'id': is '{spec.id}' but the file is named '{path.stem}.yaml'"
        )
    return spec


def _describe(path: Path, err: ValidationError) -> str:
    lines = [f"{path}: {err.error_count()} problem(s) in the spec"]
    for problem in err.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "(top level)"
        reason = problem["msg"].removeprefix("Value error, ")
        lines.append(f"  field '{where}': {reason}")
    return "\n".join(lines)


def load_all(directory: Path | str | None = None) -> dict[str, Instrument]:
    """Every spec in ``directory`` (default ``course/data/instruments``), keyed by id."""
    directory = Path(directory) if directory is not None else SPEC_DIR
    specs: dict[str, Instrument] = {}
    for path in sorted(directory.glob("*.yaml")):
        spec = load_spec(path)
        specs[spec.id] = spec
    if not specs:
        raise SpecError(f"{directory}: no instrument specs (*.yaml) found")
    return specs


@functools.cache
def registry() -> dict[str, Instrument]:
    """The course's instruments, loaded once per process."""
    return load_all()


def ids() -> list[str]:
    """All instrument ids, sorted.

    >>> "wai-sr" in ids()
    True
    """
    return sorted(registry())


def get(instrument_id: str) -> Instrument:
    """The spec for ``instrument_id``; an unknown id suggests the nearest valid ones.

    >>> get("wai-sr").abbreviation
    'WAI-SR'
    >>> get("wai_sr")
    Traceback (most recent call last):
    ...
    course.instruments.errors.UnknownInstrumentError: There is no instrument 'wai_sr'. Did you mean 'wai-sr', ...
    """
    specs = registry()
    if isinstance(instrument_id, str) and instrument_id in specs:
        return specs[instrument_id]
    text = str(instrument_id)
    near = difflib.get_close_matches(text.lower(), list(specs), n=3, cutoff=0.5)
    hint = f" Did you mean {_one_of([repr(n) for n in near])}?" if near else ""
    raise UnknownInstrumentError(
        f"There is no instrument {text!r}.{hint} Known ids: {', '.join(sorted(specs))}."
    )


def _one_of(options: list[str]) -> str:
    return options[0] if len(options) == 1 else ", ".join(options[:-1]) + " or " + options[-1]
