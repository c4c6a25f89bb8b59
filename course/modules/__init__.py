"""The course's modules: one registry, one home each.

Every place that needs "the modules" reads :data:`MODULES`. From a module's
entry you find everything it is made of::

    notebooks/05-reliability-and-change/05-reliability-and-change.md   MyST source (authors edit this)
    notebooks/05-reliability-and-change/05-reliability-and-change.ipynb  generated nbgrader source
    course/modules/m05/           data preparation, objects shown to trainees, chart, widget
    answer_key/src/answer_key/m05/     reference answers (grading-only distribution; m05.py or m05/)
    tests/modules/test_m05.py     the module's unit tests
    data/submissions/05-reliability-and-change.yaml   simulated submission profiles

>>> get("05").folder
'05-reliability-and-change'
>>> get("05-reliability-and-change").package
'course.modules.m05'
>>> [m.number for m in MODULES][:3]
['00', '01', '02']
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Module:
    """One course module; ``folder`` is also its nbgrader assignment name."""

    number: str
    slug: str
    title: str

    @property
    def folder(self) -> str:
        return f"{self.number}-{self.slug}"

    @property
    def package(self) -> str:
        return f"course.modules.m{self.number}"

    @property
    def key_module(self) -> str:
        return f"answer_key.m{self.number}"

    @property
    def notebook(self) -> str:
        return f"{self.folder}.ipynb"

    @property
    def source(self) -> str:
        return f"notebooks/{self.folder}/{self.folder}.md"

    @property
    def notebook_path(self) -> str:
        return f"notebooks/{self.folder}/{self.notebook}"

    @property
    def tests(self) -> str:
        return f"tests/modules/test_m{self.number}.py"

    @property
    def profiles(self) -> str:
        return f"data/submissions/{self.folder}.yaml"


MODULES: tuple[Module, ...] = (
    Module("00", "orientation", "Orientation: how this course works"),
    Module("01", "working-alliance", "The working alliance"),
    Module("02", "using-the-relationship", "Using the relationship on purpose"),
    Module("03", "client-perspective", "The client's side of the relationship"),
    Module("04", "measuring-the-alliance", "Measuring the alliance"),
    Module("05", "reliability-and-change", "Reliability and change"),
    Module("06", "alliance-and-outcome", "Alliance and outcome"),
    Module("07", "ruptures-and-monitoring", "Ruptures, repair and session-by-session monitoring"),
    Module("08", "practice-lab", "Practice lab: repair, feedback, calibration and alerts"),
    Module("09", "culture-consent-and-risk", "Culture, consent and risk"),
)


class UnknownModuleError(KeyError):
    def __str__(self) -> str:
        names = ", ".join(m.folder for m in MODULES)
        return f"no module {self.args[0]!r}; the modules are: {names}"


def get(name: str) -> Module:
    """A module by number ("05"), package name ("m05"), folder or slug."""
    for module in MODULES:
        if name in (module.number, f"m{module.number}", module.folder, module.slug):
            return module
    raise UnknownModuleError(name)


def folders() -> list[str]:
    """Every module's folder (= nbgrader assignment name), in course order."""
    return [m.folder for m in MODULES]
