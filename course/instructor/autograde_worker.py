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


@lru_cache(maxsize=8)
def _api(course_root: str, db_url: str | None):
    from nbgrader.apps.api import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=course_root).load_config()
    config.CourseDirectory.root = course_root
    if db_url:
        config.CourseDirectory.db_url = db_url
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def autograde_submission(
    course_root: str, module: str, student: str, db_url: str | None = None
) -> dict:
    """Autograde ``student``'s submission of ``module``; never raises for a trainee's fault.

    Returns ``{"student", "success", "error", "seconds"}``; ``error`` is the last
    line of nbgrader's traceback when it could not grade the submission.
    """
    started = time.perf_counter()
    api = _api(str(Path(course_root).resolve()), db_url)
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
