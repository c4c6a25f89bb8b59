"""The trainee's copy holds student versions, follows course updates and never loses work."""

import json
import shutil
from pathlib import Path

import pytest

from course.instructor.student_copy import NOTICE, course_version, student_copy

ROOT = Path(__file__).resolve().parents[1]
MODULES = ["00-orientation", "01-working-alliance"]
pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path):
    """A copy of the course project whose notebooks the test can 'update'."""
    copy = tmp_path / "project"
    copy.mkdir()
    shutil.copy2(ROOT / "nbgrader_config.py", copy / "nbgrader_config.py")
    for module in MODULES:
        shutil.copytree(ROOT / "notebooks" / module, copy / "notebooks" / module)
    return copy


def _update_course(project: Path, module: str, marker: str) -> None:
    """The instructor changes a module's text (a markdown cell of the source notebook)."""
    path = project / "notebooks" / module / f"{module}.ipynb"
    nb = json.loads(path.read_text())
    text = next(c for c in nb["cells"] if c["cell_type"] == "markdown")
    text["source"] = marker + "\n" + "".join(text["source"])
    path.write_text(json.dumps(nb, indent=1))


def _notebook(folder: Path, module: str) -> dict:
    return json.loads((folder / module / f"{module}.ipynb").read_text())


def test_student_copy_has_no_solutions_and_keeps_existing_work(tmp_path, project):
    folder = tmp_path / "student"
    report = student_copy(folder, MODULES[:1], project)
    assert report.copied == ("00-orientation",)
    text = (folder / "00-orientation" / "00-orientation.ipynb").read_text()
    assert "BEGIN SOLUTION" not in text and "raise NotImplementedError()" in text
    nb = json.loads(text)
    nb["cells"][0]["source"] = "my own notes"
    (folder / "00-orientation" / "00-orientation.ipynb").write_text(json.dumps(nb))
    again = student_copy(folder, MODULES[:1], project)
    assert again.lines() == []
    assert _notebook(folder, "00-orientation")["cells"][0]["source"] == "my own notes"


def test_course_update_refreshes_unstarted_modules_and_leaves_started_ones(tmp_path, project):
    folder = tmp_path / "student"
    student_copy(folder, MODULES, project)
    started = _notebook(folder, "00-orientation")
    started["cells"][0]["source"] = "my answer in progress"
    (folder / "00-orientation" / "00-orientation.ipynb").write_text(json.dumps(started))
    before = {m: course_version(m, project) for m in MODULES}
    for module in MODULES:
        _update_course(project, module, "UPDATED TEXT")
    assert all(course_version(m, project) != before[m] for m in MODULES)

    report = student_copy(folder, MODULES, project)

    assert report.refreshed == ("01-working-alliance",)
    assert report.newer_left_alone == ("00-orientation",)
    fresh = json.dumps(_notebook(folder, "01-working-alliance"))
    assert "UPDATED TEXT" in fresh and "BEGIN SOLUTION" not in fresh
    kept = _notebook(folder, "00-orientation")
    assert kept["cells"][0]["source"] == "my answer in progress"
    assert "UPDATED TEXT" not in json.dumps(kept)
    notice = (folder / "00-orientation" / NOTICE).read_text()
    assert "newer version" in notice and "rename the folder 00-orientation" in notice
    assert any("newer version" in line for line in report.lines())
    assert not (folder / "01-working-alliance" / NOTICE).exists()

    # Following the notice: rename the started folder, run again, get the new version.
    (folder / "00-orientation").rename(folder / "00-orientation-my-work")
    follow = student_copy(folder, MODULES, project)
    assert follow.copied == ("00-orientation",)
    assert "UPDATED TEXT" in json.dumps(_notebook(folder, "00-orientation"))
    assert (folder / "00-orientation-my-work" / "00-orientation.ipynb").exists()
