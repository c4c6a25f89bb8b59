"""Written answers are graded on one rubric format, and the guide says how long that takes.

Every written item (a MyST ``task`` cell with ``points``, followed by the trainee's
``written`` cell) carries its mark scheme between ``### BEGIN MARK SCHEME`` and
``### END MARK SCHEME``, in the format docs/authoring.md describes::

    Rubric (N points):
    - **k points**: what the answer must show
    - **k points**: ...            (2 to 4 criteria, k in half points, summing to N)
    Half points: ...               (optional: partial credit and deductions)
    Model answer:

    The model answer.

N is the task cell's ``points``. The instructor guide's grading table (step 7) gives,
for every module in the registry, its written items, their points and the minutes of
grading per trainee from :func:`course.instructor.workload.grading_minutes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from course.instructor import myst
from course.instructor.workload import grading_load
from course.modules import MODULES

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "instructor-guide.md"

_SCHEME = re.compile(r"^### BEGIN MARK SCHEME\n(.*?)^### END MARK SCHEME", re.M | re.S)
_HEADER = re.compile(r"Rubric \((\d+(?:\.5)?) points?\):")
_CRITERION = re.compile(r"- \*\*(\d+(?:\.5)?) points?\*\*: \S")
_HALF = "Half points: "
_MODEL = "Model answer:"
MIN_CRITERIA, MAX_CRITERIA = 2, 4


@dataclass(frozen=True)
class Rubric:
    points: float  # the header's N
    criteria: tuple[float, ...]  # each criterion's points
    model_answer: str


class RubricError(ValueError):
    """A mark scheme that is not in the course's rubric format."""


def parse_rubric(scheme: str) -> Rubric:
    """The rubric of one mark scheme (the text between its BEGIN and END lines).

    >>> parse_rubric(
    ...     "Rubric (2 points):\\n- **1.5 points**: a\\n  b\\n- **0.5 points**: c\\n"
    ...     "Half points: d\\nModel answer:\\n\\nAn answer.\\n"
    ... )
    Rubric(points=2.0, criteria=(1.5, 0.5), model_answer='An answer.')
    """
    lines = scheme.strip("\n").splitlines()
    header = _HEADER.fullmatch(lines[0]) if lines else None
    if not header:
        first = lines[0] if lines else ""
        raise RubricError(f"first line {first!r} is not 'Rubric (N points):'")
    criteria: list[float] = []
    state = "criteria"  # then "half" (after a Half points line)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "":
            continue
        if line == _MODEL:
            answer = "\n".join(lines[number:]).strip()
            return Rubric(float(header.group(1)), tuple(criteria), answer)
        if state == "criteria" and (match := _CRITERION.match(line)):
            criteria.append(float(match.group(1)))
        elif state == "criteria" and line.startswith("  ") and criteria:
            pass  # a criterion's continuation line
        elif state == "criteria" and line.startswith(_HALF) and criteria:
            state = "half"
        elif state == "half" and not line.startswith(("- ", _HALF, " ")):
            pass  # the Half points paragraph, wrapped
        else:
            raise RubricError(
                f"line {number} {line!r}: expected a criterion '- **k points**: ...', "
                f"its indented continuation, one 'Half points: ...' paragraph, or '{_MODEL}'"
            )
    raise RubricError(f"no '{_MODEL}' line")


@dataclass(frozen=True)
class WrittenItem:
    grade_id: str
    points: float  # from the task cell's grade metadata
    source: str
    followed_by_written_cell: bool


def written_items(source: Path) -> list[WrittenItem]:
    """Every written item of a MyST source: its task cell and whether a written cell follows."""
    cells = myst.read_source(source).cells
    items = []
    for i, cell in enumerate(cells):
        grade = cell.metadata.get("grade") or {}
        if grade.get("kind") == "task":
            following = cells[i + 1].metadata.get("grade", {}) if i + 1 < len(cells) else {}
            items.append(
                WrittenItem(
                    grade["id"],
                    float(grade["points"]),
                    cell.source,
                    following.get("kind") == "written",
                )
            )
    return items


def rubric_problems(item: WrittenItem) -> list[str]:
    """What is wrong with one written item's rubric (empty when it is in the format)."""
    schemes = _SCHEME.findall(item.source)
    if len(schemes) != 1:
        return [f"{item.grade_id}: {len(schemes)} mark schemes (expected exactly one)"]
    try:
        rubric = parse_rubric(schemes[0])
    except RubricError as error:
        return [f"{item.grade_id}: {error}"]
    problems = []
    if not MIN_CRITERIA <= len(rubric.criteria) <= MAX_CRITERIA:
        problems.append(
            f"{item.grade_id}: {len(rubric.criteria)} criteria "
            f"(expected {MIN_CRITERIA} to {MAX_CRITERIA})"
        )
    if sum(rubric.criteria) != rubric.points:
        problems.append(
            f"{item.grade_id}: criteria sum to {sum(rubric.criteria):g}, "
            f"the header says {rubric.points:g}"
        )
    if rubric.points != item.points:
        problems.append(
            f"{item.grade_id}: the header says {rubric.points:g} points, "
            f"the cell's grade metadata {item.points:g}"
        )
    if not rubric.model_answer:
        problems.append(f"{item.grade_id}: the model answer is empty")
    if not item.followed_by_written_cell:
        problems.append(f"{item.grade_id}: no written cell follows the task")
    return problems


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.folder)
def test_every_written_item_has_a_rubric_in_the_course_format(module):
    problems = [p for item in written_items(ROOT / module.source) for p in rubric_problems(item)]
    assert problems == [], f"{module.source}:\n" + "\n".join(problems)


def test_the_rubric_checks_catch_what_they_should():
    def item(scheme: str, points: float = 2) -> WrittenItem:
        source = f"Prompt\n\n### BEGIN MARK SCHEME\n{scheme}### END MARK SCHEME\n"
        return WrittenItem("ex1-task", points, source, True)

    good = "Rubric (2 points):\n- **1 point**: a\n- **1 point**: b\nModel answer:\n\nText.\n"
    assert rubric_problems(item(good)) == []
    assert rubric_problems(item(good, points=3))  # the header disagrees with the metadata
    assert rubric_problems(item(good.replace("**1 point**: b", "**0.5 points**: b")))
    assert rubric_problems(item(good.replace("Text.\n", "")))  # no model answer
    assert rubric_problems(item(good.replace("Rubric (2 points):", "Rubric: 2 points")))
    assert rubric_problems(item(good.replace("- **1 point**: b\n", "")))  # one criterion
    five = "Rubric (5 points):\n" + "- **1 point**: a\n" * 5 + "Model answer:\n\nText.\n"
    assert rubric_problems(item(five, points=5))  # five criteria
    loose = good.replace("Model answer:", "Deduct 0.5 for x.\nModel answer:")
    assert rubric_problems(item(loose))  # a rule outside the Half points line
    halves = good.replace("Model answer:", "Half points: for x;\ndeduct 0.5 for y.\nModel answer:")
    assert rubric_problems(item(halves)) == []


_ROW = re.compile(
    r"^\s*\|\s*(?P<module>\d\d-[a-z-]+|all modules)\s*\|\s*(?P<items>\d+)\s*\|"
    r"\s*(?P<points>[\d.]+)\s*\|\s*(?P<minutes>[\d.]+)\s*\|\s*$"
)


def _guide_table() -> dict[str, tuple[int, float, float]]:
    rows = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        if match := _ROW.match(line):
            rows[match["module"]] = (
                int(match["items"]),
                float(match["points"]),
                float(match["minutes"]),
            )
    return rows


def test_the_guide_gives_the_grading_minutes_of_every_module():
    """docs/instructor-guide.md step 7: one row per module in the registry (and a total),
    each as :func:`course.instructor.workload.grading_load` computes it."""
    expected = {}
    for module in MODULES:
        load = grading_load(module.folder, ROOT / module.notebook_path)
        expected[module.folder] = (load.items, load.points, load.minutes)
    expected["all modules"] = tuple(sum(row[i] for row in expected.values()) for i in range(3))
    rows = {
        name: f"| {name} | {items} | {points:g} | {minutes:g} |"
        for name, (items, points, minutes) in expected.items()
    }
    assert _guide_table() == expected, (
        "the grading table in docs/instructor-guide.md (step 7) should have these rows:\n"
        + "\n".join(rows.values())
    )
