"""ipywidgets exercises. Widgets are for practice: graded answers are plain values."""

from course.widgets.srs import srs_calculator

__all__ = ["srs_calculator"]
