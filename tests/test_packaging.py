"""The conda route (environment.yml) and pip route (pyproject.toml) stay in step."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names extras as packages: dask[distributed] is two, psycopg[binary] is one.
CONDA_SPLITS = {"dask[distributed]": ["dask", "distributed"], "psycopg[binary]": ["psycopg"]}


def _parse(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^([A-Za-z0-9_.\-\[\]]+)\s*(.*)$", requirement.strip()).groups()
    return name.lower(), spec.replace(" ", "")


def pip_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    out = {}
    for req in data["project"]["dependencies"]:
        name, spec = _parse(req)
        for conda_name in CONDA_SPLITS.get(name, [name]):
            out[conda_name] = spec
    return out


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    out = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and not dep.startswith(("python", "pip")):
            name, spec = _parse(dep)
            out[name] = spec
    return out


def test_environment_yml_lists_the_same_packages_and_versions_as_pyproject():
    assert conda_requirements() == pip_requirements()


def test_required_minimum_versions_from_the_foundation_issue():
    reqs = pip_requirements()
    assert reqs["jupyterlab"] == ">=4.4"
    assert reqs["nbgrader"] == ">=0.9.6"
    assert reqs["ipywidgets"] == ">=8"
    assert "pandas" in reqs and "altair" in reqs


def test_nbgrader_config_uses_notebooks_as_source_directory():
    text = (ROOT / "nbgrader_config.py").read_text()
    assert 'c.CourseDirectory.source_directory = "notebooks"' in text
