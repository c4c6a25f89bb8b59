"""Module 04's keys for exercises 1-3: seed-list statuses, licences, perspectives.

Each key is read from the instrument specs (or, for the perspectives, stored
here) and comes with the rationales shown to a trainee who gets an entry wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

import course.instruments as instruments
from course.modules.m04.shown import instrument_handle, licence_quiz

# ---------------------------------------------------------------------------
# Part A: the tools the seed article names
# ---------------------------------------------------------------------------

#: The course's catalogue id of each seed-list entry (None: the entry is the title
#: of the University at Buffalo page the list was copied from, not an instrument).
SEED_IDS: dict[str, str | None] = {
    "Assessment Instruments": None,
    "Client Satisfaction Questionnaire (CSQ-8)": "csq-8",
    "Client/Therapist Treatment Expectancy and Evaluation Form": (
        "treatment-expectancy-evaluation-form"
    ),
    "Counselor Rating Form (CRF)": "crf",
    "Program Evaluation Form": "program-evaluation-form",
    "Psychotherapy Questionnaire (client and therapist forms)": "psychotherapy-questionnaire",
    "Reid-Gundlach Social Service Satisfaction Scale (R-GSSSS)": "r-gssss",
    "Session Evaluation Questionnaire (SEQ)": "seq",
    "Working Alliance Inventory (WAI)": "wai",
}
_AVAILABILITY_TO_STATUS = {
    "scoreable": "scored",
    "catalogue_only": "catalogue_only",
    "not_identified": "not_identified",
}


def seed_list_status(name: str) -> str:
    """The course's status of one seed-list entry, read from its instrument spec.

    >>> seed_list_status("Counselor Rating Form (CRF)")
    'catalogue_only'
    >>> seed_list_status("Assessment Instruments")
    'not_an_instrument'
    """
    instrument_id = SEED_IDS[name]
    if instrument_id is None:
        return "not_an_instrument"
    return _AVAILABILITY_TO_STATUS[instrument_handle(instrument_id).availability]


def seed_list_table() -> pd.DataFrame:
    """One row per seed-list entry: catalogue id, who rates it, length, licence, status.

    >>> table = seed_list_table()
    >>> len(table), int(table["status"].value_counts()["not_identified"])
    (9, 2)
    """
    catalogue = instruments.catalogue().set_index("id")
    rows = []
    for name, instrument_id in SEED_IDS.items():
        if instrument_id is None:
            rows.append(
                {
                    "seed_article_name": name,
                    "id": "-",
                    "respondent": "-",
                    "n_items": pd.NA,
                    "licence": "-",
                    "status": "not_an_instrument",
                }
            )
            continue
        row = catalogue.loc[instrument_id]
        rows.append(
            {
                "seed_article_name": name,
                "id": instrument_id,
                "respondent": row["respondent"],
                "n_items": row["n_items"],
                "licence": row["licence"],
                "status": seed_list_status(name),
            }
        )
    table = pd.DataFrame(rows)
    table["n_items"] = table["n_items"].astype("Int64")
    return table


def _why_status(name: str) -> str:
    instrument_id = SEED_IDS[name]
    if instrument_id is None:
        return (
            "it is the title of the University at Buffalo page the list was copied from, "
            "not a tool."
        )
    spec = instrument_handle(instrument_id)
    return f"the catalogue says: {spec.status_note}."


def tools_key(names: Sequence[str]) -> dict[str, str]:
    """The status of each name (the reference answer for exercise 1)."""
    return {name: seed_list_status(name) for name in names}


def tools_rationales(names: Sequence[str]) -> dict[str, str]:
    """Why each name has its status, shown when a trainee mislabels it."""
    return {name: f"It is {seed_list_status(name)!r}: {_why_status(name)}" for name in names}


# ---------------------------------------------------------------------------
# Licences: may the item wording be reprinted?
# ---------------------------------------------------------------------------


def licence_key(student_id: str) -> dict[str, bool]:
    """True where the course may print the item wording of the instrument shown under
    each label L1, L2, ... (the reference answer for exercise 2), read from the specs.

    >>> key = licence_key("trainee-01")
    >>> list(key), sorted(set(key.values()))
    (['L1', 'L2', 'L3', 'L4', 'L5'], [False, True])
    """
    ids = licence_quiz(student_id)
    return {
        f"L{k}": bool(instrument_handle(i).licence.item_text_may_ship)
        for k, i in enumerate(ids, start=1)
    }


def licence_rationales(student_id: str) -> dict[str, str]:
    """The licence of each labelled instrument, shown when a trainee gets it wrong."""
    ids = licence_quiz(student_id)
    return {
        f"L{k}": f"{i}: {instrument_handle(i).licence.summary}. Free to use is not free to "
        "reproduce: only a licence that allows reproduction (or a confirmed release) lets the "
        "course print item wording."
        for k, i in enumerate(ids, start=1)
    }


# ---------------------------------------------------------------------------
# Rater perspectives
# ---------------------------------------------------------------------------

#: Whose perspective each situation's rating gives, and why.
RATER_KEY: dict[str, tuple[str, str]] = {
    "S1": ("client", "the person who received the service rates it."),
    "S2": (
        "therapist",
        "the rating is about the client's trust, but it is Ana's view of it: whoever gives "
        "the rating decides the perspective, not what the rating is about.",
    ),
    "S3": ("observer", "trained raters outside the relationship judge it from a recording."),
    "S4": ("client", "the client rates her perception of the counsellor (the CRF idea)."),
    "S5": (
        "therapist",
        "it is the counsellor's estimate of the client's view, so it is still the "
        "counsellor's perspective.",
    ),
    "S6": ("observer", "a third party codes the session from a recording, following a manual."),
}


def rater_key() -> dict[str, str]:
    """Whose perspective each situation's rating gives (the same for every trainee).

    >>> rater_key()["S2"]
    'therapist'
    """
    return {i: who for i, (who, _) in RATER_KEY.items()}


def rater_rationales() -> dict[str, str]:
    """Why, per situation."""
    return {i: f"it is the {who}'s view: {why}" for i, (who, why) in RATER_KEY.items()}
