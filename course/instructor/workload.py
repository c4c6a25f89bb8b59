"""How much code a trainee writes in each module, read from its notebooks.

Counselling trainees are not programmers, so the course keeps the code they must
write small: most answer cells give a starter with blanks (``...``), and a line
of the model solution that only fills a starter's blanks is not counted as
written. :func:`module_workload` gives the table the course's targets are
checked on (median written lines per answer cell, the longest, the share of
points graded by hand). :func:`grading_load` gives the instructor's side: the
minutes of hand grading per trainee that a module's written answers take.

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

from course.instructor.submissions import without_solution_markers

_MARK_SCHEME = re.compile(r"### BEGIN MARK SCHEME.*?### END MARK SCHEME", re.DOTALL)

# Minutes for a counselling trainee new to Python (docs/authoring.md says why):
READING_WORDS_PER_MINUTE = 150  # careful study reading of prose with tables and code
MINUTES_PER_CODE_CELL = 1.0  # run a worked example, chart or widget and read its output
MINUTES_PER_GRADED_ITEM = 3.0  # read the prompt, fill the starter, run its checks
MINUTES_PER_TRY_IT = 1.5  # an ungraded practice cell
MINUTES_PER_WRITTEN_LINE = 1.0  # each line of code the trainee writes beyond the starter
MINUTES_PER_WRITTEN_TASK = 10.0  # a short written answer graded on a rubric
# Minutes an instructor spends grading one trainee's written answers (docs/authoring.md):
GRADING_MINUTES_PER_ITEM = 1.5  # open the answer, read it through once, type a comment
GRADING_MINUTES_PER_POINT = 0.5  # check the answer against a point's worth of criteria


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
    minutes: float  # estimated working time, see :func:`estimated_minutes`

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
    counts = {"words": 0, "code": 0, "tests": 0, "answers": 0, "tasks": 0}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if cell.cell_type == "markdown":
            counts["words"] += len(_MARK_SCHEME.sub("", cell.source).split())
            counts["tasks"] += bool(meta.get("task"))
        else:
            kind = "answers" if meta.get("solution") else "tests" if meta.get("grade") else "code"
            counts[kind] += 1
        if cell.cell_type == "code" and meta.get("solution"):
            starter = cell.metadata.get("starter", "")
            written.append(written_lines(without_solution_markers(cell.source), starter))
            blanks += starter.count("...")
        points = float(meta.get("points", 0))
        if meta.get("grade") and cell.cell_type == "code":
            auto += points
            judgement += points if cell.metadata.get("skill") == "judgement" else 0.0
        elif meta.get("task") or (meta.get("grade") and cell.cell_type == "markdown"):
            manual += points
            judgement += points
    minutes = estimated_minutes(written=sum(written), **counts)
    return ModuleWorkload(
        module, len(written), tuple(written), blanks, auto, manual, judgement, minutes
    )


def estimated_minutes(
    words: int, code: int, tests: int, answers: int, tasks: int, written: int
) -> float:
    """Working time for a module: reading, running, graded items, try-its, written tasks.

    Answer cells beyond the graded ones (one per tests cell) are ungraded try-its.

    >>> estimated_minutes(words=1500, code=10, tests=5, answers=8, tasks=1, written=2)
    51.5
    """
    try_its = max(answers - tests, 0)
    return (
        words / READING_WORDS_PER_MINUTE
        + code * MINUTES_PER_CODE_CELL
        + tests * MINUTES_PER_GRADED_ITEM
        + try_its * MINUTES_PER_TRY_IT
        + written * MINUTES_PER_WRITTEN_LINE
        + tasks * MINUTES_PER_WRITTEN_TASK
    )


@dataclass(frozen=True)
class GradingLoad:
    """One module's row of the instructor guide's grading table (step 7)."""

    module: str
    items: int  # written items: task cells graded by hand on a rubric
    points: float  # their points

    @property
    def minutes(self) -> float:
        return grading_minutes(self.items, self.points)


def grading_load(module: str, source_notebook: Path) -> GradingLoad:
    """The written items of one module and their points, from its nbgrader source notebook."""
    nb = nbformat.read(source_notebook, as_version=4)
    tasks = [
        float(meta.get("points", 0))
        for cell in nb.cells
        if (meta := cell.metadata.get("nbgrader", {})).get("task")
    ]
    return GradingLoad(module, len(tasks), sum(tasks))


def grading_minutes(items: int, points: float) -> float:
    """Minutes of hand grading per trainee: 1.5 per written item plus 0.5 per point.

    The item part is the fixed cost of any answer (open it in formgrader, read it
    through once, type a short comment); the point part is checking it against the
    rubric, whose criteria and model answer grow with the points: the course's model
    answers run to about 55 words a point, and a grader reads an answer against its
    rubric at roughly 110 words a minute, or half a minute a point. A 2-point answer
    takes 2.5 minutes, the 10-point capstone 6.5.

    >>> grading_minutes(items=2, points=5)
    5.5
    >>> grading_minutes(items=0, points=0)
    0.0
    """
    return items * GRADING_MINUTES_PER_ITEM + points * GRADING_MINUTES_PER_POINT
