"""Typed models of an instrument spec (one YAML file per instrument in ``course/data/instruments``).

A spec holds what the course may say about an instrument and how it is scored:
citations, licence, respondent, the response scale with its anchor labels, each
item (a short *paraphrased* label, its subscales, reverse keying), the scoring
rule per scale, the missing-item rule, interpretation flags and a verification
record for every key fact. Pydantic enforces the structure; the cross-field rules
below enforce honesty (an unconfirmed key scores nothing, a licence that forbids
item text gets paraphrased labels only, every fact names its source or says why
it has none).
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

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
KEY_FACTS: tuple[str, ...] = (
    "identity",
    "item_count",
    "response_scale",
    "subscale_key",
    "reverse_keying",
    "scoring_rule",
    "missing_rule",
    "interpretation",
    "licence",
)
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


class Instrument(_Strict):
    """One instrument: what it is, whether and how it may be scored, and how we know."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    name: Prose
    abbreviation: str
    availability: Availability
    status_note: Prose
    measures: Prose
    respondent: Annotated[list[Respondent], Field(min_length=1)]
    citations: Annotated[list[Citation], Field(min_length=1)]
    licence: Licence
    n_items: Annotated[int, Field(ge=1)] | None = None
    response: ResponseScale | None = None
    items: list[Item] = Field(default_factory=list)
    scoring: Scoring | None = None
    flags: list[Flag] = Field(default_factory=list)
    interpretation: Prose
    facts: list[Fact]
    notes: str | None = None

    @model_validator(mode="after")
    def _honest_and_consistent(self) -> Instrument:
        self._check_facts()
        self._check_items()
        self._check_scoring()
        self._check_flags()
        self._check_availability()
        return self

    def _check_facts(self) -> None:
        named = [f.fact for f in self.facts]
        missing = [f for f in KEY_FACTS if f not in named]
        if missing:
            raise ValueError(f"facts must record every key fact; missing: {', '.join(missing)}")
        repeated = sorted({f for f in named if named.count(f) > 1})
        if repeated:
            raise ValueError(f"facts repeat: {', '.join(repeated)}")
        keys = {c.key for c in self.citations}
        if len(keys) != len(self.citations):
            raise ValueError("citation keys repeat")
        for fact in self.facts:
            unknown = [s for s in fact.sources if s not in keys]
            if unknown:
                raise ValueError(f"fact '{fact.fact}' cites {unknown}, which are not in citations")

    def _check_items(self) -> None:
        if not self.items:
            return
        if self.n_items is None or len(self.items) != self.n_items:
            raise ValueError(f"items lists {len(self.items)} items but n_items is {self.n_items}")
        numbers = [item.number for item in self.items]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"items must be numbered 1..{len(numbers)} in order; got {numbers}")
        if self.response is None:
            raise ValueError("items are listed, so the response scale must be given")
        if not self.licence.item_text_may_ship:
            verbatim = [item.number for item in self.items if not item.paraphrased]
            if verbatim:
                raise ValueError(
                    f"the licence forbids shipping item text, so every label must be a paraphrase "
                    f"(paraphrased: true); items {verbatim} are not"
                )

    def _check_scoring(self) -> None:
        if self.scoring is None:
            return
        known = {s.name: s for s in self.scoring.subscales}
        used: dict[str, int] = dict.fromkeys(known, 0)
        for item in self.items:
            for name in item.subscales:
                if name not in known:
                    raise ValueError(
                        f"item {item.number} names subscale '{name}', which scoring does not define"
                    )
                if known[name].key == "unknown":
                    raise ValueError(
                        f"item {item.number} is keyed to '{name}', whose key is marked unknown: "
                        "an unconfirmed key must not assign items"
                    )
                used[name] += 1
        for name, count in used.items():
            if known[name].key == "sourced" and count == 0:
                raise ValueError(f"subscale '{name}' is marked sourced but no item belongs to it")
        for scale in self.scoring.scales:
            if scale.name in RESERVED_COLUMNS:
                raise ValueError(f"'{scale.name}' is reserved for an output column")
            size = self.scale_size(scale)
            if size and scale.missing.max_missing >= size:
                raise ValueError(
                    f"scale '{scale.name}' has {size} items, so max_missing must be below {size}"
                )
            if scale.rule == "mean" and self.items:
                ranges = {self._range_of(n) for n in self.scale_items(scale)}
                if len(ranges) > 1:
                    raise ValueError(
                        f"scale '{scale.name}' uses rule '{scale.rule}' on items with different "
                        "response scales; use percent_of_max_mean to combine them"
                    )

    def _check_flags(self) -> None:
        scale_names = {s.name for s in self.scoring.scales} if self.scoring else set()
        names = [f.name for f in self.flags]
        if len(names) != len(set(names)):
            raise ValueError(f"flag names repeat: {names}")
        for flag in self.flags:
            if flag.name in RESERVED_COLUMNS or flag.name in scale_names:
                raise ValueError(f"flag '{flag.name}' clashes with a scale or output column")
            number = flag.item_number
            if number is not None:
                if not self.items or number > len(self.items):
                    raise ValueError(
                        f"flag '{flag.name}' is on item {number}, which does not exist"
                    )
            elif flag.applies_to not in scale_names:
                raise ValueError(
                    f"flag '{flag.name}' applies to '{flag.applies_to}', which is not a scale"
                )
            elif flag.applies_to not in self.scoreable_scales:
                raise ValueError(
                    f"flag '{flag.name}' applies to '{flag.applies_to}', whose key is not confirmed"
                )

    def _check_availability(self) -> None:
        scoreable = bool(self.items) and bool(self.scoreable_scales)
        if self.availability == "scoreable" and not scoreable:
            raise ValueError(
                "availability is 'scoreable' but no scale has a confirmed key with items to score"
            )
        if self.availability != "scoreable" and scoreable:
            raise ValueError(
                f"availability is '{self.availability}' but scales {self.scoreable_scales} can be scored"
            )
        if self.availability == "scoreable":
            # The verification record, not only the scale entries, must back a scored key:
            # otherwise a key could be switched on while its facts still say "unknown".
            for name, allowed in SCORED_FACTS.items():
                status = self.fact(name).status
                if status not in allowed:
                    raise ValueError(
                        f"availability is 'scoreable' but fact '{name}' is '{status}': "
                        f"confirm it ({' or '.join(allowed)}, with its source) before scoring"
                    )
        if self.availability == "not_identified":
            sourced = [f.fact for f in self.facts if f.status == "sourced" and f.fact != "identity"]
            if sourced:
                raise ValueError(
                    f"a tool not identified in the literature cannot have sourced facts: {sourced}"
                )

    # -- derived views used by scoring and the catalogue -------------------------------------

    @property
    def scoreable_scales(self) -> list[str]:
        if not self.scoring or not self.items:
            return []
        return [s.name for s in self.scoring.scales if s.key == "sourced"]

    @property
    def is_scoreable(self) -> bool:
        return self.availability == "scoreable"

    @property
    def subscale_names(self) -> list[str]:
        return [s.name for s in self.scoring.subscales] if self.scoring else []

    def scale_items(self, scale: Scale) -> list[int]:
        """Item numbers in ``scale`` (the total takes every item)."""
        if scale.name == "total":
            return [item.number for item in self.items]
        return [item.number for item in self.items if scale.name in item.subscales]

    def scale_size(self, scale: Scale) -> int:
        return len(self.scale_items(scale))

    def item_response(self, number: int) -> ResponseScale:
        item = self.items[number - 1]
        assert self.response is not None
        return item.response or self.response

    def _range_of(self, number: int) -> tuple[float, float, float]:
        scale = self.item_response(number)
        return (scale.min, scale.max, scale.step)

    def fact(self, name: str) -> Fact:
        return next(f for f in self.facts if f.fact == name)


def format_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
