"""nbgrader config for every trainee's server on the course hub (installed as SITE/jupyter/).

The hub points trainees' servers at this folder (JUPYTER_CONFIG_PATH), so the
Assignments panel lists this course and fetches from and submits to the
shared-folder exchange installed beside it (SITE/exchange, mode 1777).
"""

from pathlib import Path

c = get_config()  # noqa: F821 (injected by traitlets when nbgrader loads this file)

c.CourseDirectory.course_id = "therapeutic-alliance"
# traitlets gives a config file its own __file__: SITE/jupyter/nbgrader_config.py.
c.Exchange.root = str(Path(__file__).resolve().parents[1] / "exchange")
