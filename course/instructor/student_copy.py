"""A trainee's working copy of the course: the *student* version of every module.

``make lab`` opens this copy, never the source notebooks (they hold the
solutions). It is generated with nbgrader into a private course directory and
copied out. A trainee's work is never overwritten; when the course is updated:

* a module the trainee has not started (every file still as copied) is replaced
  by the newer version;
* a module they have started is left alone, with a notice in the terminal and a
  file ``NEWER-VERSION.txt`` in its folder (seen in JupyterLab's file browser)
  saying how to get the newer version without losing their work.

What was copied, and from which version of the course, is recorded in
``.alliance-course/copies.json`` inside the copy. A version is the SHA-256 of
the module's released files' sources (``notebooks/<module>/`` without the MyST
source, exactly what :meth:`CourseDir.init_from` copies).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.project import project_root
from course.modules import folders

RECORD = Path(".alliance-course") / "copies.json"
NOTICE = "NEWER-VERSION.txt"


@dataclass(frozen=True)
class CopyReport:
    """What :func:`student_copy` did to each module: copied, refreshed or left (started)."""

    copied: tuple[str, ...] = ()
    refreshed: tuple[str, ...] = ()
    newer_left_alone: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """One line per module that changed or has a newer version, for the terminal."""
        out = [f"Copied {m} (student version)." for m in self.copied]
        out += [
            f"Updated {m} to the newer course version (you had not started it)."
            for m in self.refreshed
        ]
        out += [notice(m).splitlines()[0] for m in self.newer_left_alone]
        return out


def _files(folder: Path) -> dict[str, str]:
    """SHA-256 of every file under ``folder`` by relative path (checkpoints excluded)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".ipynb_checkpoints" not in p.parts and p.name != NOTICE
    }


def course_version(module: str, project: Path | None = None) -> str:
    """The version of ``module`` in the course: a hash of the sources its release is built from."""
    source = (project or project_root()) / "notebooks" / module
    files = {k: v for k, v in _files(source).items() if not k.endswith(".md")}
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()[:16]


def notice(module: str) -> str:
    """What a trainee who started ``module`` reads when the course has a newer version."""
    return (
        f"{module}: the course has a newer version of this module. You have started it, so your "
        "copy was left alone.\n"
        f"To get the newer version and keep your work: rename the folder {module} (for example "
        f"to {module}-my-work), then run `make lab` again. Your answers stay in the renamed "
        "folder; copy them into the new notebook.\n"
    )


def _read_record(folder: Path) -> dict:
    path = folder / RECORD
    return json.loads(path.read_text()) if path.is_file() else {}


def student_copy(
    folder: Path, modules: list[str] | None = None, project: Path | None = None
) -> CopyReport:
    """Bring ``folder``'s student copy of each module up to date without losing work.

    Returns a :class:`CopyReport`; its ``lines()`` are what to tell the trainee.
    """
    folder.mkdir(parents=True, exist_ok=True)
    record = _read_record(folder)
    wanted = modules or folders()
    versions = {m: course_version(m, project) for m in wanted}
    copy, refresh, left = [], [], []
    for module in wanted:
        here = folder / module
        entry = record.get(module)
        if not here.exists():
            copy.append(module)
        elif entry is None:
            # A copy made before versions were recorded: its version is unknown, so it
            # is treated as started and kept; it becomes the baseline from now on.
            record[module] = {"version": versions[module], "files": _files(here)}
        elif entry["version"] == versions[module]:
            (here / NOTICE).unlink(missing_ok=True)
        elif _files(here) == entry["files"]:
            refresh.append(module)
        else:
            left.append(module)
            (here / NOTICE).write_text(notice(module))
    if copy or refresh:
        with tempfile.TemporaryDirectory() as tmp:
            course = CourseDir(Path(tmp))
            build(course, copy + refresh, project)
            for module in copy + refresh:
                target = folder / module
                if target.exists():
                    shutil.rmtree(target)
                shutil.copytree(course.release / module, target)
                record[module] = {"version": versions[module], "files": _files(target)}
    (folder / RECORD).parent.mkdir(parents=True, exist_ok=True)
    (folder / RECORD).write_text(json.dumps(record, indent=1, sort_keys=True))
    return CopyReport(tuple(copy), tuple(refresh), tuple(left))
