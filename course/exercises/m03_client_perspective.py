"""Module 03 (the client's perspective): exercise data, reference answers and teaching checks.

Everything a trainee sees is derived from their own id, so two trainees never
share an answer, and the hidden tests call the same functions again with the
id that :func:`course.identity` resolves in the autograder:

- vignettes: :func:`quality_vignettes`, :func:`theme_vignettes`,
  :func:`match_vignettes` (from :mod:`course.vignettes`), shown under neutral
  labels (Q1, T1, M1, ...) by :func:`exercise_vignettes`, answered by
  :func:`exercise_key` and checked with :func:`check_labels`;
- the eleven self-check questions (:data:`SELF_CHECK`, paraphrased), three
  simulated clients' answers (:func:`self_check_clients`) and the area each
  client most needs to talk about (:func:`self_check_key`);
- multiple-choice items whose option letters are shuffled per trainee
  (:func:`options`, :func:`correct_letter`, :func:`check_choice`);
- the caseload analysis: the early-alliance difference between matched and
  unmatched clients with a Welch 95% confidence interval
  (:func:`match_estimate`), the reading of that interval
  (:func:`reading_key`) and diagnoses of common mistakes
  (:func:`diagnose_difference`, :func:`diagnose_interval`).

All client data are simulated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.special import stdtrit

from course.exercises import labelling
from course.grading import CheckFailed, expect_close, expect_labels, expect_number, plain
from course.seeds import stable_seed
from course.vignettes import Vignette
from course.vignettes import for_student as _vignettes_for_student

MODULE = "03-client-perspective"

# --- vignettes --------------------------------------------------------------------------

K_QUALITY, K_THEME, K_MATCH = 6, 8, 5

QUALITY_LABELS = [
    "mutual_empathy",
    "goal_consensus",
    "positive_regard",
    "collaboration",
    "congruence",
    "trust",
    "comfort",
    "respect",
    "mutual_understanding",
    "confidence",
    "positive_feelings",
    "acceptance_care",
]
THEME_LABELS = [
    "assessing_match",
    "facilitating_openness",
    "connecting_deeper",
    "empowerment_through_respect",
]
MATCH_LABELS = ["gender", "ses", "religion", "race_ethnicity_culture", "valued_difference"]

# One reminder per family, added to every failure message so that the trainee
# also sees the distinction that is most often missed.
REMINDERS = {
    "quality": (
        "Ask what the words show: feeling *with* each other (mutual empathy), the same aims "
        "(goal consensus), warm esteem (positive regard), shared work (collaboration), being "
        "real (congruence), reliability and safety (trust), ease (comfort), being taken "
        "seriously (respect), shared meaning (mutual understanding), belief in each other's "
        "capacity (confidence), liking therapist and therapy (positive feelings), being "
        "welcome as one is (acceptance and care)."
    ),
    "theme": (
        "Openness is about feeling safe to disclose without judgment; connecting on a deeper "
        "level is about feeling truly understood or cared for; empowerment through respect "
        "is about power (who sets the pace, who decides, knowing one's rights); assessing "
        "the match is the client weighing up whether this counsellor fits their needs."
    ),
    "match_dimension": (
        "Name the characteristic the client weighs: gender, socioeconomic status (class, "
        "money), religion, race/ethnicity/culture, or a difference the client values "
        "because it brings another viewpoint."
    ),
}


def quality_vignettes(student_id: str) -> list[Vignette]:
    """The trainee's six vignettes for the qualities of a good relationship.

    >>> [v.tags["quality"] in QUALITY_LABELS for v in quality_vignettes("trainee-01")]
    [True, True, True, True, True, True]
    """
    return _vignettes_for_student(student_id, MODULE, K_QUALITY, family="quality")


def theme_vignettes(student_id: str) -> list[Vignette]:
    """The trainee's eight vignettes for Noyce & Simpson's four themes, two per theme.

    >>> [v.tags["theme"] for v in theme_vignettes("trainee-01")].count("connecting_deeper")
    2
    """
    return _vignettes_for_student(student_id, MODULE, K_THEME, family="theme")


def match_vignettes(student_id: str) -> list[Vignette]:
    """The trainee's five vignettes for the match dimensions, one per dimension.

    >>> sorted(v.tags["match_dimension"] for v in match_vignettes("trainee-01")) == sorted(MATCH_LABELS)
    True
    """
    return _vignettes_for_student(student_id, MODULE, K_MATCH, family="match_dimension")


_SAMPLERS = {
    "quality": quality_vignettes,
    "theme": theme_vignettes,
    "match_dimension": match_vignettes,
}
# Vignettes are shown under neutral labels (Q1, T1, M1, ...): the bank's ids name
# the concept (``qual-trust-001``, ``pers-open-003``) and would give the answer away.
PREFIXES = {"quality": "Q", "theme": "T", "match_dimension": "M"}


def labelled_vignettes(student_id: str, family: str) -> dict[str, Vignette]:
    """The trainee's vignettes for ``family`` under neutral labels, in display order.

    >>> list(labelled_vignettes("trainee-01", "theme"))
    ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8']
    """
    return labelling.with_labels(_SAMPLERS[family](student_id), PREFIXES[family])


def vignette_cards(labelled: dict[str, Vignette]):
    """The vignettes as Markdown cards: label, who speaks and the text only.

    Bank ids, tags and rationales are left out.

    >>> text = vignette_cards(labelled_vignettes("trainee-01", "quality")).data
    >>> text.count("**Q"), "qual-" in text
    (6, False)
    """
    from IPython.display import Markdown

    who = {"scene": "a scene", "client": "a client", "therapist": "a counsellor"}
    cards = []
    for label, vignette in labelled.items():
        lines = [line.strip() for line in vignette.text.splitlines() if line.strip()]
        body = "  \n> ".join(lines)
        cards.append(f"**{label}** ({who.get(vignette.speaker, vignette.speaker)})\n> {body}")
    return Markdown("\n\n".join(cards))


def exercise_vignettes(student_id: str, family: str):
    """The labels of the trainee's vignettes for ``family`` and their Markdown cards.

    Only neutral labels and texts reach the notebook, not the tagged vignette objects.

    >>> labels, cards = exercise_vignettes("trainee-01", "match_dimension")
    >>> labels, all(f"**{label}**" in cards.data for label in labels)
    (['M1', 'M2', 'M3', 'M4', 'M5'], True)
    """
    labelled = labelled_vignettes(student_id, family)
    return list(labelled), vignette_cards(labelled)


def exercise_key(student_id: str, family: str) -> dict[str, str]:
    """The reference answer: each label mapped to its vignette's ``family`` value.

    >>> sorted(exercise_key("trainee-01", "match_dimension").values()) == sorted(MATCH_LABELS)
    True
    """
    return labelling.label_key(labelled_vignettes(student_id, family), family)


def check_labels(value, student_id: str, family: str, name: str) -> None:
    """Hidden-test check: every vignette of the trainee labelled with its ``family`` value.

    The message names up to three mislabelled vignettes with the rationale of
    each, then the family's reminder.

    >>> key = exercise_key("trainee-01", "theme")
    >>> check_labels(key, "trainee-01", "theme", "theme_labels")
    >>> check_labels({k: "assessing_match" for k in key}, "trainee-01", "theme", "theme_labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `theme_labels`: 6 of 8 not right yet. ...
    """
    labelled = labelled_vignettes(student_id, family)
    labelling.check_sorted(value, labelled, family, name, REMINDERS[family])


# --- the eleven self-check questions ------------------------------------------------------


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


def lowest_area(answers) -> str:
    """The area with the lowest mean answer: what to raise with the client first.

    >>> answers = {q.key: 5 for q in SELF_CHECK}
    >>> answers["my_goals"] = 2
    >>> lowest_area(answers)
    'goals'
    """
    means = area_means(answers)
    return min(means, key=means.get)


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


def self_check_key(student_id: str) -> dict[str, str]:
    """The reference answer: each simulated client's lowest area.

    >>> sorted(self_check_key("trainee-01")) == list(SELF_CHECK_CLIENTS)
    True
    """
    table = self_check_clients(student_id)
    return {client: lowest_area(table.loc[client]) for client in table.index}


def self_check_rationales(student_id: str) -> dict[str, str]:
    """For each client, why their lowest area is the one to raise first."""
    table = self_check_clients(student_id)
    notes = {}
    for client in table.index:
        area = lowest_area(table.loc[client])
        low = [k for k in SELF_CHECK_KEYS if table.loc[client, k] <= 2]
        notes[client] = (
            f"their lowest answers ({', '.join(low)}) ask about {AREAS[area][0]}; "
            "average the questions of each area, and do not let one middling answer elsewhere "
            "distract you."
        )
    return notes


def check_self_check(value, student_id: str, name: str = "first_to_raise") -> None:
    """Hidden-test check of the self-check item, with a reason per mislabelled client."""
    key = self_check_key(student_id)
    expect_labels(value, key, name, self_check_rationales(student_id))


# --- multiple choice with per-trainee option order ---------------------------------------


@dataclass(frozen=True)
class Option:
    """One option of a multiple-choice item; ``why`` explains it when it is chosen wrongly."""

    text: str
    correct: bool
    why: str = ""


CHOICES: dict[str, tuple[Option, ...]] = {
    "closeness": (
        Option(
            "It was an interview study of 26 therapists. In the model they built, the closer "
            "the relationship, the more easily each person affects the other: closeness can "
            "give an intervention more force and can also magnify a misstep, so therapists try "
            "to steer closeness towards what helps the client and to handle it when it backfires.",
            True,
        ),
        Option(
            "It was a randomised trial showing that clients who felt closer to their therapist "
            "had better outcomes, so closeness causes better outcomes.",
            False,
            "The study interviewed 26 therapists about their experience (a grounded-theory "
            "analysis); it randomised nothing and measured no client outcomes.",
        ),
        Option(
            "Closeness only ever helps, so a counsellor should build as much closeness as "
            "possible, as fast as possible, with every client.",
            False,
            "The therapists also described closeness backfiring and harms to prevent; "
            "amplification works both ways, so closeness is steered, not maximised.",
        ),
        Option(
            "Closeness matters in psychodynamic work, but in behavioural and cognitive therapy "
            "the techniques do the work whatever the relationship is like.",
            False,
            "The therapists interviewed practised behavioural and cognitive therapies, and "
            "described closeness changing how strongly their interventions landed.",
        ),
    ),
    "cabral": (
        Option(
            "On average clients preferred a counsellor of their own race or ethnicity "
            "(d = .63) and rated such counsellors somewhat more favourably (d = .32), but the "
            "average gain in outcome was close to zero (d = .09), and the effects varied a lot "
            "between studies. So ask about and honour clients' preferences where you can, but "
            "do not expect allocation by ethnicity alone to improve outcomes; every counsellor "
            "needs to work well across difference.",
            True,
        ),
        Option(
            "Matched clients improved far more (d = .63), so allocating every client by "
            "ethnicity is justified.",
            False,
            "d = .63 was the size of clients' preference for a counsellor of their own "
            "race or ethnicity, not of the outcome difference, which averaged d = .09.",
        ),
        Option(
            "Matching has no effects at all, so clients' wishes about a counsellor's background "
            "can safely be set aside.",
            False,
            "Preferences (d = .63) and perceptions of the counsellor (d = .32) were clearly "
            "affected; a near-zero average outcome effect does not make a client's preference "
            "unimportant, and weighing the match is the first theme clients describe.",
        ),
        Option(
            "The effects were the same size in every study and every group, so one allocation "
            "rule will suit all clients.",
            False,
            "The effects were highly heterogeneous (studies with African American participants "
            "showed the largest); a rule for everyone ignores the individual client.",
        ),
    ),
}


def options(student_id: str, item: str) -> dict[str, str]:
    """The options of ``item`` with letters A, B, ... in this trainee's own order.

    >>> first = options("trainee-01", "closeness")
    >>> sorted(first), first == options("trainee-01", "closeness")
    (['A', 'B', 'C', 'D'], True)
    """
    pool = CHOICES[item]
    order = sorted(range(len(pool)), key=lambda i: stable_seed(student_id, MODULE, item, i))
    return {chr(65 + pos): pool[i].text for pos, i in enumerate(order)}


def correct_letter(student_id: str, item: str) -> str:
    """The letter of the correct option of ``item`` for this trainee.

    >>> letter = correct_letter("trainee-01", "cabral")
    >>> options("trainee-01", "cabral")[letter].startswith("On average")
    True
    """
    correct = next(o.text for o in CHOICES[item] if o.correct)
    return next(letter for letter, text in options(student_id, item).items() if text == correct)


def show_options(choices: dict[str, str]):
    """Multiple-choice options as a Markdown list."""
    from IPython.display import Markdown

    return Markdown("\n".join(f"- **{letter}.** {text}" for letter, text in choices.items()))


def check_choice(value, student_id: str, item: str, name: str, concept: str) -> None:
    """Hidden-test check of a multiple-choice answer; a wrong choice hears why it is wrong."""
    got = plain(value, name)
    if got == correct_letter(student_id, item):
        return
    chosen = options(student_id, item).get(got) if isinstance(got, str) else None
    why = next((o.why for o in CHOICES[item] if o.text == chosen), "")
    raise CheckFailed(f"`{name}` is not right yet. {why} {concept}".replace("  ", " "))


# --- matching in the caseload ---------------------------------------------------------------


@dataclass(frozen=True)
class MatchEstimate:
    """Early-alliance difference (matched minus not matched) with a Welch confidence interval."""

    difference: float
    ci_low: float
    ci_high: float
    se: float
    df: float
    n_matched: int
    n_unmatched: int

    def as_answer(self) -> dict[str, float]:
        """The graded form: ``{"difference", "ci_low", "ci_high"}``."""
        return {"difference": self.difference, "ci_low": self.ci_low, "ci_high": self.ci_high}


def welch_interval(matched, unmatched, level: float = 0.95) -> MatchEstimate:
    """Difference in means (matched minus unmatched) with Welch's t confidence interval.

    SE = sqrt(s1²/n1 + s2²/n2); df by Welch-Satterthwaite; interval =
    difference ± t(1 - (1 - level)/2, df) · SE, with sample SDs (n - 1).

    >>> est = welch_interval([4.0, 4.5, 5.0, 4.5], [3.5, 4.0, 3.0, 4.5, 4.0])
    >>> round(est.difference, 3), round(est.ci_low, 3), round(est.ci_high, 3)
    (0.7, -0.073, 1.473)
    """
    a = np.asarray(matched, dtype=float)
    b = np.asarray(unmatched, dtype=float)
    if a.size < 2 or b.size < 2:
        raise ValueError("each group needs at least two clients for a confidence interval")
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    t = float(stdtrit(df, 1 - (1 - level) / 2))  # the t quantile, as scipy.stats.t.ppf
    diff = float(a.mean() - b.mean())
    return MatchEstimate(diff, diff - t * se, diff + t * se, se, df, int(a.size), int(b.size))


def caseload_clients(student_id: str) -> pd.DataFrame:
    """The trainee's simulated clients (the module's caseload), a fresh copy on each call."""
    from course.simulate import for_student

    return for_student(student_id, MODULE).clients


def match_estimate(
    clients: pd.DataFrame, column: str, outcome: str = "early_alliance"
) -> MatchEstimate:
    """:func:`welch_interval` of ``outcome`` where ``column`` is True versus False.

    >>> clients = caseload_clients("trainee-01")
    >>> est = match_estimate(clients, "ethnicity_match")
    >>> est.ci_low < est.difference < est.ci_high, est.n_matched + est.n_unmatched
    (True, 60)
    """
    flag = clients[column].astype(bool)
    return welch_interval(clients.loc[flag, outcome], clients.loc[~flag, outcome])


def reference_estimate(student_id: str, column: str) -> MatchEstimate:
    """The reference answer for the trainee's own caseload."""
    return match_estimate(caseload_clients(student_id), column)


READING_OPTIONS = {
    "A": "Matching caused the difference, so the service should give every client a counsellor "
    "of the same ethnicity.",
    "B": "The 95% CI lies entirely above zero: in this caseload, ethnically matched clients "
    "rated the early alliance higher on average. Clients were not randomly assigned to a "
    "match, so this shows an association, not that matching causes a better alliance.",
    "C": "The 95% CI includes zero: this caseload cannot tell a small true difference (such as "
    "the d = .32 Cabral and Smith report for clients' perceptions of the counsellor) from no "
    "difference at all. It does not show that matching makes no difference.",
    "D": "The 95% CI includes zero, which proves that ethnic match makes no difference to the "
    "alliance, so clients' preferences about it can be set aside.",
    "E": "The 95% CI lies entirely below zero: in this caseload, unmatched clients rated the "
    "early alliance higher on average. It is an association in one small caseload, not a "
    "causal effect, and it runs against the research average.",
}
READING_WHY = {
    "A": "A difference between groups that were not randomised cannot show cause, and one "
    "caseload's average does not justify a rule for every client.",
    "B": "Check your interval: it does not lie entirely above zero.",
    "C": "Check your interval: it does not include zero.",
    "D": "An interval that includes zero means the data cannot rule out no difference; it is "
    "not evidence that there is none (absence of evidence is not evidence of absence).",
    "E": "Check your interval: it does not lie entirely below zero.",
}


def reading_key(ci_low: float, ci_high: float) -> str:
    """The option that reads this interval without over-claiming.

    >>> reading_key(0.05, 0.6), reading_key(-0.2, 0.4), reading_key(-0.6, -0.1)
    ('B', 'C', 'E')
    """
    if ci_low > 0:
        return "B"
    if ci_high < 0:
        return "E"
    return "C"


def check_reading(value, student_id: str, name: str = "ethnic_reading") -> None:
    """Hidden-test check of the interpretation item against the trainee's own interval."""
    est = reference_estimate(student_id, "ethnicity_match")
    expected = reading_key(est.ci_low, est.ci_high)
    got = plain(value, name)
    if got != expected:
        why = READING_WHY.get(got, "") if isinstance(got, str) else ""
        raise CheckFailed(
            f"`{name}` is not right yet. {why} Read the interval first (above zero, below "
            "zero, or across zero), then say only what it supports: an association in this "
            "caseload, never a cause."
        )


def diagnose_difference(value, clients: pd.DataFrame, column: str, name: str) -> str:
    """A teaching message for a wrong difference, naming the likely slip."""
    est = match_estimate(clients, column)
    number = plain(value, name)
    if isinstance(number, (int, float)) and abs(number + est.difference) <= 0.005:
        return (
            "The sign is reversed: the difference is the matched clients' mean minus the "
            "unmatched clients' mean (True minus False)."
        )
    return (
        "The difference is the mean early_alliance of matched clients (True) minus the mean of "
        "unmatched clients (False), each mean taken over clients, not over sessions."
    )


def diagnose_interval(bounds, clients: pd.DataFrame, column: str, name: str) -> str:
    """A teaching message for a wrong interval, naming the likely slip."""
    est = match_estimate(clients, column)
    low, high = (float(b) for b in bounds)
    width, wanted = high - low, est.ci_high - est.ci_low
    flag = clients[column].astype(bool)
    values = clients["early_alliance"]
    if abs(low + est.ci_high) <= 0.01 and abs(high + est.ci_low) <= 0.01:
        return "The interval has the wrong sign: compute it for matched minus unmatched."
    if width > 3 * wanted:
        return (
            "The interval is far too wide: use the standard error of the difference, "
            "sqrt(s1²/n1 + s2²/n2), not the standard deviations themselves."
        )
    z = 1.959963984540054
    if (
        abs(low - (est.difference - z * est.se)) <= 0.002
        and abs(high - (est.difference + z * est.se)) <= 0.002
    ):
        return (
            "Close: with about 30 clients per group use the t distribution with Welch's "
            "degrees of freedom (stdtrit(df, 0.975), the same as stats.t.ppf(0.975, df)), not 1.96."
        )
    n1, n0 = int(flag.sum()), int((~flag).sum())
    pooled_var = ((n1 - 1) * values[flag].var() + (n0 - 1) * values[~flag].var()) / (n1 + n0 - 2)
    pooled_half = float(stdtrit(n1 + n0 - 2, 0.975)) * math.sqrt(pooled_var * (1 / n1 + 1 / n0))
    pooled_low, pooled_high = est.difference - pooled_half, est.difference + pooled_half
    if abs(low - pooled_low) <= 0.002 and abs(high - pooled_high) <= 0.002:
        return (
            "Close: this is the pooled-variance interval; the exercise asks for Welch's "
            "interval, which does not assume the two groups have equal variances."
        )
    return (
        "A 95% CI for a difference in means is difference ± t × SE, with SE = sqrt(s1²/n1 + "
        "s2²/n2), sample SDs (ddof = 1) and Welch's degrees of freedom."
    )


DIFFERENCE_TOLERANCE = 0.005
CI_TOLERANCE = 0.003


def check_difference(value, student_id: str, column: str, name: str) -> None:
    """Hidden-test check of a mean difference for the trainee's own caseload."""
    clients = caseload_clients(student_id)
    est = match_estimate(clients, column)
    expect_close(
        value,
        est.difference,
        name,
        diagnose_difference(value, clients, column, name),
        tol=DIFFERENCE_TOLERANCE,
    )


def check_interval(value, student_id: str, column: str, name: str) -> None:
    """Hidden-test check of ``[ci_low, ci_high]`` for the trainee's own caseload."""
    clients = caseload_clients(student_id)
    est = match_estimate(clients, column)
    bounds = plain(value, name)
    if type(bounds) is not list or len(bounds) != 2:
        raise CheckFailed(f"`{name}` should be a list of two numbers: [lower, upper].")
    bounds = [expect_number(b, name) for b in bounds]
    # Three decimals are enough; 1.96 instead of t moves a bound by about 0.007.
    ok = (
        abs(bounds[0] - est.ci_low) <= CI_TOLERANCE and abs(bounds[1] - est.ci_high) <= CI_TOLERANCE
    )
    if not ok:
        raise CheckFailed(
            f"`{name}` is not right yet. {diagnose_interval(bounds, clients, column, name)}"
        )


def check_estimate(value, student_id: str, column: str, name: str) -> None:
    """Hidden-test check of ``{"difference", "ci_low", "ci_high"}`` for one match column."""
    got = plain(value, name)
    if type(got) is not dict:
        raise CheckFailed(f"`{name}` should be a dict with difference, ci_low and ci_high.")
    check_difference(got.get("difference"), student_id, column, f"{name}['difference']")
    check_interval([got.get("ci_low"), got.get("ci_high")], student_id, column, f"{name} interval")


def cohens_d(clients: pd.DataFrame, column: str, outcome: str = "early_alliance") -> float:
    """Cohen's d (pooled SD) of ``outcome``, matched minus unmatched: to set beside Cabral & Smith.

    >>> frame = pd.DataFrame({"m": [True, True, False, False], "y": [2.0, 4.0, 1.0, 3.0]})
    >>> round(cohens_d(frame, "m", "y"), 3)
    0.707
    """
    flag = clients[column].astype(bool)
    a, b = clients.loc[flag, outcome], clients.loc[~flag, outcome]
    pooled = math.sqrt(((len(a) - 1) * a.var() + (len(b) - 1) * b.var()) / (len(a) + len(b) - 2))
    return float((a.mean() - b.mean()) / pooled)


__all__ = [
    "MODULE",
    "QUALITY_LABELS",
    "THEME_LABELS",
    "MATCH_LABELS",
    "SELF_CHECK",
    "SELF_CHECK_KEYS",
    "AREAS",
    "ANSWER_SCALE",
    "quality_vignettes",
    "theme_vignettes",
    "match_vignettes",
    "vignette_cards",
    "exercise_vignettes",
    "exercise_key",
    "labelled_vignettes",
    "questions_table",
    "areas_table",
    "check_labels",
    "self_check_clients",
    "self_check_key",
    "check_self_check",
    "lowest_area",
    "area_means",
    "options",
    "correct_letter",
    "show_options",
    "check_choice",
    "welch_interval",
    "match_estimate",
    "reference_estimate",
    "caseload_clients",
    "READING_OPTIONS",
    "reading_key",
    "check_reading",
    "check_difference",
    "check_interval",
    "check_estimate",
    "cohens_d",
]
