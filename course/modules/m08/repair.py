"""Module 08, part 1: the rupture-repair practice, driven by rules kept in data.

The simulated client's response to each choice the trainee makes at a rupture
marker is read from ``course/data/practice/repair_rules.yaml``: for each marker
family (withdrawal, confrontation) and each response, how many points the SRS
the client gives at the end of that session and their engagement rating move.
The file states the rules as a teaching convention and names the sources their
directions rest on (Safran & Muran, 2000; Safran et al., 2001; Eubanks, Muran &
Safran, 2018); nothing here adds a rule of its own. Every client is simulated.

>>> rules = repair_rules()
>>> rules["rules"]["confrontation"]["justify_defend"]["srs_change"] < 0
True
>>> sorted(RESPONSES)[:2]
['acknowledge_explore', 'carry_on']
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from course.resources import data_dir
from course.seeds import stable_seed
from course.yamlfile import read_yaml

MODULE = "08-practice-lab"
MARKER_TYPES = ("withdrawal", "confrontation")
N_SESSIONS = 6  # the practice client's course of sessions
MARKER_SESSIONS = (2, 3, 4, 5)  # sessions with a rupture marker (labelled M1-M4)


@cache
def _rules() -> dict:
    return read_yaml(data_dir("practice", "repair_rules.yaml"))


def repair_rules() -> dict:
    """The rules file as plain data (a fresh copy each call)."""
    return read_yaml(data_dir("practice", "repair_rules.yaml"))


RESPONSES = tuple(_rules()["responses"])


def rules_table() -> pd.DataFrame:
    """The rules as a table: one row per marker family and response, with the convention's
    SRS and engagement changes and the reason each rests on.

    >>> table = rules_table()
    >>> len(table), list(table.columns)[:3]
    (10, ['marker', 'response', 'kind'])
    """
    data = _rules()
    rows = [
        {
            "marker": marker,
            "response": response,
            "kind": data["responses"][response]["kind"],
            "srs_change": rule["srs_change"],
            "engagement_change": rule["engagement_change"],
            "why": rule["why"],
        }
        for marker, by_response in data["rules"].items()
        for response, rule in by_response.items()
    ]
    return pd.DataFrame(rows)


def responses_markdown() -> str:
    """The five responses, their kind and what each looks like, as a markdown table."""
    lines = ["| response (what to write) | kind | what it looks like |", "|---|---|---|"]
    for key, spec in _rules()["responses"].items():
        lines.append(f'| `"{key}"` ({spec["label"]}) | {spec["kind"]} | {spec["what"]} |')
    return "\n".join(lines)


def _bank() -> dict:
    return read_yaml(data_dir("practice", "scenarios.yaml"))["markers"]


def trainee_scenario(student_id: str) -> pd.DataFrame:
    """The trainee's practice client: six sessions, a marker in sessions 2-5 (two of
    each family, in a seeded order), and the client's starting SRS and engagement.

    Columns: ``session``, ``marker`` (M1-M4 or empty), ``type``, ``client`` (what the
    client says or does, paraphrased), plus ``start_srs`` and ``start_engagement``.

    >>> scenario = trainee_scenario("trainee-01")
    >>> list(scenario["marker"]), sorted(scenario["type"].dropna())
    (['', 'M1', 'M2', 'M3', 'M4', ''], ['confrontation', 'confrontation', 'withdrawal', 'withdrawal'])
    """
    rng = np.random.default_rng(stable_seed("m08.scenario", student_id))
    bank = _bank()
    chosen = [
        key
        for family in MARKER_TYPES
        for key in rng.choice(sorted(k for k in bank if bank[k]["type"] == family), 2, False)
    ]
    order = [chosen[k] for k in rng.permutation(len(chosen))]
    start_srs = float(rng.integers(340, 381)) / 10
    start_engagement = float(rng.integers(3, 5))
    rows = []
    for session in range(1, N_SESSIONS + 1):
        if session in MARKER_SESSIONS:
            key = order[MARKER_SESSIONS.index(session)]
            label = f"M{MARKER_SESSIONS.index(session) + 1}"
            rows.append((session, label, bank[key]["type"], bank[key]["text"]))
        else:
            rows.append((session, "", None, "An ordinary session: no marker."))
    table = pd.DataFrame(rows, columns=["session", "marker", "type", "client"])
    table["start_srs"], table["start_engagement"] = start_srs, start_engagement
    return table


def client_response(marker_type: str, response: str, srs: float, engagement: float):
    """The client's SRS and engagement after ``response`` to a marker of ``marker_type``,
    moved by the rules file's changes and kept within each scale's range.

    >>> client_response("withdrawal", "metacommunicate", 35.0, 3.0)
    (37.5, 4.0)
    >>> client_response("confrontation", "justify_defend", 2.0, 1.0)
    (0.0, 1.0)
    """
    data = _rules()
    if marker_type not in data["rules"]:
        raise ValueError(f"marker type must be one of {', '.join(MARKER_TYPES)}")
    if response not in data["rules"][marker_type]:
        raise ValueError(f"{response!r} is not a response; use one of: {', '.join(RESPONSES)}")
    rule, scales = data["rules"][marker_type][response], data["scales"]
    new_srs = min(max(srs + rule["srs_change"], scales["srs"]["low"]), scales["srs"]["high"])
    new_engagement = min(
        max(engagement + rule["engagement_change"], scales["engagement"]["low"]),
        scales["engagement"]["high"],
    )
    return round(float(new_srs), 1), round(float(new_engagement), 1)


def play_scenario(scenario: pd.DataFrame, choices: dict) -> pd.DataFrame:
    """The sessions as they unfold with ``choices`` (marker label -> response).

    Between markers the client's SRS and engagement stay where the last response
    left them. Columns: session, marker, type, response, srs, engagement.

    >>> demo = trainee_scenario("trainee-01")
    >>> played = play_scenario(demo, {m: "acknowledge_explore" for m in ["M1", "M2", "M3", "M4"]})
    >>> bool(played["srs"].iloc[-1] > demo["start_srs"].iloc[0])
    True
    """
    srs = float(scenario["start_srs"].iloc[0])
    engagement = float(scenario["start_engagement"].iloc[0])
    rows = []
    for row in scenario.itertuples():
        response = ""
        if row.marker:
            response = choices.get(row.marker, "")
            srs, engagement = client_response(row.type, response, srs, engagement)
        rows.append((row.session, row.marker, row.type, response, srs, engagement))
    return pd.DataFrame(
        rows, columns=["session", "marker", "type", "response", "srs", "engagement"]
    )
