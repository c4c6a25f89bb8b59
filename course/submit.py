"""``alliance-course submit MODULE``: the file a laptop trainee uploads to the learning platform.

On JupyterHub trainees submit through nbgrader's Assignment List. On a laptop
there is no exchange, so this command makes the one file to upload: the
trainee's notebook of the module under its own name (``NN-slug.ipynb``, the
name the instructor's Canvas collect expects), outputs cleared, in
``student/to-upload/``. It refuses, with one line saying why, a notebook that is
not readable or is not this module's.

>>> upload_name("05")
'05-reliability-and-change.ipynb'
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from course.modules import get


class SubmitError(RuntimeError):
    """The notebook cannot be submitted; the message says what to do."""


def upload_name(module: str) -> str:
    return get(module).notebook


def _check(nb, module: str, path: Path) -> None:
    ids = {c.metadata.get("nbgrader", {}).get("grade_id") for c in nb.cells}
    if "setup" not in ids or not any(i and i.endswith("-tests") for i in ids):
        raise SubmitError(
            f"{path} is not the course's notebook for {get(module).folder}: submit the copy "
            "`make lab` made for you (in student/), not a notebook you created."
        )


def submit(module: str, student_dir: Path, out_dir: Path | None = None) -> Path:
    """Copy the trainee's notebook of ``module`` to ``out_dir`` (outputs cleared); return it."""
    entry = get(module)
    source = student_dir / entry.folder / entry.notebook
    if not source.is_file():
        raise SubmitError(
            f"No notebook at {source}: open the module with `make lab` first, work in it, "
            "save it, then submit."
        )
    try:
        nb = nbformat.read(source, as_version=4)
    except Exception as err:  # nbformat raises several types for a damaged file
        raise SubmitError(f"{source} cannot be read as a notebook ({err}).") from None
    _check(nb, entry.folder, source)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    target_dir = out_dir or student_dir / "to-upload"
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / entry.notebook
    nbformat.write(nb, target)
    return target
