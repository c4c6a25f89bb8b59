"""Module 08: the charts and the two practice widgets (repair practice, alert rules).

Colours come from the Okabe-Ito palette and no chart relies on colour alone
(shapes and dashes differ too). Widgets are practice only: graded answers are
plain values written in answer cells.
"""

from __future__ import annotations

import html

import altair as alt
import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from course.charts import OKABE_ITO, finish
from course.modules.m08 import alerts as _alerts
from course.modules.m08 import repair as _repair


def alert_chart(frame: pd.DataFrame, session: int, percentile: int, title: str, alt_text: str):
    """Intake ORS (x) against the ORS at ``session`` (y) for each client, the expected
    line and the rule's boundary; colour and shape show alert and known outcome.

    >>> frame = pd.DataFrame({"ors_1": [15.0, 22.0], "ors_2": [14.0, 30.0], "ors_3": [15.0, 31.0],
    ...                       "ors_4": [16.0, 32.0], "poor_outcome": [True, False]})
    >>> spec = alert_chart(frame, 3, 25, "Alerts", "Two clients.").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['point', 'line', 'line']
    """
    alert = _alerts.alerts(frame, session, percentile)
    points = pd.DataFrame(
        {
            "intake": frame["ors_1"],
            "ors": frame[f"ors_{session}"],
            "result": [
                ("hit" if poor else "false alarm") if flagged else ("miss" if poor else "all clear")
                for flagged, poor in zip(alert, frame["poor_outcome"], strict=True)
            ],
        }
    ).reset_index()
    xs = [float(points["intake"].min()), float(points["intake"].max())]
    lines = pd.DataFrame(
        {
            "intake": xs * 2,
            "ors": [_alerts.boundary(x, session, 50) for x in xs]
            + [_alerts.boundary(x, session, percentile) for x in xs],
            "line": ["expected (50th percentile)"] * 2 + [f"alert below ({percentile}th)"] * 2,
        }
    )
    domain = ["hit", "miss", "false alarm", "all clear"]
    scatter = (
        alt.Chart(points)
        .mark_point(size=80, filled=True)
        .encode(
            x=alt.X("intake:Q", title="ORS at session 1 (intake)", scale=alt.Scale(zero=False)),
            y=alt.Y("ors:Q", title=f"ORS at session {session}", scale=alt.Scale(zero=False)),
            color=alt.Color(
                "result:N",
                scale=alt.Scale(
                    domain=domain, range=[OKABE_ITO[5], OKABE_ITO[1], OKABE_ITO[0], OKABE_ITO[7]]
                ),
                legend=alt.Legend(title="Rule vs known outcome", orient="bottom"),
            ),
            shape=alt.Shape(
                "result:N",
                scale=alt.Scale(
                    domain=domain, range=["triangle-down", "cross", "square", "circle"]
                ),
            ),
            tooltip=["client_id:N", "intake:Q", "ors:Q", "result:N"],
        )
    )
    expected = (
        alt.Chart(lines)
        .transform_filter(alt.datum.line == "expected (50th percentile)")
        .mark_line(color=OKABE_ITO[7])
        .encode(x="intake:Q", y="ors:Q")
    )
    limit = (
        alt.Chart(lines)
        .transform_filter(alt.datum.line != "expected (50th percentile)")
        .mark_line(color=OKABE_ITO[4], strokeDash=[6, 4])
        .encode(x="intake:Q", y="ors:Q")
    )
    return finish(
        alt.layer(scatter, expected, limit).properties(width=420, height=300), title, alt_text
    )


def _counts_html(counts: dict) -> str:
    return (
        f"<p>Check at session {counts['session']}, alert below the {counts['percentile']}th "
        f"percentile: <b>{counts['alerts']}</b> alerts; <b>{counts['hits']}</b> hits, "
        f"<b>{counts['misses']}</b> misses, <b>{counts['false_alarms']}</b> false alarms, "
        f"{counts['all_clear']} correct all-clears; caught {counts['caught']:.0%} of the "
        "clients who ended with a poor outcome.</p>"
    )


def alert_explorer(frame: pd.DataFrame) -> widgets.VBox:
    """A check-session dropdown and a percentile slider; the counts and the chart follow."""
    session = widgets.Dropdown(options=list(_alerts.CHECK_SESSIONS), value=3, description="Session")
    percentile = widgets.SelectionSlider(
        options=list(_alerts.PERCENTILES),
        value=25,
        description="Percentile",
        continuous_update=False,
    )
    summary, chart_area = widgets.HTML(), widgets.Output()
    summary.add_class("m08-alert-summary")

    def redraw(_change=None) -> None:
        counts = _alerts.rule_counts(frame, session.value, percentile.value)
        summary.value = _counts_html(counts)
        chart_area.clear_output(wait=True)
        with chart_area:
            display(
                alert_chart(
                    frame,
                    session.value,
                    percentile.value,
                    f"Not-on-track rule at session {session.value} (simulated caseload)",
                    (
                        f"Scatter plot of simulated clients' intake ORS against their ORS at session "
                        f"{session.value}, with the expected line and the alert boundary at the "
                        f"{percentile.value}th percentile; each client is marked hit, miss, false "
                        "alarm or all clear."
                    ),
                )
            )

    session.observe(redraw, names="value")
    percentile.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([session, percentile]), summary, chart_area])
    box.add_class("m08-alert-explorer")
    return box


def repair_practice(scenario: pd.DataFrame) -> widgets.VBox:
    """The practice client's sessions, one at a time: at a marker, pick a response and
    see the SRS and engagement the rules give; "Start again" replays from session 1."""
    responses = _repair.repair_rules()["responses"]
    # The label to read, and the name an answer uses, side by side.
    options = [(f"{responses[key]['label']} ({key})", key) for key in _repair.RESPONSES]
    choice = widgets.RadioButtons(
        options=options, description="Response", layout=widgets.Layout(width="620px")
    )
    step = widgets.Button(description="Next session")
    again = widgets.Button(description="Start again")
    log = widgets.HTML()
    log.add_class("m08-repair-log")
    rules = _repair.repair_rules()["rules"]
    state = {"row": 0, "srs": 0.0, "engagement": 0.0, "lines": []}

    def reset(_button=None) -> None:
        state.update(row=0, lines=[])
        state["srs"] = float(scenario["start_srs"].iloc[0])
        state["engagement"] = float(scenario["start_engagement"].iloc[0])
        step.disabled = False
        show()

    def show() -> None:
        upcoming = ""
        if state["row"] < len(scenario):
            row = scenario.iloc[state["row"]]
            upcoming = f"<p><b>Session {row['session']}</b>: {html.escape(row['client'])}"
            if row["marker"]:
                upcoming += f" <i>({row['marker']}, a {row['type']} marker: choose a response)</i>"
            upcoming += "</p>"
        else:
            upcoming = (
                "<p>End of the six sessions. Press <i>Start again</i> to try other choices.</p>"
            )
        log.value = "".join(state["lines"]) + upcoming

    def advance(_button=None) -> None:
        if state["row"] >= len(scenario):
            return
        row = scenario.iloc[state["row"]]
        note = ""
        if row["marker"]:
            state["srs"], state["engagement"] = _repair.client_response(
                row["type"], choice.value, state["srs"], state["engagement"]
            )
            why = html.escape(rules[row["type"]][choice.value]["why"])
            note = f" You chose <i>{html.escape(choice.label)}</i>: {why}"
        state["lines"].append(
            f"<p>Session {row['session']}: SRS {state['srs']:.1f}, engagement "
            f"{state['engagement']:.1f}.{note}</p>"
        )
        state["row"] += 1
        step.disabled = state["row"] >= len(scenario)
        show()

    step.on_click(advance)
    again.on_click(reset)
    reset()
    box = widgets.VBox([log, choice, widgets.HBox([step, again])])
    box.add_class("m08-repair-practice")
    return box
