"""Grade one submission with nbgrader's own Autograde converter, in a worker process.

A worker (a local process or a dask.distributed worker) keeps one
``NbGraderAPI`` per course directory, so each submission costs only nbgrader's
real work: sanitise, execute the notebook in a fresh kernel, save grades.
Running nbgrader's converter unchanged is what makes the grades identical to
``nbgrader autograde`` run sequentially.
"""

from __future__ import annotations

import time
from functools import lru_cache
from pathlib import Path


def _prepare_sandbox() -> tuple[str, Path]:
    """Per worker: a kernel spec that starts kernels in the sandbox, and a private runtime folder."""
    import atexit
    import os
    import shutil
    import tempfile

    from course.instructor import sandbox

    base = Path(tempfile.mkdtemp(prefix="alliance-grader-"))
    # Kernel logs and sockets live here; remove them when the worker process ends.
    atexit.register(shutil.rmtree, base, True)
    sandbox.install_kernelspec(base / "share")
    os.environ["JUPYTER_PATH"] = str(base / "share")
    runtime = base / "runtime"
    runtime.mkdir()
    os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime)
    return sandbox.KERNEL_NAME, runtime


@lru_cache(maxsize=8)
def _api(course_root: str, db_url: str | None, sandboxed: bool = False):
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=course_root).load_config()
    config.CourseDirectory.root = course_root
    if db_url:
        config.CourseDirectory.db_url = db_url
    if sandboxed:
        kernel_name, runtime = _prepare_sandbox()
        config.Execute.kernel_name = kernel_name
        # A kernel with no network reaches the grader over Unix sockets. SafeExecute
        # gives each kernel a folder of its own for them (safe_execute.socket_folder);
        # this worker's runtime folder, never bound into a sandbox, is the default.
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(runtime / "kernel")
    else:
        # `alliance-course grade --no-sandbox`: the instructor chose to trust submissions.
        config.SafeExecute.allow_unsandboxed = True
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


# A module's submission is one notebook (and maybe a few files); far more is an attack
# on the grader's disk, refused before nbgrader copies anything.
MAX_SUBMISSION_FILES = 50
MAX_SUBMISSION_BYTES = 50 * 2**20


def refused_submission(folder: Path) -> str:
    """Why a submission folder is refused before anything copies it, or ''.

    Read with ``lstat`` only, so nothing in it is followed: a symbolic link would
    make the grader (with its own rights) copy the link's target, the gradebook or
    a source notebook, into the sandbox; a named pipe or device would block or
    feed the copy.
    """
    import os
    import stat

    if not folder.is_dir() or folder.is_symlink() or folder.parent.is_symlink():
        return f"{folder.name} is not a folder of files: hand in the notebook itself"
    files = size = 0
    for here, dirs, names in os.walk(folder):
        for name in [*dirs, *names]:
            path = Path(here) / name
            info = os.lstat(path)
            mode = info.st_mode
            shown = path.relative_to(folder)
            if stat.S_ISLNK(mode):
                return (
                    f"{shown} is a symbolic link: links are not accepted in a submission; "
                    "hand in the notebook file itself"
                )
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                return f"{shown} is not a regular file: hand in the notebook file itself"
            if stat.S_ISREG(mode):
                files, size = files + 1, size + info.st_size
    if files > MAX_SUBMISSION_FILES:
        return f"the submission holds {files} files (at most {MAX_SUBMISSION_FILES}): hand in the notebook only"
    if size > MAX_SUBMISSION_BYTES:
        return f"the submission's files total {size // 2**20} MB (at most {MAX_SUBMISSION_BYTES // 2**20} MB)"
    return ""


def _unreadable_notebook(folder: Path) -> str:
    """Why a submitted notebook cannot be graded at all (not JSON, not nbformat 4), or ''."""
    import nbformat

    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        except Exception as err:  # nbformat raises several types for a broken file
            return f"{path.name} is not a readable notebook file: {str(err).splitlines()[0][:120]}"
        if nb.get("nbformat") != 4:
            return f"{path.name} is in notebook format {nb.get('nbformat')}, not 4: re-save it in JupyterLab"
    return ""


def autograde_submission(
    course_root: str,
    module: str,
    student: str,
    db_url: str | None = None,
    sandboxed: bool = False,
    more_to_come: bool = False,
) -> dict:
    """Autograde ``student``'s submission of ``module``; never raises for a trainee's fault.

    Sandboxed, the kernel comes from this worker's warm pool
    (:mod:`course.instructor.warm_kernels`); with ``more_to_come`` the next
    submission's kernel starts while this one runs.

    Returns ``{"student", "success", "error", "seconds"}``; ``error`` is the last
    line of nbgrader's traceback when it could not grade the submission.
    """
    started = time.perf_counter()
    folder = Path(course_root) / "submitted" / student / module
    unreadable = refused_submission(folder) or _unreadable_notebook(folder)
    if unreadable:
        return {
            "student": student,
            "success": False,
            "error": unreadable,
            "seconds": round(time.perf_counter() - started, 3),
        }
    import warnings

    from sqlalchemy.exc import SAWarning

    # nbgrader 0.9's own gradebook code triggers these autoflush warnings on every
    # submission; they are not actionable by an instructor and bury the summary.
    warnings.filterwarnings("ignore", category=SAWarning)
    api = _api(str(Path(course_root).resolve()), db_url, sandboxed)
    if sandboxed:
        from course.instructor import warm_kernels

        with warm_kernels.pool(more_to_come):
            result = api.autograde(module, student, force=True, create=True)
    else:
        result = api.autograde(module, student, force=True, create=True)
    error = ""
    if not result.get("success"):
        lines = [ln for ln in (result.get("error") or result.get("log") or "").splitlines() if ln]
        error = lines[-1] if lines else "nbgrader could not grade this submission"
    return {
        "student": student,
        "success": bool(result.get("success")),
        "error": error,
        "seconds": round(time.perf_counter() - started, 3),
    }
