"""Who the trainee is, resolved the same way while they work and while they are graded.

The trainee's id seeds their own simulated data, so the autograder must resolve
the *same* id the trainee had while working. Resolution order:

0. While the grader runs a submission's tests in its own process
   (:func:`graded_as`, used by course.instructor.two_phase): that submission's id.
1. The nbgrader autograde folder: nbgrader runs each submission with its working
   directory at ``<course>/autograded/<student_id>/<assignment>``. It comes first
   so that a stray variable in the grader's own environment cannot make every
   submission be graded against one trainee's data.
2. ``ALLIANCE_STUDENT_ID``: set by the course's grading pipeline and by tests.
3. ``JUPYTERHUB_USER``: on JupyterHub the hub user name is the nbgrader student id.
4. A local setting written by ``alliance-course whoami set ID`` (laptops).

With none of these, :func:`identity` raises :class:`IdentityError` saying how to
set one; it never falls back to a default id, because a default would silently
give every trainee the same data.
"""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

ENV_VAR = "ALLIANCE_STUDENT_ID"
# Set only in the grader's own process while it runs a submission's tests
# (course.instructor.two_phase); a trainee's kernel never has it.
_GRADED_AS: ContextVar[str | None] = ContextVar("graded_as", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@+-]{0,127}$")


class IdentityError(RuntimeError):
    """No trainee id could be resolved, or the one found is not a valid id."""


HOW_TO_SET = (
    "No trainee id is set, so the course cannot make your own simulated caseload.\n"
    "Set it once, then run the setup cell again:\n"
    "  * in a terminal:    alliance-course whoami set YOUR_STUDENT_ID\n"
    "  * or in this notebook: import course; course.set_identity('YOUR_STUDENT_ID')\n"
    "On JupyterHub this is automatic (your hub user name is used)."
)


def config_path() -> Path:
    """Where ``alliance-course whoami set`` stores the local trainee id."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "alliance-course" / "student_id"


def validate_student_id(student_id: str) -> str:
    """Return the id stripped of surrounding blanks, or raise :class:`IdentityError`.

    >>> validate_student_id("  trainee-01 ")
    'trainee-01'
    >>> validate_student_id("../etc")
    Traceback (most recent call last):
    ...
    course.identity.IdentityError: '../etc' is not a valid trainee id: use letters, digits and . _ @ + - only
    """
    cleaned = str(student_id).strip()
    if not _VALID_ID.match(cleaned):
        raise IdentityError(
            f"{student_id!r} is not a valid trainee id: use letters, digits and . _ @ + - only"
        )
    return cleaned


def _from_autograde_folder(cwd: Path) -> str | None:
    parts = cwd.resolve().parts
    # .../autograded/<student_id>/<assignment>
    if len(parts) >= 3 and parts[-3] == "autograded":
        return parts[-2]
    return None


def identity(cwd: Path | None = None) -> str:
    """Return the trainee id, or raise :class:`IdentityError` explaining how to set one.

    >>> import os
    >>> os.environ["ALLIANCE_STUDENT_ID"] = "s123"
    >>> identity()
    's123'
    >>> del os.environ["ALLIANCE_STUDENT_ID"]
    """
    if _GRADED_AS.get():
        return _GRADED_AS.get()
    from_folder = _from_autograde_folder(cwd or Path.cwd())
    if from_folder:
        return validate_student_id(from_folder)
    if os.environ.get(ENV_VAR):
        return validate_student_id(os.environ[ENV_VAR])
    if os.environ.get("JUPYTERHUB_USER"):
        return validate_student_id(os.environ["JUPYTERHUB_USER"])
    path = config_path()
    if path.is_file() and path.read_text().strip():
        return validate_student_id(path.read_text())
    raise IdentityError(HOW_TO_SET)


def set_identity(student_id: str) -> Path:
    """Store ``student_id`` as this computer's trainee id and return the file written."""
    cleaned = validate_student_id(student_id)
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(cleaned + "\n")
    return path


@contextmanager
def graded_as(student_id: str):
    """While grading a submission outside its kernel, :func:`identity` is its trainee's id.

    >>> with graded_as("s7"):
    ...     identity()
    's7'
    """
    token = _GRADED_AS.set(validate_student_id(student_id))
    try:
        yield
    finally:
        _GRADED_AS.reset(token)
