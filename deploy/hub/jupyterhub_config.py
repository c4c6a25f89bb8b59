"""The course's JupyterHub: one host, system accounts, nbgrader's shared-folder exchange.

``scripts/install-hub.sh SITE`` copies this file to ``SITE/jupyterhub_config.py``
and installs everything it names beside it; root starts the hub with

    SITE/hub-env/bin/jupyterhub -f SITE/jupyterhub_config.py

Who is who comes from two Unix groups: ``alliance-trainees`` (their servers run
the trainee install, with no answer key and no instructor tools) and
``alliance-graders`` (instructors and graders: their servers run the grader
install, open on ``~/course`` and show Formgrader). Everyone logs in with their
own system password (PAM). tests/hub/test_hub_term.py runs a term on this file.

Optional environment: ``ALLIANCE_HUB_IP`` (default 127.0.0.1: put a TLS reverse
proxy in front to serve a network), ``ALLIANCE_HUB_PORT`` (8000),
``ALLIANCE_HUB_API_PORT`` (8081) and ``ALLIANCE_PROXY_API_PORT`` (8001).
"""

import grp
import os
import pwd
from pathlib import Path

c = get_config()  # noqa: F821 (injected by traitlets when JupyterHub loads this file)

# traitlets gives a config file its own __file__: every path is found from the site folder.
SITE = Path(__file__).resolve().parent
TRAINEES, GRADERS = "alliance-trainees", "alliance-graders"
STATE = SITE / "state"


def _port(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


c.JupyterHub.bind_url = (
    f"http://{os.environ.get('ALLIANCE_HUB_IP', '127.0.0.1')}:{_port('ALLIANCE_HUB_PORT', 8000)}"
)
# The hub's API and the proxy's API stay on loopback: only servers on this host call them.
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{_port('ALLIANCE_HUB_API_PORT', 8081)}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_port('ALLIANCE_PROXY_API_PORT', 8001)}"
c.ConfigurableHTTPProxy.command = [str(SITE / "proxy/node_modules/.bin/configurable-http-proxy")]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")

# System accounts and their passwords; only members of the course's two groups may log in.
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {TRAINEES, GRADERS}

# Each user's server runs as that user (the hub runs as root to switch to them).
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.default_url = "/lab"
# Nothing of root's environment (PATH, PYTHONPATH, a venv) reaches a user's server.
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def is_grader(name: str) -> bool:
    """Whether ``name`` is in the graders' group (as a member or as primary group)."""
    group = grp.getgrnam(GRADERS)
    return name in group.gr_mem or pwd.getpwnam(name).pw_gid == group.gr_gid


def pre_spawn_hook(spawner) -> None:
    """Trainees get the trainee install and config; graders the grader install on ~/course."""
    if is_grader(spawner.user.name):
        env = SITE / "grader-env"
        singleuser = str(env / "bin" / "jupyterhub-singleuser")
        spawner.notebook_dir = "~/course"
        # The course directory (alliance-course build --course-dir ~/course). Formgrader reads
        # nbgrader_config.py and the gradebook from the folder the server runs in, and this
        # spawner always starts servers in the home: start there, then move in.
        spawner.cmd = ["/bin/sh", "-c", 'cd "$HOME/course" && exec "$0" "$@"', singleuser]
    else:
        env = SITE / "trainee-env"
        spawner.notebook_dir = "~"
        # Read first: course id, exchange, and nbgrader's instructor tools switched off.
        spawner.environment["JUPYTER_CONFIG_PATH"] = str(SITE / "jupyter")
        spawner.cmd = [str(env / "bin" / "jupyterhub-singleuser")]
    # The install's own commands (alliance-course, nbgrader, alembic) first in a terminal.
    spawner.environment["PATH"] = f"{env / 'bin'}:/usr/local/bin:/usr/bin:/bin"


c.Spawner.pre_spawn_hook = pre_spawn_hook
