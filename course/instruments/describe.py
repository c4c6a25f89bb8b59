"""Plain-text views of the instruments for a terminal: the catalogue, and one spec in full.

``alliance-course instruments`` prints :func:`catalogue_text`; ``alliance-course
instruments ID`` prints :func:`spec_card`. Both are built from the validated specs
only, so they never say more than the YAML files do.

>>> print(catalogue_text().splitlines()[0])
Instruments: 16 catalogued, 7 scored. All labels are paraphrases; no item text ships.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from course.instruments.catalogue import catalogue
from course.instruments.spec import Instrument, Scale, format_number

WIDTH = 88


def catalogue_text(width: int = WIDTH) -> str:
    """The catalogue as a narrow table, then why each unscored instrument is not scored."""
    table = catalogue()
    scored = table[table["scoreable"]]
    lines = [
        f"Instruments: {len(table)} catalogued, {len(scored)} scored. "
        "All labels are paraphrases; no item text ships.",
        "",
    ]
    rows = [("id", "respondent", "items", "scored", "scales")]
    for row in table.itertuples():
        items = "?" if pd.isna(row.n_items) else str(row.n_items)
        rows.append(
            (row.id, row.respondent, items, "yes" if row.scoreable else "no", row.subscales or "-")
        )
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        cells = [cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    lines += ["", "Not scored, and why:"]
    for row in table[~table["scoreable"]].itertuples():
        lines += _entry(f"{row.id}: {row.status}", width)
    lines += [
        "",
        "Details of one instrument: alliance-course instruments ID",
        "Check a spec you completed: alliance-course instruments --check FILE",
    ]
    return "\n".join(lines)


def spec_card(spec: Instrument, width: int = WIDTH) -> str:
    """One instrument in full: what it measures, licence, scoring, flags and how each fact is known.

    >>> from course.instruments import get
    >>> card = spec_card(get("phq-9"))
    >>> "safety_flag" in card and "subscale_key: sourced" in card
    True
    """

    def para(label: str, text: str) -> list[str]:
        return textwrap.wrap(f"{label}: {_one_line(text)}", width, subsequent_indent="    ")

    lines = [f"{spec.name} ({spec.abbreviation}, id {spec.id})", "=" * min(width, 60)]
    lines += para("Status", spec.status_note)
    lines += para("Measures", spec.measures)
    lines += para("Answered by", ", ".join(spec.respondent))
    lines += para(
        "Licence",
        f"{spec.licence.summary} (item text may ship: "
        f"{'yes' if spec.licence.item_text_may_ship else 'no, paraphrased labels only'})",
    )
    if spec.n_items:
        lines += para("Items", str(spec.n_items))
    if spec.response is not None:
        lines += para("Answers", spec.response.describe())
    if spec.items:
        lines.append("Item labels (paraphrased):")
        for item in spec.items:
            extra = list(item.subscales)
            if item.reverse:
                extra.append("reversed")
            if item.response is not None:
                extra.append(f"answers {item.response.describe()}")
            suffix = f"  [{', '.join(extra)}]" if extra else ""
            lines.append(f"  i{item.number:<3} {item.label}{suffix}")
    if spec.scoring is not None:
        lines.append("Scoring:")
        for scale in spec.scoring.scales:
            lines += _scale_lines(spec, scale, width)
        if spec.scoring.no_total_because:
            lines += para("  No total", spec.scoring.no_total_because)
    for flag in spec.flags:
        rule = (
            f"{flag.applies_to} {flag.op} {format_number(flag.value)}"
            if flag.kind == "threshold"
            else ", ".join(
                f"{b.label} {format_number(b.min)}-{format_number(b.max)}" for b in flag.bands or []
            )
        )
        lines += para(f"Flag {flag.name}", f"{rule}. {flag.meaning}")
    lines += para("Interpretation", spec.interpretation)
    lines.append("How each key fact is known:")
    for fact in spec.facts:
        evidence = (
            f"{fact.strength} source {', '.join(fact.sources)}"
            if fact.status == "sourced"
            else f"why: {fact.why}"
        )
        lines += _entry(f"{fact.fact}: {fact.status} - {fact.value} ({evidence})", width)
    lines.append("Citations:")
    for citation in spec.citations:
        url = f" {citation.url}" if citation.url else ""
        lines += _entry(f"[{citation.key}, {citation.role}] {citation.reference}{url}", width)
    return "\n".join(lines)


def _scale_lines(spec: Instrument, scale: Scale, width: int) -> list[str]:
    if scale.key == "unknown":
        text = f"{scale.label}: key not confirmed, not scored ({scale.why})"
    else:
        items = spec.scale_items(scale)
        missing = scale.missing
        rule = (
            "no prorating: any missing item leaves it empty"
            if missing.method == "none"
            else f"up to {missing.max_missing} missing item(s) prorated"
        )
        text = (
            f"{scale.label}: {scale.rule} of items {_ranges(items)}; "
            f"higher is {scale.higher_is}; {rule}"
        )
    return _entry(f"{scale.name} = {text}", width)


def _entry(text: str, width: int) -> list[str]:
    """One indented list entry, folded to ``width`` (YAML line breaks become spaces)."""
    return textwrap.wrap(_one_line(text), width, initial_indent="  ", subsequent_indent="      ")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _ranges(numbers: list[int]) -> str:
    """'1-3, 5, 7-9' for [1, 2, 3, 5, 7, 8, 9].

    >>> _ranges([1, 2, 3, 5, 7, 8, 9])
    '1-3, 5, 7-9'
    """
    parts: list[str] = []
    start = prev = None
    for n in [*numbers, None]:
        if start is None:
            start = prev = n
        elif n is not None and n == prev + 1:
            prev = n
        else:
            parts.append(str(start) if start == prev else f"{start}-{prev}")
            start = prev = n
    return ", ".join(parts)
