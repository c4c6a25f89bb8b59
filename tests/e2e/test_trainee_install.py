"""The trainee install as a trainee gets it: the wheel, in a brand-new venv, outside the checkout.

One venv for the whole module (building it takes about a minute). In it:

- the package data travel in the wheel (instrument catalogue, vignettes, calibration);
- the answer key is not there: ``import answer_key`` fails;
- every module's student notebook, filled with the model answers, runs top to
  bottom with no error, from a folder that is not the checkout;
- every hidden-test cell of every module fails at its first line, the import of
  the key: no hidden test can run to completion on a trainee's machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.submissions import fill, solution_answers
from course.kernel_client import CLIENT_CLASS
from course.modules import MODULES

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("trainee-install")]
ROOT = Path(__file__).resolve().parents[2]
TRAINEE = "trainee-wheel"


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, f"{' '.join(map(str, args))}:\n{result.stderr[-3000:]}"
    return result


@pytest.fixture(scope="module")
def trainee(tmp_path_factory):
    """A brand-new venv holding only the course's wheel (and its locked dependencies)."""
    base = tmp_path_factory.mktemp("trainee-install")
    wheels = base / "wheels"
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources.
    tree = base / "source"
    top_level = {".git", "build", "tests", "instructor", "student", "demo-output"}

    def skip(folder, names):
        # Only the checkout's own top-level folders: course/instructor must travel.
        extra = top_level if Path(folder) == ROOT else set()
        return [n for n in names if n in extra or n.startswith(".venv") or n == "__pycache__"]

    shutil.copytree(ROOT, tree, ignore=skip)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(tree)])
    (wheel,) = wheels.glob("alliance_course-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
    _run([*pip, "--constraint", str(ROOT / "constraints.txt"), str(wheel)])
    work = base / "work"  # the trainee's folder: nowhere near the checkout
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"ALLIANCE_STUDENT_ID": TRAINEE, "PATH": f"{venv / 'bin'}:{env['PATH']}"})
    return venv / "bin" / "python", work, env


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    course = CourseDir(tmp_path_factory.mktemp("course"))
    build(course)
    return course


def test_the_package_data_travel_in_the_wheel(trainee):
    python, work, env = trainee
    code = (
        "import course, course.instruments as i, course.vignettes as v;"
        "from course.simulate.calibrate import STORE;"
        "print(len(i.catalogue()), len(v.bank()), STORE.is_file(), course.__file__)"
    )
    out = _run([str(python), "-c", code], cwd=work, env=env).stdout.split()
    assert int(out[0]) >= 16 and int(out[1]) > 100 and out[2] == "True"
    assert "site-packages" in out[3], "the course must come from the wheel, not the checkout"
    cli = _run([str(python.parent / "alliance-course"), "instruments"], cwd=work, env=env)
    assert "phq-9" in cli.stdout


def test_the_answer_key_is_not_importable(trainee):
    python, work, env = trainee
    result = subprocess.run(
        [str(python), "-c", "import answer_key"], cwd=work, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "No module named 'answer_key'" in result.stderr


def _execute(python: Path, notebook: Path, work: Path, env: dict, allow_errors: bool):
    out = notebook.with_suffix(".run.ipynb")
    args = [str(python), "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute"]
    args += ["--ExecutePreprocessor.timeout=300", f"--output={out.name}", str(notebook)]
    # nbclient's own client can wait out the whole timeout after an Output-widget cell
    # (course.kernel_client); the Validate button uses the course's client too.
    args.append(f"--AsyncKernelManager.client_class={CLIENT_CLASS}")
    if allow_errors:
        args.append("--allow-errors")
    _run(args, cwd=work, env=env)
    return nbformat.read(out, as_version=4)


def _errors(nb) -> dict[str, str]:
    found = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", cell.get("id"))
                found[grade_id] = f"{output['ename']}: {output['evalue']}"
    return found


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_student_notebook_with_model_answers_runs_clean(trainee, released, module):
    python, work, env = trainee
    release = released.release / module.folder / module.notebook
    answers = solution_answers(released.source / module.folder / module.notebook)
    path = work / module.notebook
    nbformat.write(fill(release, answers), path)
    nb = _execute(python, path, work, env, allow_errors=True)
    assert _errors(nb) == {}, f"{module.folder} fails in the trainee install"


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_no_hidden_test_can_run_on_a_trainee_machine(trainee, module):
    python, work, env = trainee
    source = nbformat.read(ROOT / module.notebook_path, as_version=4)
    hidden = [
        c.metadata["nbgrader"]["grade_id"]
        for c in source.cells
        if c.cell_type == "code" and "BEGIN HIDDEN TESTS" in c.source
    ]
    assert hidden, f"{module.folder} has no hidden tests"
    path = work / f"source-{module.notebook}"
    path.write_text(json.dumps(source))
    errors = _errors(_execute(python, path, work, env, allow_errors=True))
    for grade_id in hidden:
        assert "No module named 'answer_key'" in errors.get(grade_id, ""), (
            f"{module.folder} {grade_id}: a hidden test ran without the key ({errors.get(grade_id)})"
        )
