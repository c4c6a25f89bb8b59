"""``course.setup()``: the one call at the top of every course notebook."""

from __future__ import annotations

import io
import tokenize

import pandas as pd

from course import charts
from course.identity import HOW_TO_SET, IdentityError, identity


def setup(quiet: bool = False) -> str | None:
    """Configure charts and tables for the course and say who the trainee is.

    Charts render with no internet (see :mod:`course.charts`), pandas shows
    tables compactly, and the trainee id that seeds their simulated caseload is
    printed. Returns the id, or ``None`` (with instructions printed) when no id
    is set, so the notebook can still be read before the id is set.
    """
    charts.enable_offline()
    charts.enable_theme()
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 30)
    pd.set_option("display.precision", 3)
    pd.set_option("display.width", 120)
    explain_missing_names()
    try:
        student_id = identity()
    except IdentityError as err:
        if not quiet:
            print(f"WARNING: {err}")
        return None
    if not quiet:
        print(
            f"Trainee id: {student_id}. Every caseload in this notebook is simulated for you "
            "from this id: no real client data is used."
        )
    return student_id


def missing_name_message(error: NameError) -> str:
    """What a trainee reads when a cell uses a name no earlier cell has set.

    >>> print(missing_name_message(NameError("name 'total' is not defined", name="total")))
    NameError: `total` is not defined yet. Run the cells above this one in order (Run > Run All Above Selected Cell); if one of them shows an error, fix that first.
    """
    name = getattr(error, "name", None) or "this name"
    return (
        f"NameError: `{name}` is not defined yet. Run the cells above this one in order "
        "(Run > Run All Above Selected Cell); if one of them shows an error, fix that first."
    )


def has_blank(source: str) -> bool:
    """Whether code still holds a starter's blank: an ``...`` outside text and comments.

    >>> has_blank("flagged = sessions[...]"), has_blank('print("wait...")  # later...')
    (True, False)
    """
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return False
    return any(tok.type == tokenize.OP and tok.string == "..." for tok in tokens)


def blank_message(error: BaseException) -> str:
    """What a trainee reads when a cell fails because a blank is still in it.

    >>> print(blank_message(KeyError(Ellipsis)))
    This cell still has a blank (...) to fill in: replace each ... with your answer, then run the cell again. (Python said: KeyError: Ellipsis)
    """
    return (
        "This cell still has a blank (...) to fill in: replace each ... with your answer, "
        f"then run the cell again. (Python said: {type(error).__name__}: {error})"
    )


def explain_missing_names() -> None:
    """Show a missing-name error, or an error from a blank left in a starter, as one
    line that says what to do, not as a traceback.

    A test cell that reads an answer the trainee has not set yet (or whose cell
    failed) raises NameError. IPython still records the cell as an error (the
    Validate report and the grader see it fail); only what is shown changes.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # plain Python: nothing to configure
        return
    shell = get_ipython()
    if shell is None:
        return

    def _one_line(shell, etype, value, tb, tb_offset=None):
        # IPython ignores a custom handler's return value while running code; the
        # handler shows the error itself. `_showtraceback` is the hook ipykernel
        # overrides to send an error output, so the cell still counts as failed.
        if isinstance(value, NameError):
            shell._showtraceback(etype, value, [missing_name_message(value)])
        elif not hasattr(value, "_render_traceback_") and has_blank(_running_cell(shell)):
            shell._showtraceback(etype, value, [blank_message(value)])
        else:
            shell.showtraceback((etype, value, tb), tb_offset=tb_offset)

    shell.set_custom_exc((Exception,), _one_line)


def _running_cell(shell) -> str:
    history = shell.user_ns.get("_ih") or [""]
    return history[-1]


__all__ = [
    "setup",
    "HOW_TO_SET",
    "blank_message",
    "explain_missing_names",
    "has_blank",
    "missing_name_message",
]
