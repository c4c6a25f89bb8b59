"""Module 07 practice widget: a session-by-session monitoring dashboard for a caseload.

Pick a client and how far into therapy you are; the kernel redraws the client's
SRS and ORS lines (with the 36 and 25 reference lines and the SRS sessions at or
below 36 marked) and says which conversation the course's dashboard rule
suggests at that session. Practice only: graded answers are plain values.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from course.modules.m07.chart import monitoring_chart
from course.modules.m07.shown import triage_label

ADVICE = {
    "discuss_alliance": (
        "SRS at or below 36: thank the client for an honest rating and ask, before they "
        "leave, what would have made the session fit them better (the relationship, the "
        "focus, the way of working). Adjust, and check again next session."
    ),
    "review_progress": (
        "ORS below 25 and not yet 5 points better than at the start: talk with the client "
        "about progress and what to change (goals, approach, pace), and take the case to "
        "supervision if nothing shifts."
    ),
    "both": (
        "Both flags: start with the relationship (ask what would make sessions more useful), "
        "then review progress together and agree what to change."
    ),
    "no_flag": (
        "No flag: keep inviting feedback every session. High totals can hide small problems, "
        "so say that lower marks are welcome."
    ),
}


def dashboard_summary(rows: pd.DataFrame, upto: int) -> str:
    """The text beside the chart: flags so far and the conversation the rule suggests.

    ``rows``: one client's ``session``, ``srs`` and ``ors`` (all sessions).

    >>> demo = pd.DataFrame({"session": [1, 2, 3], "srs": [37.0, 36.0, 38.0],
    ...                      "ors": [18.0, 20.0, 21.0]})
    >>> print(dashboard_summary(demo, 2))
    After session 2: SRS 36.0, ORS 20.0 (+2.0 since session 1). SRS at or below 36 in session(s): 2.
    Suggested: discuss_alliance + review_progress.
    """
    shown = rows[rows["session"] <= upto].sort_values("session")
    last = shown.iloc[-1]
    change = float(last["ors"]) - float(shown["ors"].iloc[0])
    flagged = [int(s) for s in shown.loc[shown["srs"] <= 36, "session"]]
    label = triage_label(float(last["srs"]), float(last["ors"]), float(shown["ors"].iloc[0]))
    named = {"both": "discuss_alliance + review_progress"}.get(label, label)
    flags = ", ".join(map(str, flagged)) if flagged else "none"
    return (
        f"After session {int(last['session'])}: SRS {last['srs']:.1f}, ORS {last['ors']:.1f} "
        f"({change:+.1f} since session 1). SRS at or below 36 in session(s): {flags}.\n"
        f"Suggested: {named}."
    )


def monitoring_dashboard(sessions: pd.DataFrame, clients: pd.DataFrame) -> widgets.VBox:
    """A dropdown of clients, a session slider, the SRS/ORS chart and the suggested conversation.

    ``sessions``: one row per session with ``client_id``, ``session``, ``srs``
    and ``ors``; ``clients``: ``client_id`` and ``problem``.
    """
    problem = clients.set_index("client_id")["problem"].astype(str).str.replace("_", " ")
    counts = sessions.groupby("client_id")["session"].max()
    options = [
        (f"{cid} · {problem.get(cid, '?')} · {int(counts[cid])} sessions", cid)
        for cid in sorted(counts.index)
    ]
    client = widgets.Dropdown(
        options=options, description="Client", layout=widgets.Layout(width="360px")
    )
    upto = widgets.IntSlider(
        value=int(counts[options[0][1]]),
        min=1,
        max=int(counts[options[0][1]]),
        description="Up to session",
        continuous_update=False,
        style={"description_width": "110px"},
        layout=widgets.Layout(width="420px"),
    )
    summary = widgets.HTML()
    summary.add_class("m07-dashboard-summary")
    chart_area = widgets.Output()

    def redraw(_change=None) -> None:
        rows = sessions[sessions["client_id"] == client.value][["session", "srs", "ors"]]
        shown = rows[rows["session"] <= upto.value]
        label = triage_label(
            float(shown["srs"].iloc[-1]), float(shown["ors"].iloc[-1]), float(shown["ors"].iloc[0])
        )
        text = html.escape(dashboard_summary(rows, upto.value)).replace("\n", "<br>")
        summary.value = f"<p>{text}</p><p><i>{html.escape(ADVICE[label])}</i></p>"
        chart_area.clear_output(wait=True)
        with chart_area:
            display(
                monitoring_chart(
                    shown,
                    f"{client.value}: SRS and ORS by session (simulated)",
                    (
                        f"Line chart of simulated client {client.value}'s SRS and ORS totals over "
                        f"sessions 1 to {upto.value}, with reference lines at 36 (SRS) and 25 "
                        "(ORS); triangles mark sessions with an SRS total at or below 36."
                    ),
                )
            )

    def on_client(_change=None) -> None:
        last = int(counts[client.value])
        upto.unobserve(redraw, names="value")
        upto.max = last
        upto.value = last
        upto.observe(redraw, names="value")
        redraw()

    client.observe(on_client, names="value")
    upto.observe(redraw, names="value")
    redraw()
    box = widgets.VBox([widgets.HBox([client, upto]), summary, chart_area])
    box.add_class("m07-dashboard")
    return box
