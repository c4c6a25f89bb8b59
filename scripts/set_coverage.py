"""Fill one module's entries in docs/coverage.yml, safely while others do the same.

Usage: python -m scripts.set_coverage ENTRIES.yml

ENTRIES.yml maps concept ids to ``{objective: N, items: [grade_id, ...]}``.
The file is locked while it is read and rewritten, so authors working on
different modules at the same time never lose each other's entries.
"""

from __future__ import annotations

import fcntl
import sys
from pathlib import Path

import yaml

COVERAGE = Path(__file__).resolve().parents[1] / "docs" / "coverage.yml"
HEADER = """# Concept coverage map: every concept the course promises (issues for modules
# 01-03 and 04-07) -> the module, the learning objective (its number in the
# module's objective list) and the graded item(s) (nbgrader grade_id of a test
# cell or task cell) that teach and assess it.
# tests/test_coverage_map.py fails when a concept of a written module has no
# graded item, or names an item that is not a graded cell of that module.
# Edit with `python -m scripts.set_coverage ENTRIES.yml` (it keeps this layout).
"""


def render(concepts: list[dict]) -> str:
    lines = [HEADER.rstrip("\n"), "concepts:"]
    module = None
    for c in concepts:
        if c["module"] != module:
            module = c["module"]
            lines.append(f"  # {module}")
        flow = yaml.safe_dump(c, default_flow_style=True, sort_keys=False, width=10_000).strip()
        lines.append(f"  - {flow}")
    return "\n".join(lines) + "\n"


def update(entries: dict) -> list[str]:
    with open(COVERAGE, "r+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        concepts = yaml.safe_load(handle.read())["concepts"]
        by_id = {c["id"]: c for c in concepts}
        unknown = sorted(set(entries) - set(by_id))
        if unknown:
            raise SystemExit(f"unknown concept id(s): {', '.join(unknown)}")
        for concept_id, entry in entries.items():
            by_id[concept_id]["objective"] = entry["objective"]
            by_id[concept_id]["items"] = list(entry["items"])
        handle.seek(0)
        handle.truncate()
        handle.write(render(concepts))
    return sorted(entries)


if __name__ == "__main__":
    print("updated:", ", ".join(update(yaml.safe_load(Path(sys.argv[1]).read_text()))))
