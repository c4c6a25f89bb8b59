"""The one error type the command line prints as a single line (no traceback).

Raised for the user's own input (a roster row, a date without a time zone, a
file that is not what the command expects); its message says what to do.
"""

from __future__ import annotations


class CourseInputError(ValueError):
    """Bad input from the user; the message names it and says what to do."""
