"""A trainee's own caseload: the same data while they work and when the autograder reruns it.

The seed is ``stable_seed("course.simulate", student_id, module)`` (SHA-256, see
:mod:`course.seeds`), never Python's ``hash()``, whose value changes from one
process to the next. With no ``student_id`` the trainee is found by
:func:`course.identity`, which resolves the same id in the trainee's JupyterLab
and in nbgrader's ``autograded/<student>/<module>`` folder.

Classroom sizes
---------------
:data:`CLASSROOM_SIZES` maps a module id (its ``notebooks/`` folder name) to a
:class:`ClassroomSize`; modules not listed get :data:`DEFAULT_SIZE` (8
therapists, 60 clients, up to 12 sessions): big enough for a scatter plot and a
group comparison, small enough that each trainee's numbers differ visibly.
A module that needs more (for example therapist effects, which are invisible
with 8 therapists) adds an entry here.
"""

from __future__ import annotations

from dataclasses import dataclass

from course.identity import identity, validate_student_id
from course.seeds import stable_seed
from course.simulate.generate import Caseload, caseload


@dataclass(frozen=True)
class ClassroomSize:
    """How big a trainee's caseload is in one module."""

    therapists: int = 8
    clients: int = 60
    max_sessions: int = 12


DEFAULT_SIZE = ClassroomSize()
CLASSROOM_SIZES: dict[str, ClassroomSize] = {}


def classroom_size(module: str) -> ClassroomSize:
    """The caseload size for ``module``.

    >>> classroom_size("00-orientation")
    ClassroomSize(therapists=8, clients=60, max_sessions=12)
    """
    return CLASSROOM_SIZES.get(module, DEFAULT_SIZE)


def student_seed(student_id: str, module: str) -> int:
    """The seed of a trainee's caseload in a module: stable across processes and machines.

    >>> student_seed("trainee-01", "03-alliance-outcome")
    7844867837146836643
    """
    return stable_seed("course.simulate", student_id, module)


def for_student(
    student_id: str | None = None, module: str = "", *, size: ClassroomSize | None = None
) -> Caseload:
    """The caseload of ``student_id`` (default: :func:`course.identity`) for ``module``.

    Raises :class:`course.IdentityError` with instructions when no id is set.

    >>> a = for_student("trainee-01", "03-alliance-outcome")
    >>> b = for_student("trainee-01", "03-alliance-outcome")
    >>> a.clients.equals(b.clients), len(a.clients)
    (True, 60)
    """
    if not isinstance(module, str) or not module.strip():
        raise ValueError(
            "module must name the module, e.g. for_student(module='03-alliance-outcome')"
        )
    module = module.strip()
    student = validate_student_id(student_id) if student_id is not None else identity()
    size = size or classroom_size(module)
    return caseload(
        size.therapists,
        size.clients,
        seed=student_seed(student, module),
        max_sessions=size.max_sessions,
    )
