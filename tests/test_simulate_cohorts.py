"""The shipped demo cohorts: regenerable byte for byte, and fully documented."""

from __future__ import annotations

import re

from course.simulate import GroundTruth
from course.simulate.cohorts import COHORTS, build, cohorts_dir, load, regenerate
from course.simulate.validate import TARGETS, TOLERANCES, truths

DATA_DIR = cohorts_dir()
README = DATA_DIR / "README.md"


def test_regeneration_reproduces_the_shipped_files_byte_for_byte(tmp_path):
    written = regenerate(tmp_path)
    assert len(written) == 3 * len(COHORTS)
    for path in written:
        shipped = DATA_DIR / path.relative_to(tmp_path)
        assert shipped.is_file(), f"{shipped} is missing: run `alliance-course simulate --cohorts`"
        assert path.read_bytes() == shipped.read_bytes(), (
            f"{shipped} differs from a fresh regeneration"
        )


def test_shipped_cohorts_are_small_and_load_back():
    for name in COHORTS:
        tables = load(name)
        assert len(tables["clients"]) <= 200
        assert sum((DATA_DIR / name / f"{t}.csv").stat().st_size for t in tables) < 500_000
        assert tables["clients"]["client_id"].tolist() == build(name).clients["client_id"].tolist()


def test_readme_documents_every_column_and_target():
    text = README.read_text()
    assert "simulated" in text.lower()
    cl = build("demo")
    documented = set(re.findall(r"`([a-z_0-9]+)`", text))
    for table, frame in cl.tables().items():
        for column in frame.columns:
            ranged = re.match(r"^(i|phq_i|audit_i)(\d+)$", column)
            if ranged:
                assert f"`{ranged.group(1)}1` ... `" in text, f"{table}.{column} is not documented"
            else:
                assert column in documented, f"{table}.{column} is not documented in {README}"
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| [^|]+ \| ±([.0-9]+) \|", text, flags=re.MULTILINE))
    truths_ = truths(GroundTruth(), 40.0)
    for name, _, _ in TARGETS:
        assert name in rows, f"target {name} is missing from the README table"
        assert float(rows[name]) == TOLERANCES[name], f"README tolerance of {name} is out of date"
        assert name in truths_
