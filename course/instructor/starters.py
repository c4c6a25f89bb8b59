"""Starter code in released answer cells, in place of ``raise NotImplementedError()``.

Counselling trainees are not programmers: an answer cell shows them the lines to
complete, with blanks written ``...``, e.g. ``cutoff = clinical_cutoff(...)``.
The author writes the starter in the MyST source (``grade: {kind: answer,
starter: ...}``); :func:`course.instructor.myst.expand` keeps it in the cell's
metadata, and :class:`ClearSolutionsWithStarters` (configured in
``nbgrader_config.py`` in place of nbgrader's ``ClearSolutions``) puts it where
the model solution was when nbgrader generates the release, so nbgrader's
checksums and gradebook see the starter as the cell's released source.

>>> import nbformat
>>> cell = nbformat.v4.new_code_cell("### BEGIN SOLUTION\\ncutoff = 31.5\\n### END SOLUTION")
>>> cell.metadata = {"nbgrader": {"solution": True, "grade": False, "grade_id": "a",
...     "locked": False, "schema_version": 3}, "starter": "cutoff = ..."}
>>> clear = ClearSolutionsWithStarters()
>>> print(clear.preprocess_cell(cell, {"language": "python"}, 0)[0].source)
cutoff = ...
"""

from __future__ import annotations

from nbgrader.converters import GenerateAssignment
from nbgrader.preprocessors import ClearSolutions


class ClearSolutionsWithStarters(ClearSolutions):
    """nbgrader's ClearSolutions, with a cell's ``starter`` (if any) as its stub."""

    def _replace_solution_region(self, cell, language: str) -> bool:
        starter = cell.metadata.get("starter")
        if cell.cell_type != "code" or starter is None:
            return super()._replace_solution_region(cell, language)
        stubs = self.code_stub
        self.code_stub = {**stubs, language: starter}
        try:
            return super()._replace_solution_region(cell, language)
        finally:
            self.code_stub = stubs


def release_preprocessors() -> list[type]:
    """nbgrader's own release steps, with starters in place of its ClearSolutions.

    >>> [step.__name__ for step in release_preprocessors()][2:4]
    ['LockCells', 'ClearSolutionsWithStarters']
    """
    steps = GenerateAssignment.class_traits()["preprocessors"].default()
    return [ClearSolutionsWithStarters if step is ClearSolutions else step for step in steps]
