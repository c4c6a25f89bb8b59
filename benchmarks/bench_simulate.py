"""Benchmark the simulator: a 100,000-client caseload, and the recovery table at large N.

Run alone with ``python -m benchmarks simulate``. The timing runs in a fresh
child process so its peak resident memory (``resource.getrusage``) is the
simulator's own, not this process's. Targets (issue 4): 100,000 clients with up
to 16 sessions in at most 5 s and 2 GB peak memory, vectorised (no Python loop
per client or session).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLIENTS, THERAPISTS, SESSIONS = 100_000, 2_000, 16
TIME_LIMIT_S, MEMORY_LIMIT_MB = 5.0, 2048
RECOVERY_SEEDS = (1, 2, 3)

CHILD = f"""
import json, resource, time
import course.simulate as simulate
import course.instruments
course.instruments.get("wai-sr")  # load the instrument specs before timing
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = time.perf_counter()
cl = simulate.caseload({THERAPISTS}, {CLIENTS}, seed=1, max_sessions={SESSIONS})
cold = time.perf_counter() - start
start = time.perf_counter()
cl = simulate.caseload({THERAPISTS}, {CLIENTS}, seed=2, max_sessions={SESSIONS})
warm = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(dict(cold=cold, warm=warm, peak_mb=peak, before_mb=before,
                      sessions=len(cl.sessions), columns=cl.sessions.shape[1],
                      frame_mb=sum(t.memory_usage(deep=True).sum() for t in cl.tables().values()) / 2**20)))
"""


def measure_generation() -> dict:
    """Time and peak memory of generating the large caseload, in a fresh process."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def recovery() -> tuple[list, float]:
    """Recovery tables for a few seeds at large N, and the seconds they took."""
    from course.simulate import caseload
    from course.simulate.validate import LARGE, recovery_table

    start = time.perf_counter()
    tables = [recovery_table(caseload(**LARGE, seed=seed)) for seed in RECOVERY_SEEDS]
    return tables, time.perf_counter() - start


def run() -> str:
    gen = measure_generation()
    tables, recovery_s = recovery()
    ok_time = gen["cold"] <= TIME_LIMIT_S
    ok_mem = gen["peak_mb"] <= MEMORY_LIMIT_MB
    lines = [
        "## Simulator (`course.simulate`)",
        "",
        f"One caseload of {CLIENTS:,} clients, {THERAPISTS:,} therapists and up to {SESSIONS} "
        f"sessions ({gen['sessions']:,} session rows x {gen['columns']} columns), generated in a "
        "fresh process with numpy arrays over clients x sessions (no Python loop per client "
        "or session). *Cold* includes the one-off calibration pilot for 16-session caseloads; "
        "*warm* is a second caseload in the same process. Peak memory is the child's maximum "
        "resident set (`resource.getrusage`), imports included.",
        "",
        "| Measure | Value | Target | Ratio to target | Met |",
        "|---|---:|---:|---:|:---:|",
        f"| Time, cold (s) | {gen['cold']:.2f} | ≤ {TIME_LIMIT_S:.0f} | "
        f"{gen['cold'] / TIME_LIMIT_S:.2f} | {'yes' if ok_time else 'no'} |",
        f"| Time, warm (s) | {gen['warm']:.2f} | ≤ {TIME_LIMIT_S:.0f} | "
        f"{gen['warm'] / TIME_LIMIT_S:.2f} | {'yes' if gen['warm'] <= TIME_LIMIT_S else 'no'} |",
        f"| Peak memory (MB) | {gen['peak_mb']:.0f} | ≤ {MEMORY_LIMIT_MB} | "
        f"{gen['peak_mb'] / MEMORY_LIMIT_MB:.2f} | {'yes' if ok_mem else 'no'} |",
        f"| Memory after imports, before generating (MB) | {gen['before_mb']:.0f} | | | |",
        f"| Size of the three DataFrames (MB) | {gen['frame_mb']:.0f} | | | |",
        "",
        f"### Recovery at large N (20,000 clients, 500 therapists; seeds {', '.join(map(str, RECOVERY_SEEDS))})",
        "",
        "Estimates computed from the returned tables only (`course.simulate.validate."
        f"recovery_table`; {recovery_s:.1f} s for the three caseloads and tables).",
        "",
        "| Quantity | Ground truth | Tolerance | "
        + " | ".join(f"Seed {s}" for s in RECOVERY_SEEDS)
        + " | All within |",
        "|---|---:|---:|" + "---:|" * len(RECOVERY_SEEDS) + ":---:|",
    ]
    first = tables[0]
    for i, row in first.iterrows():
        estimates = " | ".join(f"{t.loc[i, 'estimate']:.3f}" for t in tables)
        within = all(bool(t.loc[i, "within_tolerance"]) for t in tables)
        lines.append(
            f"| {row['quantity']} | {row['ground_truth']:.3f} | ±{row['tolerance']:.3f} | "
            f"{estimates} | {'yes' if within else 'no'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(run())
