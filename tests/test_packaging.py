"""One environment for a whole term: pyproject.toml, the lock and environment.yml agree."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
# conda-forge names extras as packages: dask[distributed] is two, psycopg[binary] is one.
CONDA_SPLITS = {"dask": ["dask", "distributed"], "psycopg": ["psycopg"]}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    text = (ROOT / "constraints.txt").read_text()
    return {_normal(n): v for n, v in re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)", text, re.M)}


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_lock_pins_every_requirement_within_its_range():
    lock = locked()
    reqs = [*project()["dependencies"], *sum(project()["optional-dependencies"].values(), [])]
    for text in reqs:
        req = Requirement(text)
        assert _normal(req.name) in lock, f"{req.name} is not in constraints.txt: run `make lock`"
        assert lock[_normal(req.name)] in req.specifier, (
            f"constraints.txt pins {req.name}=={lock[_normal(req.name)]}, outside {req.specifier}: "
            "run `make lock`"
        )


def test_environment_yml_pins_the_same_versions_as_the_lock():
    lock = locked()
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(
        dep.split("=", 1)
        for dep in env["dependencies"]
        if isinstance(dep, str) and not dep.startswith(("python", "pip"))
    )
    expected = {}
    for text in project()["dependencies"]:
        name = _normal(Requirement(text).name)
        for conda_name in CONDA_SPLITS.get(name, [name]):
            expected[conda_name] = lock[conda_name]
    assert conda == expected
    assert {"pip": ["--constraint constraints.txt", "."]} in env["dependencies"]


def test_required_minimum_versions_from_the_foundation_issue():
    reqs = {_normal(Requirement(r).name): Requirement(r) for r in project()["dependencies"]}
    assert str(reqs["jupyterlab"].specifier) == ">=4.4"
    assert str(reqs["nbgrader"].specifier) == ">=0.9.6"
    assert "pandas" in reqs and "altair" in reqs


def test_the_answer_key_is_its_own_distribution_and_not_a_trainee_dependency():
    key = tomllib.loads((ROOT / "answer_key" / "pyproject.toml").read_text())["project"]
    assert key["dependencies"] == ["alliance-course"]
    everything = [*project()["dependencies"], *sum(project()["optional-dependencies"].values(), [])]
    assert not any("answer" in r for r in everything)


def test_nbgrader_config_uses_notebooks_as_source_directory_and_never_releases_myst():
    text = (ROOT / "nbgrader_config.py").read_text()
    assert 'c.CourseDirectory.source_directory = "notebooks"' in text
    assert '"*.md"' in text


def test_makefile_never_hides_a_failed_install():
    text = (ROOT / "Makefile").read_text()
    assert "|| true" not in text and "grep -v" not in text
    assert text.count("--constraint $(CURDIR)/$(LOCK)") == 1 and "pipefail" in text
