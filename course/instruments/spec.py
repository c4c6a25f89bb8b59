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

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from course.instruments.spec_parts import (
    KEY_FACTS,
    RESERVED_COLUMNS,
    SCORED_FACTS,
    Availability,
    Band,
    Citation,
    Fact,
    FactName,
    FactStatus,
    Flag,
    Item,
    Label,
    Licence,
    MissingRule,
    Name,
    Prose,
    Respondent,
    ResponseScale,
    Scale,
    Scoring,
    _Strict,
    format_number,
)

__all__ = [
    "KEY_FACTS",
    "RESERVED_COLUMNS",
    "SCORED_FACTS",
    "Availability",
    "Band",
    "Citation",
    "Fact",
    "FactName",
    "FactStatus",
    "Flag",
    "Instrument",
    "Item",
    "Label",
    "Licence",
    "MissingRule",
    "Name",
    "Prose",
    "Respondent",
    "ResponseScale",
    "Scale",
    "Scoring",
    "format_number",
]


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
