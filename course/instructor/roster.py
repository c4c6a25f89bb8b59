"""``alliance-course students import``: a class roster into the nbgrader gradebook.

Two layouts are accepted:

- the course's own: columns ``id, first_name, last_name, email, lms_id``;
- a Canvas gradebook export: ``Student`` ("Last, First"), ``ID`` (the Canvas
  user id, kept as the LMS id), ``SIS User ID``, ``SIS Login ID``. The trainee
  id is the SIS Login ID (usually the university login, which is also the
  JupyterHub user name), else the SIS User ID. Canvas's "Points Possible"
  row and its "Test Student" are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from nbgrader.api import Gradebook

from course.identity import IdentityError, validate_student_id

CANVAS_COLUMNS = {"Student", "ID", "SIS Login ID"}


@dataclass(frozen=True)
class RosterEntry:
    id: str
    first_name: str
    last_name: str
    email: str
    lms_user_id: str


class RosterError(ValueError):
    """A roster row cannot be imported; the message names the row and why."""


def _text(value) -> str:
    return "" if pd.isna(value) else str(value).strip()


def read_roster(path: Path) -> list[RosterEntry]:
    """Parse a roster file in either layout; raise :class:`RosterError` naming bad rows."""
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    entries: list[RosterEntry] = []
    canvas = CANVAS_COLUMNS <= set(table.columns)
    if not canvas and "id" not in table.columns:
        raise RosterError(
            f"{path}: needs an `id` column (course layout) or Canvas's Student, ID and "
            "SIS Login ID columns"
        )
    for number, row in table.iterrows():
        line = number + 2  # header is line 1
        if canvas:
            name = _text(row["Student"])
            if name.startswith("Points Possible") or name in {"", "Student, Test", "Test Student"}:
                continue
            last, _, first = name.partition(",")
            raw_id = _text(row.get("SIS Login ID")) or _text(row.get("SIS User ID"))
            entry = (raw_id, first.strip(), last.strip(), "", _text(row["ID"]))
        else:
            entry = tuple(
                _text(row.get(col)) for col in ("id", "first_name", "last_name", "email", "lms_id")
            )
        try:
            student_id = validate_student_id(entry[0])
        except IdentityError as err:
            raise RosterError(f"{path}, line {line}: {err}") from None
        entries.append(RosterEntry(student_id, *entry[1:]))
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RosterError(f"{path}: trainee id(s) listed twice: {', '.join(duplicates)}")
    return entries


def import_roster(path: Path, db_url: str) -> list[RosterEntry]:
    """Create or update every roster entry as an nbgrader student; return them."""
    entries = read_roster(path)
    with Gradebook(db_url) as gb:
        for e in entries:
            gb.update_or_create_student(
                e.id,
                first_name=e.first_name or None,
                last_name=e.last_name or None,
                email=e.email or None,
                lms_user_id=e.lms_user_id or None,
            )
    return entries
