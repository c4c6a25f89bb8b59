"""Per-trainee extensions: ``alliance-course extend MODULE STUDENT --until ... | --days N``.

An extension moves one trainee's due date for one module. It is kept in the
course directory's ``extensions.json`` (module -> trainee -> new due time in
UTC, ISO 8601), not in nbgrader's gradebook: nbgrader stores an extension on a
*submission*, which does not exist before the trainee hands in, and an
extension is usually granted before that. The late penalty
(:mod:`course.instructor.late_policy`) reads this file, both in nbgrader's
autograde plugin and when penalties are recomputed at export, and mirrors each
extension into nbgrader's own ``extension`` column once the submission exists,
so formgrader shows the same lateness.

The dashboard reads :func:`extensions`.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

from course.identity import IdentityError, validate_student_id
from course.instructor.errors import CourseInputError


class ExtensionError(CourseInputError):
    """An extension cannot be granted; the message says what to do."""


def extensions_path(course_root: Path) -> Path:
    """Where a course's extensions are kept."""
    return Path(course_root) / "extensions.json"


def _course_root(course) -> Path:
    """The folder of a CourseDir, or the folder itself (a Path's own ``.root`` is '/')."""
    return Path(course) if isinstance(course, str | Path) else Path(course.root)


def extensions(course) -> dict[tuple[str, str], dt.datetime]:
    """(student, module) -> the trainee's own due time (timezone-aware, UTC).

    ``course`` is a :class:`~course.instructor.coursedir.CourseDir` or its root folder.
    """
    path = extensions_path(_course_root(course))
    data = json.loads(path.read_text()) if path.exists() else {}
    return {
        (student, module): dt.datetime.fromisoformat(until)
        for module, students in data.items()
        for student, until in students.items()
    }


def extended_due(course_root: Path, module: str, student: str) -> dt.datetime | None:
    """The trainee's extended due time for ``module`` as naive UTC (nbgrader's convention)."""
    until = extensions(course_root).get((student, module))
    return until.astimezone(dt.UTC).replace(tzinfo=None) if until else None


def parse_until(text: str) -> dt.datetime:
    """An ISO 8601 date and time that names its time zone, as aware UTC.

    >>> parse_until("2027-02-07T17:00:00-05:00")
    datetime.datetime(2027, 2, 7, 22, 0, tzinfo=datetime.timezone.utc)
    """
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise ExtensionError(
            f"--until {text!r} needs a date, a time and a time zone, "
            "e.g. --until 2027-02-07T17:00:00-05:00 (or ...Z for UTC)"
        )
    return when.astimezone(dt.UTC)


def _module_due(db_url: str, module: str) -> dt.datetime:
    """The module's due date as aware UTC; refuse when it has none."""
    with Gradebook(db_url) as gb:
        try:
            due = gb.find_assignment(module).duedate
        except MissingEntry:
            due = None
    if due is None:
        raise ExtensionError(
            f"{module} has no due date yet: run `alliance-course assign {module} --due ...` first"
        )
    return due.replace(tzinfo=dt.UTC)


def grant(course, module: str, student: str, until: str | None = None, days: float | None = None):
    """Give ``student`` until ``until`` (ISO with zone) or ``days`` after the due date.

    Replaces any earlier extension of the same trainee and module (extensions do
    not stack); ``days=0`` removes it. Returns the new due time (aware UTC), or
    None when removed.
    """
    try:
        student = validate_student_id(student)
    except IdentityError as err:
        raise ExtensionError(str(err)) from None
    if (until is None) == (days is None):
        raise ExtensionError("give either --until DATETIME or --days N")
    with Gradebook(course.gradebook_url) as gb:
        try:
            gb.find_student(student)
        except MissingEntry:
            raise ExtensionError(
                f"{student} is not on the roster: check the id, or import the roster with "
                "`alliance-course students import`"
            ) from None
    due = _module_due(course.gradebook_url, module)
    new_due = parse_until(until) if until is not None else due + dt.timedelta(days=days)
    if days is not None and days < 0:
        raise ExtensionError("--days must be 0 (remove the extension) or more")
    if new_due < due:
        raise ExtensionError(
            f"--until {until} is before {module}'s due date ({due.isoformat()}): "
            "an extension can only give more time"
        )
    path = extensions_path(course.root)
    data = json.loads(path.read_text()) if path.exists() else {}
    if days == 0:
        data.get(module, {}).pop(student, None)
        new_due = None
    else:
        data.setdefault(module, {})[student] = new_due.isoformat()
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    os.replace(tmp, path)
    return new_due
