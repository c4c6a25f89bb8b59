"""The Therapeutic Alliance course library.

Notebooks start with ``import course; course.setup()``. Logic lives in the
submodules: ``course.instruments`` (scoring), ``course.psychometrics``,
``course.simulate`` (per-trainee caseloads), ``course.vignettes``,
``course.charts``, ``course.widgets``, ``course.grading`` (checks used in
nbgrader test cells) and ``course.instructor`` (the grading pipeline).
"""

from course.identity import IdentityError, identity, set_identity


def __getattr__(name: str):
    # `setup` imports altair (about a second); scoring, the simulator and the grader
    # import `course` too and should not pay for charts they never draw.
    if name == "setup":
        from course.notebook import setup

        return setup
    raise AttributeError(f"module 'course' has no attribute {name!r}")


__version__ = "0.1.0"
__all__ = ["setup", "identity", "set_identity", "IdentityError", "__version__"]
