"""The code a trainee writes stays small: issue 15's targets, per module.

Targets: median written lines per answer cell <= 2 and no cell over 5, counting a
line that only fills a starter's blanks as not written (course.instructor.workload);
at least 60% of a module's points on judgement (tests cells tagged
``skill: judgement`` in the MyST source, and written answers).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from course.instructor.workload import module_workload, written_lines
from course.modules import MODULES

ROOT = Path(__file__).resolve().parents[1]
MEDIAN_LINES, MOST_LINES, JUDGEMENT_SHARE = 2, 5, 0.6


def _workload(module):
    return module_workload(module.folder, ROOT / module.notebook_path)


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_trainees_write_little_code_and_are_graded_on_judgement(module):
    work = _workload(module)
    meets = (
        work.median_written <= MEDIAN_LINES
        and work.longest <= MOST_LINES
        and work.judgement_share >= JUDGEMENT_SHARE
    )
    assert work.answer_cells, module.folder
    assert meets, (
        f"{module.folder}: written lines per answer cell {work.written} "
        f"(median {work.median_written}, longest {work.longest}); targets: median <= "
        f"{MEDIAN_LINES}, none over {MOST_LINES} (give the cell a starter with blanks); "
        f"judgement share {work.judgement_share:.0%} of points, target {JUDGEMENT_SHARE:.0%}."
    )


def test_filling_a_starter_is_not_writing_code():
    starter = 'cutoff = clinical_cutoff(...)\nbelow = caseload[caseload["srs"] < ...]'
    solution = (
        'cutoff = clinical_cutoff("srs")\nbelow = caseload[caseload["srs"] < cutoff]\nlen(below)'
    )
    assert written_lines(solution, starter) == 1
    assert written_lines(solution) == 3
    assert written_lines("# a comment\n\nx = 1", "") == 1


ESTIMATE = re.compile(r"\*\*Estimated time:\*\* (?:about )?(\d+) minutes")


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_the_stated_time_is_the_estimate(module):
    """Each module's "Estimated time" is the estimate from its words and items
    (course.instructor.workload.estimated_minutes; docs/authoring.md says how),
    within 10% or 5 minutes."""
    stated = ESTIMATE.search((ROOT / module.source).read_text(encoding="utf-8"))
    assert stated, f"{module.source} gives no '**Estimated time:** about N minutes'"
    minutes = _workload(module).minutes
    assert abs(int(stated.group(1)) - minutes) <= max(5, 0.1 * minutes), (
        f"{module.folder} says {stated.group(1)} minutes; its words and items come to "
        f"about {round(minutes)}"
    )
