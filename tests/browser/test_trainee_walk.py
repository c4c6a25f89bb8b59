"""A trainee's walk through every module in their own JupyterLab, in headless Chromium.

The lab is started the trainee's way, ``alliance-course lab`` from the project
root (options passed on to Jupyter), on a student copy whose answer cells hold
the model answers. For each module: open it, Run All, check that widgets and
charts drew, that every chart is readable with its alt text exposed, and that
no cell failed, then press Validate and read the dialog. The lab must
show no instructor tool and write nothing into the project root.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path

import nbformat
import pytest

from course.instructor.student_copy import student_copy
from course.instructor.submissions import fill, solution_answers
from course.modules import MODULES
from tests.browser.conftest import (
    ARTIFACTS,
    error_outputs,
    lab_environment,
    open_notebook,
    run_all,
    serving_lab,
)
from tests.browser.test_charts_readable import check_charts_readable

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ROOT = Path(__file__).resolve().parents[2]
TRAINEE = "walk-trainee-07"
SUCCESS = "Success! Your notebook passes all the tests."


def _root_entries() -> set[str]:
    return {p.name for p in ROOT.iterdir()}


@pytest.fixture(scope="module")
def trainee_lab(tmp_path_factory):
    """The trainee's JupyterLab on a student copy filled with the model answers."""
    student = tmp_path_factory.mktemp("trainee") / "student"
    student_copy(student)
    for module in MODULES:
        path = student / module.folder / module.notebook
        nbformat.write(fill(path, solution_answers(ROOT / module.notebook_path)), path)
    home = tmp_path_factory.mktemp("trainee-home")
    env = lab_environment(home, TRAINEE)
    env.pop("JUPYTERHUB_USER", None)
    command = [
        str(Path(sys.executable).parent / "alliance-course"),
        "lab",
        f"--student-dir={student}",
    ]
    before = _root_entries()
    with serving_lab(command, student, ROOT, env, home) as server:
        yield server
    assert _root_entries() - before == set(), "the trainee's lab wrote into the project root"


def _expected_outputs(notebook: Path) -> tuple[int, int]:
    """How many widgets and charts the notebook's cells are tagged to display."""
    cells = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    tags = [c.metadata.get("tags", []) for c in cells]
    return sum("widget" in t for t in tags), sum("chart" in t for t in tags)


def _press_validate(page) -> str:
    """Press the notebook's Validate button and return the result dialog's text."""
    page.locator(".jp-NotebookPanel-toolbar").get_by_text("Validate").click()
    dialog = page.locator(".jp-Dialog-content")
    dialog.wait_for(timeout=300_000)
    page.wait_for_function(
        "() => !/Validating/.test(document.querySelector('.jp-Dialog-content')?.textContent)",
        timeout=300_000,
    )
    return dialog.inner_text()


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_trainee_runs_and_validates_each_module(page, trainee_lab, module):
    open_notebook(page, trainee_lab, f"{module.folder}/{module.notebook}")
    run_all(page, timeout_ms=240_000)
    assert error_outputs(page) == [], f"{module.folder}: a cell failed with the model answers"
    assert page.get_by_text(f"Trainee id: {TRAINEE}").count() == 1
    widgets, charts = _expected_outputs(trainee_lab.root / module.folder / module.notebook)
    assert widgets >= 1 and charts >= 1, f"{module.folder}: tag widget and chart cells"
    page.wait_for_function(
        f"() => document.querySelectorAll('.vega-embed svg.marks').length >= {charts}",
        timeout=60_000,
    )
    drawn = page.locator(".jp-OutputArea-output > .jupyter-widgets.widget-container").count()
    assert drawn >= widgets, f"{module.folder}: {drawn} widgets drawn, {widgets} expected"
    check_charts_readable(page, trainee_lab, f"{module.folder}/{module.notebook}", module.folder)
    report = _press_validate(page)
    assert SUCCESS in report, f"{module.folder}: the Validate dialog said:\n{report[:3000]}"
    page.screenshot(path=str(ARTIFACTS / f"validate-{module.folder}.png"))


def test_trainee_lab_has_no_instructor_tools(page, trainee_lab):
    open_notebook(page, trainee_lab, f"{MODULES[0].folder}/{MODULES[0].notebook}")
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").first.click()
    items = page.locator(".lm-Menu-itemLabel").all_inner_texts()
    assert not [i for i in items if "Formgrader" in i or "Course List" in i], items
    for path in ("formgrader", "formgrader/api/assignments"):
        req = urllib.request.Request(
            f"{trainee_lab.url}/{path}", headers={"Authorization": f"token {trainee_lab.token}"}
        )
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=10)
        assert err.value.code == 404, f"/{path} answered {err.value.code}"
    assert not (ROOT / "gradebook.db").exists()
    assert not (trainee_lab.root / "gradebook.db").exists()
