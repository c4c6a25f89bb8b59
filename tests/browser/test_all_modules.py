"""Every module's solution notebook in a real JupyterLab: runs clean, widgets and charts render."""

import json
from pathlib import Path

import pytest

from course.modules import folders
from tests.browser.conftest import error_outputs, open_notebook, run_all

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
ROOT = Path(__file__).resolve().parents[2]


def _expected_outputs(notebook: Path) -> tuple[int, int]:
    """How many widgets and charts the notebook's code asks to display (by course helpers)."""
    cells = [c for c in json.loads(notebook.read_text())["cells"] if c["cell_type"] == "code"]
    tags = [c.get("metadata", {}).get("tags", []) for c in cells]
    widgets = sum("widget" in t for t in tags)
    charts = sum("chart" in t for t in tags)
    return widgets, charts


@pytest.mark.parametrize("module", folders())
def test_module_runs_in_jupyterlab_with_widgets_and_charts(page, lab_server, module):
    for notebook in sorted((ROOT / "notebooks" / module).glob("*.ipynb")):
        path = f"notebooks/{module}/{notebook.name}"
        open_notebook(page, lab_server, path)
        run_all(page)
        assert error_outputs(page) == [], f"{path} shows an error output"
        widgets, charts = _expected_outputs(notebook)
        assert widgets >= 1 and charts >= 1, f"{path}: tag widget and chart cells"
        rendered_widgets = page.locator(
            ".jp-OutputArea-output > .jupyter-widgets.widget-container"
        ).count()
        assert rendered_widgets >= widgets, (
            f"{path}: {rendered_widgets} widgets drawn, {widgets} expected"
        )
        page.wait_for_function(
            f"() => document.querySelectorAll('.vega-embed svg.marks').length >= {charts}",
            timeout=30_000,
        )
        assert not [u for u in page.blocked.urls if "vega" in u or "cdn" in u], page.blocked.urls
