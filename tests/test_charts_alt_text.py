"""Alt text reaches every front end: the spec's description, the fallback SVG, text/plain."""

from __future__ import annotations

import pandas as pd

from course import charts

ALT = "Line chart of three SRS totals with a dashed line at 36."


def _chart():
    frame = pd.DataFrame({"session": [1, 2, 3], "total": [34.0, 37.5, 39.0]})
    return charts.score_series(
        frame, "session", "total", "SRS", ALT, threshold=36, threshold_label="36: talk"
    )


def test_alt_text_is_the_top_level_description_vega_turns_into_aria_label():
    spec = _chart().to_dict()
    assert spec["description"] == ALT
    assert all("description" not in layer for layer in spec["layer"])


def test_fallback_svg_root_is_named_by_the_alt_text():
    bundle, meta = charts.offline_renderer(_chart().to_dict())
    svg = bundle["image/svg+xml"]
    opening = svg[svg.index("<svg") : svg.index(">", svg.index("<svg"))]
    assert 'role="img"' in opening and f'aria-label="{ALT}"' in opening
    assert f"<title>{ALT}</title>" in svg
    assert bundle["text/plain"] == f"<Chart: {ALT}>"
    assert meta[charts.VEGALITE_MIMETYPE]["embed_options"]["renderer"] == "svg"


def test_threshold_label_is_visible_text_not_only_a_tooltip():
    spec = _chart().to_dict()
    texts = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert len(texts) == 1 and texts[0]["encoding"]["text"]["field"] == "label"
    # Beside the plot (x = the plot's width), so it never sits on the data line.
    assert texts[0]["mark"]["x"] == {"expr": "width"}


def test_theme_lifts_vegas_180_px_label_limit():
    config = charts._theme()["config"]
    assert config["axis"]["labelLimit"] == 0
    assert config["legend"]["titleLimit"] == 0 and config["legend"]["labelLimit"] == 0
