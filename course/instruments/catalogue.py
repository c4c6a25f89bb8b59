"""The catalogue: one row per instrument, for trainees, instructors and ``alliance-course instruments``."""

from __future__ import annotations

import pandas as pd

from course.instruments.loader import registry

COLUMNS = [
    "id",
    "name",
    "respondent",
    "n_items",
    "subscales",
    "licence",
    "item_text_shipped",
    "scoreable",
    "status",
]


def catalogue() -> pd.DataFrame:
    """Every instrument with who answers it, its size, subscales, licence and scoring status.

    ``item_text_shipped`` is always False: the course ships paraphrased labels only.
    ``status`` says why an instrument is not scored (e.g. an unconfirmed key).

    >>> table = catalogue()
    >>> row = table.set_index("id").loc["phq-9"]
    >>> int(row["n_items"]), bool(row["scoreable"])
    (9, True)
    >>> bool(table["item_text_shipped"].any())
    False
    """
    rows = []
    for spec in registry().values():
        rows.append(
            {
                "id": spec.id,
                "name": spec.name,
                "respondent": " / ".join(spec.respondent),
                "n_items": spec.n_items,
                "subscales": ", ".join(spec.subscale_names),
                "licence": spec.licence.summary,
                # Labels are paraphrases everywhere, so no instrument's item text ships.
                "item_text_shipped": any(not item.paraphrased for item in spec.items),
                "scoreable": spec.is_scoreable,
                "status": spec.status_note,
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["n_items"] = table["n_items"].astype("Int64")
    return table.sort_values("id", ignore_index=True)
