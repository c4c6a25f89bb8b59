"""Source notebooks: generated from their MyST sources, stored without outputs, shaped as the course requires."""

import json
from pathlib import Path

import nbformat
import pytest

from course.instructor import myst
from course.modules import MODULES, folders

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


def test_every_module_in_the_registry_has_its_source_and_notebook():
    for module in MODULES:
        assert (ROOT / module.source).is_file(), module.source
        assert (ROOT / module.notebook_path).is_file(), module.notebook_path
    assert NOTEBOOKS == sorted(ROOT / m.notebook_path for m in MODULES), (
        "a notebook not in the registry"
    )


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_notebook_matches_its_myst_source(module):
    """The MyST source is what authors edit; the committed notebook must be its build."""
    built = myst.notebook_text(myst.build_notebook(ROOT / module.source))
    assert (ROOT / module.notebook_path).read_text(encoding="utf-8") == built, (
        f"{module.notebook_path} differs from {module.source}: run `alliance-course notebooks`"
    )


def test_myst_round_trip_keeps_every_cell(tmp_path):
    """The way back from an nbgrader notebook to MyST loses nothing."""
    for module in MODULES:
        back = tmp_path / f"{module.folder}.md"
        myst.import_notebook(ROOT / module.notebook_path, back)
        rebuilt = myst.notebook_text(myst.build_notebook(back))
        assert rebuilt == (ROOT / module.notebook_path).read_text(encoding="utf-8"), module.folder


def test_a_bad_grade_entry_is_refused_with_the_cell_named(tmp_path):
    source = tmp_path / "bad.md"
    source.write_text(
        "```{code-cell}\n---\ngrade:\n  id: ex1-tests\n  kind: tests\n---\nx = 1\n```\n"
    )
    with pytest.raises(myst.SourceError, match="ex1-tests.*points"):
        myst.build_notebook(source)


@pytest.mark.parametrize("module", [m for m in folders() if m != "00-orientation"])
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


@pytest.mark.parametrize("module", [m for m in folders() if m != "00-orientation"])
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
    nb = nbformat.read(ROOT / MODULES[0].notebook_path, as_version=4)
    sources = "\n".join(c.source for c in nb.cells)
    graded = [_nbgrader(c) for c in nb.cells if _nbgrader(c).get("grade")]
    assert any("BEGIN HIDDEN TESTS" in c.source for c in nb.cells)
    assert graded, "an autograded answer"
    assert any(_nbgrader(c).get("task") for c in nb.cells), "a manually graded answer"
    assert "srs_calculator()" in sources and "score_series(" in sources
