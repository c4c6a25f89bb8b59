"""``alliance-course report``: a static HTML class dashboard that works offline.

One page: autograded score distribution per module, pass rate per graded item
with the most frequent failure messages, a trainee x module heatmap, the
manual-grading queue, and late submissions. Charts are interactive Vega-Lite
with the Vega JavaScript inlined (from vl-convert), so the file opens with no
network, e.g. from a USB stick or an LMS file area.
"""

from __future__ import annotations

import html
import json
from collections import Counter
from pathlib import Path

import altair as alt
import pandas as pd
from nbgrader.api import Gradebook

from course.charts import dashboard
from course.instructor.coursedir import CourseDir
from course.instructor.results import cell_scores, failure_messages
from course.instructor.tamper import read_flags


def gather(course: CourseDir) -> dict[str, pd.DataFrame]:
    """Tables behind the dashboard, read from the gradebook and autograded notebooks."""
    url = course.gradebook_url
    with Gradebook(url) as gb:
        modules = sorted(a.name for a in gb.assignments)
        late = []
        for module in modules:
            for sub in gb.assignment_submissions(module):
                if sub.total_seconds_late > 0:
                    late.append(
                        {
                            "student_id": sub.student.id,
                            "module": module,
                            "hours_late": round(sub.total_seconds_late / 3600, 1),
                            "penalty": float(sub.late_submission_penalty or 0),
                        }
                    )
    cells = pd.concat(
        [cell_scores(url, m).assign(module=m) for m in modules] or [pd.DataFrame()],
        ignore_index=True,
    )
    if cells.empty:
        empty = pd.DataFrame()
        return {"totals": empty, "items": empty, "queue": empty, "late": pd.DataFrame(late)}
    auto = cells[cells["kind"] == "auto"]
    totals = auto.groupby(["student_id", "module"], as_index=False).agg(
        points=("score", "sum"), max_points=("max_score", "sum")
    )
    totals["percent"] = (100 * totals["points"] / totals["max_points"]).round(1)

    messages: dict[tuple[str, str], Counter] = {}
    for module in modules:
        for folder in course.autograded.glob(f"*/{module}"):
            for nb in folder.glob("*.ipynb"):
                for cell, text in failure_messages(nb).items():
                    if text:
                        messages.setdefault((module, cell), Counter())[text.splitlines()[-1]] += 1
    graded = auto.assign(ok=auto["score"] >= auto["max_score"])
    items = graded.groupby(["module", "cell"], as_index=False).agg(
        pass_rate=("ok", "mean"), n=("ok", "size")
    )
    items["top_message"] = [
        (messages.get((m, c)) or Counter({"": 0})).most_common(1)[0][0]
        for m, c in zip(items["module"], items["cell"], strict=True)
    ]
    items["messages"] = [
        messages.get((m, c), Counter()).most_common(3)
        for m, c in zip(items["module"], items["cell"], strict=True)
    ]
    queue = cells[cells["needs_manual_grade"]][["module", "student_id", "cell", "max_score"]]
    return {"totals": totals, "items": items, "queue": queue, "late": pd.DataFrame(late)}


def _table(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    return frame.to_html(index=False, escape=True, border=0, classes="table")


def _messages_table(items: pd.DataFrame) -> pd.DataFrame:
    rows = [
        {"module": r.module, "item": r.cell, "trainees": n, "message": text}
        for r in items.itertuples()
        for text, n in r.messages
    ]
    return pd.DataFrame(rows)


def _flag_table(course: CourseDir) -> pd.DataFrame:
    rows = [
        {"module": module, "student_id": student, "why": "; ".join(reasons)}
        for module, flagged in sorted(read_flags(course.root).items())
        for student, reasons in sorted(flagged.items())
    ]
    return pd.DataFrame(rows)


def render(course: CourseDir, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and return its path."""
    import vl_convert

    tables = gather(course)
    out_dir.mkdir(parents=True, exist_ok=True)
    charts: list[tuple[str, alt.TopLevelMixin]] = []
    if not tables["totals"].empty:
        charts = [
            ("scores", dashboard.score_distribution(tables["totals"])),
            ("items", dashboard.item_pass_rates(tables["items"].drop(columns="messages"))),
            ("heatmap", dashboard.trainee_heatmap(tables["totals"])),
        ]
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    bundle = vl_convert.javascript_bundle(vl_version=f"{major}.{minor}")
    embeds = "\n".join(
        f"vegaEmbed('#{name}', {json.dumps(chart.to_dict())}, {{actions: false, renderer: 'svg'}});"
        for name, chart in charts
    )
    divs = "\n".join(f"<div class='chart' id='{name}'></div>" for name, _ in charts)
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Class dashboard: the Therapeutic Alliance course</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
h1 {{ font-size: 1.6rem; }} h2 {{ margin-top: 2rem; font-size: 1.2rem; }}
.table {{ border-collapse: collapse; }} .table td, .table th {{ padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: left; }}
.chart {{ margin: 1rem 0; }} .empty {{ color: #666; }}
</style>
<script>{bundle}</script>
</head><body>
<h1>Class dashboard</h1>
<p>Autograded results from the gradebook; written answers appear once graded in formgrader. All trainee data in the course is simulated.</p>
<h2>Scores, items and trainees</h2>
{divs if charts else "<p class='empty'>Nothing graded yet.</p>"}
<h2>Most frequent failure messages</h2>
{_table(_messages_table(tables["items"]) if not tables["items"].empty else pd.DataFrame(), "No failing tests.")}
<h2>Manual-grading queue</h2>
{_table(tables["queue"], "No written answers waiting.")}
<h2>Late submissions</h2>
{_table(tables["late"], "No late submissions.")}
<h2>Held for review</h2>
<p>Answers that change how the notebook is run or graded; their autograded points are held at 0 until you review them in formgrader.</p>
{_table(_flag_table(course), "No submissions held for review.")}
<script>{embeds}</script>
</body></html>
"""
    path = out_dir / "index.html"
    path.write_text(page)
    return path
