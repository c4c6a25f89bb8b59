"""Releasing to and collecting from an LMS (Canvas), and recording due dates.

``assign`` records a module's due date (the time zone must be explicit) and
releases the student version: to the nbgrader exchange when one is configured,
otherwise as a zip for upload to the LMS. ``collect`` imports a Canvas bulk
download of submissions through nbgrader's ZipCollect, matching each file to a
roster id by the Canvas user id in its name and to the module by its cells, and
taking each submission's time from the archive entry's date (zip dates carry no
time zone; they are read as UTC, so check one late submission by hand the first
time you use this). Collecting is safe to repeat: each run decides, trainee by
trainee, whether the download's file is new, a resubmission (it replaces the
old notebook, whose grades are cleared for grading again), unchanged or refused.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.plugins.zipcollect import FileNameCollectorPlugin
from nbgrader.utils import parse_utc

from course.instructor.coursedir import CourseDir
from course.instructor.errors import CourseInputError
from course.instructor.submissions import (
    grade_ids,
    match_module,
    plain_name,
    reopen_for_grading,
)
from course.instructor.tamper import flags_path

# Canvas names each file in a bulk download
#   <name>[_LATE|_late]_<canvas user id>_<submission id>_<original file name>
# and may add "-N" before the extension when a trainee resubmits.
CANVAS_FILE = re.compile(
    r"^(?P<name>[^_]+)(?:_(?P<late>late))?_(?P<lms_id>\d+)_(?P<submission>\d+)_(?P<file>.+)$",
    re.IGNORECASE,
)


def parse_due(text: str) -> dt.datetime:
    """An ISO 8601 due date with an explicit offset, as naive UTC (nbgrader's convention).

    >>> parse_due("2026-12-01T17:00:00-05:00")
    datetime.datetime(2026, 12, 1, 22, 0)
    >>> parse_due("2026-12-01 17:00")
    Traceback (most recent call last):
    ...
    ValueError: due date '2026-12-01 17:00' has no time zone: write it like 2026-12-01T17:00:00-05:00 or ...Z
    """
    when = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if when.tzinfo is None:
        raise ValueError(
            f"due date {text!r} has no time zone: write it like 2026-12-01T17:00:00-05:00 or ...Z"
        )
    return when.astimezone(dt.UTC).replace(tzinfo=None)


def exchange_configured(course: CourseDir) -> bool:
    text = (course.root / "nbgrader_config.py").read_text()
    return bool(re.search(r"^\s*c\.Exchange\.root\s*=", text, re.M))


def assign(course: CourseDir, module: str, due: str) -> Path | None:
    """Record the due date; release to the exchange, or write an LMS zip and return its path."""
    with Gradebook(course.gradebook_url) as gb:
        gb.update_or_create_assignment(module, duedate=parse_due(due))
    if exchange_configured(course):
        course.nbgrader("release_assignment", module, "--force")
        return None
    out = course.root / "lms-upload" / f"{module}.zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((course.release / module).rglob("*")):
            if path.is_file():
                archive.write(path, Path(module) / path.relative_to(course.release / module))
    return out


class CollectError(CourseInputError):
    """A download cannot be collected at all; the message says what to do."""


class CanvasCollector(FileNameCollectorPlugin):
    """nbgrader collector for the files :func:`collect` chose: file name -> trainee and time.

    ``plan`` maps each staged file's name to nbgrader's ``{"student_id", "file_id",
    "timestamp"}``; any other file is skipped.
    """

    plan: dict[str, dict] = {}

    def collect(self, submitted_file):
        return CanvasCollector.plan.get(Path(submitted_file).name)


@dataclass
class Incoming:
    """One file of a Canvas download: whose it is, when it was handed in, its bytes."""

    name: str
    student: str
    when: dt.datetime
    content: bytes
    original: str


@dataclass
class CollectReport:
    """What one ``collect`` run did, trainee by trainee and file by file."""

    module: str
    notebook: str = ""
    new: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)
    regrade: dict[str, dict[str, dict]] = field(default_factory=dict)

    @property
    def collected(self) -> dict[str, list[str]]:
        """Trainee -> notebook, for every trainee whose file this download holds."""
        students = [*self.new, *self.replaced, *self.unchanged]
        return {student: [self.notebook] for student in sorted(students)}

    def summary(self) -> str:
        """The run in plain lines: counts first, then every trainee and file that needs you."""
        lines = [
            f"Module {self.module}: {len(self.new)} new, {len(self.replaced)} replaced "
            f"(resubmitted), {len(self.unchanged)} unchanged, {len(self.refused)} refused."
        ]
        if self.new or self.replaced:
            lines.append(f"  Grade them: alliance-course grade {self.module}")
        for student in self.replaced:
            lines.append(f"  {student}: resubmitted; the new notebook replaces the old one.")
            cells = self.regrade.get(student)
            if cells:
                shown = ", ".join(_was(name, old) for name, old in sorted(cells.items()))
                lines.append(
                    f"  {student}: grade again in formgrader (old grades cleared): {shown}"
                )
        for student, original in sorted(self.renamed.items()):
            lines.append(f"  {student}: {original!r} taken as {self.notebook}.")
        if self.unmatched:
            lines.append(
                f"{len(self.unmatched)} file(s) could not be matched to the roster: import the "
                "roster again (alliance-course students import) or place each by hand in "
                f"submitted/ID/{self.module}/{self.notebook}"
            )
        if self.refused:
            lines.append("Refused, with the reason:")
            lines += [f"  {name}: {why}" for name, why in sorted(self.refused.items())]
        return "\n".join(lines)


def _was(cell: str, old: dict) -> str:
    parts = []
    if old.get("manual_score") is not None:
        parts.append(f"was {old['manual_score']:g} of {old.get('max_score', 0):g}")
    if old.get("comment"):
        parts.append("had a comment")
    return f"{cell} ({', '.join(parts)})" if parts else cell


def _read_download(archive: Path) -> list[zipfile.ZipInfo]:
    if not archive.is_file():
        raise CollectError(
            f"{archive} does not exist: pass the zip from Canvas's 'Download Submissions'"
        )
    if not zipfile.is_zipfile(archive):
        raise CollectError(
            f"{archive} is not a zip file: download it again with Canvas's 'Download Submissions'"
        )
    with zipfile.ZipFile(archive) as zipped:
        return [i for i in zipped.infolist() if not i.is_dir() and "__MACOSX" not in i.filename]


def _roster_lms_ids(course: CourseDir) -> dict[str, str]:
    with Gradebook(course.gradebook_url) as gb:
        return {s.lms_user_id: s.id for s in gb.students if s.lms_user_id}


def _module_ids(course: CourseDir) -> dict[str, set[str]]:
    """Every module's notebook cell ids: the course's notebooks, then the ones built here.

    All modules are needed to tell a trainee's wrong upload (another module's
    notebook) from a renamed one: modules share a few cell ids (title, setup).
    """
    from course.instructor.project import ProjectNotFoundError, project_root
    from course.modules import MODULES

    paths = {}
    try:
        root = project_root()
        paths = {m.folder: root / m.notebook_path for m in MODULES}
    except ProjectNotFoundError:
        pass
    paths.update({p.parent.name: p for p in sorted(course.release.glob("*/*.ipynb"))})
    return {
        module: grade_ids(nbformat.read(path, as_version=4))
        for module, path in paths.items()
        if path.is_file()
    }


def _incoming(course, module, archive, report) -> dict[str, list[Incoming]]:
    """The download's files by trainee; every other file goes to ``report.refused``."""
    lms = _roster_lms_ids(course)
    known = _module_ids(course)
    by_student: dict[str, list[Incoming]] = {}
    with zipfile.ZipFile(archive) as zipped:
        for info in _read_download(archive):
            name = Path(info.filename).name
            match = CANVAS_FILE.match(name)
            if not match:
                report.refused[name] = (
                    "not named as Canvas names downloads (name_userid_submissionid_file): "
                    f"place it by hand in submitted/ID/{module}/{report.notebook}"
                )
                continue
            student = lms.get(match["lms_id"])
            if not student:
                report.unmatched.append(name)
                report.refused[name] = (
                    f"could not be matched to the roster: Canvas user id {match['lms_id']} "
                    "is not in it"
                )
                continue
            try:
                content = zipped.read(info)
            except (zipfile.BadZipFile, OSError, ValueError) as err:
                report.refused[name] = f"cannot be read from the zip ({err}): download it again"
                continue
            ok, why = match_module(content, match["file"], module, known)
            if not ok:
                report.refused[name] = why
                continue
            when = dt.datetime(*info.date_time)
            item = Incoming(name, student, when, content, match["file"])
            by_student.setdefault(student, []).append(item)
    return by_student


def _existing(course: CourseDir, module: str, student: str, notebook: str):
    """The collected notebook's bytes and time (``None`` where there is none)."""
    folder = course.submitted / student / module
    path = folder / notebook
    content = path.read_bytes() if path.is_file() else None
    stamp = folder / "timestamp.txt"
    when = parse_utc(stamp.read_text().strip()) if stamp.is_file() else None
    if when is not None and when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return content, when


def _decide(course, module, by_student, report) -> list[Incoming]:
    """Pick each trainee's newest file; new, replaced, unchanged or refused (with why)."""
    take = []
    for student, items in sorted(by_student.items()):
        items.sort(key=lambda i: (i.when, plain_name(i.original) == report.notebook))
        chosen = items[-1]
        for older in items[:-1]:
            report.refused[older.name] = f"an older file of {student}'s; {chosen.name} was taken"
        content, when = _existing(course, module, student, report.notebook)
        if content is None:
            report.new.append(student)
        elif content == chosen.content:
            report.unchanged.append(student)
            continue
        elif when is None:
            report.refused[chosen.name] = (
                f"submitted/{student}/{module} holds a notebook with no recorded time: "
                "remove that folder to take this file"
            )
            continue
        elif chosen.when <= when:
            report.refused[chosen.name] = (
                f"handed in {chosen.when:%Y-%m-%d %H:%M} UTC, not after the notebook already "
                f"collected ({when:%Y-%m-%d %H:%M} UTC), which is kept"
            )
            continue
        else:
            report.replaced.append(student)
        # Canvas's own "-N" (a resubmission) is not a rename; anything else is shown.
        if re.sub(r"-\d+(?=\.ipynb$)", "", chosen.original) != report.notebook:
            report.renamed[student] = chosen.original
        take.append(chosen)
    return take


def _run_zip_collect(course: CourseDir, module: str, take: list[Incoming]) -> None:
    """Copy the chosen files into ``submitted/`` with nbgrader's ZipCollect and our collector."""
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from traitlets.config.loader import PyFileConfigLoader

    incoming = course.root / "downloaded" / module / "incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir(parents=True)
    notebook = next(iter(sorted((course.release / module).glob("*.ipynb")))).name
    CanvasCollector.plan = {}
    for item in take:
        (incoming / item.name).write_bytes(item.content)
        CanvasCollector.plan[item.name] = {
            "student_id": item.student,
            "file_id": notebook,
            "timestamp": item.when.strftime("%Y-%m-%d %H:%M:%S UTC"),
        }
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    config.CourseDirectory.root = str(course.root)
    config.CourseDirectory.db_url = course.gradebook_url
    config.CourseDirectory.assignment_id = module
    config.ZipCollectApp.collector_plugin = CanvasCollector
    config.ZipCollectApp.archive_directory = "incoming"
    config.ZipCollectApp.force = True
    config.ZipCollectApp.log_level = "ERROR"
    app = ZipCollectApp(config=config)
    app.initialize([])
    app.start()


def _forget_flags(course: CourseDir, module: str, students: list[str]) -> None:
    """Drop replaced submissions from the held-for-review list: grading rescans the new ones."""
    path = flags_path(course.root)
    if not students or not path.exists():
        return
    data = json.loads(path.read_text())
    for student in students:
        data.get(module, {}).pop(student, None)
    path.write_text(json.dumps(data, indent=1, sort_keys=True))


def _record_cleared(course: CourseDir, module: str, report: CollectReport) -> None:
    """Keep the cleared grades and comments in ``resubmissions.json`` for the grader."""
    if not report.regrade:
        return
    path = course.root / "resubmissions.json"
    data = json.loads(path.read_text()) if path.exists() else []
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    for student, cells in sorted(report.regrade.items()):
        data.append({"module": module, "student": student, "collected": stamp, "cleared": cells})
    path.write_text(json.dumps(data, indent=1))


def collect(course: CourseDir, module: str, archive: Path) -> CollectReport:
    """Import a Canvas bulk download of ``module`` into ``submitted/``; safe to repeat.

    Every download of the same module can be collected again: a file already
    collected is left alone, a newer one from the same trainee (a resubmission)
    replaces the old notebook and clears its grades for grading again (see
    :func:`~course.instructor.submissions.reopen_for_grading`), an older one is
    refused. A notebook is matched to the module by its cells, whatever Canvas
    or the trainee called it. A file that cannot be taken is listed with the
    reason and never stops the others. The download is kept under
    ``downloaded/MODULE/downloads/``.
    """
    archive = Path(archive)
    if not Path(course.root).is_dir():
        raise CollectError(
            f"no course directory at {course.root}: run `alliance-course build` there first, "
            "or pass --course-dir"
        )
    _read_download(archive)
    notebooks = sorted((course.release / module).glob("*.ipynb"))
    if not notebooks:
        raise CollectError(
            f"module {module} has no student version in {course.release}: "
            f"run `alliance-course build {module}` and assign it first"
        )
    report = CollectReport(module, notebooks[0].name)
    take = _decide(course, module, _incoming(course, module, archive, report), report)
    kept = course.root / "downloaded" / module / "downloads"
    kept.mkdir(parents=True, exist_ok=True)
    shutil.copy2(archive, kept / f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{archive.name}")
    for student in report.replaced:
        cleared = reopen_for_grading(course.gradebook_url, module, student)
        if cleared:
            report.regrade[student] = cleared
    if take:
        _run_zip_collect(course, module, take)
    _forget_flags(course, module, report.replaced)
    _record_cleared(course, module, report)
    report.unmatched.sort()
    return report
