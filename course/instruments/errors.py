"""Errors the instrument library raises, each written for a trainee to read.

Every error names what was wrong, where (file and field for a spec; row and
item for responses) and what to do about it.
"""

from __future__ import annotations


class ResponseError(ValueError):
    """Responses (or the request to score them) cannot be scored as given.

    The message names the row (by its ids when the frame has id columns, else by
    its index) and the item, says what the instrument expects and suggests a fix.
    """


class UnknownInstrumentError(ResponseError):
    """The instrument id is not in the catalogue; the message suggests the nearest ids."""


class NotScoreableError(ResponseError):
    """The instrument is catalogued but its scoring key is not confirmed, so it is not scored."""


class SpecError(ValueError):
    """A YAML instrument spec is malformed: the message names the file, the field and the reason."""
