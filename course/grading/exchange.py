"""Answers as plain data: how a trainee's values leave the grading sandbox.

Grading runs in two processes (:mod:`course.instructor.two_phase`). The
trainee's notebook runs in the sandbox; just before each test cell the values
the test reads are written out by :func:`export_answers` as JSON, the only
thing that crosses to the process that runs the tests. There :func:`decode`
rebuilds them as plain values (numbers, text, booleans, ``None``, lists,
tuples, sets, dicts, pandas tables), never as objects of the trainee's: a value
that is not plain data arrives as :class:`NotPlainData`, which every check
refuses with a message naming the type.

>>> import pandas as pd
>>> table = pd.DataFrame({"client": ["C1", "C2"], "srs": [31.0, 35.5]})
>>> back = decode(encode({"labels": {"V1": "bond"}, "ci": (0.1, 0.4), "table": table}))
>>> back["labels"], back["ci"], back["table"].equals(table)
({'V1': 'bond'}, (0.1, 0.4), True)
>>> decode(encode({"f": len, "blank": ...}))
{'f': NotPlainData('builtin_function_or_method'), 'blank': Ellipsis}
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd

# The output type a test cell's place carries in the sandboxed run; nothing else is read.
MIME = "application/vnd.alliance.answers+json"
_SCALARS = (bool, int, float, str, type(None))
# numpy's own scalar types, exactly: a subclass made to look like one is an object.
NUMPY_SCALARS = frozenset(kind for kind in np.sctypeDict.values() if kind.__module__ == "numpy")


class NotPlainData:
    """Stands for a value that could not travel as data (a function, an object...)."""

    def __init__(self, kind: str):
        self.kind = str(kind)[:80]

    def __repr__(self) -> str:
        return f"NotPlainData({self.kind!r})"


def _encode_value(value, depth: int = 0):
    kind = type(value)
    if depth > 20:
        return {"__not_plain__": "a structure nested too deeply"}
    if kind is float and not math.isfinite(value):
        return {"__float__": repr(value)}
    if kind in _SCALARS:
        return value
    if value is Ellipsis:
        return {"__blank__": True}  # a starter's blank, left unfilled
    if kind in NUMPY_SCALARS:
        return _encode_value(value.item(), depth)
    if kind is list:
        return [_encode_value(item, depth + 1) for item in value]
    if kind is tuple:
        return {"__tuple__": [_encode_value(item, depth + 1) for item in value]}
    if kind in (set, frozenset):
        return {"__set__": [_encode_value(item, depth + 1) for item in value]}
    if kind is np.ndarray and value.dtype.kind in "biufUO":
        return [_encode_value(item, depth + 1) for item in value.tolist()]
    if kind is dict:
        if all(type(key) is str for key in value):
            if not any(key.startswith("__") and key.endswith("__") for key in value):
                return {key: _encode_value(item, depth + 1) for key, item in value.items()}
        pairs = [
            [_encode_value(k, depth + 1), _encode_value(v, depth + 1)] for k, v in value.items()
        ]
        return {"__dict__": pairs}
    if kind in (pd.DataFrame, pd.Series):
        try:
            if kind is pd.DataFrame:
                return {"__dataframe__": value.to_json(orient="table")}
            # A one-column table keeps the index's type, which a Series' own table form loses.
            name = value.name if type(value.name) in _SCALARS else None
            table = value.to_frame(name="values").to_json(orient="table")
            return {"__series__": {"table": table, "name": name}}
        except (ValueError, TypeError, OverflowError):
            return {"__not_plain__": f"{kind.__name__} that cannot be written as a table"}
    return {"__not_plain__": kind.__name__}


def encode(values: dict) -> dict:
    """``{name: value}`` as JSON-ready data; see :func:`decode`."""
    return {str(name): _encode_value(value) for name, value in values.items()}


def _decode_value(data):
    if type(data) is list:
        return [_decode_value(item) for item in data]
    if type(data) is not dict:
        return data if type(data) in _SCALARS else NotPlainData(type(data).__name__)
    if len(data) == 1:
        ((tag, inner),) = data.items()
        if tag == "__blank__":
            return Ellipsis
        if tag == "__float__" and inner in ("nan", "inf", "-inf"):
            return float(inner)
        if tag == "__tuple__" and type(inner) is list:
            return tuple(_decode_value(item) for item in inner)
        if tag == "__set__" and type(inner) is list:
            return set(_hashable(_decode_value(item)) for item in inner)
        if tag == "__dict__" and type(inner) is list:
            return {_hashable(_decode_value(k)): _decode_value(v) for k, v in _pairs(inner)}
        if tag == "__dataframe__" and type(inner) is str:
            return _table(inner)
        if tag == "__series__" and type(inner) is dict and type(inner.get("table")) is str:
            return _series(inner["table"], inner.get("name"))
        if tag == "__not_plain__":
            return NotPlainData(inner)
    return {str(key): _decode_value(item) for key, item in data.items()}


def _pairs(items: list):
    return [item for item in items if type(item) is list and len(item) == 2]


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return NotPlainData(type(value).__name__)
    return value


def _table(text: str):
    try:
        return pd.read_json(io.StringIO(text), orient="table")
    except (ValueError, TypeError, KeyError):
        return NotPlainData("table that could not be read back")


def _series(text: str, name):
    table = _table(text)
    if type(table) is not pd.DataFrame or list(table.columns) != ["values"]:
        return NotPlainData("table that could not be read back")
    return table["values"].rename(name if type(name) in _SCALARS else None)


def decode(data) -> dict:
    """Rebuild ``{name: value}`` from :func:`encode`'s output, as plain values only."""
    if type(data) is not dict:
        return {}
    return {str(name): _decode_value(value) for name, value in data.items()}


def export_answers(namespace: dict, names: list[str]) -> None:
    """Show the named values, as data, as this cell's only output (run in the sandbox).

    A name the notebook has not set is left out, so the test process reports it
    as not defined yet, exactly as the trainee's own run of the test would.
    """
    from IPython.display import display

    present = {name: namespace[name] for name in names if name in namespace}
    display({MIME: json.loads(json.dumps(encode(present)))}, raw=True)
