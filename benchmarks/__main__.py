"""Run every benchmark module and write ``benchmarks/RESULTS.md``.

Each ``benchmarks/bench_<name>.py`` exposes ``run() -> str``: a Markdown
section (heading, what was measured, a table with the measured values and
ratios side by side from the same run). Pass names to run a subset:
``python -m benchmarks scoring simulate``.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.node()} · {cpu} · {os.cpu_count()} cores · {mem_gib:.0f} GiB · "
        f"Python {platform.python_version()} · {platform.platform()}"
    )


def main(names: list[str]) -> int:
    modules = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if names:
        modules = [m for m in modules if m.removeprefix("bench_") in names]
    sections = []
    for name in modules:
        print(f"running {name} ...", flush=True)
        sections.append(importlib.import_module(f"benchmarks.{name}").run().strip())
    header = (
        "# Benchmark results\n\n"
        f"- Date: {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M UTC}\n"
        f"- Machine: {machine()}\n"
        "- Written by `make bench`; every ratio compares numbers measured in the same run.\n"
    )
    text = header + "\n" + "\n\n".join(sections) + "\n"
    (HERE / "RESULTS.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
