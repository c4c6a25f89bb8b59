"""``alliance-course simulate``: write a simulated caseload, validate the simulator, or rebuild demos.

* ``alliance-course simulate --therapists 8 --clients 60 --seed 1 --out DIR [--format csv]``
  writes ``therapists``, ``clients`` and ``sessions`` (Parquet by default).
* ``alliance-course simulate --validate [--therapists 500 --clients 20000 --seed 0]``
  prints the recovery table: every ground-truth value, its estimate from the
  tables, and the tolerance. Exit status 1 if a large caseload (20,000 clients
  or more, where the tolerances apply) misses one.
* ``alliance-course simulate --cohorts [DIR]`` rewrites the demo cohorts
  (default: the project's ``data/cohorts``).
* ``alliance-course simulate --calibrate`` rewrites ``course/data/calibration.json``,
  the stored calibrations that spare every kernel the one-second pilot.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from course.simulate.validate import LARGE

CLASSROOM = {"n_therapists": 8, "n_clients": 60}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``simulate`` options to ``parser``."""
    parser.add_argument(
        "--therapists", type=int, help="number of therapists (default 8; 500 with --validate)"
    )
    parser.add_argument(
        "--clients", type=int, help="number of clients (default 60; 20,000 with --validate)"
    )
    parser.add_argument(
        "--sessions", type=int, default=12, help="most sessions per client (default 12)"
    )
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--out", type=Path, help="folder to write the tables into")
    parser.add_argument("--format", choices=["parquet", "csv"], default="parquet")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--validate", action="store_true", help="print the recovery table")
    mode.add_argument(
        "--cohorts",
        nargs="?",
        const="",
        type=Path,
        metavar="DIR",
        help="regenerate the demo cohorts (default: data/cohorts of the course checkout)",
    )
    mode.add_argument(
        "--calibrate",
        action="store_true",
        help="recompute the stored calibrations (course/data/calibration.json)",
    )


def _sizes(args: argparse.Namespace, defaults: dict[str, int]) -> tuple[int, int]:
    therapists = args.therapists if args.therapists is not None else defaults["n_therapists"]
    clients = args.clients if args.clients is not None else defaults["n_clients"]
    return therapists, clients


def run(args: argparse.Namespace) -> int:
    """Run ``alliance-course simulate``; return the exit status."""
    try:
        if getattr(args, "cohorts", None) is not None:
            return _cohorts(args.cohorts)
        if getattr(args, "validate", False):
            return _validate(args)
        if getattr(args, "calibrate", False):
            from course.simulate.calibrate import write_store

            print(f"wrote {write_store()}")
            return 0
        return _write(args)
    except ValueError as err:
        print(f"alliance-course simulate: {err}", file=sys.stderr)
        return 2


def _cohorts(folder: Path) -> int:
    from course.simulate.cohorts import regenerate

    for path in regenerate(folder if str(folder) not in ("", ".") else None):
        print(f"wrote {path}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    import pandas as pd

    from course.simulate.generate import caseload
    from course.simulate.validate import recovery_table

    therapists, clients = _sizes(args, LARGE)
    cl = caseload(therapists, clients, seed=args.seed, max_sessions=args.sessions)
    table = recovery_table(cl)
    with pd.option_context("display.width", 160, "display.max_colwidth", 60):
        print(table.drop(columns=["estimator", "source"]).to_string(index=False))
    missed = table.loc[~table["within_tolerance"], "quantity"].tolist()
    large = clients >= LARGE["n_clients"]
    print(
        f"\n{len(table) - len(missed)} of {len(table)} within tolerance "
        f"({clients} clients, {therapists} therapists, seed {args.seed}). "
        + ("" if large else "Tolerances are set for 20,000 clients; smaller caseloads are noisier.")
    )
    return 1 if (missed and large) else 0


def _write(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from course.simulate.generate import caseload

    if args.out is None:
        print(
            "alliance-course simulate: give --out DIR (or --validate, or --cohorts)",
            file=sys.stderr,
        )
        return 2
    therapists, clients = _sizes(args, CLASSROOM)
    with tqdm(total=4, desc="simulate", unit="step", file=sys.stderr) as bar:
        cl = caseload(therapists, clients, seed=args.seed, max_sessions=args.sessions)
        bar.update()
        args.out.mkdir(parents=True, exist_ok=True)
        for name, frame in cl.tables().items():
            bar.set_postfix_str(name)
            path = args.out / f"{name}.{args.format}"
            if args.format == "csv":
                frame.to_csv(path, index=False, lineterminator="\n")
            else:
                frame.to_parquet(path, index=False)
            bar.update()
    for name, frame in cl.tables().items():
        print(f"{args.out / f'{name}.{args.format}'}: {len(frame)} rows")
    return 0
