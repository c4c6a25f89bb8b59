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
    raw = checked.values
    keyed = _apply_reverse_keying(spec, raw)
    missing = np.isnan(raw)
    columns: dict[str, object] = {}
    scale_scores: dict[str, np.ndarray] = {}
    note_parts: list[tuple[np.ndarray, list[str]]] = []
    for scale in _scoreable(spec):
        numbers = spec.scale_items(scale)
        values, n_missing = _scale_score(spec, scale, keyed, missing, numbers)
        scale_scores[scale.name] = values
        columns[scale.name] = values
        note_parts.append((n_missing, _scale_notes(scale, len(numbers))))
    columns["n_missing"] = missing.sum(axis=1).astype(np.int64)
    for flag in spec.flags:
        number = flag.item_number
        source = raw[:, number - 1] if number is not None else scale_scores[flag.applies_to]
        columns[flag.name] = _flag_column(flag, source)
        if number is not None:
            note = flag.if_missing or f"{flag.name} unknown: item {number} was not answered"
            note_parts.append((missing[:, number - 1].astype(np.int64), ["", note]))
    columns["score_note"] = _notes(note_parts, len(raw))
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
        keyed[:, number - 1] = reverse_key(raw[:, number - 1], scale.min, scale.max)
    return keyed


def reverse_key(values, low: float, high: float):
    """Reverse-key answers on a ``low``..``high`` scale; applying it twice gives the answers back.

    >>> reverse_key(np.array([1.0, 2.0, 7.0]), 1, 7)
    array([7., 6., 1.])
    """
    return low + high - values


def _scale_score(
    spec: Instrument, scale: Scale, keyed: np.ndarray, missing: np.ndarray, numbers: list[int]
) -> tuple[np.ndarray, np.ndarray]:
    cols = [n - 1 for n in numbers]
    block = keyed[:, cols]
    if scale.rule == "percent_of_max_mean":
        lows = np.array([spec.item_response(n).min for n in numbers])
        highs = np.array([spec.item_response(n).max for n in numbers])
        block = (block - lows) / (highs - lows) * 100.0
    k = len(cols)
    n_missing = missing[:, cols].sum(axis=1)
    answered = k - n_missing
    total = np.nansum(block, axis=1)
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
    return pd.Categorical.from_codes(lookup[inverse.ravel()], categories=categories)
