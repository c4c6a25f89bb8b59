"""Releasing to and collecting from an LMS (Canvas), and recording due dates.

``assign`` records a module's due date (the time zone must be explicit) and
releases the student version: to the nbgrader exchange when one is configured,
otherwise as a zip for upload to the LMS. ``collect`` imports a Canvas bulk
download of submissions through nbgrader's ZipCollect, matching each file to a
roster id by the Canvas user id in its name, and taking each submission's time
from the archive entry's date (zip dates carry no time zone; they are read as
UTC, so check one late submission by hand the first time you use this).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook
from nbgrader.plugins.zipcollect import FileNameCollectorPlugin

from course.instructor.coursedir import CourseDir

# Canvas names each file in a bulk download
#   <name>[_LATE]_<canvas user id>_<submission id>_<original file name>
# and adds "-N" before the extension when a trainee resubmits.
CANVAS_FILE = re.compile(
    r"^(?P<name>[^_]+)(?P<late>_LATE)?_(?P<lms_id>\d+)_(?P<submission>\d+)_(?P<file>.+?)(?:-\d+)?(?P<ext>\.ipynb)$"
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


class CanvasCollector(FileNameCollectorPlugin):
    """nbgrader collector: Canvas file names -> roster ids via the LMS user id."""

    unmatched: list[str] = []
    # file name -> submission time stored in the archive (UTC), set by collect()
    archive_times: dict[str, str] = {}

    def _lms_map(self) -> dict[str, str]:
        if not hasattr(self, "_lms"):
            with Gradebook(self.parent.coursedir.db_url) as gb:
                self._lms = {s.lms_user_id: s.id for s in gb.students if s.lms_user_id}
        return self._lms

    def collect(self, submitted_file):
        name = Path(submitted_file).name
        match = CANVAS_FILE.match(name)
        student = match and self._lms_map().get(match["lms_id"])
        if not student:
            CanvasCollector.unmatched.append(name)
            return None
        info = {"student_id": student, "file_id": match["file"] + match["ext"]}
        if name in CanvasCollector.archive_times:
            info["timestamp"] = CanvasCollector.archive_times[name]
        return info


@dataclass
class CollectReport:
    collected: dict[str, list[str]] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"Collected {len(self.collected)} trainee submission(s)."]
        if self.unmatched:
            lines.append(f"{len(self.unmatched)} file(s) could not be matched to the roster:")
            lines += [f"  {name}" for name in self.unmatched]
        return "\n".join(lines)


def collect(course: CourseDir, module: str, archive: Path) -> CollectReport:
    """Import a Canvas bulk download into ``submitted/`` with nbgrader's ZipCollect."""
    from nbgrader.apps.zipcollectapp import ZipCollectApp
    from traitlets.config.loader import PyFileConfigLoader

    downloads = course.root / "downloaded" / module / "archive"
    downloads.mkdir(parents=True, exist_ok=True)
    shutil.copy2(archive, downloads / Path(archive).name)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.root)).load_config()
    config.CourseDirectory.root = str(course.root)
    config.CourseDirectory.db_url = course.gradebook_url
    config.CourseDirectory.assignment_id = module
    config.ZipCollectApp.collector_plugin = CanvasCollector
    config.ZipCollectApp.force = True
    config.ExtractorPlugin.force = True
    CanvasCollector.unmatched = []
    # The archive stores each file's submission time; read as UTC (zip times carry no zone).
    with zipfile.ZipFile(archive) as zipped:
        CanvasCollector.archive_times = {
            Path(i.filename).name: dt.datetime(*i.date_time).strftime("%Y-%m-%d %H:%M:%S UTC")
            for i in zipped.infolist()
        }
    app = ZipCollectApp(config=config)
    app.initialize([])
    app.start()
    report = CollectReport(unmatched=sorted(CanvasCollector.unmatched))
    for folder in sorted(course.submitted.glob(f"*/{module}")):
        report.collected[folder.parent.name] = sorted(p.name for p in folder.glob("*.ipynb"))
    return report
