"""Every module's charts, drawn by JupyterLab's Vega renderer, are readable.

:func:`check_charts_readable` runs in the trainee's walk through every module
(tests/browser/test_trainee_walk.py); the test here proves its rules can fail.
A trainee reads the chart in the browser, not the spec, so these checks measure
the drawn SVG: no label cut short with Vega's ellipsis, no text running past
the chart's edge, no two texts drawn on top of each other, and the alt text on
the SVG root where a screen reader looks for it.
"""

from __future__ import annotations

import pytest

from course.charts import VEGALITE_MIMETYPE

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

# Overlap rule: two texts of one chart may share at most this many square pixels
# of their bounding boxes. Boxes span the font's full ascent and descent, so
# texts set on adjacent lines (legend rows, a title above a subtitle) may graze
# by a pixel row; 4 px² allows that anti-aliasing-sized contact and nothing a
# reader would see as one label printed over another. Axis tick labels that
# Vega's own labelOverlap hides get opacity 0 and are skipped as invisible.
MAX_OVERLAP_PX2 = 4
# Sub-pixel text metrics differ between font rasterisers; one pixel is slack, not room.
EDGE_TOLERANCE_PX = 1

MEASURE_TEXTS = """
() => [...document.querySelectorAll('.vega-embed')].map((embed, index) => {
    const svg = embed.querySelector('svg');
    if (!svg) return {index, missing: true};
    const visible = (el) => {
        for (let node = el; node && node !== svg.parentNode; node = node.parentNode) {
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden') return false;
            if (parseFloat(style.opacity) === 0) return false;
            const attr = node.getAttribute && node.getAttribute('opacity');
            if (attr !== null && attr !== undefined && parseFloat(attr) === 0) return false;
            const fill = node.getAttribute && node.getAttribute('fill-opacity');
            if (node === el && fill !== null && parseFloat(fill) === 0) return false;
        }
        return true;
    };
    const r = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim() !== '' && visible(t))
        .map((t) => {
            const b = t.getBoundingClientRect();
            return {text: t.textContent, left: b.left, top: b.top, right: b.right, bottom: b.bottom};
        });
    // Vega puts role and aria-label on the element it draws into (the view's
    // container, here the .vega-embed div whose only child is the svg root), so
    // a screen reader announces the chart once, with the alt text as its name.
    const holder = svg.closest('[role="graphics-document"]');
    return {
        index,
        inWidget: embed.closest('.jupyter-widgets, .widget-output') !== null,
        ariaLabel: holder && holder.getAttribute('aria-label'),
        role: holder && holder.getAttribute('role'),
        holderIsParent: holder === svg.parentElement,
        svg: {left: r.left, top: r.top, right: r.right, bottom: r.bottom},
        texts,
    };
})
"""

# ipywidgets set description labels to one line with `text-overflow: ellipsis`,
# so a label wider than its description_width is cut with "..." on screen while
# the DOM text stays whole: compare the label's scroll width with its box.
CUT_WIDGET_LABELS = """
() => [...document.querySelectorAll('.widget-label, .widget-label-basic')]
    .filter((el) => el.textContent.trim() !== '' && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent)
"""


def _overlap(a: dict, b: dict) -> float:
    """Area in px² shared by two client rectangles."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return max(width, 0) * max(height, 0)


def chart_problems(chart: dict, alt_text: str | None) -> list[str]:
    """Every readability problem of one measured chart, each as a readable line.

    ``alt_text`` is the saved spec's ``description``; ``None`` for a chart drawn
    inside a widget, whose output Lab does not save, so only a non-empty label
    other than Vega's fallback is required there.
    """
    if chart.get("missing"):
        return ["no SVG was drawn"]
    problems = []
    label = (chart["ariaLabel"] or "").strip()
    if alt_text is not None and label != alt_text.strip():
        problems.append(f"chart aria-label {label!r} is not the alt text {alt_text!r}")
    if alt_text is None and len(label.split()) < 5:
        problems.append(f"chart in a widget has no alt text sentence as aria-label: {label!r}")
    if chart["role"] != "graphics-document" or not chart["holderIsParent"]:
        problems.append(
            f"the svg root's container has role {chart['role']!r}, not 'graphics-document'"
        )
    box = chart["svg"]
    texts = chart["texts"]
    for t in texts:
        if t["text"].rstrip().endswith("…"):
            problems.append(f"truncated label {t['text']!r}")
        outside = (
            t["left"] < box["left"] - EDGE_TOLERANCE_PX
            or t["top"] < box["top"] - EDGE_TOLERANCE_PX
            or t["right"] > box["right"] + EDGE_TOLERANCE_PX
            or t["bottom"] > box["bottom"] + EDGE_TOLERANCE_PX
        )
        if outside:
            problems.append(
                f"text {t['text']!r} at x {t['left']:.0f}-{t['right']:.0f}, "
                f"y {t['top']:.0f}-{t['bottom']:.0f} runs outside the chart "
                f"(x {box['left']:.0f}-{box['right']:.0f}, y {box['top']:.0f}-{box['bottom']:.0f})"
            )
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            shared = _overlap(a, b)
            if shared > MAX_OVERLAP_PX2:
                problems.append(f"{a['text']!r} and {b['text']!r} overlap by {shared:.0f} px²")
    return problems


def saved_alt_texts(lab_server, path: str) -> list[str]:
    """The ``description`` of each Vega-Lite output, in notebook order, as saved by Lab."""
    nb = lab_server.notebook(path)
    return [
        out["data"][VEGALITE_MIMETYPE].get("description", "")
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
        if VEGALITE_MIMETYPE in out.get("data", {})
    ]


def test_the_rules_catch_cut_outside_and_overlapping_text():
    """The measurement rules themselves, on made-up boxes (no browser needed)."""
    box = {"left": 0, "top": 0, "right": 300, "bottom": 200}

    def text(label, left, top, width=60, height=14):
        return {
            "text": label,
            "left": left,
            "top": top,
            "right": left + width,
            "bottom": top + height,
        }

    chart = {
        "ariaLabel": "A line chart.",
        "role": "graphics-document",
        "holderIsParent": True,
        "svg": box,
        "texts": [text("ok", 10, 10), text("36: talk…", 100, 10), text("edge", 270, 50)],
    }
    assert chart_problems(chart, "A line chart.") == [
        "truncated label '36: talk…'",
        "text 'edge' at x 270-330, y 50-64 runs outside the chart (x 0-300, y 0-200)",
    ]
    chart["texts"] = [text("a", 10, 10), text("b", 12, 12, width=50), text("c", 69, 23)]
    assert chart_problems(chart, "Another chart.") == [
        "chart aria-label 'A line chart.' is not the alt text 'Another chart.'",
        "'a' and 'b' overlap by 600 px²",
    ]  # 'a' and 'c' share 1 x 1 px: a graze, allowed


def check_charts_readable(page, lab_server, path: str, folder: str) -> None:
    """After Run All: every chart's text is whole, inside and apart, and its alt text is exposed.

    Called by the trainee's walk through each module (tests/browser/test_trainee_walk.py),
    on the page where the trainee ran the module, so each module is run once.
    """
    # Vega draws asynchronously after the output is attached: wait until every
    # embed holds a drawn SVG with marks before measuring.
    page.wait_for_function(
        """() => {
            const embeds = [...document.querySelectorAll('.vega-embed')];
            return embeds.length > 0 && embeds.every(e => e.querySelector('svg.marks g'));
        }""",
        timeout=60_000,
    )
    charts = page.evaluate(MEASURE_TEXTS)
    cut_labels = page.evaluate(CUT_WIDGET_LABELS)
    page.keyboard.press("Control+s")
    # Saving is asynchronous: read the saved notebook until it holds every chart
    # drawn in an output cell (charts inside widgets are not saved).
    in_cells = [c for c in charts if not c.get("inWidget")]
    for _ in range(60):
        alt_texts = saved_alt_texts(lab_server, path)
        if len(alt_texts) == len(in_cells):
            break
        page.wait_for_timeout(500)
    assert len(in_cells) == len(alt_texts), (
        f"{folder}: {len(in_cells)} charts drawn in output cells "
        f"but {len(alt_texts)} Vega-Lite outputs saved"
    )
    expected = iter(alt_texts)
    report = [f"widget label cut short: {text!r}" for text in cut_labels]
    for chart in charts:
        alt_text = None if chart.get("inWidget") else next(expected)
        problems = chart_problems(chart, alt_text)
        if problems:
            report.append(f"chart {chart['index']} ({(alt_text or chart['ariaLabel'])[:70]!r}):")
            report.extend(f"  - {p}" for p in problems)
    assert not report, f"{folder}: unreadable charts or labels\n" + "\n".join(report)
