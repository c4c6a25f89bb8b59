"""``alliance-course report``: a static HTML class dashboard that works offline.

One page: score distribution per module (written answers count once graded),
pass rate per graded item in natural order (ex2 before ex10), failing tests
grouped by teaching message with unattempted items counted apart, each item's
difficulty and discrimination, a trainee x module heatmap, the manual-grading
queue, late submissions, extensions and submissions held for review. Charts are interactive Vega-Lite
with the Vega JavaScript inlined (from vl-convert), so the file opens with no
network, e.g. from a USB stick or an LMS file area.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import altair as alt
import pandas as pd
from nbgrader.api import Gradebook

from course.charts import dashboard, enable_theme, finish
from course.instructor.coursedir import CourseDir
from course.instructor.errors import CourseInputError
from course.instructor.extensions import extensions
from course.instructor.results import cell_scores, failing_tests, item_statistics, natural_key
from course.instructor.tamper import read_flags


def _late(url: str, modules: list[str]) -> pd.DataFrame:
    with Gradebook(url) as gb:
        late = [
            {
                "student_id": sub.student.id,
                "module": module,
                "hours_late": round(sub.total_seconds_late / 3600, 1),
                "penalty": float(sub.late_submission_penalty or 0),
            }
            for module in modules
            for sub in gb.assignment_submissions(module)
            if sub.total_seconds_late > 0
        ]
    return pd.DataFrame(late)


def _natural(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``frame`` sorted by module, then ``column`` in natural order (ex2 before ex10)."""
    if frame.empty:
        return frame
    order = frame[column].map(natural_key)
    return frame.assign(_order=order).sort_values(["module", "_order"]).drop(columns="_order")


def _failures(course: CourseDir, modules: list[str]) -> pd.DataFrame:
    """One row per failing test of every graded notebook: module, student, cell, message."""
    rows = [
        {"module": module, "student_id": folder.parent.name, **row}
        for module in modules
        for folder in sorted(course.autograded.glob(f"*/{module}"))
        for nb in sorted(folder.glob("*.ipynb"))
        for row in failing_tests(nb)
    ]
    columns = ["module", "student_id", "cell", "message", "unattempted"]
    # With no failing test at all the column would hold objects, and `~` of an empty
    # object column selects no columns (the dashboard then failed with KeyError 'module').
    return pd.DataFrame(rows, columns=columns).astype({"unattempted": bool})


def gather(course: CourseDir) -> dict[str, pd.DataFrame]:
    """Tables behind the dashboard, read from the gradebook and autograded notebooks.

    Scores count every autograded item and every written answer a person has
    graded; written answers still waiting add to ``written_waiting`` instead.
    """
    url = course.gradebook_url
    with Gradebook(url) as gb:
        modules = sorted(a.name for a in gb.assignments)
    late = _late(url, modules)
    cells = pd.concat(
        [cell_scores(url, m).assign(module=m) for m in modules] or [pd.DataFrame()],
        ignore_index=True,
    )
    if cells.empty:
        empty = pd.DataFrame()
        keys = ("totals", "items", "queue", "stats", "failures")
        return {**dict.fromkeys(keys, empty), "late": late}
    waiting = (cells["kind"] == "manual") & (cells["needs_manual_grade"] | cells["score"].isna())
    counted = cells[~waiting].assign(score=lambda f: f["score"].fillna(0))
    totals = counted.groupby(["student_id", "module"], as_index=False).agg(
        points=("score", "sum"), max_points=("max_score", "sum")
    )
    pending = cells[waiting].groupby(["student_id", "module"]).size().rename("written_waiting")
    totals = totals.merge(pending.reset_index(), how="left", on=["student_id", "module"])
    totals["written_waiting"] = totals["written_waiting"].fillna(0).astype(int)
    totals["percent"] = (100 * totals["points"] / totals["max_points"]).round(1)

    auto = cells[cells["kind"] == "auto"]
    graded = auto.assign(ok=auto["score"] >= auto["max_score"])
    items = graded.groupby(["module", "cell"], as_index=False).agg(
        pass_rate=("ok", "mean"), n=("ok", "size")
    )
    failures = _failures(course, modules)
    tried = failures[~failures["unattempted"]]
    top = tried.groupby(["module", "cell"])["message"].agg(lambda m: m.value_counts().index[0])
    items["top_message"] = [
        top.get((m, c), "") for m, c in zip(items["module"], items["cell"], strict=True)
    ]
    queue = cells[waiting][["module", "student_id", "cell", "max_score"]]
    return {
        "totals": totals,
        "items": _natural(items, "cell"),
        "queue": _natural(queue, "cell"),
        "stats": item_statistics(cells),
        "failures": failures,
        "late": late,
    }


def _table(frame: pd.DataFrame, empty: str) -> str:
    if frame.empty:
        return f"<p class='empty'>{html.escape(empty)}</p>"
    return frame.to_html(index=False, escape=True, border=0, classes="table")


def _messages_table(failures: pd.DataFrame) -> pd.DataFrame:
    """Failing tests of attempted answers, one row per teaching message, most frequent first."""
    tried = failures[~failures["unattempted"]] if not failures.empty else failures
    if tried.empty:
        return pd.DataFrame()
    rows = []
    for message, part in tried.groupby("message"):
        items = sorted(
            set(zip(part["module"], part["cell"], strict=True)),
            key=lambda i: (i[0], natural_key(i[1])),
        )
        rows.append(
            {
                "trainees": part["student_id"].nunique(),
                "times": len(part),
                "message": message,
                "items": ", ".join(f"{m} · {c}" for m, c in items),
            }
        )
    return pd.DataFrame(rows).sort_values(
        ["trainees", "times", "message"], ascending=[False, False, True]
    )


def _unattempted_table(failures: pd.DataFrame) -> pd.DataFrame:
    """Per item, how many trainees left it unanswered (missing name, stub, untouched cell)."""
    skipped = failures[failures["unattempted"]] if not failures.empty else failures
    if skipped.empty:
        return pd.DataFrame()
    counts = skipped.groupby(["module", "cell"], as_index=False).agg(
        trainees=("student_id", "nunique")
    )
    return _natural(counts, "cell").rename(columns={"cell": "item"})


def _without_held(failures: pd.DataFrame, held: dict[str, dict]) -> pd.DataFrame:
    """Failures of submissions not held for review (those are listed under their own heading)."""
    if failures.empty:
        return failures
    keep = [
        student not in held.get(module, {})
        for module, student in zip(failures["module"], failures["student_id"], strict=True)
    ]
    return failures[keep]


def _extension_table(course: CourseDir) -> pd.DataFrame:
    rows = [
        {"module": module, "student_id": student, "due (UTC)": f"{until:%Y-%m-%d %H:%M}"}
        for (student, module), until in sorted(extensions(course).items(), key=lambda i: i[0][::-1])
    ]
    return pd.DataFrame(rows)


def _flag_table(course: CourseDir) -> pd.DataFrame:
    rows = [
        {"module": module, "student_id": student, "why": "; ".join(reasons)}
        for module, flagged in sorted(read_flags(course.root).items())
        for student, reasons in sorted(flagged.items())
    ]
    return pd.DataFrame(rows)


def _charts(tables: dict[str, pd.DataFrame]) -> list[tuple[str, alt.TopLevelMixin]]:
    """The three charts, titled for what they show (written answers count once graded)."""
    if tables["totals"].empty:
        return []
    enable_theme()  # the course theme: no axis or legend label is cut short
    totals = tables["totals"]
    scores = dashboard.score_distribution(totals).encode(
        y=alt.Y("percent:Q", title="Score (%)", scale=alt.Scale(domain=[0, 100]))
    )
    scores = finish(
        scores,
        "Scores by module (written answers count once graded)",
        "Box plots of trainees' percentage of the points graded so far, for each module, "
        "from 0 to 100.",
    )
    heatmap = finish(
        dashboard.trainee_heatmap(totals),
        "Trainee by module",
        "Heatmap of each trainee's percentage of the points graded so far in each module; "
        "darker is lower.",
    )
    return [
        ("scores", scores),
        ("items", dashboard.item_pass_rates(tables["items"])),
        ("heatmap", heatmap),
    ]


STATS_NOTE = (
    "Difficulty is the mean share of an item's points that trainees earned (1.00: everyone "
    "had full marks). Discrimination is the item-rest correlation: Pearson's r between the "
    "points on the item and the points on the rest of the module. A low value (below about "
    "0.20), or a negative one, means the item does not separate trainees who do well on the "
    "rest of the module from those who do not: it may be ambiguous, its tests may reward the "
    "wrong thing, or it is so easy or so hard that nearly everyone scores the same. With a "
    "small class (under about 30) the value varies a lot by chance; read it as a prompt to "
    "look at the item, not a verdict. Empty: the item or the rest did not vary."
)


def _page(course: CourseDir, tables: dict[str, pd.DataFrame], bundle: str) -> str:
    charts = _charts(tables)
    embeds = "\n".join(
        f"vegaEmbed('#{name}', {json.dumps(chart.to_dict())}, {{actions: false, renderer: 'svg'}});"
        for name, chart in charts
    )
    divs = "\n".join(f"<div class='chart' id='{name}'></div>" for name, _ in charts)
    failures = _without_held(tables["failures"], read_flags(course.root))
    unattempted = _unattempted_table(failures)
    waiting = int(tables["totals"]["written_waiting"].sum()) if not tables["totals"].empty else 0
    skipped = int(failures["unattempted"].sum()) if not failures.empty else 0
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Class dashboard: the Therapeutic Alliance course</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; }}
h1 {{ font-size: 1.6rem; }} h2 {{ margin-top: 2rem; font-size: 1.2rem; }} h3 {{ font-size: 1rem; }}
.table {{ border-collapse: collapse; }} .table td, .table th {{ padding: .25rem .6rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }}
.chart {{ margin: 1rem 0; }} .empty {{ color: #666; }} .note {{ max-width: 60rem; }}
</style>
<script>{bundle}</script>
</head><body>
<h1>Class dashboard</h1>
<p>Scores count autograded items and every written answer graded in formgrader; {waiting} written answer(s) still wait and are not counted yet. All trainee data in the course is simulated.</p>
<h2>Scores, items and trainees</h2>
{divs if charts else "<p class='empty'>Nothing graded yet.</p>"}
<h2>Most frequent failure messages</h2>
<p class="note">Tests that failed on an attempted answer, grouped by the teaching message trainees saw, most frequent first (submissions held for review are left out).</p>
{_table(_messages_table(failures), "No failing tests on attempted answers.")}
<h3>Not attempted</h3>
<p class="note">{skipped} failing test(s) were on answers left as handed out (a missing name, the stub, or an untouched answer cell); they are counted here, not above.</p>
{_table(unattempted, "Every trainee attempted every item.")}
<h2>Item difficulty and discrimination</h2>
<p class="note">{html.escape(STATS_NOTE)}</p>
{_table(tables["stats"], "Nothing graded yet.")}
<h2>Manual-grading queue</h2>
{_table(tables["queue"], "No written answers waiting.")}
<h2>Late submissions</h2>
{_table(tables["late"], "No late submissions.")}
<h2>Extensions</h2>
{_table(_extension_table(course), "No extensions granted.")}
<h2>Held for review</h2>
<p>Answers that change how the notebook is run or graded; their autograded points are held at 0 until you review them in formgrader.</p>
{_table(_flag_table(course), "No submissions held for review.")}
<script>{embeds}</script>
</body></html>
"""


def render(course: CourseDir, out_dir: Path) -> Path:
    """Write ``out_dir/index.html`` and return its path."""
    import vl_convert

    if not Path(course.root).is_dir():
        raise CourseInputError(
            f"no course directory at {course.root}: run `alliance-course build` first, "
            "or pass --course-dir"
        )
    tables = gather(course)
    out_dir.mkdir(parents=True, exist_ok=True)
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    bundle = vl_convert.javascript_bundle(vl_version=f"{major}.{minor}")
    path = out_dir / "index.html"
    path.write_text(_page(course, tables, bundle))
    return path
