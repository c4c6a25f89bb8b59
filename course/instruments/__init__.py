"""Measurement instruments: specs as validated data, and vectorised scoring.

Specs live in ``course/data/instruments/*.yaml`` (one per instrument) and load into typed
models (:mod:`course.instruments.spec`). The public API:

- :func:`catalogue` - one row per instrument (who answers, items, licence, status).
- :func:`get` - the validated spec of one instrument.
- :func:`score` - score a wide frame of responses (``i1``..``iN``) without a row loop.
- :class:`ResponseError` - bad responses, named by row and item (a ``ValueError``).

>>> import course.instruments as instruments
>>> instruments.get("wai-sr").scoring.total.rule
'mean'
"""

from course.instruments.catalogue import catalogue
from course.instruments.errors import (
    NotScoreableError,
    ResponseError,
    SpecError,
    UnknownInstrumentError,
)
from course.instruments.loader import get, ids, load_all, load_spec
from course.instruments.scoring import reverse_key, score
from course.instruments.spec import Instrument

__all__ = [
    "catalogue",
    "get",
    "ids",
    "score",
    "reverse_key",
    "load_spec",
    "load_all",
    "Instrument",
    "ResponseError",
    "SpecError",
    "UnknownInstrumentError",
    "NotScoreableError",
]
