"""Vectorised scoring of validated responses: scales, missing-item rules, flags and notes.

All arithmetic runs on one ``(rows, items)`` float array with numpy; there is no
Python loop over rows. The only per-row text, ``score_note``, is built once per
*distinct* pattern of missing items and mapped back with a categorical.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from course.instruments.errors import NotScoreableError
from course.instruments.loader import get
from course.instruments.spec import Flag, Instrument, Scale
from course.instruments.validation import Checked, check_responses

_OPS = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}


def score(
    instrument_id: str, responses: pd.DataFrame, *, id_columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """Score ``responses`` (wide: one row per administration, items ``i1``..``iN``).

    Other columns (ids, session, ...) are carried through unchanged. Added columns:
    ``total`` (when the instrument defines one), one column per scored subscale,
    ``n_missing``, the instrument's flags and ``score_note`` ("" when there is
    nothing to say; otherwise why a score is empty or prorated). Columns named
    ``id``, ``*_id`` or ``session`` identify rows in error messages and must not
    repeat; pass ``id_columns`` to choose them yourself.

    >>> import pandas as pd
    >>> srs = pd.DataFrame({"session": [1, 2], "i1": [9.1, 8.0], "i2": [9.5, 9.0],
    ...                     "i3": [8.7, 9.0], "i4": [9.3, 9.0]})
    >>> score("srs", srs)[["session", "total", "alliance_concern"]]
       session  total  alliance_concern
    0        1   36.6             False
    1        2   35.0              True
    """
    spec = get(instrument_id)
    if not spec.is_scoreable:
        raise NotScoreableError(
            f"{spec.abbreviation} ({spec.id}) is in the catalogue but is not scored: "
            f"{spec.status_note}. See get({spec.id!r}).facts for what is and is not confirmed."
        )
    checked = check_responses(spec, responses, id_columns)
    return score_checked(spec, checked)


def score_checked(spec: Instrument, checked: Checked) -> pd.DataFrame:
    """Score already validated responses (items x administrations in ``checked.columns``)."""
    raw = checked.columns
    missing = np.isnan(raw)
    # Missing answers count as 0 in sums; the missing mask keeps track of them.
    filled = np.where(missing, 0.0, _apply_reverse_keying(spec, raw))
    columns: dict[str, object] = {}
    scale_scores: dict[str, np.ndarray] = {}
    note_parts: list[tuple[np.ndarray, list[str]]] = []
    for scale in _scoreable(spec):
        numbers = spec.scale_items(scale)
        values, n_missing = _scale_score(spec, scale, filled, missing, numbers)
        scale_scores[scale.name] = values
        columns[scale.name] = values
        note_parts.append((n_missing, _scale_notes(scale, len(numbers))))
    columns["n_missing"] = _row_sum(missing, range(len(raw))).astype(np.int64)
    for flag in spec.flags:
        number = flag.item_number
        source = raw[number - 1] if number is not None else scale_scores[flag.applies_to]
        columns[flag.name] = _flag_column(flag, source)
        if number is not None:
            note = flag.if_missing or f"{flag.name} unknown: item {number} was not answered"
            note_parts.append((missing[number - 1].astype(np.int64), ["", note]))
    columns["score_note"] = _notes(note_parts, raw.shape[1])
    added = pd.DataFrame(columns, index=checked.frame.index)
    return pd.concat([checked.frame, added], axis=1)


def _scoreable(spec: Instrument) -> list[Scale]:
    assert spec.scoring is not None
    return [s for s in spec.scoring.scales if s.key == "sourced"]


def _apply_reverse_keying(spec: Instrument, raw: np.ndarray) -> np.ndarray:
    reversed_items = [item.number for item in spec.items if item.reverse]
    if not reversed_items:
        return raw
    keyed = raw.copy()
    for number in reversed_items:
        scale = spec.item_response(number)
        keyed[number - 1] = reverse_key(raw[number - 1], scale.min, scale.max)
    return keyed


def reverse_key(values, low: float, high: float):
    """Reverse-key answers on a ``low``..``high`` scale; applying it twice gives the answers back.

    >>> reverse_key(np.array([1.0, 2.0, 7.0]), 1, 7)
    array([7., 6., 1.])
    """
    return low + high - values


def _row_sum(rows: np.ndarray, chosen) -> np.ndarray:
    """Sum selected item rows by adding one contiguous row at a time (no fancy-index copy)."""
    chosen = list(chosen)
    total = rows[chosen[0]].astype(np.float64 if rows.dtype.kind == "f" else np.int64)
    for index in chosen[1:]:
        total += rows[index]
    return total


def _scale_score(
    spec: Instrument, scale: Scale, filled: np.ndarray, missing: np.ndarray, numbers: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    rows = [n - 1 for n in numbers]
    k = len(rows)
    n_missing = _row_sum(missing, rows)
    if scale.rule == "percent_of_max_mean":
        # Rescale each item to 0-100 % of its own range; a missing item stays 0 and is not counted.
        total = np.zeros(filled.shape[1])
        for n in numbers:
            item = spec.item_response(n)
            total += np.where(
                missing[n - 1], 0.0, (filled[n - 1] - item.min) / (item.max - item.min) * 100.0
            )
    else:
        total = _row_sum(filled, rows)
    answered = k - n_missing
    with np.errstate(invalid="ignore", divide="ignore"):
        if scale.rule == "sum":
            # Prorate a sum: the mean of the answered items scaled up to all k items.
            values = np.where(n_missing > 0, total * k / answered, total)
            if scale.missing.round_prorated:
                # Half-up rounding, so a prorated 9.5 becomes 10 as a clinician would count it.
                values = np.where(n_missing > 0, np.floor(values + 0.5), values)
        else:
            values = total / answered
    values = np.where(n_missing > scale.missing.max_missing, np.nan, values)
    return values, n_missing


def _scale_notes(scale: Scale, k: int) -> list[str]:
    """The note for each possible count of missing items (index = count)."""
    notes = [""]
    allowed = scale.missing.max_missing
    for count in range(1, k + 1):
        if count <= allowed:
            notes.append(f"{scale.name} prorated from {k - count} of {k} items")
        elif allowed:
            notes.append(
                f"{scale.name} not scored: {count} of {k} items missing (at most {allowed} allowed)"
            )
        else:
            notes.append(f"{scale.name} not scored: {count} of {k} items missing (no prorating)")
    return notes


def _flag_column(flag: Flag, source: np.ndarray):
    unknown = np.isnan(source)
    if flag.kind == "threshold":
        with np.errstate(invalid="ignore"):
            hit = _OPS[flag.op](source, flag.value)
        return pd.arrays.BooleanArray(hit & ~unknown, unknown)
    assert flag.bands is not None
    lows = np.array([band.min for band in flag.bands])
    codes = np.searchsorted(lows, np.where(unknown, lows[0], source), side="right") - 1
    labels = [band.label for band in flag.bands]
    if all(isinstance(label, int) for label in labels):
        values = np.asarray(labels, dtype=np.int64)[codes]
        return pd.arrays.IntegerArray(values, unknown)
    codes = np.where(unknown, -1, codes)
    return pd.Categorical.from_codes(
        codes, categories=[str(label) for label in labels], ordered=True
    )


def _notes(parts: list[tuple[np.ndarray, list[str]]], n_rows: int) -> pd.Categorical:
    """Combine per-part note choices into one categorical column without a row loop.

    Each part is (index array, texts): the row's text is texts[index]. The indexes are
    packed into one mixed-radix code per row; only the distinct codes become strings.
    """
    code = np.zeros(n_rows, dtype=np.int64)
    radix = 1
    for index, texts in parts:
        code += np.asarray(index, dtype=np.int64) * radix
        radix *= len(texts)
    if radix <= 4 * n_rows + 1024:
        # Few possible codes: find the present ones by counting, in linear time.
        present = np.flatnonzero(np.bincount(code, minlength=radix))
        position = np.full(radix, -1, dtype=np.int64)
        position[present] = np.arange(len(present))
        unique, inverse = present, position[code]
    else:
        unique, inverse = np.unique(code, return_inverse=True)
    messages: list[str] = []
    for value in unique.tolist():
        pieces = []
        for _, texts in parts:
            value, pick = divmod(value, len(texts))
            if texts[pick]:
                pieces.append(texts[pick])
        messages.append("; ".join(pieces))
    categories = list(dict.fromkeys(messages))
    lookup = np.array([categories.index(m) for m in messages], dtype=np.int64)
    return pd.Categorical.from_codes(lookup[np.ravel(inverse)], categories=categories)
