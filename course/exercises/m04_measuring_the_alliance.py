"""Module 04, measuring the alliance: per-trainee data and reference answers.

Everything here is *simulated* or read from the course's instrument specs
(``course/data/instruments``); no real client answered anything. Each function that
makes data takes the trainee id and derives its random numbers from
``stable_seed(student_id, MODULE, ...)``, so the notebook and the autograder
see the same numbers and two trainees see different ones.

The reference answers are computed, never stored: the hidden tests call these
functions again with the trainee's id. Generic pieces that other modules could
use (:func:`check_function_cases`, :func:`reference_scores`) are written without
module-04 assumptions.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

import course.instruments as instruments
from course.grading import CheckFailed, plain
from course.seeds import stable_seed
from course.simulate import for_student

MODULE = "04-measuring-the-alliance"
WAI_ITEMS = [f"i{k}" for k in range(1, 13)]
WAI_KEY = {"task": (1, 2, 10, 12), "goal": (4, 6, 8, 11), "bond": (3, 5, 7, 9)}
SCALES = ("task", "goal", "bond", "total")


def _rng(student_id: str, *parts: object) -> np.random.Generator:
    return np.random.default_rng(stable_seed(student_id, MODULE, *parts))


def caseload(student_id: str):
    """The trainee's simulated caseload for this module (therapists, clients, sessions).

    >>> cl = caseload("trainee-01")
    >>> len(cl.clients), sorted(cl.clients["problem"].unique())
    (60, ['alcohol_use', 'depression'])
    """
    return for_student(student_id, MODULE)


# ---------------------------------------------------------------------------
# Part A: the tools the seed article names
# ---------------------------------------------------------------------------

#: The list of measurement tools in the seed article, as printed there, with the
#: course's catalogue id (None: the entry is the title of the University at
#: Buffalo page the list was copied from, not an instrument).
SEED_LIST: dict[str, str | None] = {
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

#: What the course can do with a seed-list entry.
STATUSES = ("scored", "catalogue_only", "not_identified", "not_an_instrument")
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
    instrument_id = SEED_LIST[name]
    if instrument_id is None:
        return "not_an_instrument"
    return _AVAILABILITY_TO_STATUS[instrument_handle(instrument_id).availability]


def instrument_handle(instrument_id: str):
    """The validated spec of an instrument (``course.instruments.get``)."""
    return instruments.get(instrument_id)


def seed_list_table() -> pd.DataFrame:
    """One row per seed-list entry: catalogue id, who rates it, length, licence, status.

    >>> table = seed_list_table()
    >>> len(table), int(table["status"].value_counts()["not_identified"])
    (9, 2)
    """
    catalogue = instruments.catalogue().set_index("id")
    rows = []
    for name, instrument_id in SEED_LIST.items():
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
    instrument_id = SEED_LIST[name]
    if instrument_id is None:
        return (
            "it is the title of the University at Buffalo page the list was copied from, "
            "not a tool."
        )
    spec = instrument_handle(instrument_id)
    return f"the catalogue says: {spec.status_note}."


def tools_for(student_id: str, k: int = 6) -> list[str]:
    """``k`` seed-list names for this trainee, covering every status at least once.

    >>> names = tools_for("trainee-01")
    >>> len(names), {seed_list_status(n) for n in names} == set(STATUSES)
    (6, True)
    >>> names == tools_for("trainee-01")
    True
    """
    rng = _rng(student_id, "tools")
    names = list(SEED_LIST)
    by_status = {s: [n for n in names if seed_list_status(n) == s] for s in STATUSES}
    chosen = [by_status[s][rng.integers(len(by_status[s]))] for s in STATUSES]
    rest = [n for n in names if n not in chosen]
    chosen += [rest[i] for i in rng.choice(len(rest), size=k - len(chosen), replace=False)]
    return [chosen[i] for i in rng.permutation(len(chosen))]


def tools_key(names: Sequence[str]) -> dict[str, str]:
    """The status of each name (the reference answer for exercise 1)."""
    return {name: seed_list_status(name) for name in names}


def tools_rationales(names: Sequence[str]) -> dict[str, str]:
    """Why each name has its status, shown when a trainee mislabels it."""
    return {name: f"It is {seed_list_status(name)!r}: {_why_status(name)}" for name in names}


# ---------------------------------------------------------------------------
# Licences: may the item wording be reprinted?
# ---------------------------------------------------------------------------


def licence_quiz(student_id: str, k: int = 5) -> list[str]:
    """Instrument ids for the licence question: always PHQ-9 and SRS, plus ``k - 2`` others.

    PHQ-9 (free to reproduce) and SRS (free to *use* for individuals, not to
    reproduce) are the pair that teaches the distinction.

    >>> ids = licence_quiz("trainee-01")
    >>> len(ids), {"phq-9", "srs"} <= set(ids)
    (5, True)
    """
    rng = _rng(student_id, "licence")
    others = [
        i
        for i in instruments.ids()
        if i not in ("phq-9", "srs") and instrument_handle(i).availability != "not_identified"
    ]
    picked = ["phq-9", "srs"] + [others[i] for i in rng.choice(len(others), k - 2, replace=False)]
    return [picked[i] for i in rng.permutation(len(picked))]


def licence_key(ids: Sequence[str]) -> dict[str, bool]:
    """True where the course may print the instrument's item wording."""
    return {i: bool(instrument_handle(i).licence.item_text_may_ship) for i in ids}


def licence_rationales(ids: Sequence[str]) -> dict[str, str]:
    """The licence summary of each instrument, shown when a trainee gets it wrong."""
    return {i: f"its licence: {instrument_handle(i).licence.summary}." for i in ids}


# ---------------------------------------------------------------------------
# Rater perspectives
# ---------------------------------------------------------------------------

RATERS = ("client", "therapist", "observer")


@dataclass(frozen=True)
class Scenario:
    """A short measurement situation and whose perspective the rating gives."""

    text: str
    rater: str
    why: str


#: Measurement situations written for this course (not from any source).
SCENARIOS: dict[str, Scenario] = {
    "s01": Scenario(
        "Before leaving, Mr Osei marks four lines on a tablet in the waiting room to say "
        "how today's session went for him.",
        "client",
        "the person in therapy is rating their own experience of the session.",
    ),
    "s02": Scenario(
        "Two research assistants who have never met the pair watch a video of session 3 "
        "and rate how far counsellor and client agree on the goals.",
        "observer",
        "trained raters outside the relationship judge it from a recording.",
    ),
    "s03": Scenario(
        "After each session, counsellor Ana fills in her own form of the alliance "
        "questionnaire about how the work is going.",
        "therapist",
        "the counsellor rates the alliance from her side of the relationship.",
    ),
    "s04": Scenario(
        "Ana writes down how much she thinks her client trusts her, before she looks at "
        "the client's own form.",
        "therapist",
        "the rating is about the client's trust, but it is Ana's view of it: whoever gives "
        "the rating decides the perspective, not what the rating is about.",
    ),
    "s05": Scenario(
        "A supervisor listens to an audio recording and codes each moment where the client "
        "withdraws or pushes back, using a rupture-rating manual.",
        "observer",
        "a third party codes the session from a recording, following a manual.",
    ),
    "s06": Scenario(
        "At discharge, the service posts Ms Li a questionnaire about how satisfied she was "
        "with the help she received.",
        "client",
        "the person who received the service rates it.",
    ),
    "s07": Scenario(
        "Right after the session, the therapist rates how deep and how smooth the session "
        "felt, on a set of bipolar adjective scales.",
        "therapist",
        "the therapist rates the session from their own seat (the SEQ has a therapist use too).",
    ),
    "s08": Scenario(
        "Ms Novak rates how expert, likeable and trustworthy her counsellor seemed to her.",
        "client",
        "the client rates her perception of the counsellor (the CRF idea).",
    ),
    "s09": Scenario(
        "A trainee watching a role-play through a one-way mirror rates the emotional bond "
        "between the two people in the room.",
        "observer",
        "the rater watches from outside the relationship.",
    ),
    "s10": Scenario(
        "Mr Haddad answers twelve short questions about agreement on tasks and goals and "
        "about the bond, each from 1 (seldom) to 5 (always).",
        "client",
        "the client answers the questions about his own therapy (a WAI-SR-style form).",
    ),
    "s11": Scenario(
        "The counsellor predicts what her client will score on the session form, and "
        "writes the prediction down.",
        "therapist",
        "it is the counsellor's estimate of the client's view, so it is still the "
        "counsellor's perspective.",
    ),
    "s12": Scenario(
        "An independent rater reads transcripts of sessions 1 to 3 and scores how well "
        "client and therapist agree on what to work on.",
        "observer",
        "someone outside the pair scores the transcripts.",
    ),
}


def rater_scenarios(student_id: str, k: int = 5) -> dict[str, str]:
    """``k`` scenarios for this trainee (every perspective at least once), id -> text.

    >>> picked = rater_scenarios("trainee-01")
    >>> len(picked), {SCENARIOS[i].rater for i in picked} == set(RATERS)
    (5, True)
    """
    rng = _rng(student_id, "raters")
    ids = list(SCENARIOS)
    chosen = []
    for rater in RATERS:
        pool = [i for i in ids if SCENARIOS[i].rater == rater]
        chosen.append(pool[rng.integers(len(pool))])
    rest = [i for i in ids if i not in chosen]
    chosen += [rest[i] for i in rng.choice(len(rest), size=k - len(chosen), replace=False)]
    chosen.sort()
    return {i: SCENARIOS[i].text for i in chosen}


def rater_key(ids: Sequence[str]) -> dict[str, str]:
    """Whose perspective each scenario's rating gives."""
    return {i: SCENARIOS[i].rater for i in ids}


def rater_rationales(ids: Sequence[str]) -> dict[str, str]:
    """Why, per scenario."""
    return {i: f"it is the {SCENARIOS[i].rater}'s view: {SCENARIOS[i].why}" for i in ids}


# ---------------------------------------------------------------------------
# WAI-SR scored by hand
# ---------------------------------------------------------------------------


def reference_scores(responses: Sequence[object], instrument_id: str = "wai-sr") -> dict:
    """Score one respondent's answers with ``course.instruments.score``.

    ``responses`` lists the answers in item order; ``None`` (or NaN) is a blank.
    Returns ``{scale: float}`` with NaN for a scale that cannot be scored, and
    raises :class:`course.instruments.ResponseError` (a ``ValueError``) for
    impossible answers, exactly as the library does.

    >>> reference_scores([5, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4])
    {'task': 4.75, 'goal': 4.25, 'bond': 4.5, 'total': 4.5}
    >>> reference_scores([None, 5, 4, 4, 5, 5, 4, 4, 5, 5, 4, 4])["task"]
    4.666666666666667
    """
    values = [np.nan if v is None else v for v in responses]
    spec = instrument_handle(instrument_id)
    frame = pd.DataFrame([values], columns=[f"i{k}" for k in range(1, spec.n_items + 1)])
    scored = instruments.score(instrument_id, frame).iloc[0]
    names = [s.name for s in spec.scoring.scales if s.key == "sourced"]
    order = [n for n in SCALES if n in names] + [n for n in names if n not in SCALES]
    return {name: float(scored[name]) for name in order}


@dataclass(frozen=True)
class Case:
    """One call of a trainee's function: the arguments, what should happen, and the lesson."""

    label: str
    responses: tuple
    expected: dict | None  # None: the call must raise ``raises``
    concept: str
    raises: type[BaseException] | None = None


_CONCEPTS = {
    "complete": (
        "With all twelve items answered, each subscale is the mean of its four items "
        "(Task 1, 2, 10, 12; Goal 4, 6, 8, 11; Bond 3, 5, 7, 9) and the total is the mean "
        "of all twelve. Check the item key and that you return means (1-5), not sums."
    ),
    "one_missing": (
        "With one item blank, score its subscale as the mean of the three answered items "
        "(never count a blank as 0), and the total as the mean of the 11 answered items, "
        "not as the mean of the three subscale means."
    ),
    "two_in_one_subscale": (
        "A subscale needs at least 3 of its 4 items: with two blanks in one subscale, that "
        "subscale is NaN (float('nan')), while the total, with 10 of 12 answered, is still "
        "the mean of the answered items."
    ),
    "three_missing": (
        "The total needs at least 10 of the 12 items: with three blanks it is NaN "
        "(float('nan')), even though each subscale missing only one item is still scored "
        "from its three answered items."
    ),
    "out_of_range": (
        "An answer outside the 1-5 scale (such as 0 or 6) is a data-entry error: raise "
        "ValueError instead of scoring, clipping or skipping it."
    ),
    "length": (
        "The WAI-SR has exactly 12 items: a list of any other length cannot be matched to the "
        "item key, so raise ValueError instead of scoring it."
    ),
    "not_whole": (
        "WAI-SR answers are whole numbers 1-5; a half point (3.5) usually means two boxes "
        "were ticked, so raise ValueError rather than score it."
    ),
}


def edge_cases(student_id: str) -> list[Case]:
    """The hidden edge cases for ``score_wai_sr``, with answers drawn from the trainee's seed.

    >>> [c.label for c in edge_cases("trainee-01")]
    ['complete', 'one_missing', 'two_in_one_subscale', 'three_missing', 'out_of_range', 'not_whole', 'eleven_answers']
    """
    rng = _rng(student_id, "wai-edge")

    def answers() -> list:
        return [int(v) for v in rng.choice([2, 3, 4, 4, 5, 5], size=12)]

    cases = []
    full = answers()
    cases.append(Case("complete", tuple(full), reference_scores(full), _CONCEPTS["complete"]))

    one = answers()
    one[int(rng.integers(12))] = None
    cases.append(Case("one_missing", tuple(one), reference_scores(one), _CONCEPTS["one_missing"]))

    two = answers()
    scale = list(WAI_KEY)[int(rng.integers(3))]
    for item in rng.choice(WAI_KEY[scale], size=2, replace=False):
        two[int(item) - 1] = None
    cases.append(
        Case(
            "two_in_one_subscale",
            tuple(two),
            reference_scores(two),
            _CONCEPTS["two_in_one_subscale"],
        )
    )

    three = answers()
    for items in WAI_KEY.values():
        three[int(rng.choice(items)) - 1] = None
    cases.append(
        Case("three_missing", tuple(three), reference_scores(three), _CONCEPTS["three_missing"])
    )

    bad = answers()
    bad[int(rng.integers(12))] = int(rng.choice([0, 6]))
    cases.append(Case("out_of_range", tuple(bad), None, _CONCEPTS["out_of_range"], ValueError))

    half = answers()
    half[int(rng.integers(12))] = 3.5
    cases.append(Case("not_whole", tuple(half), None, _CONCEPTS["not_whole"], ValueError))

    short = answers()[:11]
    cases.append(Case("eleven_answers", tuple(short), None, _CONCEPTS["length"], ValueError))
    return cases


def _same_number(got: object, want: float, tol: float) -> bool:
    if type(got) is bool or not isinstance(got, (int, float)):
        return False
    if math.isnan(want):
        return math.isnan(got)
    return not math.isnan(got) and abs(got - want) <= tol


def check_scores(got: object, expected: dict, name: str, concept: str, tol: float = 1e-6) -> None:
    """Raise :class:`CheckFailed` unless ``got`` has ``expected``'s keys and numbers (NaN = NaN).

    >>> check_scores({"total": float("nan")}, {"total": float("nan")}, "s", "NaN when unscored.")
    >>> check_scores({"total": 4.0}, {"total": float("nan")}, "s", "NaN when unscored.")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `s` is not right yet (total). NaN when unscored.
    """
    value = plain(got, name)
    if type(value) is not dict:
        raise CheckFailed(
            f"`{name}` should return a dict, but it returned a {type(value).__name__}."
        )
    missing = [k for k in expected if k not in value]
    if missing:
        raise CheckFailed(f"`{name}` is missing the key(s) {', '.join(missing)}. {concept}")
    wrong = [k for k, want in expected.items() if not _same_number(value[k], want, tol)]
    if wrong:
        raise CheckFailed(f"`{name}` is not right yet ({', '.join(wrong)}). {concept}")


def check_function_cases(function: Callable, cases: Sequence[Case], name: str) -> None:
    """Run ``function`` on every case; raise :class:`CheckFailed` at the first one that fails.

    Generic: any module can describe calls as :class:`Case` objects. An exception
    the case did not ask for is reported with the case's lesson, not as a crash.
    """
    if not callable(function):
        raise CheckFailed(f"`{name}` should be a function (def {name}(responses): ...).")
    for case in cases:
        shown = list(case.responses)
        if case.raises is not None:
            try:
                result = function(list(case.responses))
            except case.raises:
                continue
            except Exception as err:  # the wrong kind of error still teaches
                raise CheckFailed(
                    f"`{name}({shown})` raised {type(err).__name__}, not "
                    f"{case.raises.__name__}. {case.concept}"
                ) from None
            plain(result, name)  # refuse always-equal objects with a clear message
            raise CheckFailed(
                f"`{name}({shown})` returned a score instead of raising "
                f"{case.raises.__name__}. {case.concept}"
            )
        try:
            result = function(list(case.responses))
        except Exception as err:
            raise CheckFailed(
                f"`{name}({shown})` raised {type(err).__name__}: {err}. {case.concept}"
            ) from None
        check_scores(result, case.expected, f"{name}({shown})", case.concept)


def wai_with_gaps(student_id: str, n_rows: int = 12) -> pd.DataFrame:
    """WAI-SR forms from the trainee's caseload with some answers left blank (NaN).

    The blanks are simulated on top of the caseload (the simulator's forms are
    complete): 0, 1, 2 or 3 blanks per form, so every missing-item rule is used.

    >>> gaps = wai_with_gaps("trainee-01")
    >>> gaps.shape, sorted(gaps[WAI_ITEMS].isna().sum(axis=1).unique().tolist())
    ((12, 14), [0, 1, 2, 3])
    """
    rng = _rng(student_id, "wai-gaps")
    forms = caseload(student_id).items("wai-sr")
    picked = np.sort(rng.choice(len(forms), size=n_rows, replace=False))
    frame = forms.iloc[picked][["client_id", "session", *WAI_ITEMS]].reset_index(drop=True)
    frame["client_id"] = frame["client_id"].astype(str)
    frame[WAI_ITEMS] = frame[WAI_ITEMS].astype(float)
    patterns = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 1, 0][:n_rows]
    for row, n_blank in zip(rng.permutation(n_rows), patterns, strict=False):
        if n_blank == 2 and rng.random() < 0.5:  # both blanks in one subscale
            items = rng.choice(WAI_KEY[list(WAI_KEY)[int(rng.integers(3))]], 2, replace=False)
        else:
            items = rng.choice(np.arange(1, 13), size=n_blank, replace=False)
        for item in items:
            frame.loc[row, f"i{int(item)}"] = np.nan
    return frame


def rows_as_lists(frame: pd.DataFrame) -> list[list]:
    """Each form as a list of 12 answers in item order, ``None`` for a blank.

    >>> rows_as_lists(pd.DataFrame({f"i{k}": [4.0] for k in range(1, 13)}).assign(i3=np.nan))[0][:4]
    [4, 4, None, 4]
    """
    out = []
    for values in frame[WAI_ITEMS].itertuples(index=False):
        out.append([None if pd.isna(v) else int(v) for v in values])
    return out


def caseload_cases(student_id: str) -> list[Case]:
    """One :class:`Case` per form of :func:`wai_with_gaps`, expected values from the library."""
    frame = wai_with_gaps(student_id)
    scored = instruments.score("wai-sr", frame)
    cases = []
    for (_, row), answers in zip(scored.iterrows(), rows_as_lists(frame), strict=True):
        n_blank = int(row["n_missing"])
        concept = (
            f"Client {row['client_id']}, session {row['session']} ({n_blank} blank item(s)): "
            "compare with course.instruments.score('wai-sr', wai_gaps). Subscales need 3 of 4 "
            "answered items, the total 10 of 12, and each score is the mean of the answered items."
        )
        expected = {name: float(row[name]) for name in SCALES}
        cases.append(
            Case(f"{row['client_id']}-{row['session']}", tuple(answers), expected, concept)
        )
    return cases


# ---------------------------------------------------------------------------
# CSQ-8 (simulated coded answers) and the SEQ
# ---------------------------------------------------------------------------

CSQ_ITEMS = [f"i{k}" for k in range(1, 9)]


def csq_discharge(student_id: str) -> pd.DataFrame:
    """Simulated CSQ-8 coded answers (1-4, 4 = most satisfied) from clients who completed.

    Clients who dropped out have no discharge form (as in most services). Answers
    lean towards the top (satisfaction ratings are typically high) and rise with
    the client's late alliance and improvement; a few forms have blanks.

    >>> csq = csq_discharge("trainee-01")
    >>> list(csq.columns)[:3], bool(csq[CSQ_ITEMS].isna().any(axis=1).any())
    (['client_id', 'i1', 'i2'], True)
    >>> answered = csq[CSQ_ITEMS].stack().dropna()
    >>> bool(answered.isin([1, 2, 3, 4]).all()), len(answered) < 8 * len(csq)
    (True, True)
    """
    rng = _rng(student_id, "csq")
    cl = caseload(student_id)
    clients = cl.clients[~cl.clients["dropped_out"]].reset_index(drop=True)
    wai = instruments.score("wai-sr", cl.items("wai-sr"))
    late = wai.groupby("client_id", observed=True)["total"].apply(lambda s: s.tail(3).mean())
    late = late.reindex(clients["client_id"]).to_numpy()

    def z(x: np.ndarray) -> np.ndarray:
        return (x - np.nanmean(x)) / np.nanstd(x)

    latent = (
        0.5 * z(late)
        + 0.3 * z(clients["outcome_change"].to_numpy())
        + rng.normal(0, 0.8, len(clients))
    )
    raw = 3.25 + 0.5 * latent[:, None] + rng.normal(0, 0.55, (len(clients), 8))
    codes = np.clip(np.floor(raw + 0.5), 1, 4)
    blanks = rng.random(len(clients))
    for row in np.flatnonzero(blanks < 0.15):
        n_blank = 2 if blanks[row] < 0.04 else 1
        codes[row, rng.choice(8, size=n_blank, replace=False)] = np.nan
    if not np.isnan(codes).any():  # every trainee meets at least one incomplete form
        codes[int(rng.integers(len(clients))), int(rng.integers(8))] = np.nan
    frame = pd.DataFrame(codes, columns=CSQ_ITEMS)
    frame.insert(0, "client_id", clients["client_id"].astype(str).to_numpy())
    return frame


def csq_reference(student_id: str) -> dict:
    """Forms received, forms scored (no prorating) and the mean of the scored totals.

    >>> ref = csq_reference("trainee-01")
    >>> sorted(ref), ref["n_scored"] < ref["n_forms"], 8 <= ref["mean_total"] <= 32
    (['mean_total', 'n_forms', 'n_scored'], True, True)
    """
    scored = instruments.score("csq-8", csq_discharge(student_id))
    totals = scored["total"].dropna()
    return {
        "n_forms": int(len(scored)),
        "n_scored": int(len(totals)),
        "mean_total": round(float(totals.mean()), 2),
    }


#: Why the SEQ cannot be scored by the course: the options a trainee chooses from.
SEQ_OPTIONS = {
    "licence": "its licence forbids scoring it",
    "key": "which items form each index, and which are reversed, is not confirmed",
    "norms": "it has no published norms to compare a score with",
    "length": "21 items are too many to score reliably",
}
SEQ_ANSWER = "key"


# ---------------------------------------------------------------------------
# The assigned client: SRS lines, ORS and AUDIT
# ---------------------------------------------------------------------------

SRS_LINES = ["i1", "i2", "i3", "i4"]


def assigned_client(student_id: str) -> str:
    """An alcohol-use client who completed treatment, chosen for this trainee.

    Preference goes to clients whose SRS totals fall on both sides of 36 and
    whose ORS totals fall on both sides of 25, so both flags matter.

    >>> assigned_client("trainee-01").startswith("C")
    True
    """
    cl = caseload(student_id)
    clients = cl.clients
    pool = clients[(clients["problem"] == "alcohol_use") & ~clients["dropped_out"]]
    sessions = cl.sessions
    by_client = sessions.groupby("client_id", observed=True)
    srs_low = by_client["srs"].apply(lambda s: (s <= 36).any() and (s > 36).any())
    ors_low = by_client["ors"].apply(lambda s: (s < 25).any() and (s >= 25).any())
    ids = pool["client_id"].astype(str)
    best = [c for c in ids if srs_low.get(c, False) and ors_low.get(c, False)]
    good = [c for c in ids if srs_low.get(c, False)]
    candidates = best or good or list(ids)
    rng = _rng(student_id, "assigned")
    return sorted(candidates)[int(rng.integers(len(candidates)))]


def _split_total(total: float, rng: np.random.Generator) -> list[float]:
    """Four 0-10 line marks (one decimal) whose decimal sum is exactly ``total``."""
    tenths = round(total * 10)
    for _ in range(200):
        marks = np.clip(np.round(total / 4 + rng.normal(0, 0.5, 4), 1), 0, 10)
        marks_t = np.round(marks * 10).astype(int)
        marks_t[-1] = tenths - marks_t[:3].sum()
        if not 0 <= marks_t[-1] <= 100:
            continue
        lines = [int(t) / 10 for t in marks_t]
        # Keep only splits whose floating-point sum equals the decimal total, so that
        # scoring the lines and reading the recorded total give the same answer.
        if sum(lines) == tenths / 10:
            return lines
    raise RuntimeError(f"could not split an SRS total of {total} into four lines")


def srs_lines(student_id: str) -> pd.DataFrame:
    """The assigned client's SRS as four line marks per session (simulated split of the total).

    >>> lines = srs_lines("trainee-01")
    >>> list(lines.columns)
    ['client_id', 'session', 'i1', 'i2', 'i3', 'i4']
    """
    client = assigned_client(student_id)
    sessions = caseload(student_id).sessions
    own = sessions[sessions["client_id"] == client]
    rng = _rng(student_id, "srs-lines")
    rows = [
        [client, int(s), *_split_total(float(t), rng)]
        for s, t in zip(own["session"], own["srs"], strict=True)
    ]
    return pd.DataFrame(rows, columns=["client_id", "session", *SRS_LINES])


def srs_reference(student_id: str) -> list[int]:
    """Sessions whose SRS total is 36 or below (the ``alliance_concern`` flag)."""
    scored = instruments.score("srs", srs_lines(student_id))
    return [int(s) for s in scored.loc[scored["alliance_concern"].fillna(False), "session"]]


def ors_reference(student_id: str) -> list[int]:
    """The assigned client's sessions with an ORS total below the adult cut-off of 25."""
    client = assigned_client(student_id)
    sessions = caseload(student_id).sessions
    own = sessions[sessions["client_id"] == client]
    return [int(s) for s in own.loc[own["ors"] < 25, "session"]]


def audit_reference(student_id: str) -> list[int]:
    """The assigned client's AUDIT risk zone (1-4) at each AUDIT, in session order."""
    client = assigned_client(student_id)
    audit = instruments.score("audit", caseload(student_id).items("audit"))
    own = audit[audit["client_id"] == client].sort_values("session")
    return [int(z) for z in own["zone"]]


# ---------------------------------------------------------------------------
# PHQ-9 item 9
# ---------------------------------------------------------------------------

ITEM9_OPTIONS = {
    "review": "note it and look at the trend at the next session",
    "assess": (
        "ask the client directly about thoughts of self-harm today and make sure a qualified "
        "clinician does a same-day risk assessment and safety plan, following local protocol "
        "and supervision"
    ),
    "rescore": "score the PHQ-9 without item 9 so one item does not inflate the total",
    "wait": "wait, because the total is below the moderate band",
}
ITEM9_ANSWER = "assess"


def item9_reference(student_id: str) -> list[str]:
    """Clients who endorsed PHQ-9 item 9 at a session whose total was below 10.

    These are the clients a screen on the total alone (>= 10) would have missed.

    >>> missed = item9_reference("trainee-01")
    >>> missed == sorted(missed), all(c.startswith("C") for c in missed)
    (True, True)
    """
    phq = instruments.score("phq-9", caseload(student_id).items("phq-9"))
    hit = phq["safety_flag"].fillna(False).astype(bool) & (phq["total"] < 10)
    return sorted({str(c) for c in phq.loc[hit, "client_id"]})


# ---------------------------------------------------------------------------
# Client and therapist ratings of the same sessions
# ---------------------------------------------------------------------------

DIRECTIONS = ("clients higher", "therapists higher", "about the same")


def paired_ratings(student_id: str) -> pd.DataFrame:
    """Sessions 1-3 of every client: the client's WAI-SR as a *sum* (12-60), the therapist's as a mean.

    The service stores the two forms in different metrics, as real services do:
    the client form as the sum of its 12 items, the therapist form as the mean item
    score (1-5).

    >>> pairs = paired_ratings("trainee-01")
    >>> list(pairs.columns)
    ['client_id', 'therapist_id', 'session', 'client_wai_sum', 'therapist_rating']
    >>> bool(pairs["client_wai_sum"].between(12, 60).all()), int(pairs["session"].max())
    (True, 3)
    """
    sessions = caseload(student_id).sessions
    early = sessions[sessions["session"] <= 3]
    return pd.DataFrame(
        {
            "client_id": early["client_id"].astype(str).to_numpy(),
            "therapist_id": early["therapist_id"].astype(str).to_numpy(),
            "session": early["session"].astype(int).to_numpy(),
            "client_wai_sum": early[WAI_ITEMS].sum(axis=1).astype(int).to_numpy(),
            "therapist_rating": early["therapist_alliance"].astype(float).to_numpy(),
        }
    )


def early_means(pairs: pd.DataFrame) -> pd.DataFrame:
    """Each client's mean rating by each rater on the 1-5 metric (client sum / 12).

    One row per client, columns ``client`` and ``therapist``: the inputs of
    :func:`rating_gap` and of the rater chart.

    >>> pairs = pd.DataFrame({"client_id": ["a", "a"], "session": [1, 2],
    ...     "client_wai_sum": [54, 48], "therapist_rating": [4.0, 3.0]})
    >>> early_means(pairs).to_dict("index")
    {'a': {'client': 4.25, 'therapist': 3.5}}
    """
    frame = pd.DataFrame(
        {
            "client_id": pairs["client_id"],
            "client": pairs["client_wai_sum"] / 12,
            "therapist": pairs["therapist_rating"],
        }
    )
    return frame.groupby("client_id")[["client", "therapist"]].mean()


def rating_gap(pairs: pd.DataFrame) -> dict:
    """Direction, Cohen's d and Pearson r of client versus therapist ratings.

    Each client's sessions 1-3 are averaged per rater on the 1-5 metric (the
    client sum divided by 12). ``d`` = (client mean - therapist mean) / pooled SD,
    the pooled SD being the root mean of the two variances (one value per client
    and rater, so the groups are equal in size); ``r`` correlates the two.

    >>> pairs = pd.DataFrame({"client_id": ["a", "a", "b", "b"], "session": [1, 2, 1, 2],
    ...     "client_wai_sum": [54, 54, 42, 42], "therapist_rating": [4.0, 4.0, 3.0, 3.0]})
    >>> rating_gap(pairs)
    {'direction': 'clients higher', 'd': 0.707, 'r': 1.0}
    """
    per_client = early_means(pairs)
    client, therapist = per_client["client"], per_client["therapist"]
    pooled = math.sqrt((client.var() + therapist.var()) / 2)
    d = (client.mean() - therapist.mean()) / pooled
    direction = DIRECTIONS[0] if d >= 0.2 else DIRECTIONS[1] if d <= -0.2 else DIRECTIONS[2]
    return {
        "direction": direction,
        "d": round(float(d), 3),
        "r": round(float(client.corr(therapist)), 3),
    }


def rating_gap_reference(student_id: str) -> dict:
    """:func:`rating_gap` of the trainee's own caseload."""
    return rating_gap(paired_ratings(student_id))


# ---------------------------------------------------------------------------
# Ceiling
# ---------------------------------------------------------------------------


def ceiling_summary(student_id: str) -> dict:
    """How much of the trainee's caseload sits at the top of the alliance scales.

    >>> summary = ceiling_summary("trainee-01")
    >>> sorted(summary)
    ['share_srs_at_40', 'share_srs_at_or_above_38', 'share_wai_items_at_5']
    """
    sessions = caseload(student_id).sessions
    return {
        "share_srs_at_40": round(float((sessions["srs"] >= 40).mean()), 3),
        "share_srs_at_or_above_38": round(float((sessions["srs"] >= 38).mean()), 3),
        "share_wai_items_at_5": round(float((sessions[WAI_ITEMS] == 5).to_numpy().mean()), 3),
    }
