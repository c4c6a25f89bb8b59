"""Labelled lists for notebooks: options and statements under their labels, as Markdown.

Every module shows its choices the same two ways, so they are written once here.

>>> print(option_list({"A": "Yes.", "B": "No."}))
- **A.** Yes.
- **B.** No.
>>> print(statement_list({"S1": "A statement."}))
- **S1**: A statement.
"""

from __future__ import annotations


def option_list(choices: dict[str, str]) -> str:
    """Options (or statements to judge) as ``- **A.** text`` lines."""
    return "\n".join(f"- **{label}.** {text}" for label, text in choices.items())


def statement_list(statements: dict[str, str]) -> str:
    """Statements or claims as ``- **S1**: text`` lines."""
    return "\n".join(f"- **{label}**: {text}" for label, text in statements.items())


def show_options(choices: dict[str, str]):
    """:func:`option_list` as a Markdown display object, for a notebook cell.

    >>> show_options({"A": "Yes.", "B": "No."}).data
    '- **A.** Yes.\\n- **B.** No.'
    """
    from IPython.display import Markdown

    return Markdown(option_list(choices))
