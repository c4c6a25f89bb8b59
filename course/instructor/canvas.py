"""What the course knows about its Canvas course, kept beside the gradebook.

nbgrader's Student table has no column for a trainee's SIS User ID or section,
and its Assignment table none for a Canvas assignment id. Rather than add
tables to nbgrader's database (its own migrations own that schema, and it may
be a shared PostgreSQL server), the course keeps them in one small JSON file in
the course directory, ``canvas.json``, like ``flagged.json`` and
``extensions.json``: readable, diffable, backed up with the course directory::

    {"students": {"ada": {"sis_user_id": "S1", "section": "Sec 1"}},
     "assignments": {"01-working-alliance": {"id": "12345", "name": "01 Working alliance"}}}

Written by ``alliance-course students import`` (the roster's SIS User ID and
Section, and the assignment columns of a Canvas gradebook export), by
``alliance-course assign --canvas-assignment-id`` and by ``alliance-course
export --canvas-gradebook``.

A Canvas gradebook export (Grades -> Export) is a CSV with the columns
``Student`` ("Last, First"), ``ID`` (Canvas user id), ``SIS User ID``, ``SIS
Login ID``, ``Section``, then one column per assignment headed ``Name (id)``,
a ``Points Possible`` row under the header, and read-only score columns.
"""

from __future__ import annotations

import csv
import json
import os
import re
from pathlib import Path

from course.instructor.errors import CourseInputError

ASSIGNMENT_HEADER = re.compile(r"^(?P<name>.*\S)\s*\((?P<id>\d+)\)$")


class CanvasFileError(CourseInputError):
    """A Canvas file cannot be used; the message says which and what to do."""


def canvas_path(course_root: Path) -> Path:
    """The course directory's record of Canvas ids and sections."""
    return Path(course_root) / "canvas.json"


def read_canvas(course_root: Path) -> dict:
    """``{"students": {...}, "assignments": {...}}`` (both empty when nothing is recorded)."""
    path = canvas_path(course_root)
    data = json.loads(path.read_text()) if path.exists() else {}
    return {"students": data.get("students", {}), "assignments": data.get("assignments", {})}


def _write(course_root: Path, data: dict) -> None:
    path = canvas_path(course_root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, path)  # never a half-written file


def record_students(course_root: Path, students: dict[str, dict[str, str]]) -> None:
    """Store each trainee's ``sis_user_id`` and ``section`` (trainee id -> fields)."""
    data = read_canvas(course_root)
    data["students"].update(students)
    _write(course_root, data)


def record_assignments(course_root: Path, assignments: dict[str, tuple[str, str]]) -> None:
    """Store module -> (Canvas assignment id, Canvas assignment name)."""
    data = read_canvas(course_root)
    for module, (canvas_id, name) in assignments.items():
        data["assignments"][module] = {"id": str(canvas_id), "name": name}
    _write(course_root, data)


def _slug(text: str) -> str:
    """
    >>> _slug("01 Working alliance")
    '01-working-alliance'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def assignment_columns(header: list[str]) -> list[tuple[str, str]]:
    """(name, id) of every ``Name (id)`` column of a Canvas gradebook export's header.

    >>> assignment_columns(["Student", "ID", "01 Working alliance (12345)", "Current Score"])
    [('01 Working alliance', '12345')]
    """
    found = []
    for column in header:
        match = ASSIGNMENT_HEADER.match(column.strip())
        if match:
            found.append((match["name"], match["id"]))
    return found


def match_modules(columns: list[tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """Module folder -> (Canvas id, Canvas name) for the columns named after a module.

    A column matches a module when its name, written as a slug, is the module's
    folder ("01-working-alliance"), its title, or its number and title
    ("01 The working alliance"). Other columns (quizzes, discussions) are ignored.

    >>> match_modules([("01 Working alliance", "12345"), ("Quiz 1", "9")])
    {'01-working-alliance': ('12345', '01 Working alliance')}
    """
    from course.modules import MODULES

    matched: dict[str, tuple[str, str]] = {}
    for module in MODULES:
        names = {module.folder, _slug(module.title), _slug(f"{module.number} {module.title}")}
        hits = [(cid, name) for name, cid in columns if _slug(name) in names]
        if len(hits) > 1:
            listed = ", ".join(f"{name} ({cid})" for cid, name in hits)
            raise CanvasFileError(
                f"several Canvas assignments match {module.folder}: {listed}; "
                f"give its id with `alliance-course assign {module.folder} --canvas-assignment-id ID`"
            )
        if hits:
            matched[module.folder] = hits[0]
    return matched


def read_header(path: Path) -> list[str]:
    """The header row of a CSV file (a byte-order mark, as Excel writes, is allowed)."""
    try:
        with Path(path).open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError) as err:
        raise CanvasFileError(f"cannot read {path}: {err}") from None


def read_gradebook_header(path: Path) -> list[str]:
    """The header row of a Canvas gradebook export; refuse any other file."""
    header = read_header(path)
    if not {"Student", "ID"} <= {h.strip() for h in header}:
        raise CanvasFileError(
            f"{path} is not a Canvas gradebook export (no Student and ID columns): "
            "download it from Canvas under Grades -> Export"
        )
    return header


def learn_assignment_ids(course_root: Path, gradebook_csv: Path) -> dict[str, tuple[str, str]]:
    """Record the Canvas ids of the modules found in a Canvas gradebook export; return them."""
    matched = match_modules(assignment_columns(read_gradebook_header(gradebook_csv)))
    if matched:
        record_assignments(course_root, matched)
    return matched
