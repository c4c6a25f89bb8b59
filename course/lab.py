"""Start JupyterLab for a trainee (the student copy) or an instructor (the course directory).

A trainee's JupyterLab shows the course and the Validate button, and none of
nbgrader's instructor tools: Formgrader, Create Assignment and the course list
are switched off for this launch only, through a Jupyter configuration folder
put first on ``JUPYTER_CONFIG_PATH`` (the trainee's own Jupyter settings are
untouched). Without a JupyterHub exchange there is nothing to fetch or submit,
so the Assignment List is off too; ``alliance-course submit`` makes the file to
upload instead.

>>> sorted(trainee_page_config(exchange=False)["disabledExtensions"])[:2]
['@jupyter/nbgrader:assignment-list', '@jupyter/nbgrader:course-list']
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

INSTRUCTOR_ONLY = ("formgrader", "create-assignment", "course-list")


def trainee_page_config(exchange: bool) -> dict:
    """JupyterLab's page config for a trainee: the instructor's nbgrader tools disabled."""
    off = list(INSTRUCTOR_ONLY) + ([] if exchange else ["assignment-list"])
    return {"disabledExtensions": {f"@jupyter/nbgrader:{name}": True for name in off}}


def trainee_server_config(exchange: bool) -> dict:
    """Jupyter Server config for a trainee: nbgrader's instructor endpoints not served."""
    extensions = {
        "nbgrader.server_extensions.formgrader": False,
        "nbgrader.server_extensions.course_list": False,
        "nbgrader.server_extensions.assignment_list": exchange,
        "nbgrader.server_extensions.validate_assignment": True,
    }
    return {"ServerApp": {"jpserver_extensions": extensions}}


def trainee_nbgrader_config() -> dict:
    """nbgrader config for the Validate button: the kernel client that never waits out a timeout.

    nbclient's own client could leave a trainee waiting the whole cell timeout
    after a cell with an Output widget (see :mod:`course.kernel_client`).
    """
    from course.kernel_client import CLIENT_CLASS

    return {"AsyncKernelManager": {"client_class": CLIENT_CLASS}}


def write_trainee_config(folder: Path, exchange: bool = False) -> Path:
    """Write the trainee's Jupyter configuration folder; return it."""
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    page = folder / "labconfig" / "page_config.json"
    page.write_text(json.dumps(trainee_page_config(exchange), indent=1))
    server = folder / "jupyter_server_config.json"
    server.write_text(json.dumps(trainee_server_config(exchange), indent=1))
    # The Validate button's nbgrader reads nbgrader_config.* from this folder too.
    (folder / "nbgrader_config.json").write_text(json.dumps(trainee_nbgrader_config(), indent=1))
    return folder


def lab_command(root: Path, extra: list[str]) -> list[str]:
    """The JupyterLab command line: ``extra`` options are passed on as given.

    >>> lab_command(Path("/x"), ["--", "--no-browser", "--allow-root"])[3:]
    ['--ServerApp.root_dir=/x', '--no-browser', '--allow-root']
    """
    options = [a for a in extra if a != "--"]
    if os.geteuid() == 0 and "--allow-root" not in options:
        # Containers and fresh machines often run as root; Jupyter refuses unless told.
        print("Running as root: starting JupyterLab with --allow-root.")
        options.append("--allow-root")
    return [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={root}", *options]


def trainee_environment(config: Path) -> dict[str, str]:
    """The environment for a trainee's JupyterLab: the course's config folder read first."""
    paths = [
        str(config),
        *filter(None, os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep)),
    ]
    return {**os.environ, "JUPYTER_CONFIG_PATH": os.pathsep.join(paths)}
