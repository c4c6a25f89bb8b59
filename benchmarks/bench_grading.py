"""Grading throughput: the course's parallel grader against plain nbgrader, measured in one run.

- 40 submissions of the heaviest module graded by ``alliance-course grade
  --workers 2`` and by sequential ``nbgrader autograde``: speed-up, identical scores.
- Per-submission time: a submission's grading time in a worker against
  executing the same notebook with bare nbclient (kernel start included). A
  worker starts and warms the next kernel while the current submission runs
  (course.instructor.warm_kernels), so from its second submission on the
  kernel start and imports are off the submission's time, not off the CPU:
  the parallel speed-up above shows the throughput.
- The same batch on a loopback dask.distributed cluster (scheduler + 2
  workers): identical scores, throughput projected to 10,000 submissions.
- Each module's solution run time (the modules' <= 10 s target).
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
import pandas as pd

from course.instructor.build import build
from course.instructor.coursedir import CourseDir
from course.instructor.grade import grade
from course.instructor.results import cell_scores
from course.instructor.safe_execute import TRUSTED_OPTION as TRUSTED
from course.instructor.submissions import fill, solution_answers, write_submission
from course.modules import folders

N_SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "40"))
N_ONE_WORKER = min(10, N_SUBMISSIONS)


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine has spent busy (every process, kernel time included)."""
    user, nice, system, idle, iowait, *rest = map(int, Path("/proc/stat").read_text().split()[1:9])
    return (user + nice + system + sum(rest)) / os.sysconf("SC_CLK_TCK")


def solution_seconds(module: str, student: str = "bench-trainee") -> float:
    """Wall time to run a module's solution notebooks top to bottom with nbclient."""
    from nbclient import NotebookClient

    total = 0.0
    for path in sorted((Path("notebooks") / module).glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        os.environ["ALLIANCE_STUDENT_ID"] = student
        started = time.perf_counter()
        NotebookClient(
            nb,
            timeout=120,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
        total += time.perf_counter() - started
    os.environ.pop("ALLIANCE_STUDENT_ID", None)
    return total


def _batch(root: Path, module: str, n: int) -> CourseDir:
    course = CourseDir(root)
    build(course, [module])
    for notebook in sorted((course.release / module).glob("*.ipynb")):
        answers = solution_answers(course.source / module / notebook.name)
        for i in range(n):
            write_submission(
                fill(notebook, answers), course.submitted, f"s{i:03d}", module, notebook.name
            )
    return course


def _copy(course: CourseDir, root: Path, module: str) -> CourseDir:
    shutil.copytree(
        course.root, root, ignore=shutil.ignore_patterns("autograded", "feedback", "gradebook.db")
    )
    copy = CourseDir(root)
    build(copy, [module])
    return copy


def _scores(course: CourseDir, module: str) -> pd.DataFrame:
    return (
        cell_scores(course.gradebook_url, module)
        .sort_values(["student_id", "cell"])
        .reset_index(drop=True)
    )


def run() -> str:
    from distributed import LocalCluster

    modules = folders()
    runtimes = {m: solution_seconds(m) for m in modules}
    heaviest = max(runtimes, key=runtimes.get)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sequential = _batch(tmp / "seq", heaviest, N_SUBMISSIONS)
        parallel = _copy(sequential, tmp / "par", heaviest)
        on_dask = _copy(sequential, tmp / "dask", heaviest)

        started, busy = time.perf_counter(), busy_cpu_seconds()
        sequential.nbgrader("autograde", heaviest, "--create", TRUSTED)
        t_seq = time.perf_counter() - started
        cpu_seq = (busy_cpu_seconds() - busy) / N_SUBMISSIONS

        started, busy = time.perf_counter(), busy_cpu_seconds()
        report = grade(parallel, heaviest, workers=2, progress=False)
        t_par = time.perf_counter() - started
        cpu_par = (busy_cpu_seconds() - busy) / N_SUBMISSIONS

        # One worker: a submission's own time, nothing else graded beside it.
        one_worker = _copy(sequential, tmp / "one", heaviest)
        first = [f"s{i:03d}" for i in range(N_ONE_WORKER)]
        alone = grade(one_worker, heaviest, workers=1, progress=False, students=first)

        with LocalCluster(
            n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
        ) as cluster:
            started = time.perf_counter()
            grade(on_dask, heaviest, scheduler=cluster.scheduler_address, progress=False)
            t_dask = time.perf_counter() - started

        same_parallel = _scores(sequential, heaviest).equals(_scores(parallel, heaviest))
        same_dask = _scores(sequential, heaviest).equals(_scores(on_dask, heaviest))
        bare = statistics.median(solution_seconds(heaviest, f"s{i:03d}") for i in range(3))
        per_submission = statistics.median(report.seconds.values())
        per_submission_alone = statistics.median(alone.seconds.values())

    speedup = t_seq / t_par
    overhead = per_submission / bare
    overhead_alone = per_submission_alone / bare
    rate_dask = N_SUBMISSIONS / t_dask
    lines = [
        "## Grading (issue: instructor pipeline)",
        "",
        f"{N_SUBMISSIONS} solution submissions of `{heaviest}` (the module with the longest solution run).",
        "",
        "| measure | value | target | met |",
        "|---|---:|---:|:--:|",
        f"| sequential `nbgrader autograde` | {t_seq:.1f} s | | |",
        f"| `alliance-course grade --workers 2` (kernels in the bubblewrap sandbox) | {t_par:.1f} s | | |",
        f"| speed-up (sequential / parallel) | {speedup:.2f}x | >= 1.8x | {'yes' if speedup >= 1.8 else 'no'} |",
        f"| identical scores, parallel vs sequential | {same_parallel} | True | {'yes' if same_parallel else 'no'} |",
        f"| CPU per submission, all processes: sequential / `--workers 2` | {cpu_seq:.2f} s / {cpu_par:.2f} s | | |",
        f"| bare nbclient run of the same notebook (median of 3, kernel start included) | {bare:.2f} s | | |",
        f"| per-submission grading time, one worker ({N_ONE_WORKER} submissions, median; its kernel warmed while the previous one ran) | {per_submission_alone:.2f} s | | |",
        f"| per-submission time / bare run, one worker | {overhead_alone:.2f}x | <= 0.6x | {'yes' if overhead_alone <= 0.6 else 'no'} |",
        f"| per-submission grading time in a worker of `--workers 2` (median; two workers share the 2 cores) | {per_submission:.2f} s | | |",
        f"| per-submission time / bare run, `--workers 2` | {overhead:.2f}x | <= 0.6x | {'yes' if overhead <= 0.6 else 'no'} |",
        f"| dask.distributed, scheduler + 2 workers on loopback | {t_dask:.1f} s | | |",
        f"| identical scores, dask vs sequential | {same_dask} | True | {'yes' if same_dask else 'no'} |",
        "",
        "Projected time for 10,000 submissions at the measured dask throughput "
        f"({rate_dask / 2:.2f} submissions/s per worker on this machine):",
        "",
        "| workers | hours |",
        "|---:|---:|",
    ]
    lines += [f"| {w} | {10_000 / (rate_dask / 2 * w) / 3600:.1f} |" for w in (2, 8, 32, 128)]
    lines += [
        "",
        "Solution run time of each module (nbclient, top to bottom; target <= 10 s):",
        "",
        "| module | seconds | <= 10 s |",
        "|---|---:|:--:|",
    ]
    lines += [f"| {m} | {s:.1f} | {'yes' if s <= 10 else 'no'} |" for m, s in runtimes.items()]
    return "\n".join(lines)
