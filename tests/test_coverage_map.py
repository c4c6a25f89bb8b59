"""docs/coverage.yml: every promised concept is taught and assessed by a graded item."""

from pathlib import Path

import nbformat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CONCEPTS = yaml.safe_load((ROOT / "docs" / "coverage.yml").read_text())["concepts"]


def graded_cells(module: str) -> set[str]:
    ids = set()
    for path in (ROOT / "notebooks" / module).glob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade") or meta.get("task"):
                ids.add(meta["grade_id"])
    return ids


def test_concept_ids_are_unique():
    ids = [c["id"] for c in CONCEPTS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda c: c["id"])
def test_concept_has_a_graded_item_in_its_module(concept):
    module_dir = ROOT / "notebooks" / concept["module"]
    if not module_dir.exists():
        pytest.skip(f"module {concept['module']} is not written yet")
    assert concept["items"], f"{concept['id']} has no graded item"
    assert isinstance(concept["objective"], int), f"{concept['id']} names no learning objective"
    missing = set(concept["items"]) - graded_cells(concept["module"])
    assert not missing, (
        f"{concept['id']}: {sorted(missing)} are not graded cells of {concept['module']}"
    )
