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

import sys

# altair imports jsonschema, which imports the optional `rfc3987_syntax` (pulled in by
# jupyter-events) to check "iri" strings; that import builds a parser grammar and costs
# 2-4 s in every kernel. Vega-Lite specs never use that format, so hide the package
# from jsonschema unless something imported it already.
sys.modules.setdefault("rfc3987_syntax", None)

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402

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


def offline_renderer(spec: dict, **metadata) -> tuple[dict, dict]:
    """Altair renderer: Vega-Lite mimetype for JupyterLab plus an SVG fallback."""
    description = spec.get("description") or "Chart"
    bundle = {
        VEGALITE_MIMETYPE: spec,
        "image/svg+xml": to_svg(spec),
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
                "axis": {"labelFontSize": 12, "titleFontSize": 13},
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

    >>> df = pd.DataFrame({"session": [1, 2, 3], "srs": [34.0, 37.5, 39.0]})
    >>> spec = score_series(df, "session", "srs", "SRS", "SRS over 3 sessions", 36).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['line', 'rule']
    """
    scale = alt.Scale(domain=list(y_domain)) if y_domain else alt.Undefined
    line = (
        alt.Chart(scores)
        .mark_line(point=True, color=OKABE_ITO[0])
        .encode(
            x=alt.X(f"{x}:O", title=x.replace("_", " ").capitalize()),
            y=alt.Y(f"{y}:Q", title=y.replace("_", " ").upper(), scale=scale),
            tooltip=[x, y],
        )
    )
    chart: alt.Chart | alt.LayerChart = line
    if threshold is not None:
        rule = (
            alt.Chart(pd.DataFrame({"threshold": [threshold], "label": [threshold_label]}))
            .mark_rule(color=OKABE_ITO[5], strokeDash=[6, 4])
            .encode(y="threshold:Q", tooltip=["label:N", "threshold:Q"])
        )
        chart = alt.layer(line, rule)
    return finish(chart, title, alt_text)
