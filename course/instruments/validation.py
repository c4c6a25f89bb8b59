"""Check a wide frame of responses against a spec and turn its items into one float array.

Every check is vectorised; when one fails, the error names the first offending row
(by its ids where the frame has id columns, else by its index label) and item, says
what the instrument expects, and counts any further problems of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.instruments.errors import ResponseError
from course.instruments.spec import Instrument, ResponseScale, format_number

# Columns that identify an administration: used to name rows in messages and to find duplicates.
_ID_NAMES = {"id", "session", "session_number", "week", "occasion", "administration"}
# Names that look like an item but are not the i1..iN convention (Item1, q_3, I01, ...).
_ITEM_LIKE = re.compile(r"^(i|item|q|question)[\s_\-.]?0*(\d+)$", re.IGNORECASE)
# Tolerance for "is this value on the response grid": answers are exact in decimal data.
_GRID_TOL = 1e-6


@dataclass(frozen=True)
class Checked:
    """Validated responses and how to name their rows.

    ``columns`` holds the item values as floats (NaN = missing) with one *row per item*
    (shape items x administrations): each item is contiguous in memory, which keeps the
    per-item checks and the sums over items fast on a million administrations.
    """

    columns: np.ndarray
    id_columns: tuple[str, ...]
    frame: pd.DataFrame

    @property
    def values(self) -> np.ndarray:
        """Administrations x items view of ``columns``."""
        return self.columns.T

    def row_name(self, position: int) -> str:
        return describe_row(self.frame, self.id_columns, position)


def item_columns(spec: Instrument) -> list[str]:
    return [f"i{item.number}" for item in spec.items]


def output_columns(spec: Instrument) -> list[str]:
    names = (
        list(spec.scoreable_scales) + ["n_missing"] + [f.name for f in spec.flags] + ["score_note"]
    )
    return names


def default_id_columns(columns: Sequence[str]) -> tuple[str, ...]:
    """Columns that look like identifiers: ``id``, ``*_id``, ``session`` and friends."""
    return tuple(c for c in columns if isinstance(c, str) and (c in _ID_NAMES or c.endswith("_id")))


def describe_row(frame: pd.DataFrame, id_columns: Sequence[str], position: int) -> str:
    """'row 3 (client_id='c01', session=2)', or 'row 3' when there are no id columns."""
    label = frame.index[position]
    if not id_columns:
        return f"row {label!r}" if not isinstance(label, (int, np.integer)) else f"row {label}"
    ids = ", ".join(f"{c}={_plain(frame[c].iloc[position])!r}" for c in id_columns)
    return f"row {label} ({ids})"


def check_responses(
    spec: Instrument, responses: object, id_columns: Sequence[str] | None = None
) -> Checked:
    """Validate ``responses`` for ``spec``; return the item values as a float array."""
    name = spec.abbreviation
    if not isinstance(responses, pd.DataFrame):
        raise ResponseError(
            f"{name} responses must be a pandas DataFrame with one row per administration and "
            f"item columns {_span(spec)}; got a {type(responses).__name__}."
        )
    frame = responses
    wanted = item_columns(spec)
    _check_column_names(spec, frame, wanted)
    ids = tuple(id_columns) if id_columns is not None else default_id_columns(list(frame.columns))
    absent = [c for c in ids if c not in frame.columns]
    if absent:
        raise ResponseError(f"id_columns {absent} are not columns of the responses.")
    _check_duplicates(frame, ids)
    columns = _as_float_columns(spec, frame, wanted, ids)
    checked = Checked(columns=columns, id_columns=ids, frame=frame)
    _check_values(spec, checked)
    return checked


def _check_column_names(spec: Instrument, frame: pd.DataFrame, wanted: list[str]) -> None:
    name = spec.abbreviation
    columns = list(frame.columns)
    repeated = sorted({str(c) for c in columns if columns.count(c) > 1})
    if repeated:
        raise ResponseError(
            f"{name} responses have repeated column names {repeated}: each column must be unique."
        )
    missing = [c for c in wanted if c not in columns]
    present = set(columns)
    for column in columns:
        if not isinstance(column, str) or column in wanted:
            continue
        match = _ITEM_LIKE.match(column)
        if not match:
            continue
        number = int(match.group(2))
        if column.lower() == f"i{number}" and number > len(wanted):
            raise ResponseError(
                f"Column {column!r} looks like an item, but the {name} has only {len(wanted)} "
                f"items ({_span(spec)}). Is this the right instrument, or an extra column to drop?"
            )
        if 1 <= number <= len(wanted) and f"i{number}" not in present:
            raise ResponseError(
                f"Column {column!r} looks like item {number}: name item columns "
                f"{_span(spec)} exactly (e.g. rename {column!r} to 'i{number}')."
            )
    if missing:
        found = [c for c in wanted if c in present]
        have = f" Found: {', '.join(found)}." if found else " None of them is present."
        raise ResponseError(
            f"{name} responses need one column per item, {_span(spec)}; missing: "
            f"{', '.join(missing)}.{have}"
        )
    clash = [c for c in output_columns(spec) if c in present]
    if clash:
        raise ResponseError(
            f"{name} responses already have column(s) {clash}, which scoring adds. Drop or rename "
            "them first so no earlier score is silently overwritten."
        )


def _check_duplicates(frame: pd.DataFrame, ids: tuple[str, ...]) -> None:
    if not ids:
        return
    # A uniqueness test on an index is cheaper than marking duplicates; do that only on failure.
    keys = frame[ids[0]] if len(ids) == 1 else pd.MultiIndex.from_frame(frame[list(ids)])
    if keys.is_unique:
        return
    duplicated = frame.duplicated(subset=list(ids), keep=False).to_numpy()
    positions = np.flatnonzero(duplicated)
    first = positions[0]
    key = frame[list(ids)].iloc[first]
    same = positions[(frame[list(ids)].iloc[positions] == key).all(axis=1).to_numpy()]
    labels = ", ".join(str(frame.index[p]) for p in same[:5])
    who = ", ".join(f"{c}={_plain(key[c])!r}" for c in ids)
    raise ResponseError(
        f"Rows {labels} share the same ids ({who}): each administration needs its own row. Drop "
        "the duplicate, or add a column (such as session) that tells them apart."
    )


def _as_float_columns(spec: Instrument, frame: pd.DataFrame, wanted: list[str], ids) -> np.ndarray:
    out = np.empty((len(wanted), len(frame)), dtype=float)
    for row, column in enumerate(wanted):
        series = frame[column]
        if pd.api.types.is_bool_dtype(series.dtype):
            position = 0
            raise ResponseError(
                f"{spec.abbreviation} {describe_row(frame, ids, position)}, item {column}: the "
                "column holds True/False values; answers must be numbers."
            )
        if pd.api.types.is_numeric_dtype(series.dtype):
            out[row] = series.to_numpy(dtype=float, na_value=np.nan)
            continue
        converted = pd.to_numeric(series, errors="coerce")
        bad = converted.isna().to_numpy() & series.notna().to_numpy()
        if bad.any():
            position = int(np.flatnonzero(bad)[0])
            raise ResponseError(
                f"{spec.abbreviation} {describe_row(frame, ids, position)}, item {column}: "
                f"{series.iloc[position]!r} is not a number. Enter the answer's score "
                f"({spec.item_response(int(column[1:])).describe()}), or leave it empty (NaN) if "
                f"it was not answered.{_more(int(bad.sum()) - 1, 'non-numeric value', 'non-numeric values')}"
            )
        out[row] = converted.to_numpy(dtype=float, na_value=np.nan)
    return out


def _check_values(spec: Instrument, checked: Checked) -> None:
    """Range and answer-grid checks, one pass per group of items sharing a response scale.

    A cheap min/max reduction and one deviation-from-grid pass decide whether anything is
    wrong; only then is the full mask built to find and name the first bad value.
    """
    for scale, numbers in _groups_by_scale(spec):
        rows = [n - 1 for n in numbers]
        block = checked.columns if len(rows) == len(checked.columns) else checked.columns[rows]
        if not block.size:
            continue
        low, high = np.fmin.reduce(block, axis=None), np.fmax.reduce(block, axis=None)
        if low < scale.min or high > scale.max:
            with np.errstate(invalid="ignore"):
                _raise_first(
                    spec,
                    checked,
                    (block < scale.min) | (block > scale.max),
                    numbers,
                    _outside_message,
                )
        if scale.allowed is not None:
            off_grid = ~np.isin(block, scale.allowed) & ~np.isnan(block)
        else:
            grid = block if scale.whole_numbers else (block - scale.min) / scale.step
            deviation = np.rint(grid)
            np.subtract(grid, deviation, out=deviation)
            np.abs(deviation, out=deviation)
            # NaN (unanswered) compares False, so missing answers pass this check.
            off_grid = deviation > _GRID_TOL
        if off_grid.any():
            _raise_first(spec, checked, off_grid, numbers, _off_grid_message)


def _groups_by_scale(spec: Instrument) -> list[tuple[ResponseScale, list[int]]]:
    """Items sharing a response scale, so each check runs once per scale on a 2-D block."""
    scales: dict[int, ResponseScale] = {}
    members: dict[int, list[int]] = {}
    for item in spec.items:
        scale = spec.item_response(item.number)
        scales[id(scale)] = scale
        members.setdefault(id(scale), []).append(item.number)
    return [(scales[key], numbers) for key, numbers in members.items()]


def _raise_first(spec, checked, bad: np.ndarray, numbers: list[int], message) -> None:
    """Raise for the first bad value in row order (``bad`` is items x administrations)."""
    if not bad.any():
        return
    position = int(np.flatnonzero(bad.any(axis=0))[0])
    index = int(np.flatnonzero(bad[:, position])[0])
    number = numbers[index]
    value = checked.columns[number - 1, position]
    extra = _more(int(bad.sum()) - 1, "value like this", "values like this")
    text = message(spec, number, value)
    raise ResponseError(
        f"{spec.abbreviation} {checked.row_name(position)}, item i{number}: {text}{extra}"
    )


def _outside_message(spec: Instrument, number: int, value: float) -> str:
    scale = spec.item_response(number)
    return (
        f"{format_number(value)} is outside the possible answers {scale.describe()}. Check for a typo or for "
        "data entered on another instrument's scale; the course never clips a value into range."
    )


def _off_grid_message(spec: Instrument, number: int, value: float) -> str:
    scale = spec.item_response(number)
    if scale.allowed is not None:
        options = ", ".join(format_number(v) for v in scale.allowed)
        return (
            f"{format_number(value)} is not a possible score for this item: only {options} are "
            f"({scale.describe()}). If your form coded the answers 0, 1, 2, they must be scored "
            f"{options}."
        )
    if scale.whole_numbers:
        return (
            f"{format_number(value)} is not a whole number; {spec.abbreviation} answers are whole numbers "
            f"{scale.describe()}. A half point usually means two boxes were ticked: ask the "
            "respondent, or leave the item empty (NaN)."
        )
    return (
        f"{value:g} is not on the answer grid: {spec.abbreviation} marks go in steps of "
        f"{format_number(scale.step)} ({scale.describe()}). Measure to one decimal place."
    )


def _more(count: int, singular: str, plural: str) -> str:
    if count <= 0:
        return ""
    return f" ({count} more {singular if count == 1 else plural} after this one.)"


def _span(spec: Instrument) -> str:
    n = len(spec.items)
    return f"i1..i{n}" if n > 2 else ", ".join(f"i{k}" for k in range(1, n + 1))


def _plain(value):
    return value.item() if isinstance(value, np.generic) else value
