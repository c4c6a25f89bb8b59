"""Module 03: the eleven self-check questions and three simulated clients' answers.

The questions are paraphrased in this course's own words; each probes one of five
areas (:data:`AREAS`), which the practice widget averages. For exercise 5 the
trainee sees the areas (:func:`areas_table`) and each simulated client's answers
grouped by area (:func:`answers_by_area`), and judges by eye which area each
client most needs to talk about; the key is in the grading-only ``answer_key.m03``. All answers are simulated.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from course.modules.m03.vignettes import MODULE
from course.seeds import stable_seed


@dataclass(frozen=True)
class SelfCheckQuestion:
    """One of the eleven questions, in this course's own words, and the area it probes."""

    key: str
    text: str
    area: str


# Paraphrased from the list the seed article took from the University at Buffalo
# School of Social Work page; the wording is this course's own.
SELF_CHECK = (
    SelfCheckQuestion("listens", "Does my counsellor really listen to what I say?", "bond"),
    SelfCheckQuestion(
        "understands",
        "Do I feel my counsellor gets what I mean and what I am going through?",
        "bond",
    ),
    SelfCheckQuestion("trust", "Can I trust my counsellor with what I tell them?", "bond"),
    SelfCheckQuestion(
        "feel_better", "Do I usually leave a session better off than I came in?", "benefit"
    ),
    SelfCheckQuestion("like", "Do I like my counsellor as a person?", "bond"),
    SelfCheckQuestion("my_goals", "Are our sessions about the things I want to change?", "goals"),
    SelfCheckQuestion("cares", "Do I sense that my counsellor cares what happens to me?", "bond"),
    SelfCheckQuestion("supported", "Do I feel backed up by my counsellor?", "bond"),
    SelfCheckQuestion(
        "qualified",
        "Does my counsellor have the training and know-how for problems like mine?",
        "competence",
    ),
    SelfCheckQuestion(
        "benefited", "Looking back, has counselling made a difference for me so far?", "benefit"
    ),
    SelfCheckQuestion("honest", "How open and honest am I being in my sessions?", "openness"),
)
SELF_CHECK_KEYS = [q.key for q in SELF_CHECK]
ANSWER_SCALE = {1: "not at all", 2: "a little", 3: "partly", 4: "mostly", 5: "completely"}

AREAS = {
    "bond": (
        "the emotional bond: feeling listened to, understood, able to trust, liking the "
        "counsellor, cared for and supported",
        "Ask about the relationship itself, openly and without defending yourself: what is it "
        "like to talk with you, and what would help? Treat it as a possible rupture to repair.",
    ),
    "goals": (
        "whether the sessions are about what the client wants to change",
        "Revisit the goals together: ask what the client most wants from counselling now and "
        "agree the focus again.",
    ),
    "competence": (
        "the client's confidence that the counsellor can help with this kind of problem",
        "Invite the doubt openly, explain your approach and experience honestly, and talk "
        "about whether another service or a referral would suit them better.",
    ),
    "benefit": (
        "whether counselling is helping",
        "Review progress together (an outcome measure helps) and discuss changing the "
        "approach if nothing is shifting.",
    ),
    "openness": (
        "how open the client feels able to be",
        "Make it safe to hold back and safe to say more: normalise it, go over "
        "confidentiality and its limits, and ask what would make it easier, without blame.",
    ),
}
SELF_CHECK_CLIENTS = ("client_A", "client_B", "client_C")


def area_means(answers) -> dict[str, float]:
    """Mean answer (1-5) per area for one client's eleven answers (a dict or Series).

    >>> area_means({q.key: 5 for q in SELF_CHECK})["bond"]
    5.0
    """
    answers = dict(answers)
    means = {}
    for area in AREAS:
        keys = [q.key for q in SELF_CHECK if q.area == area]
        means[area] = float(np.mean([answers[k] for k in keys]))
    return means


def self_check_clients(student_id: str) -> pd.DataFrame:
    """Three simulated clients' answers (1-5) to the eleven questions, one row per client.

    Each client has one area clearly lower than the rest (answers 1-2) and one
    middling answer (3) elsewhere as a distractor; all other answers are 4-5.

    >>> table = self_check_clients("trainee-01")
    >>> list(table.index), list(table.columns) == SELF_CHECK_KEYS
    (['client_A', 'client_B', 'client_C'], True)
    >>> table.equals(self_check_clients("trainee-01")), table.equals(self_check_clients("trainee-02"))
    (True, False)
    """
    rng = np.random.default_rng(stable_seed(student_id, MODULE, "self-check"))
    areas = list(AREAS)
    targets = rng.choice(len(areas), size=len(SELF_CHECK_CLIENTS), replace=False)
    rows = []
    for target in targets:
        area = areas[int(target)]
        row = {}
        for q in SELF_CHECK:
            row[q.key] = int(rng.integers(1, 3)) if q.area == area else int(rng.integers(4, 6))
        others = [q.key for q in SELF_CHECK if q.area != area]
        row[others[int(rng.integers(0, len(others)))]] = 3
        rows.append(row)
    return pd.DataFrame(rows, index=list(SELF_CHECK_CLIENTS), columns=SELF_CHECK_KEYS)


def questions_table() -> pd.DataFrame:
    """The eleven questions (paraphrased) by key, without their areas.

    >>> questions_table().shape
    (11, 1)
    """
    return pd.DataFrame({"question": [q.text for q in SELF_CHECK]}, index=SELF_CHECK_KEYS)


def areas_table() -> pd.DataFrame:
    """The five areas: what each covers (the questions are for the trainee to place).

    >>> list(areas_table().index)
    ['bond', 'goals', 'competence', 'benefit', 'openness']
    """
    return pd.DataFrame({"what it covers": [what for what, _ in AREAS.values()]}, index=list(AREAS))


def answers_by_area(table: pd.DataFrame) -> pd.DataFrame:
    """The clients' answers as one row per question, grouped under its area, one column
    per client: what a counsellor reads to see which area sits low.

    >>> shown = answers_by_area(self_check_clients("trainee-01"))
    >>> list(shown.index.names), list(shown.columns)
    (['area', 'question'], ['client_A', 'client_B', 'client_C'])
    >>> list(shown.index.get_level_values("area").unique()) == list(AREAS)
    True
    """
    order = [q for area in AREAS for q in SELF_CHECK if q.area == area]
    index = pd.MultiIndex.from_tuples([(q.area, q.key) for q in order], names=["area", "question"])
    return pd.DataFrame(
        table[[q.key for q in order]].T.to_numpy(), index=index, columns=table.index
    )
