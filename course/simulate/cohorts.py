"""Small demo cohorts shipped as CSV in ``data/cohorts/``, regenerable byte for byte.

``make cohorts`` (``alliance-course simulate --cohorts``) calls :func:`regenerate`;
a test regenerates them into a temporary folder and compares the bytes, so the
shipped files always match the simulator that made them. The columns are
described in ``data/cohorts/README.md``. Every record is simulated.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from course.seeds import stable_seed
from course.simulate.generate import Caseload, caseload


def cohorts_dir() -> Path:
    """``data/cohorts`` of the course project (a checkout): the demo cohorts are not package data."""
    from course.instructor.project import project_root

    return project_root() / "data" / "cohorts"


@dataclass(frozen=True)
class CohortSpec:
    """Size and seed of one demo cohort."""

    therapists: int
    clients: int
    max_sessions: int

    def seed(self, name: str) -> int:
        return stable_seed("course.simulate.cohorts", name)


COHORTS: dict[str, CohortSpec] = {
    # A classroom-sized caseload for worked examples and the instructor's demo.
    "demo": CohortSpec(therapists=8, clients=60, max_sessions=12),
}


def build(name: str) -> Caseload:
    """The caseload of demo cohort ``name``."""
    spec = COHORTS[name]
    return caseload(
        spec.therapists, spec.clients, seed=spec.seed(name), max_sessions=spec.max_sessions
    )


def write_csv(cl: Caseload, folder: Path) -> list[Path]:
    """Write the three tables as ``<table>.csv`` in ``folder``; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for table, frame in cl.tables().items():
        path = folder / f"{table}.csv"
        frame.to_csv(path, index=False, lineterminator="\n")
        paths.append(path)
    return paths


def regenerate(out_dir: Path | str | None = None) -> list[Path]:
    """Write every demo cohort to ``out_dir/<name>/<table>.csv``; return the paths written."""
    out = Path(out_dir) if out_dir is not None else cohorts_dir()
    return [path for name in COHORTS for path in write_csv(build(name), out / name)]


def load(name: str = "demo", data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Read a shipped demo cohort back as ``{"therapists": ..., "clients": ..., "sessions": ...}``.

    >>> tables = load("demo")
    >>> sorted(tables), len(tables["clients"])
    (['clients', 'sessions', 'therapists'], 60)
    """
    folder = Path(data_dir if data_dir is not None else cohorts_dir()) / name
    return {
        table: pd.read_csv(folder / f"{table}.csv")
        for table in ("therapists", "clients", "sessions")
    }
