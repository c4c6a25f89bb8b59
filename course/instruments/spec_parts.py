"""The parts of an instrument spec: citations, facts, licence, response scale, items,
scales, scoring and flags (see :mod:`course.instruments.spec` for the whole)."""

from __future__ import annotations

import math
from typing import Annotated, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

FactStatus = Literal["sourced", "convention", "unknown"]
Respondent = Literal["client", "therapist", "observer"]
Availability = Literal["scoreable", "catalogue_only", "not_identified"]

# Every spec records how each of these is known (or why it is not).
FactName = Literal[
    "identity",
    "item_count",
    "response_scale",
    "subscale_key",
    "reverse_keying",
    "scoring_rule",
    "missing_rule",
    "interpretation",
    "licence",
]
KEY_FACTS: tuple[str, ...] = get_args(FactName)

# What a scoreable spec must have confirmed. Item count and key can only come from a
# source; the response format, reversals and rule may be a stated course convention
# (e.g. the CEQ's mixed response formats), never unknown.
SCORED_FACTS: dict[str, tuple[str, ...]] = {
    "item_count": ("sourced",),
    "subscale_key": ("sourced",),
    "response_scale": ("sourced", "convention"),
    "reverse_keying": ("sourced", "convention"),
    "scoring_rule": ("sourced", "convention"),
}

# Output columns every scored frame gets; no scale or flag may take these names.
RESERVED_COLUMNS = frozenset({"n_missing", "score_note"})

Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
# A paraphrased label names what an item is about in a few words; it is never the item's text.
Label = Annotated[str, StringConstraints(min_length=2, max_length=60)]
Prose = Annotated[str, StringConstraints(min_length=3)]


class _Strict(BaseModel):
    """Unknown fields are errors: a typo in a YAML key must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(_Strict):
    key: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
    reference: Annotated[str, StringConstraints(min_length=20)]
    url: str | None = None
    role: Literal["primary", "secondary", "licence", "seed"]

    @field_validator("url")
    @classmethod
    def _url_is_web_address(cls, url: str | None) -> str | None:
        if url is not None and not url.startswith(("https://", "http://")):
            raise ValueError("a citation url must start with https:// or http://")
        return url


class Fact(_Strict):
    """One key fact, its status and its evidence.

    ``sourced`` facts name citation keys and whether the source is primary (the
    instrument's authors or publisher) or secondary. ``convention`` facts are the
    course's own choice, and ``unknown`` facts are not confirmed: both must say why.
    """

    fact: FactName
    status: FactStatus
    value: Prose
    sources: list[str] = Field(default_factory=list)
    strength: Literal["primary", "secondary"] | None = None
    why: str | None = None

    @model_validator(mode="after")
    def _evidence_matches_status(self) -> Fact:
        if self.status == "sourced":
            if not self.sources:
                raise ValueError(f"fact '{self.fact}' is 'sourced' but lists no sources")
            if self.strength is None:
                raise ValueError(
                    f"fact '{self.fact}' is 'sourced' but does not say primary or secondary"
                )
        elif not (self.why and self.why.strip()):
            raise ValueError(f"fact '{self.fact}' is '{self.status}', so it must say why")
        return self


class Licence(_Strict):
    summary: Prose
    holder: str | None = None
    item_text_may_ship: bool


class ResponseScale(_Strict):
    """Possible answers: ``min`` to ``max`` in steps of ``step`` (1 = whole numbers),
    or an explicit ``allowed`` list (e.g. AUDIT items 9-10: 0, 2, 4)."""

    min: float
    max: float
    step: float = 1.0
    allowed: list[float] | None = None
    anchors: dict[float, str] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _consistent(self) -> ResponseScale:
        if not self.max > self.min:
            raise ValueError(f"max ({self.max}) must be greater than min ({self.min})")
        if self.step <= 0:
            raise ValueError("step must be positive")
        steps = (self.max - self.min) / self.step
        if not math.isclose(steps, round(steps), abs_tol=1e-9):
            raise ValueError(
                f"the range {self.min}-{self.max} is not a whole number of steps of {self.step}"
            )
        if self.allowed is not None:
            outside = [v for v in self.allowed if not self.min <= v <= self.max]
            if outside:
                raise ValueError(f"allowed values {outside} lie outside {self.min}-{self.max}")
        for value in self.anchors:
            if not self.min <= value <= self.max:
                raise ValueError(f"anchor {value} lies outside {self.min}-{self.max}")
        return self

    @property
    def whole_numbers(self) -> bool:
        return self.step == 1.0 and float(self.min).is_integer()

    def describe(self) -> str:
        """'1-5 (1 = Seldom, 5 = Always)' style summary for error messages."""
        if self.allowed is not None:
            text = ", ".join(format_number(v) for v in self.allowed)
        else:
            text = f"{format_number(self.min)}-{format_number(self.max)}"
            if not self.whole_numbers:
                text += f" in steps of {format_number(self.step)}"
        if self.anchors:
            text += (
                " ("
                + ", ".join(f"{format_number(k)} = {v}" for k, v in sorted(self.anchors.items()))
                + ")"
            )
        return text


class Item(_Strict):
    number: Annotated[int, Field(ge=1)]
    label: Label
    paraphrased: bool
    subscales: list[Name] = Field(default_factory=list)
    reverse: bool = False
    response: ResponseScale | None = None


class MissingRule(_Strict):
    """What happens when answers are missing (NaN).

    ``none``: any missing item leaves the score empty (with a note). ``prorate``:
    with at most ``max_missing`` items missing, the score is computed from the
    answered items (a sum is scaled up to the full item count).
    """

    method: Literal["none", "prorate"]
    max_missing: Annotated[int, Field(ge=0)] = 0
    round_prorated: bool = False

    @model_validator(mode="after")
    def _method_matches_allowance(self) -> MissingRule:
        if self.method == "none" and self.max_missing:
            raise ValueError("method 'none' allows no missing items: set max_missing to 0")
        if self.method == "prorate" and not self.max_missing:
            raise ValueError("method 'prorate' needs max_missing of at least 1")
        return self


class Scale(_Strict):
    """The total or one subscale: its rule, its missing-item rule and whether its key is confirmed."""

    name: Name
    label: Prose
    rule: Literal["sum", "mean", "percent_of_max_mean"]
    missing: MissingRule
    higher_is: Literal["better", "worse", "neither"]
    key: Literal["sourced", "unknown"] = "sourced"
    why: str | None = None
    alternative: str | None = None

    @model_validator(mode="after")
    def _unknown_key_says_why(self) -> Scale:
        if self.key == "unknown" and not (self.why and self.why.strip()):
            raise ValueError(f"scale '{self.name}' has an unknown key, so it must say why")
        return self


class Scoring(_Strict):
    total: Scale | None = None
    no_total_because: str | None = None
    subscales: list[Scale] = Field(default_factory=list)

    @model_validator(mode="after")
    def _total_or_reason(self) -> Scoring:
        if self.total is None and not self.no_total_because:
            raise ValueError("give a total scale, or say in no_total_because why there is none")
        if self.total is not None and self.total.name != "total":
            raise ValueError("the total scale must be named 'total'")
        names = [s.name for s in self.subscales]
        if "total" in names:
            raise ValueError("'total' is reserved for the total scale")
        if len(names) != len(set(names)):
            raise ValueError(f"subscale names repeat: {names}")
        return self

    @property
    def scales(self) -> list[Scale]:
        return ([self.total] if self.total else []) + list(self.subscales)


class Band(_Strict):
    label: str | int
    min: float
    max: float


class Flag(_Strict):
    """A column added to scored output: a yes/no threshold or a labelled band.

    ``applies_to`` is ``total``, a subscale name or ``item:N``. ``meaning`` says what the
    flag means and what a clinician does about it.
    """

    name: Name
    applies_to: Annotated[str, StringConstraints(pattern=r"^([a-z][a-z0-9_]*|item:[1-9][0-9]*)$")]
    kind: Literal["threshold", "bands"]
    op: Literal["<", "<=", ">", ">="] | None = None
    value: float | None = None
    bands: list[Band] | None = None
    meaning: Prose
    # Note written when the flag cannot be evaluated because its score or item is missing.
    if_missing: str | None = None

    @model_validator(mode="after")
    def _kind_has_its_parts(self) -> Flag:
        if self.kind == "threshold" and (self.op is None or self.value is None):
            raise ValueError(f"threshold flag '{self.name}' needs op and value")
        if self.kind == "bands":
            if not self.bands:
                raise ValueError(f"bands flag '{self.name}' needs bands")
            for low, high in zip(self.bands, self.bands[1:], strict=False):
                if high.min != low.max + 1:
                    raise ValueError(
                        f"bands of '{self.name}' must be contiguous: {low.label} ends at "
                        f"{format_number(low.max)} but {high.label} starts at {format_number(high.min)}"
                    )
        return self

    @property
    def item_number(self) -> int | None:
        if self.applies_to.startswith("item:"):
            return int(self.applies_to.split(":")[1])
        return None


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
