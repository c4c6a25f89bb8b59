"""The shape of the project: one home per module, the key out of the trainee's reach, small files."""

from __future__ import annotations

import dataclasses
import importlib
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.modules import MODULES

ROOT = Path(__file__).resolve().parents[1]
# "No file over about 400 lines": the two longest are one documented pydantic model
# (simulate/params.py) and one simulation routine (simulate/generate.py).
MAX_LINES = 460
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def test_course_never_imports_the_answer_key():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "course never imports the answer key KEPT" in result.stdout


@pytest.mark.parametrize("package", ["course", "answer_key/src/answer_key"])
def test_no_source_file_is_over_about_400_lines(package):
    long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / package).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these along their sections: {long}"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_every_module_has_its_one_home(module):
    assert (ROOT / module.source).is_file()
    assert (ROOT / module.tests).is_file()
    assert (ROOT / module.profiles).is_file()
    importlib.import_module(module.package)
    key = importlib.import_module(module.key_module)
    assert dataclasses.is_dataclass(key.Reference) and key.Reference.__dataclass_params__.frozen


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_hidden_tests_read_the_key_one_way(module):
    nb = nbformat.read(ROOT / module.notebook_path, as_version=4)
    first_line = f"from answer_key.m{module.number} import reference as _reference"
    for cell in nb.cells:
        for hidden in HIDDEN.findall(cell.source):
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            assert first_line in hidden, f"{grade_id}: hidden tests start with `{first_line}`"
            assert "_reference(course.identity())" in hidden, grade_id


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_no_model_solution_or_visible_test_reads_the_key(module):
    nb = nbformat.read(ROOT / module.notebook_path, as_version=4)
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        visible = HIDDEN.sub("", cell.source)
        if cell.cell_type == "code" and (meta.get("solution") or meta.get("grade")):
            assert "answer_key" not in visible, f"{meta['grade_id']} reads the answer key"
