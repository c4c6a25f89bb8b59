"""Altair charts for the course: offline rendering, alt text, a colour-blind-safe palette.

Why this renderer: classrooms and CI have no internet. JupyterLab 4 ships a
Vega-Lite 5 renderer for the ``application/vnd.vegalite.v5+json`` mimetype, so
the course pins Altair 5 (whose specs are Vega-Lite 5) and renders that
mimetype: it draws in the browser with no script fetched from a CDN. The same
bundle carries a static SVG made by ``vl-convert`` (no browser, no network), so
nbconvert, nbgrader feedback HTML and any front end without the Vega renderer
still show the chart. ``text/plain`` carries the alt text for screen readers
and plain consoles.

Every chart the course builds goes through :func:`finish`, which requires a
title and alt text.
"""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

RENDERER = "course-offline"
VEGALITE_MIMETYPE = "application/vnd.vegalite.v5+json"

# Okabe & Ito (2008) palette: distinguishable with the common colour-vision deficiencies.
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
]


def _vl_version() -> str:
    major, minor = alt.SCHEMA_VERSION.lstrip("v").split(".")[:2]
    return f"v{major}_{minor}"


def to_svg(spec: dict) -> str:
    """Render a Vega-Lite spec to SVG without a browser or network."""
    import vl_convert

    return vl_convert.vegalite_to_svg(spec, vl_version=_vl_version())


def label_svg(svg: str, alt_text: str) -> str:
    """Name a static SVG for screen readers: ``role="img"``, ``aria-label`` and a ``<title>``.

    JupyterLab draws the Vega-Lite mimetype, and Vega names that chart from the
    spec's top-level ``description``. The static fallback from vl-convert (shown by
    nbconvert and nbgrader feedback) carries no name, so it gets the alt text here.

    >>> label_svg('<svg class="marks" width="2"><g/></svg>', 'A "dot" & a line.')
    '<svg role="img" aria-label="A &quot;dot&quot; &amp; a line." class="marks" width="2"><title>A &quot;dot&quot; &amp; a line.</title><g/></svg>'
    """
    label = html.escape(alt_text, quote=True)
    opening_end = svg.index(">", svg.index("<svg")) + 1
    opening = svg[:opening_end].replace("<svg", f'<svg role="img" aria-label="{label}"', 1)
    return f"{opening}<title>{label}</title>{svg[opening_end:]}"


def offline_renderer(spec: dict, **metadata) -> tuple[dict, dict]:
    """Altair renderer: Vega-Lite mimetype for JupyterLab plus an SVG fallback.

    The alt text travels three ways: as the spec's ``description`` (Vega sets it as
    the ``aria-label`` of the element holding the drawn SVG, with
    ``role="graphics-document"``), on the fallback SVG's root, and in ``text/plain``.
    """
    description = spec.get("description") or "Chart"
    bundle = {
        VEGALITE_MIMETYPE: spec,
        "image/svg+xml": label_svg(to_svg(spec), description),
        "text/plain": f"<Chart: {description}>",
    }
    # Draw as SVG so screen readers get the ARIA labels Vega adds to marks.
    meta = {VEGALITE_MIMETYPE: {"embed_options": {"renderer": "svg", "actions": False}}}
    return bundle, meta


def enable_offline() -> None:
    """Register and enable the offline renderer; safe to call more than once."""
    if RENDERER not in alt.renderers.names():
        alt.renderers.register(RENDERER, offline_renderer)
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()


def _theme() -> alt.theme.ThemeConfig:
    return alt.theme.ThemeConfig(
        {
            "config": {
                "range": {"category": OKABE_ITO},
                # Vega cuts axis labels and legend titles/labels longer than 180 px
                # with an ellipsis; a trainee must read the whole label, so no limit.
                "axis": {"labelFontSize": 12, "titleFontSize": 13, "labelLimit": 0},
                "legend": {"labelLimit": 0, "titleLimit": 0},
                "header": {"labelLimit": 0, "titleLimit": 0},
                "title": {"fontSize": 15, "anchor": "start"},
                "view": {"continuousWidth": 420, "continuousHeight": 260},
            }
        }
    )


def enable_theme() -> None:
    """Make the colour-blind-safe palette the default for every chart."""
    if "course" not in alt.theme.names():
        alt.theme.register("course", enable=False)(_theme)
    alt.theme.enable("course")


def finish(chart: alt.TopLevelMixin, title: str, alt_text: str) -> alt.TopLevelMixin:
    """Give ``chart`` its title and alt text; refuse a chart without either.

    >>> import pandas as pd
    >>> c = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    >>> finish(c, "One point", "A single point at x = 1.").to_dict()["description"]
    'A single point at x = 1.'
    """
    if not title or not title.strip():
        raise ValueError("a course chart needs a title")
    if not alt_text or not alt_text.strip():
        raise ValueError("a course chart needs alt text (a sentence saying what it shows)")
    return chart.properties(title=title, description=alt_text)


def rule_labels(
    references: pd.DataFrame,
    field: str,
    text: str = "label",
    along: str = "y",
    color: str = OKABE_ITO[7],
) -> alt.Chart:
    """Text labels for reference rules, drawn just outside the plot so no data line crosses them.

    ``along="y"`` labels horizontal rules at ``field`` on the y scale: each label
    sits right of the plot's right edge, level with its rule. ``along="x"`` labels
    vertical rules: each label sits above the plot, centred on its rule. Vega-Lite's
    default "pad" autosize grows the chart to hold the labels, so none is clipped.

    >>> refs = pd.DataFrame({"value": [36], "label": ["36: talk about the alliance"]})
    >>> mark = rule_labels(refs, "value").to_dict()["mark"]
    >>> mark["x"], mark["align"]
    ({'expr': 'width'}, 'left')
    """
    if along == "y":
        mark = {"x": {"expr": "width"}, "align": "left", "baseline": "middle", "dx": 6}
        position = {"y": alt.Y(f"{field}:Q")}
    elif along == "x":
        mark = {"y": 0, "align": "center", "baseline": "bottom", "dy": -4}
        position = {"x": alt.X(f"{field}:Q")}
    else:
        raise ValueError(f"along must be 'x' or 'y'; got {along!r}")
    return (
        alt.Chart(references)
        .mark_text(fontSize=11, **mark)
        .encode(text=f"{text}:N", color=alt.value(color), **position)
    )


def score_series(
    scores: pd.DataFrame,
    x: str,
    y: str,
    title: str,
    alt_text: str,
    threshold: float | None = None,
    threshold_label: str = "",
    y_domain: tuple[float, float] | None = None,
) -> alt.LayerChart | alt.Chart:
    """A line of scores over sessions, with an optional dashed threshold rule.

    The rule carries its ``threshold_label`` as visible text beside the plot
    (a tooltip alone is invisible until hovered, and never reaches a keyboard user).

    >>> df = pd.DataFrame({"session": [1, 2, 3], "srs": [34.0, 37.5, 39.0]})
    >>> spec = score_series(df, "session", "srs", "SRS", "SRS over 3 sessions", 36, "36").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'rule', 'text']
    """
    scale = alt.Scale(domain=list(y_domain)) if y_domain else alt.Undefined
    line = (
        alt.Chart(scores)
        .mark_line(point=True, color=OKABE_ITO[0])
        .encode(
            # Upright session numbers: Vega turns ordinal labels 90 degrees by default.
            x=alt.X(f"{x}:O", title=x.replace("_", " ").capitalize(), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{y}:Q", title=y.replace("_", " ").upper(), scale=scale),
            tooltip=[x, y],
        )
    )
    chart: alt.Chart | alt.LayerChart = line
    if threshold is not None:
        reference = pd.DataFrame({"threshold": [threshold], "label": [threshold_label]})
        rule = (
            alt.Chart(reference)
            .mark_rule(color=OKABE_ITO[5], strokeDash=[6, 4])
            .encode(y="threshold:Q", tooltip=["label:N", "threshold:Q"])
        )
        layers = [line, rule]
        if threshold_label:
            # Black text: vermillion on white is below 4.5:1 contrast for small type.
            layers.append(rule_labels(reference, "threshold"))
        chart = alt.layer(*layers)
    return finish(chart, title, alt_text)
