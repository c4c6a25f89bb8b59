"""Where the course project (its ``nbgrader_config.py`` and ``notebooks/``) is.

Instructor commands read the source notebooks and the simulated submission
profiles from the course project, a checkout of this repository. They find it
from ``$ALLIANCE_COURSE_PROJECT`` or by looking upwards from the current
folder, never from where the ``course`` package happens to be installed (on a
JupyterHub image it is in site-packages, far from any checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "ALLIANCE_COURSE_PROJECT"


class ProjectNotFoundError(RuntimeError):
    """No course project was found; the message says what to do."""


def is_project(folder: Path) -> bool:
    return (folder / "nbgrader_config.py").is_file() and (folder / "notebooks").is_dir()


def project_root(start: Path | None = None) -> Path:
    """The course project: ``$ALLIANCE_COURSE_PROJECT``, or the nearest folder upwards holding one."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        folder = Path(configured).expanduser().resolve()
        if not is_project(folder):
            raise ProjectNotFoundError(
                f"{ENV_VAR}={configured} is not the course's folder (no nbgrader_config.py "
                "and notebooks/ there): point it at your checkout of the course."
            )
        return folder
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_project(folder):
            return folder
    raise ProjectNotFoundError(
        f"No course project found from {here}: run this command in your checkout of the course "
        f"(the folder with nbgrader_config.py and notebooks/), or set {ENV_VAR}."
    )
