"""The course's package data (instrument specs, vignettes, stored calibration).

Read through :mod:`importlib.resources`, so the same code finds the files in a
checkout, an editable install and a wheel installed on a JupyterHub image;
nothing in ``course`` reads a path relative to the repository.

>>> (data_dir("instruments") / "phq-9.yaml").is_file()
True
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_dir(*parts: str) -> Path:
    """A file or folder under ``course/data`` (installed as ordinary files)."""
    return Path(str(files("course").joinpath("data", *parts)))
