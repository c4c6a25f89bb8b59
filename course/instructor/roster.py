"""``alliance-course students import``: a class roster into the nbgrader gradebook.

Two layouts are accepted:

- the course's own: columns ``id, first_name, last_name, email, lms_id``, and
  optionally ``sis_user_id`` and ``section``;
- a Canvas gradebook export: ``Student`` ("Last, First"), ``ID`` (the Canvas
  user id, kept as the LMS id), ``SIS User ID``, ``SIS Login ID``, ``Section``.
  The trainee id is the SIS Login ID (usually the university login, which is
  also the JupyterHub user name), else the SIS User ID. Canvas's "Points
  Possible" row and its "Test Student" are skipped.

Names, e-mail and the LMS id go into nbgrader's Student table. The SIS User ID
and section, which that table has no column for, go into the course
directory's ``canvas.json`` (:mod:`course.instructor.canvas`), as do the
Canvas assignment ids found in a Canvas export's ``Name (id)`` columns; the
Canvas export (``alliance-course export --format canvas``) writes them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from nbgrader.api import Gradebook

from course.identity import IdentityError, validate_student_id
from course.instructor.errors import CourseInputError

CANVAS_COLUMNS = {"Student", "ID", "SIS Login ID"}
COURSE_COLUMNS = ("id", "first_name", "last_name", "email", "lms_id", "sis_user_id", "section")


@dataclass(frozen=True)
class RosterEntry:
    id: str
    first_name: str
    last_name: str
    email: str
    lms_user_id: str
    sis_user_id: str = ""
    section: str = ""


class RosterError(CourseInputError):
    """A roster row cannot be imported; the message names the row and why."""


def _text(value) -> str:
    return "" if pd.isna(value) else str(value).strip()


def read_roster(path: Path) -> list[RosterEntry]:
    """Parse a roster file in either layout; raise :class:`RosterError` naming bad rows."""
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise RosterError(f"cannot read the roster {path}: {str(err).splitlines()[0]}") from None
    table.columns = [str(c).strip() for c in table.columns]
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
            entry += (_text(row.get("SIS User ID")), _text(row.get("Section")))
        else:
            entry = tuple(_text(row.get(col)) for col in COURSE_COLUMNS)
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


def import_roster(path: Path, db_url: str, course_root: Path | None = None) -> list[RosterEntry]:
    """Create or update every roster entry as an nbgrader student; return them.

    With ``course_root``, each trainee's SIS User ID and section are kept in the
    course directory's ``canvas.json`` (nbgrader has no place for them), and so
    are the Canvas assignment ids of a Canvas gradebook export's module columns.
    """
    entries = read_roster(path)
    if course_root is not None:
        from course.instructor import canvas

        canvas.record_students(
            course_root,
            {e.id: {"sis_user_id": e.sis_user_id, "section": e.section} for e in entries},
        )
        if CANVAS_COLUMNS <= {h.strip() for h in canvas.read_header(path)}:
            canvas.learn_assignment_ids(course_root, path)
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
