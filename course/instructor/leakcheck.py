"""Leak check: no solution line and no hidden-test line may reach trainees.

Collects every line between ``### BEGIN SOLUTION`` / ``### END SOLUTION``,
``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS`` and ``### BEGIN MARK
SCHEME`` / ``### END MARK SCHEME`` in the source notebooks, then searches the
released (or feedback) tree for any of them.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

_REGIONS = {
    "solution": ("BEGIN SOLUTION", "END SOLUTION"),
    "hidden test": ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS"),
    "mark scheme": ("BEGIN MARK SCHEME", "END MARK SCHEME"),
}
# Lines too generic to be a leak on their own (they also appear in prompts).
_MIN_LENGTH = 12


@dataclass(frozen=True)
class Leak:
    kind: str
    line: str
    found_in: Path

    def __str__(self) -> str:
        return f"{self.kind} line leaked into {self.found_in}: {self.line!r}"


def secret_lines(notebook: Path, kinds=tuple(_REGIONS)) -> dict[str, str]:
    """Map each secret line of a source notebook to its kind."""
    secrets: dict[str, str] = {}
    for cell in json.loads(notebook.read_text())["cells"]:
        # A starter is released on purpose: its lines are not secrets even where the
        # model solution repeats them.
        shown = {line.strip() for line in cell.get("metadata", {}).get("starter", "").splitlines()}
        inside = None
        for raw in "".join(cell["source"]).splitlines():
            line = raw.strip()
            for kind, (begin, end) in _REGIONS.items():
                if begin in line:
                    inside = kind
                    break
                if end in line:
                    inside = None
                    break
            else:
                if (
                    inside in kinds
                    and len(line) >= _MIN_LENGTH
                    and not line.startswith("#")
                    and line not in shown
                ):
                    secrets[line] = inside
    return secrets


def _texts(tree: Path):
    for path in sorted(tree.rglob("*")):
        if path.suffix == ".ipynb":
            cells = json.loads(path.read_text()).get("cells", [])
            yield path, "\n".join("".join(c.get("source", "")) for c in cells)
        elif path.suffix == ".html":
            # Feedback HTML highlights code token by token: strip tags to get the lines back.
            yield path, html.unescape(re.sub(r"<[^>]+>", "", path.read_text(errors="ignore")))
        elif path.suffix in {".py", ".md", ".txt"}:
            yield path, path.read_text(errors="ignore")


def find_leaks(source_notebooks: list[Path], tree: Path, kinds=tuple(_REGIONS)) -> list[Leak]:
    """Every secret line of ``source_notebooks`` that appears anywhere under ``tree``."""
    secrets: dict[str, str] = {}
    for notebook in source_notebooks:
        secrets.update(secret_lines(notebook, kinds))
    leaks = []
    for path, text in _texts(tree):
        present = {line.strip() for line in text.splitlines()}
        leaks += [Leak(kind, line, path) for line, kind in secrets.items() if line in present]
    return leaks
