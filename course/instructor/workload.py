"""How much code a trainee writes in each module, read from its notebooks.

Counselling trainees are not programmers, so the course keeps the code they must
write small: most answer cells give a starter with blanks (``...``), and a line
of the model solution that only fills a starter's blanks is not counted as
written. :func:`module_workload` gives the table the course's targets are
checked on (median written lines per answer cell, the longest, the share of
points graded by hand).

>>> written_lines("x = 3\\ny = x + 1", "x = ...")
1
>>> written_lines('labels = {\\n    "A": "task",\\n}', 'labels = {\\n    "A": ...,\\n}')
0
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from pathlib import Path

import nbformat

_SOLUTION = re.compile(r"^\s*### (BEGIN|END) SOLUTION\s*$", re.MULTILINE)


def code_lines(source: str) -> list[str]:
    """The lines of ``source`` that hold code (not blank, not a comment), stripped."""
    lines = (line.strip() for line in source.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _pattern(starter_line: str) -> re.Pattern:
    parts = [re.escape(part) for part in starter_line.split("...")]
    return re.compile("^" + ".+?".join(parts) + "$")


def written_lines(solution: str, starter: str = "") -> int:
    """Lines of ``solution`` the trainee writes: those no line of ``starter`` gives,
    a starter line with blanks giving every line that fills them."""
    given = [_pattern(line) for line in code_lines(starter)]
    return sum(not any(p.match(line) for p in given) for line in code_lines(solution))


@dataclass(frozen=True)
class ModuleWorkload:
    """One module's row of the workload table."""

    module: str
    answer_cells: int
    written: tuple[int, ...]  # lines written per answer cell
    blanks: int  # blanks (...) to fill across the module's starters
    autograded_points: float
    manual_points: float
    judgement_points: float  # tests cells tagged ``skill: judgement``, plus every task

    @property
    def median_written(self) -> float:
        return statistics.median(self.written) if self.written else 0.0

    @property
    def longest(self) -> int:
        return max(self.written, default=0)

    @property
    def manual_share(self) -> float:
        total = self.autograded_points + self.manual_points
        return self.manual_points / total if total else 0.0

    @property
    def judgement_share(self) -> float:
        total = self.autograded_points + self.manual_points
        return self.judgement_points / total if total else 0.0


def module_workload(module: str, source_notebook: Path) -> ModuleWorkload:
    """The workload of one module, from its nbgrader source notebook."""
    nb = nbformat.read(source_notebook, as_version=4)
    written, blanks, auto, manual, judgement = [], 0, 0.0, 0.0, 0.0
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "code" and meta.get("solution"):
            starter = cell.metadata.get("starter", "")
            written.append(written_lines(_SOLUTION.sub("", cell.source), starter))
            blanks += starter.count("...")
        points = float(meta.get("points", 0))
        if meta.get("grade") and cell.cell_type == "code":
            auto += points
            judgement += points if cell.metadata.get("skill") == "judgement" else 0.0
        elif meta.get("task") or (meta.get("grade") and cell.cell_type == "markdown"):
            manual += points
            judgement += points
    return ModuleWorkload(module, len(written), tuple(written), blanks, auto, manual, judgement)
