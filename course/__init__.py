"""The Therapeutic Alliance course library.

Notebooks start with ``import course; course.setup()``. Logic lives in the
submodules: ``course.instruments`` (scoring), ``course.psychometrics``,
``course.simulate`` (per-trainee caseloads), ``course.vignettes``,
``course.charts``, ``course.widgets``, ``course.grading`` (checks used in
nbgrader test cells) and ``course.instructor`` (the grading pipeline).
"""

import sys

# altair imports jsonschema, which imports the optional `rfc3987_syntax` (pulled in by
# jupyter-events) to check "iri" strings; that import builds a parser grammar and costs
# 1-4 s in every kernel. Vega-Lite specs never use that format, so the package is hidden
# from jsonschema unless something imported it already. Here, not in course.charts,
# because module code imports altair before it imports course.charts.
sys.modules.setdefault("rfc3987_syntax", None)

from course.identity import IdentityError, identity, set_identity  # noqa: E402


def __getattr__(name: str):
    # `setup` imports altair (about a second); scoring, the simulator and the grader
    # import `course` too and should not pay for charts they never draw.
    if name == "setup":
        from course.notebook import setup

        return setup
    raise AttributeError(f"module 'course' has no attribute {name!r}")


__version__ = "0.1.0"
__all__ = ["setup", "identity", "set_identity", "IdentityError", "__version__"]
