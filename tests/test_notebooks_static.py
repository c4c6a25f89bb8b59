"""Source notebooks: stored without outputs, generated from authoring/, shaped as the course requires."""

import importlib
import json
from pathlib import Path

import nbformat
import pytest

from course.instructor.coursedir import available_modules
from scripts.nbauthor import save

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*/*.ipynb"))


def _module_id(path: Path) -> str:
    return path.parent.name


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_module_id)
def test_stored_without_outputs(path):
    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_module_id)
def test_first_code_cell_is_course_setup(path):
    nb = nbformat.read(path, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert "course.setup()" in first.source and _nbgrader(first).get("locked")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=_module_id)
def test_notebook_matches_its_authoring_script(path, tmp_path):
    """authoring/mNN_name.py is the source; the committed notebook must be its output."""
    number, _, name = _module_id(path).partition("-")
    script = f"authoring.m{number}_{name.replace('-', '_')}"
    # save() formats code cells with ruff, so compare with what it writes.
    written = save(importlib.import_module(script).CELLS, tmp_path / path.name)
    cells = nbformat.read(written, as_version=4).cells
    nb = nbformat.read(path, as_version=4)
    assert [c.source for c in nb.cells] == [c.source for c in cells], (
        f"{path} differs from {script}: run `python -m {script}`"
    )
    assert [_nbgrader(c) for c in nb.cells] == [_nbgrader(c) for c in cells]


@pytest.mark.parametrize("module", [m for m in available_modules() if m != "00-orientation"])
def test_module_has_6_to_12_graded_items_mostly_autograded(module):
    items = []
    for path in (ROOT / "notebooks" / module).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = _nbgrader(cell)
            if meta.get("grade") and cell.cell_type == "code":
                items.append("auto")
            elif meta.get("task") or (meta.get("grade") and cell.cell_type == "markdown"):
                items.append("manual")
    assert 6 <= len(items) <= 12, f"{module} has {len(items)} graded items"
    assert items.count("auto") * 3 >= 2 * len(items), f"{module}: under two thirds autograded"
    assert "manual" in items, f"{module}: needs a manually graded written answer"


@pytest.mark.parametrize("module", [m for m in available_modules() if m != "00-orientation"])
def test_module_opens_and_closes_as_the_course_requires(module):
    for path in (ROOT / "notebooks" / module).glob("*.ipynb"):
        markdown = [
            c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "markdown"
        ]
        opening, closing = "\n".join(markdown[:3]), "\n".join(markdown[-2:])
        for heading in ("Learning objectives", "Estimated time", "Key terms"):
            assert heading.lower() in opening.lower(), f"{path.name}: opening needs {heading}"
        for heading in ("Summary", "References"):
            assert heading.lower() in closing.lower(), f"{path.name}: closing needs {heading}"


def test_pilot_module_has_what_the_foundation_asks_for():
    nb = nbformat.read(ROOT / "notebooks/00-orientation/orientation.ipynb", as_version=4)
    sources = "\n".join(c.source for c in nb.cells)
    graded = [_nbgrader(c) for c in nb.cells if _nbgrader(c).get("grade")]
    assert any("BEGIN HIDDEN TESTS" in c.source for c in nb.cells)
    assert graded, "an autograded answer"
    assert any(_nbgrader(c).get("task") for c in nb.cells), "a manually graded answer"
    assert "srs_calculator()" in sources and "score_series(" in sources
