"""``alliance-course build``: release every module with nbgrader, then check for leaks."""

from __future__ import annotations

from pathlib import Path

from course.instructor.coursedir import CourseDir
from course.instructor.leakcheck import Leak, find_leaks
from course.modules import folders


class LeakError(RuntimeError):
    """A solution, hidden-test or mark-scheme line reached the student version."""

    def __init__(self, leaks: list[Leak]):
        self.leaks = leaks
        shown = "\n".join(f"  {leak}" for leak in leaks[:20])
        super().__init__(f"{len(leaks)} secret line(s) in the release tree:\n{shown}")


def build(
    course: CourseDir, modules: list[str] | None = None, project: Path | None = None
) -> list[str]:
    """Copy sources (from ``project``, default the course project) into ``course``, generate each module's student version, leak-check it.

    Returns the modules built. Raises :class:`LeakError` if any secret line of a
    source notebook appears in the release tree.
    """
    modules = modules or folders()
    course.init_from(project, modules=modules)
    for module in modules:
        course.nbgrader("generate_assignment", module, "--force")
        leaks = find_leaks(
            sorted((course.source / module).glob("*.ipynb")), course.release / module
        )
        if leaks:
            raise LeakError(leaks)
    return modules
