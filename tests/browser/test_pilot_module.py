"""The pilot module in a real JupyterLab: runs clean, widget reacts, chart renders offline."""

import pytest

from tests.browser.conftest import error_outputs, open_notebook, run_all

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]
PILOT = "notebooks/00-orientation/00-orientation.ipynb"


@pytest.fixture
def pilot(page, lab_server):
    open_notebook(page, lab_server, PILOT)
    run_all(page)
    return page


def test_pilot_runs_top_to_bottom_without_errors(pilot):
    assert error_outputs(pilot) == []
    # setup() printed the trainee id the server was given
    assert pilot.get_by_text("Trainee id: browser-trainee").count() == 1


def test_srs_widget_reacts_to_typing_through_the_kernel(pilot):
    pilot.wait_for_function(
        "() => document.querySelector('.srs-result')?.textContent.includes('38.0 / 40: above 36')",
        timeout=30_000,
    )
    box = pilot.locator(".widget-text input").first
    box.click()
    box.fill("2")
    box.press("Enter")
    pilot.wait_for_function(
        "() => document.querySelector('.srs-result').textContent.includes('30.5 / 40: at or below 36')",
        timeout=30_000,
    )


def test_altair_chart_renders_offline_as_vega_svg(pilot):
    chart = pilot.locator(".vega-embed").first
    chart.wait_for(timeout=30_000)
    assert pilot.locator(".vega-embed svg.marks").count() >= 1
    # The line and the 36 threshold rule were drawn.
    assert pilot.locator(".vega-embed svg.marks path").count() >= 2
    assert pilot.locator(".vega-embed svg.marks [role='graphics-object']").count() >= 1
    assert not [u for u in pilot.blocked.urls if "vega" in u or "cdn" in u], pilot.blocked.urls


def test_chart_output_carries_alt_text_for_screen_readers(pilot, lab_server):
    pilot.keyboard.press("Control+s")
    pilot.wait_for_timeout(1500)
    nb = lab_server.notebook(PILOT)
    plain = [
        out["data"]["text/plain"]
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
        if "application/vnd.vegalite.v5+json" in out.get("data", {})
    ]
    assert plain and "dashed reference line at 36" in "".join(plain)
