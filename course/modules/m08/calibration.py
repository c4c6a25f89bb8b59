"""Module 08, part 3: rater calibration on short simulated session excerpts.

The trainee rates twelve excerpts (``course/data/practice/calibration.yaml``) for a
rupture marker (none, withdrawal, confrontation) and for alliance strength (1-5),
then compares the ratings with the course's key: Cohen's kappa for the markers and
an absolute-agreement ICC for strength, each with a 95% confidence interval
(:mod:`course.psychometrics`). The key is the course authors' rating, shown after
rating as in any calibration exercise; what is graded is the trainee's reading of
their own agreement, never the ratings. Landis and Koch's (1977) kappa labels and
Koo and Li's (2016) ICC labels are conventions, and the module says so.
"""

from __future__ import annotations

import pandas as pd

from course.psychometrics import Agreement, cohens_kappa, icc_agreement
from course.resources import data_dir
from course.yamlfile import read_yaml

MARKER_CHOICES = ("none", "withdrawal", "confrontation")
STRENGTHS = (1, 2, 3, 4, 5)
KOO_LI = ((0.5, "poor"), (0.75, "moderate"), (0.9, "good"))


def _excerpts() -> dict:
    return read_yaml(data_dir("practice", "calibration.yaml"))["excerpts"]


def excerpt_ids() -> list[str]:
    """The excerpts' labels, E1 to E12.

    >>> excerpt_ids()[:3], len(excerpt_ids())
    (['E1', 'E2', 'E3'], 12)
    """
    return list(_excerpts())


def excerpts_markdown() -> str:
    """The excerpts to rate, as a numbered markdown list (text only, no key)."""
    return "\n".join(f"- **{eid}**: {spec['text']}" for eid, spec in _excerpts().items())


def course_key() -> pd.DataFrame:
    """The course's ratings of each excerpt (shown after the trainee has rated).

    >>> course_key().loc["E10", "marker"], int(course_key().loc["E10", "strength"])
    ('confrontation', 1)
    """
    data = _excerpts()
    return pd.DataFrame(
        {
            "marker": [spec["marker"] for spec in data.values()],
            "strength": [int(spec["strength"]) for spec in data.values()],
        },
        index=pd.Index(list(data), name="excerpt"),
    )


def check_ratings(markers: dict, strength: dict) -> None:
    """Refuse ratings that cannot be compared, with a message that says what to fix."""
    ids = excerpt_ids()
    for name, ratings, allowed in (
        ("my_markers", markers, MARKER_CHOICES),
        ("my_strength", strength, STRENGTHS),
    ):
        if type(ratings) is not dict or sorted(ratings) != sorted(ids):
            raise ValueError(f"`{name}` needs one entry for each excerpt, E1 to E12.")
        wrong = [k for k in ids if ratings[k] not in allowed or type(ratings[k]) is bool]
        if wrong:
            allowed_text = ", ".join(map(repr, allowed))
            raise ValueError(f"`{name}`: {', '.join(wrong)} must be one of {allowed_text}.")


def agreement(markers: dict, strength: dict) -> tuple[Agreement, Agreement]:
    """Kappa (markers) and ICC(A,1) (strength) of the trainee's ratings against the key.

    >>> key = course_key()
    >>> kappa, icc = agreement(key["marker"].to_dict(), key["strength"].to_dict())
    >>> round(kappa.estimate, 3), round(icc.estimate, 3)
    (1.0, 1.0)
    """
    check_ratings(markers, strength)
    key = course_key()
    ids = list(key.index)
    kappa = cohens_kappa([markers[k] for k in ids], list(key["marker"]))
    pairs = [[float(strength[k]), float(key.loc[k, "strength"])] for k in ids]
    return kappa, icc_agreement(pairs)


def koo_li_band(icc: float) -> str:
    """Koo and Li's (2016) label for an ICC: below .50 poor, .50-.75 moderate, .75-.90
    good, above .90 excellent (a convention; they advise reading it off the 95% CI).

    >>> koo_li_band(0.74), koo_li_band(0.95)
    ('moderate', 'excellent')
    """
    return next((label for upper, label in KOO_LI if icc < upper), "excellent")


def calibration_table(markers: dict, strength: dict) -> pd.DataFrame:
    """The trainee's agreement with the key: estimate and 95% CI of each statistic,
    rounded to 3 decimals, and the share of excerpts where the two ratings match.

    >>> key = course_key()
    >>> table = calibration_table(key["marker"].to_dict(), key["strength"].to_dict())
    >>> float(table.loc["markers (kappa)", "exact_agreement"])
    1.0
    """
    kappa, icc = agreement(markers, strength)
    key = course_key()
    same_marker = sum(markers[k] == key.loc[k, "marker"] for k in key.index) / len(key)
    same_strength = sum(strength[k] == key.loc[k, "strength"] for k in key.index) / len(key)
    return pd.DataFrame(
        {
            "estimate": [round(kappa.estimate, 3), round(icc.estimate, 3)],
            "ci_low": [round(kappa.ci_low, 3), round(icc.ci_low, 3)],
            "ci_high": [round(kappa.ci_high, 3), round(icc.ci_high, 3)],
            "exact_agreement": [round(same_marker, 3), round(same_strength, 3)],
        },
        index=pd.Index(["markers (kappa)", "strength (ICC(A,1))"], name="what"),
    )


def side_by_side(markers: dict, strength: dict) -> pd.DataFrame:
    """Each excerpt's ratings next to the key's, with where they differ."""
    check_ratings(markers, strength)
    key = course_key()
    table = pd.DataFrame(
        {
            "your_marker": [markers[k] for k in key.index],
            "key_marker": key["marker"].tolist(),
            "your_strength": [strength[k] for k in key.index],
            "key_strength": key["strength"].tolist(),
        },
        index=key.index,
    )
    table["marker_differs"] = table["your_marker"] != table["key_marker"]
    table["strength_gap"] = table["your_strength"] - table["key_strength"]
    return table


def show_calibration(markers, strength) -> None:
    """Display the calibration table and each excerpt's ratings beside the key, or say
    what to fix when the ratings are not complete yet (never an error in a locked cell)."""
    from IPython.display import display

    try:
        table, pairs = calibration_table(markers, strength), side_by_side(markers, strength)
    except (ValueError, TypeError, KeyError) as problem:
        print(f"Not yet: {problem} Fill in every ... in the rating cell above, then run it again.")
        return
    display(table)
    display(pairs)
