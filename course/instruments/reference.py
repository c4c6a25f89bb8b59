"""A row-by-row, pure-Python scorer: the yardstick for the vectorised one.

It follows the same spec rules one administration at a time, the way a trainee
would first write it. Tests check that it agrees with :func:`course.instruments.score`;
``benchmarks/bench_scoring.py`` times both on the same data. Its error messages are
terse; use :func:`course.instruments.score` for real work.
"""

from __future__ import annotations

import math
import operator

import pandas as pd

from course.instruments.errors import ResponseError
from course.instruments.loader import get

_OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def score_reference(instrument_id: str, responses: pd.DataFrame) -> pd.DataFrame:
    """Score like :func:`course.instruments.score`, one row at a time in plain Python.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({f"i{k}": [2] for k in range(1, 10)})
    >>> row = score_reference("phq-9", frame).iloc[0]
    >>> float(row["total"]), row["severity"]
    (18.0, 'moderately severe')
    """
    spec = get(instrument_id)
    numbers = [item.number for item in spec.items]
    scales = [s for s in spec.scoring.scales if s.key == "sourced"]
    members = {s.name: spec.scale_items(s) for s in scales}
    responses_by_item = [spec.item_response(n) for n in numbers]
    reverse = {item.number for item in spec.items if item.reverse}
    records = []
    item_rows = responses[[f"i{n}" for n in numbers]].itertuples(index=False, name=None)
    for position, row in enumerate(item_rows):
        raw = []
        for number, value, scale in zip(numbers, row, responses_by_item, strict=True):
            value = float(value) if value is not None and value == value else math.nan
            if not math.isnan(value):
                grid = (value - scale.min) / scale.step
                if not scale.min <= value <= scale.max or (
                    scale.allowed is not None and value not in scale.allowed
                ):
                    raise ResponseError(
                        f"row {position}, item i{number}: {value} is not a possible answer"
                    )
                if scale.allowed is None and abs(grid - round(grid)) > 1e-6:
                    raise ResponseError(
                        f"row {position}, item i{number}: {value} is off the answer grid"
                    )
            raw.append(value)
        keyed = [
            (responses_by_item[n - 1].min + responses_by_item[n - 1].max - v) if n in reverse else v
            for n, v in zip(numbers, raw, strict=True)
        ]
        record: dict[str, object] = {}
        notes = []
        for scale in scales:
            chosen = members[scale.name]
            values = []
            for n in chosen:
                v = keyed[n - 1]
                if scale.rule == "percent_of_max_mean" and not math.isnan(v):
                    item_scale = responses_by_item[n - 1]
                    v = (v - item_scale.min) / (item_scale.max - item_scale.min) * 100.0
                values.append(v)
            answered = [v for v in values if not math.isnan(v)]
            n_missing = len(values) - len(answered)
            allowed = scale.missing.max_missing
            if n_missing > allowed:
                result = math.nan
                limit = f"at most {allowed} allowed" if allowed else "no prorating"
                notes.append(
                    f"{scale.name} not scored: {n_missing} of {len(values)} items missing ({limit})"
                )
            elif scale.rule == "sum":
                result = sum(answered)
                if n_missing:
                    result = result * len(values) / len(answered)
                    if scale.missing.round_prorated:
                        result = math.floor(result + 0.5)
            else:
                result = sum(answered) / len(answered)
            if n_missing and n_missing <= allowed:
                notes.append(f"{scale.name} prorated from {len(answered)} of {len(values)} items")
            record[scale.name] = float(result)
        record["n_missing"] = sum(math.isnan(v) for v in raw)
        for flag in spec.flags:
            number = flag.item_number
            source = raw[number - 1] if number is not None else record[flag.applies_to]
            if math.isnan(source):
                record[flag.name] = None
                if number is not None:
                    notes.append(
                        flag.if_missing or f"{flag.name} unknown: item {number} was not answered"
                    )
            elif flag.kind == "threshold":
                record[flag.name] = _OPS[flag.op](source, flag.value)
            else:
                record[flag.name] = next(b.label for b in reversed(flag.bands) if b.min <= source)
        record["score_note"] = "; ".join(notes)
        records.append(record)
    added = pd.DataFrame.from_records(records, index=responses.index)
    return pd.concat([responses, added], axis=1)
