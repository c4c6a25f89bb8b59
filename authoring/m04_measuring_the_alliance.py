"""Authoring script for notebooks/04-measuring-the-alliance (run: python -m authoring.m04_measuring_the_alliance)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

MODULE_IMPORT = "import course.exercises.m04_measuring_the_alliance as _m04"

CELLS = [
    md(
        "title",
        """
# Module 04 · Measuring the alliance

**Estimated time:** 90 minutes · **Graded items:** 12 (10 autograded, 2 written)

The alliance is something client and counsellor *experience*, yet services, supervisors
and researchers also want to put a number on it. This module looks at the tools that
do that: what each one asks about, who fills it in, what the course is allowed to show
of it, and what its numbers can and cannot tell you. You will score forms by hand and
with the course library, compare what clients and therapists say about the same
sessions, and look for the places where a scale runs out of room.

### Learning objectives
By the end of this module you will be able to:
1. describe the nine entries in the seed article's list of measurement tools (what each
   measures, who rates it, its length and licence) and say honestly which of them could
   not be identified;
2. explain why this course shows paraphrased item labels instead of item wording, and
   tell *free to use* apart from *free to reproduce*;
3. name whose perspective a rating gives (client, therapist or observer);
4. write a WAI-SR scorer by hand, including the rule for missing answers, and check it
   against `course.instruments.score`;
5. score CSQ-8-structured and SRS data with the library, and explain why the SEQ cannot
   be scored here;
6. read the outcome measures the course uses (ORS, PHQ-9, AUDIT) and act on PHQ-9 item 9
   (thoughts of death or self-harm) as a clinical-safety item;
7. estimate the direction and size of the gap between client and therapist ratings of
   the same sessions, and say what the gap means for how you read your own rating;
8. spot a ceiling effect in alliance ratings and explain what it hides.

### Key terms
- **Respondent / perspective**: who gives the rating: the *client*, the *therapist*, or an
  *observer* outside the relationship (for example a rater coding a recording).
- **Scale score**: one number summarising several items (a sum or a mean); a
  **subscale** summarises a subset of items (for the WAI-SR: Task, Goal, Bond).
- **Missing-item rule**: how many blank answers a score tolerates before it is left
  empty, and how the answered items are used when it does.
- **Ceiling effect**: many answers at the top of a scale, so differences among the
  highest scorers, and any improvement, cannot show.
- **Clinical-safety item**: an item read on its own, every time, because one answer
  calls for action whatever the total (PHQ-9 item 9).

*All clients, therapists and forms in this notebook are simulated from your trainee id.
No real person's data is used.*
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "content-note",
        """
**A note on content.** Section 8 discusses a questionnaire item about thoughts of death
or self-harm. If that is difficult for you personally, talk with your supervisor or
instructor; you can read the section with them.
""",
    ),
    code(
        "load-data",
        """
import pandas as pd

import course.instruments as instruments
from course.exercises.m04_measuring_the_alliance import MODULE
from course.simulate import for_student

cl = for_student(course.identity(), MODULE)
sessions, clients = cl.sessions, cl.clients
print(
    f"Your simulated caseload: {len(cl.therapists)} therapists, {len(clients)} clients, "
    f"{len(sessions)} sessions ({(clients['problem'] == 'depression').sum()} clients "
    f"seen for depression, {(clients['problem'] == 'alcohol_use').sum()} for alcohol use)."
)
""",
    ),
    md(
        "why-measure",
        """
## 1. Why measure the alliance, and from whose seat?

Across hundreds of studies, how strong the alliance is predicts how well therapy goes:
a large meta-analysis found a correlation of about *r* = .28 between
alliance and outcome (Flückiger et al., 2018; 295 studies, more than 30,000 patients).
A counsellor who wants to know how the relationship is going can of course ask, but a
short form collects the answer the same way every time, for every client, and makes
changes visible from one session to the next.

Every alliance rating comes from somewhere:

| Perspective | Who rates | Examples in this module |
|---|---|---|
| **Client** | the person in therapy, about their own experience | WAI-SR, SRS, CSQ-8, CRF |
| **Therapist** | the counsellor, about the same relationship from their side | WAI therapist form, SEQ (therapists can use it too), the `therapist_alliance` column of your caseload |
| **Observer** | a trained rater outside the relationship, from a recording or transcript | WAI observer form, rupture-coding manuals |

These are not three copies of one truth. A meta-analysis of 53 studies found that
client and therapist ratings of the same alliance correlate only moderately (*r* = .36)
and that clients rate it higher, by about two thirds of a standard deviation
(*d* = .63; Tryon, Blackwell & Hammel, 2007). You will check both in your own caseload
in Section 9. Whose perspective a rating gives is decided by **who gives it**, not by
what it is about: a therapist's guess at how much the client trusts them is still the
therapist's perspective.
""",
    ),
    md(
        "seed-list",
        """
## 2. The tools the seed article names

The article this course started from lists nine "tools" for measuring the
client-therapist relationship. Two corrections first. The list is credited in the
article to Kuutmann & Hilsenroth (2012), but the article's reference list swaps its
references 3 and 4: the list actually comes from a University at Buffalo School of
Social Work page called *Assessment instruments* (2022). And that is why the first entry
reads "Assessment Instruments": it is the **title of the page**, copied as if it were a
tool.

The course keeps a catalogue of every instrument it mentions
(`course.instruments.catalogue()`), with who answers it, how many items it has, its
licence and whether the course can score it. Its `status` column says *why* when an
instrument is not scored. Here are the nine entries as the article prints them, and the
catalogue:
""",
    ),
    code(
        "seed-list-show",
        """
from IPython.display import display

from course.exercises.m04_measuring_the_alliance import SEED_LIST

for number, name in enumerate(SEED_LIST, start=1):
    print(f"{number}. {name}")

catalogue = instruments.catalogue()
with pd.option_context("display.max_colwidth", None):  # show each status in full
    display(catalogue[["id", "name", "respondent", "n_items", "scoreable", "status"]])
""",
    ),
    md(
        "seed-list-notes",
        """
What the tools are, in brief (all descriptions are the course's own summaries):

- **Working Alliance Inventory (WAI)**: 36 items rated 1-7, twelve each for agreement on
  goals, agreement on tasks and the bond (Bordin's three parts), with client, therapist
  and observer forms (Horvath & Greenberg, 1989). Short forms followed: the WAI-S
  (Tracey & Kokotovic, 1989) and the **WAI-SR** (Hatcher & Gillaspy, 2006), 12 client-rated
  items on a 1-5 scale, four per subscale; internal consistency above .80 was reported in
  German out- and inpatients (Munder et al., 2010). The course scores the WAI-SR; the
  full WAI and the WAI-S are only catalogued, because their item keys (which items belong
  to which subscale, which are reversed) are not confirmed in sources the course read.
- **Client Satisfaction Questionnaire (CSQ-8)**: eight client-rated items about the
  service, each with four answers coded 1-4; the total runs from 8 to 32 (Larsen et al.,
  1979; Attkisson & Zwick, 1982). It measures satisfaction with a *service*, not the
  alliance as such, and scores tend to bunch near the top.
- **Counselor Rating Form (CRF)**: 36 bipolar adjective pairs on which the client rates
  how *expert*, *attractive* and *trustworthy* the counsellor seems (Barak & LaCrosse,
  1975). Catalogued only: which pair belongs to which dimension is not confirmed.
- **Reid-Gundlach Social Service Satisfaction Scale (R-GSSSS)**: client satisfaction with
  social services, with relevance, impact and gratification subscales (Reid & Gundlach,
  1983); its length (reported as 34 items) and format could not be confirmed.
- **Session Evaluation Questionnaire (SEQ, Form 5)**: 21 bipolar adjective items, 7-point;
  the first 11 rate the session (Depth, Smoothness), the rest the rater's mood afterwards
  (Positivity, Arousal). Clients and therapists can both use it (Stiles et al., 1994).
- **Client/Therapist Treatment Expectancy and Evaluation Form**: not a published
  instrument. The Buffalo page says its staff gave this title to an informal four-item,
  7-point form used in a depression trial (Propst et al., 1992), and that its validity
  and reliability are not discussed. Catalogued, never scored.
- **Psychotherapy Questionnaire (client and therapist forms)** and **Program Evaluation
  Form**: the course searched and **could not identify** a published instrument by
  either name. They are listed as *not identified*; the course invents no items for them.
  (Strupp's patient and therapist questionnaires are the nearest known tools by name, but
  nothing confirms they are what the list meant.)

Saying "unknown" is part of measuring honestly: a made-up item key would produce numbers
that look precise and mean nothing.
""",
    ),
    md(
        "ex1-prompt",
        """
### Exercise 1 (2 points): what can the course do with each tool?

`my_tools` below holds six entries of the seed list, chosen for you. Using the catalogue
above (and `instruments.get(id)` if you want the details), store in `seed_list_status`
a dict mapping **each name in `my_tools`** to one of these strings:

- `"scored"`: the catalogue scores this very instrument;
- `"catalogue_only"`: a real, identified instrument that the course describes but does
  not score;
- `"not_identified"`: no published instrument of that name could be identified;
- `"not_an_instrument"`: the entry is not a measurement tool at all.

Careful: match the instrument the article names, not a relative of it.
""",
    ),
    code(
        "ex1-data",
        """
from course.exercises.m04_measuring_the_alliance import tools_for

my_tools = tools_for(course.identity())
my_tools
""",
    ),
    answer(
        "ex1-answer",
        """
name_to_id = {
    "Assessment Instruments": None,  # the title of the Buffalo page, not a tool
    "Client Satisfaction Questionnaire (CSQ-8)": "csq-8",
    "Client/Therapist Treatment Expectancy and Evaluation Form": "treatment-expectancy-evaluation-form",
    "Counselor Rating Form (CRF)": "crf",
    "Program Evaluation Form": "program-evaluation-form",
    "Psychotherapy Questionnaire (client and therapist forms)": "psychotherapy-questionnaire",
    "Reid-Gundlach Social Service Satisfaction Scale (R-GSSSS)": "r-gssss",
    "Session Evaluation Questionnaire (SEQ)": "seq",
    "Working Alliance Inventory (WAI)": "wai",  # the 36-item WAI, not the WAI-SR
}
availability_to_status = {
    "scoreable": "scored",
    "catalogue_only": "catalogue_only",
    "not_identified": "not_identified",
}
seed_list_status = {}
for name in my_tools:
    instrument_id = name_to_id[name]
    if instrument_id is None:
        seed_list_status[name] = "not_an_instrument"
    else:
        availability = instruments.get(instrument_id).availability
        seed_list_status[name] = availability_to_status[availability]
""",
    ),
    tests(
        "ex1-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(seed_list_status, my_tools, "seed_list_status")
for _name, _status in seed_list_status.items():
    expect_choice(
        _status, ["scored", "catalogue_only", "not_identified", "not_an_instrument"],
        f"seed_list_status[{_name!r}]",
    )
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_labels
from course.identity import identity as _identity

_names = _m04.tools_for(_identity())
expect_labels(
    seed_list_status,
    _m04.tools_key(_names),
    "seed_list_status",
    _m04.tools_rationales(_names),
)
""",
        points=2,
    ),
    md(
        "outcome-measures",
        """
## 3. Beyond the list: session feedback and outcome measures

The course also uses tools the article does not name, because counselling services use
them every week:

- **Session Rating Scale (SRS)**: four lines the client marks from 0 to 10 at the end of
  a session (the relationship, goals and topics, the approach, the session overall);
  total 0-40. A total of **36 or below** is the conventional prompt to ask the client
  what could be different (Duncan et al., 2003; the 36 threshold comes from scoring
  guides).
- **Outcome Rating Scale (ORS)**: its partner at the *start* of a session: four 0-10 lines
  about how the client has been doing (individually, in close relationships, socially,
  overall); higher is better. Totals below **25** are reported as the adult clinical
  cut-off (Miller et al., 2003; the cut-off comes from secondary scoring guides).
  Together the SRS and ORS form PCOMS, a way of working in which the counsellor asks for
  this feedback in every session.
- **PHQ-9**: nine items about the last two weeks, each 0-3, total 0-27, lower is better;
  bands at 5, 10, 15 and 20 (mild, moderate, moderately severe, severe), and a total of
  10 or more screened for major depression with sensitivity and specificity of .88
  (Kroenke, Spitzer & Williams, 2001). **Item 9 asks about thoughts of death or
  self-harm** and is read on its own (Section 8).
- **AUDIT**: ten items about alcohol use (WHO; Babor et al., 2001); items 1-8 score 0-4,
  items 9-10 score 0, 2 or 4; total 0-40. Risk zones: 0-7 (zone 1), 8-15 (zone 2), 16-19
  (zone 3), 20 or more (zone 4, evaluate for possible dependence).

The ORS, PHQ-9 and AUDIT measure *how the client is doing*, not the relationship; the
alliance matters because it predicts these outcomes.
""",
    ),
    md(
        "licences",
        """
## 4. Why you see labels, not item wording

Most alliance and satisfaction questionnaires are copyrighted. The WAI family's
copyright is held through the Society for Psychotherapy Research; the CSQ-8 needs
permission and a fee per use and may not be altered; the SRS and ORS are free for
*individual* clinicians to download and use, but agencies need a licence and the forms
may not be reproduced. A course that printed their items would be redistributing them.
So this course ships each instrument's **structure** (number of items, response scale,
subscale key, scoring rule) with short **paraphrased labels** that name what an item is
about, and sends you to the publisher for the real form.

"Free to use" is not "free to reproduce". The PHQ-9 is the exception in this module: its
owner released it for use, reproduction and translation without permission or fee.
Where the course could not confirm a licence, it treats the wording as not
reproducible. The licence of each instrument is in `instruments.get(id).licence`.
""",
    ),
    md(
        "ex2-prompt",
        """
### Exercise 2 (1 point): may the course print it?

For each instrument id in `licence_ids`, decide whether **this course may print the
instrument's item wording** in a handout, going by the licence recorded for it
(`instruments.get(id).licence`). Store a dict `may_reprint` mapping each id to `True` or
`False`.

Careful: the catalogue column `item_text_shipped` records what the course *does* ship,
not what a licence *allows*.
""",
    ),
    code(
        "ex2-data",
        """
from course.exercises.m04_measuring_the_alliance import licence_quiz

licence_ids = licence_quiz(course.identity())
for instrument_id in licence_ids:
    print(f"{instrument_id:>38}: {instruments.get(instrument_id).licence.summary}")
""",
    ),
    answer(
        "ex2-answer",
        """
may_reprint = {i: bool(instruments.get(i).licence.item_text_may_ship) for i in licence_ids}
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.grading import expect_keys, expect_type

expect_keys(may_reprint, licence_ids, "may_reprint")
for _id, _allowed in may_reprint.items():
    expect_type(_allowed, bool, f"may_reprint[{_id!r}]", "Use True or False.")
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_labels
from course.identity import identity as _identity

_ids = _m04.licence_quiz(_identity())
expect_labels(
    may_reprint,
    _m04.licence_key(_ids),
    "may_reprint",
    {{
        _i: _why + " Free to use is not free to reproduce: only a licence that allows "
        "reproduction (or a confirmed release) lets the course print item wording."
        for _i, _why in _m04.licence_rationales(_ids).items()
    }},
)
""",
        points=1,
    ),
    md(
        "ex3-prompt",
        """
### Exercise 3 (2 points): whose perspective?

Each situation in `situations` describes a rating. Store in `perspective` a dict mapping
each situation id to `"client"`, `"therapist"` or `"observer"`: whose view of the
relationship the rating gives.
""",
    ),
    code(
        "ex3-data",
        """
from course.exercises.m04_measuring_the_alliance import rater_scenarios

situations = rater_scenarios(course.identity())
for situation_id, text in situations.items():
    print(f"{situation_id}: {text}\\n")
""",
    ),
    answer(
        "ex3-answer",
        """
# Decided by reading each situation and asking: who gives the rating?
judged = {
    "s01": "client",  # the client marks the lines about their own session
    "s02": "observer",  # raters outside the pair, from a video
    "s03": "therapist",  # the counsellor's own form
    "s04": "therapist",  # about the client's trust, but the counsellor's view of it
    "s05": "observer",  # a supervisor coding a recording with a manual
    "s06": "client",  # the person who received the service
    "s07": "therapist",  # the therapist rates the session from their seat
    "s08": "client",  # the client rates how the counsellor seemed
    "s09": "observer",  # watching through a one-way mirror
    "s10": "client",  # the client answers about their own therapy
    "s11": "therapist",  # the counsellor's prediction is still the counsellor's view
    "s12": "observer",  # an independent rater of transcripts
}
perspective = {situation_id: judged[situation_id] for situation_id in situations}
""",
    ),
    tests(
        "ex3-tests",
        visible="""
from course.grading import expect_choice, expect_keys

expect_keys(perspective, list(situations), "perspective")
for _id, _who in perspective.items():
    expect_choice(_who, ["client", "therapist", "observer"], f"perspective[{_id!r}]")
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_labels
from course.identity import identity as _identity

_ids = list(_m04.rater_scenarios(_identity()))
expect_labels(perspective, _m04.rater_key(_ids), "perspective", _m04.rater_rationales(_ids))
""",
        points=2,
    ),
    md(
        "wai-sr",
        """
## 5. Scoring the WAI-SR by hand

The WAI-SR has 12 client-rated items, each answered 1 (Seldom) to 5 (Always). The subscale
key, and the absence of reverse-keyed items, come from scoring guides citing Hatcher &
Gillaspy (2006), a secondary source: the course has not checked them against the article.

| Subscale | Items | Score |
|---|---|---|
| Task (agreement on what you do in therapy) | 1, 2, 10, 12 | mean of the 4 items, 1-5 |
| Goal (agreement on what therapy is for) | 4, 6, 8, 11 | mean of the 4 items, 1-5 |
| Bond (trust, respect, liking) | 3, 5, 7, 9 | mean of the 4 items, 1-5 |
| Total | all 12 | mean of the 12 items, 1-5 |

Some services report sums instead (4-20 per subscale, 12-60 total); the two carry the
same information. The course reports means.

**The missing-item rule (a course convention).** No published rule for blank WAI-SR
answers was found in the sources the course read, so the course states its own and
applies it everywhere:

- a **subscale** is scored when at least **3 of its 4** items are answered: the mean of
  the answered items; with 2 or more blanks it is left empty (NaN);
- the **total** is scored when at least **10 of the 12** items are answered: the mean of
  *all answered items* (not the mean of the subscale means); with 3 or more blanks it is
  left empty;
- an answer that is not a whole number from 1 to 5 is an **error**, never scored,
  clipped or skipped.

Try it first with the scorer below: change answers, set some to *(blank)*, and watch
the scores and the notes. It renders the WAI-SR spec and scores through
`course.instruments.score` each time you change an answer; the labels are the course's
paraphrases.
""",
    ),
    code(
        "widget",
        """
from course.widgets.m04_scorer import instrument_scorer

instrument_scorer("wai-sr")
""",
        tags=("widget",),
    ),
    md(
        "ex4-prompt",
        """
### Exercise 4 (5 points): write `score_wai_sr`

Write a function `score_wai_sr(responses)` that takes a list of **12 answers in item
order** (item 1 first), each an `int` from 1 to 5 or `None` for a blank, and returns a
dict with the keys `"task"`, `"goal"`, `"bond"` and `"total"`: each a `float` (the mean
item score), or `float("nan")` when the missing-item rule says the score cannot be
given. It must `raise ValueError` when the list does not hold 12 answers or when an
answer is not a whole number from 1 to 5.

Do not call `course.instruments.score` inside it: the point is to write the rule
yourself. The visible test only checks that a call returns the right shape; the hidden
tests try complete forms, forms with one, two and three blanks, and impossible answers,
then run your function over forms from your own caseload and compare with the library
(3 + 2 points).
""",
    ),
    answer(
        "ex4-answer",
        """
WAI_SR_KEY = {"task": [1, 2, 10, 12], "goal": [4, 6, 8, 11], "bond": [3, 5, 7, 9]}


def score_wai_sr(responses):
    answers = list(responses)
    if len(answers) != 12:
        raise ValueError(f"the WAI-SR has 12 items; got {len(answers)} answers")
    for number, value in enumerate(answers, start=1):
        if value is not None and value not in (1, 2, 3, 4, 5):
            raise ValueError(f"item {number}: {value!r} is not a whole number from 1 to 5")

    def mean_of(items, max_missing):
        given = [answers[i - 1] for i in items if answers[i - 1] is not None]
        if len(items) - len(given) > max_missing:
            return float("nan")
        return sum(given) / len(given)

    scores = {name: mean_of(items, max_missing=1) for name, items in WAI_SR_KEY.items()}
    scores["total"] = mean_of(range(1, 13), max_missing=2)
    return scores
""",
    ),
    tests(
        "ex4-tests-edge",
        visible="""
from course.grading import expect_keys, expect_number

_example = score_wai_sr([4, 5, 4, 3, 5, 4, 4, 3, 5, 4, 4, 4])
expect_keys(_example, ["task", "goal", "bond", "total"], "score_wai_sr(...)")
for _scale, _value in _example.items():
    expect_number(_value, f"score_wai_sr(...)[{_scale!r}]", 1, 5)
""",
        hidden=f"""
{MODULE_IMPORT}
from course.identity import identity as _identity

_m04.check_function_cases(score_wai_sr, _m04.edge_cases(_identity()), "score_wai_sr")
""",
        points=3,
    ),
    md(
        "ex4-caseload",
        """
Forms from your caseload with some answers left blank (the blanks are simulated on top
of your caseload). Compare your function with the library on them before you move on,
for example with `score_wai_sr(rows[0])` next to the first row of
`instruments.score("wai-sr", wai_gaps)`. This test cell runs your function on every row.
""",
    ),
    code(
        "ex4-caseload-data",
        """
from course.exercises.m04_measuring_the_alliance import rows_as_lists, wai_with_gaps

wai_gaps = wai_with_gaps(course.identity())
rows = rows_as_lists(wai_gaps)  # each form as a list of 12 answers, None for a blank
wai_gaps
""",
    ),
    tests(
        "ex4-tests-caseload",
        visible="""
from course.grading import expect_type

expect_type(score_wai_sr(rows[0]), dict, "score_wai_sr(rows[0])", "Return a dict of four scores.")
""",
        hidden=f"""
{MODULE_IMPORT}
from course.identity import identity as _identity

_m04.check_function_cases(score_wai_sr, _m04.caseload_cases(_identity()), "score_wai_sr")
""",
        points=2,
    ),
    md(
        "csq-seq",
        """
## 6. Scoring other structures: CSQ-8, SEQ and SRS

`course.instruments.score(id, frame)` scores any scoreable instrument from a wide frame
with item columns `i1`..`iN` (one row per form), keeps your id columns, and adds the
scale scores, `n_missing`, the instrument's flags and a `score_note` that explains every
empty or prorated score.

`csq` below holds **simulated** CSQ-8 coded answers (1-4, 4 = the most satisfied answer)
from the clients in your caseload who finished treatment; clients who dropped out
returned no form. The real CSQ-8 is licensed and its wording is not shown: only the
coded structure is simulated. The CSQ-8 total is the sum of the eight codes, and the
course does **not prorate** it: a form with a blank has no total.
""",
    ),
    code(
        "csq-data",
        """
from course.exercises.m04_measuring_the_alliance import csq_discharge

csq = csq_discharge(course.identity())
csq.head(8)
""",
    ),
    md(
        "ex5-prompt",
        """
### Exercise 5 (2 points): CSQ-8 totals, and the SEQ

1. Score `csq` with `instruments.score("csq-8", csq)` and store in `csq_summary` a dict
   with `"n_forms"` (forms received), `"n_scored"` (forms with a total) and
   `"mean_total"` (the mean of the totals that could be scored, to 2 decimals).
2. The SEQ is in the catalogue but the course does not score it. Look at
   `instruments.get("seq")` (its `status_note` and its `facts`), or try scoring a frame
   with it, and store in `seq_blocker` the key of the true reason from `SEQ_OPTIONS`.
""",
    ),
    code(
        "ex5-options",
        """
from course.exercises.m04_measuring_the_alliance import SEQ_OPTIONS

SEQ_OPTIONS
""",
    ),
    answer(
        "ex5-answer",
        """
csq_scored = instruments.score("csq-8", csq)
csq_summary = {
    "n_forms": len(csq_scored),
    "n_scored": int(csq_scored["total"].notna().sum()),
    "mean_total": round(float(csq_scored["total"].mean()), 2),
}

seq = instruments.get("seq")
print(seq.status_note)
print([fact.value for fact in seq.facts if fact.fact == "subscale_key"])
seq_blocker = "key"
""",
    ),
    tests(
        "ex5-tests",
        visible="""
from course.grading import expect_choice, expect_keys, expect_number

expect_keys(csq_summary, ["n_forms", "n_scored", "mean_total"], "csq_summary")
expect_number(csq_summary["mean_total"], "csq_summary['mean_total']", 8, 32)
expect_choice(seq_blocker, list(SEQ_OPTIONS), "seq_blocker")
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_close, expect_equal
from course.identity import identity as _identity

_ref = _m04.csq_reference(_identity())
expect_equal(
    csq_summary["n_forms"], _ref["n_forms"], "csq_summary['n_forms']",
    "Count every form received (one row per form), including incomplete ones.",
)
expect_equal(
    csq_summary["n_scored"], _ref["n_scored"], "csq_summary['n_scored']",
    "The CSQ-8 is not prorated: a form with any blank has no total. Count the rows whose "
    "total is not NaN.",
)
expect_close(
    csq_summary["mean_total"], _ref["mean_total"], "csq_summary['mean_total']",
    "Average only the totals that could be scored. Summing the answered codes of an "
    "incomplete form (blanks as 0) makes a total that is too low, not a score.",
    tol=0.01,
)
expect_equal(
    seq_blocker, _m04.SEQ_ANSWER, "seq_blocker",
    "The SEQ's licence and length are not the problem: the course could not confirm which "
    "of the 21 items form each index, or which are reversed, so any score would be a guess "
    "(see instruments.get('seq').facts).",
)
""",
        points=2,
    ),
    md(
        "srs",
        """
Now the SRS. Your **assigned client** is one of your caseload's alcohol-use clients;
`my_srs` holds their four SRS line marks (0-10) for each session (`i1` relationship, `i2`
goals and topics, `i3` approach, `i4` overall; simulated from the session totals in your
caseload).
""",
    ),
    code(
        "srs-data",
        """
from course.exercises.m04_measuring_the_alliance import assigned_client, srs_lines

my_client = assigned_client(course.identity())
my_srs = srs_lines(course.identity())
print(f"Your assigned client: {my_client}")
my_srs
""",
    ),
    md(
        "ex6-prompt",
        """
### Exercise 6 (1 point): which sessions raise the SRS flag?

Score `my_srs` with `instruments.score("srs", my_srs)` and store in
`srs_concern_sessions` the **list of session numbers** (ints, in session order) where the
`alliance_concern` flag is raised.
""",
    ),
    answer(
        "ex6-answer",
        """
srs_scored = instruments.score("srs", my_srs)
srs_concern_sessions = [int(s) for s in srs_scored.loc[srs_scored["alliance_concern"], "session"]]
""",
    ),
    tests(
        "ex6-tests",
        visible="""
from course.grading import expect_type, plain

expect_type(srs_concern_sessions, list, "srs_concern_sessions", "Use a list such as [2, 5].")
assert all(type(s) is int and 1 <= s <= 12 for s in plain(srs_concern_sessions)), (
    "Each entry should be a session number (an int from 1 to 12), not a score."
)
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_equal
from course.identity import identity as _identity

expect_equal(
    srs_concern_sessions,
    _m04.srs_reference(_identity()),
    "srs_concern_sessions",
    "The SRS total is the sum of the four lines (0-40), and the alliance_concern flag is "
    "raised at 36 or below, 36 itself included. List the flagged sessions in order.",
)
""",
        points=1,
    ),
    md(
        "ors-audit",
        """
## 7. Outcome measures: ORS and AUDIT for your assigned client

The alliance is worth measuring because it predicts outcome; the outcome itself is
measured separately. Your assigned client filled in the ORS at every session (the
`ors` column of `sessions`, a total 0-40, higher is better) and the AUDIT at intake,
mid-course and the planned last session (`cl.items("audit")` gives the AUDIT answers
as `i1`..`i10`, ready for `instruments.score`). *AUDIT asks about the past year, so
repeating it mid-course is a teaching device here, not clinical practice.*
""",
    ),
    md(
        "ex7-prompt",
        """
### Exercise 7 (2 points): reading outcome measures

For your assigned client (`my_client`):

1. store in `ors_below_cutoff_sessions` the list of sessions (ints, in order) whose ORS
   total is **below the adult clinical cut-off of 25**;
2. score the AUDIT with `instruments.score("audit", cl.items("audit"))` and store in
   `audit_zones` the client's risk **zone** (1-4) at each AUDIT, in session order.
""",
    ),
    answer(
        "ex7-answer",
        """
own = sessions[sessions["client_id"] == my_client]
ors_below_cutoff_sessions = [int(s) for s in own.loc[own["ors"] < 25, "session"]]

audit = instruments.score("audit", cl.items("audit"))
own_audit = audit[audit["client_id"] == my_client].sort_values("session")
audit_zones = [int(z) for z in own_audit["zone"]]
""",
    ),
    tests(
        "ex7-tests",
        visible="""
from course.grading import expect_type, plain

expect_type(ors_below_cutoff_sessions, list, "ors_below_cutoff_sessions", "Use a list of session numbers.")
assert all(type(s) is int and 1 <= s <= 12 for s in plain(ors_below_cutoff_sessions)), (
    "Each entry of ors_below_cutoff_sessions should be a session number (an int), not a score."
)
expect_type(audit_zones, list, "audit_zones", "Use a list such as [3, 2, 2].")
assert all(type(z) is int and 1 <= z <= 4 for z in plain(audit_zones)), (
    "AUDIT zones are the whole numbers 1 to 4, not totals."
)
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_equal
from course.identity import identity as _identity

expect_equal(
    ors_below_cutoff_sessions,
    _m04.ors_reference(_identity()),
    "ors_below_cutoff_sessions",
    "On the ORS higher is better, and the adult cut-off is 25: sessions with a total "
    "strictly below 25 are in the clinical range. Use your assigned client's sessions only.",
)
expect_equal(
    audit_zones,
    _m04.audit_reference(_identity()),
    "audit_zones",
    "AUDIT zones come from the total: 0-7 zone 1, 8-15 zone 2, 16-19 zone 3, 20 or more "
    "zone 4. Give one zone per AUDIT of your assigned client, in session order.",
)
""",
        points=2,
    ),
    md(
        "phq9",
        """
## 8. PHQ-9 item 9: a safety item, read on its own

PHQ-9 item 9 asks how often, over the last two weeks, the person has had thoughts that
they would be better off dead or of hurting themselves. Any answer above 0 is a
**clinical-safety signal**, whatever the total. The course library raises
`safety_flag` whenever item 9 is above 0, and the scoring never averages it away.

**What a clinician does when item 9 is endorsed:** ask the client about it directly and
calmly in that session (a review found no study in which asking about suicidal thoughts
increased them; Dazzi et al., 2014); make sure a **same-day risk
assessment** is done by a qualified clinician; agree a **safety plan** with the client
(warning signs, coping steps, people and services to contact, making means safer); and
follow the service's **local protocol**, recording what was done and involving your
supervisor. A trainee never carries this alone. If item 9 is left blank, ask about it
directly rather than assume a 0.

A total below 10 does **not** make item 9 safe to ignore: a client can be in the mild
band overall and still answer "several days" to item 9.
""",
    ),
    md(
        "ex8-prompt",
        """
### Exercise 8 (2 points): who would a total-only screen have missed?

1. Score your caseload's PHQ-9 forms with `instruments.score("phq-9", cl.items("phq-9"))`.
   Store in `missed_by_total` the **sorted list of client ids** (strings) who, at some
   session, endorsed item 9 (`safety_flag` is True) while their PHQ-9 total **at that
   same session** was below 10: the clients a screen on the total alone would have missed.
2. Store in `item9_first_step` the key from `ITEM9_OPTIONS` that describes what you do
   first when item 9 is endorsed.
""",
    ),
    code(
        "ex8-options",
        """
from course.exercises.m04_measuring_the_alliance import ITEM9_OPTIONS

for key, text in ITEM9_OPTIONS.items():
    print(f"{key}: {text}")
""",
    ),
    answer(
        "ex8-answer",
        """
phq = instruments.score("phq-9", cl.items("phq-9"))
endorsed = phq["safety_flag"].fillna(False).astype(bool)
missed_by_total = sorted(set(phq.loc[endorsed & (phq["total"] < 10), "client_id"].astype(str)))
item9_first_step = "assess"
""",
    ),
    tests(
        "ex8-tests",
        visible="""
from course.grading import expect_choice, expect_type, plain

expect_type(missed_by_total, list, "missed_by_total", "Use a list of client ids such as ['C004'].")
assert all(type(c) is str and c.startswith("C") for c in plain(missed_by_total)), (
    "Each entry should be a client id (a string such as 'C004'), not a session or a score."
)
expect_choice(item9_first_step, list(ITEM9_OPTIONS), "item9_first_step")
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_equal
from course.identity import identity as _identity

expect_equal(
    missed_by_total,
    _m04.item9_reference(_identity()),
    "missed_by_total",
    "Item 9 is read at every session, on its own: keep each session where safety_flag is "
    "True and that session's total is below 10 (not a client's average), then list each "
    "client once, sorted.",
)
expect_equal(
    item9_first_step,
    _m04.ITEM9_ANSWER,
    "item9_first_step",
    "An endorsed item 9 is acted on the same day: ask the client directly, make sure a "
    "qualified clinician does a risk assessment and a safety plan, and follow local "
    "protocol and supervision. Waiting, or rescoring without it, averages the risk away.",
)
""",
        points=2,
    ),
    md(
        "raters",
        """
## 9. Client and therapist ratings of the same sessions

In your caseload, client and therapist both rated the alliance in every session. The
service stores the two forms differently: `client_wai_sum` is the client's WAI-SR as the
**sum** of its 12 items (12-60), while `therapist_rating` is the therapist form as a
**mean** item score (1-5). To compare them they must first be on the same metric, for
example the client sum divided by 12.

Research leads you to expect clients to rate higher. Tryon et al. (2007) found
*d* = .63 across 53 studies; a later meta-analysis of clients with severe disturbances
(Igra et al., 2020; 22 studies) reported a gap of about half a standard deviation,
with agreement depending on the instrument used (its abstract prints the effect as
*d* = −.46 beside an interval of .31 to 1.1, so the course does not lean on it for the
direction); a 2025 meta-analysis of eating-disorder and anxiety samples again found
clients higher (*g* = .41; Lev Ari et al., 2025).
""",
    ),
    code(
        "raters-data",
        """
from course.exercises.m04_measuring_the_alliance import paired_ratings

pairs = paired_ratings(course.identity())
pairs.head()
""",
    ),
    code(
        "raters-chart",
        """
from course.charts.m04_measurement import rater_strip
from course.exercises.m04_measuring_the_alliance import early_means

_early = early_means(pairs)  # one row per client: each rater's mean on the 1-5 metric
rater_strip(
    _early,
    title="Client and therapist alliance ratings, sessions 1-3 (simulated caseload)",
    alt_text=(
        "Strip chart with one tick per client for each rater on the 1-5 WAI-SR metric: the "
        f"client row (mean {_early['client'].mean():.2f}) sits to the right of the therapist "
        f"row (mean {_early['therapist'].mean():.2f}); black diamonds mark each mean."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "ex9-prompt",
        """
### Exercise 9 (2 points): direction and size of the gap

Using `pairs`:

1. put both raters on the 1-5 metric and average each client's sessions 1-3, giving one
   client mean and one therapist mean per client;
2. compute Cohen's *d* = (mean of the client means − mean of the therapist means) /
   pooled SD, where pooled SD = √((variance of the client means + variance of the
   therapist means) / 2), using sample variances (`pandas` `.var()`);
3. compute Pearson's *r* between the client means and the therapist means.

Store `rating_gap = {"direction": ..., "d": ..., "r": ...}` where `"direction"` is
`"clients higher"` if *d* ≥ 0.2, `"therapists higher"` if *d* ≤ −0.2, else
`"about the same"`. Do not standardise each rater separately first: that would remove
the very difference you are measuring.
""",
    ),
    answer(
        "ex9-answer",
        """
per_client = (
    pairs.assign(client=pairs["client_wai_sum"] / 12)
    .groupby("client_id")[["client", "therapist_rating"]]
    .mean()
)
c, t = per_client["client"], per_client["therapist_rating"]
d = (c.mean() - t.mean()) / ((c.var() + t.var()) / 2) ** 0.5
if d >= 0.2:
    direction = "clients higher"
elif d <= -0.2:
    direction = "therapists higher"
else:
    direction = "about the same"
rating_gap = {"direction": direction, "d": round(float(d), 3), "r": round(float(c.corr(t)), 3)}
rating_gap
""",
    ),
    tests(
        "ex9-tests",
        visible="""
from course.exercises.m04_measuring_the_alliance import DIRECTIONS
from course.grading import expect_choice, expect_keys, expect_number

expect_keys(rating_gap, ["direction", "d", "r"], "rating_gap")
expect_choice(rating_gap["direction"], DIRECTIONS, "rating_gap['direction']")
expect_number(rating_gap["r"], "rating_gap['r']", -1, 1)
expect_number(rating_gap["d"], "rating_gap['d']")
""",
        hidden=f"""
{MODULE_IMPORT}
from course.grading import expect_close, expect_equal
from course.identity import identity as _identity

_ref = _m04.rating_gap_reference(_identity())
expect_close(
    rating_gap["d"], _ref["d"], "rating_gap['d']",
    "Put both raters on one metric (client sum / 12 = mean item score), average each "
    "client's sessions 1-3, then divide the difference of the means by the pooled SD of "
    "the per-client means. Standardising each rater separately removes the gap itself.",
    tol=0.01,
)
expect_close(
    rating_gap["r"], _ref["r"], "rating_gap['r']",
    "r correlates each client's mean rating with their therapist's mean rating of the same "
    "sessions (one pair per client).",
    tol=0.01,
)
expect_equal(
    rating_gap["direction"], _ref["direction"], "rating_gap['direction']",
    "The direction follows the sign and size of d: clients higher when d >= 0.2.",
)
""",
        points=2,
    ),
    task(
        "ex10-task",
        """
### Exercise 10 (2 points, graded by your instructor): what the gap means for you

A colleague looks at the chart above and says: *"My clients always rate the alliance
higher than I do, so their forms are just politeness. I trust my own rating."*

Write four to six sentences in the cell below:

(a) report the direction and size of the gap in **your** caseload (your `rating_gap`:
*d* and *r*) and compare them with the published figures in this section;
(b) explain what a correlation of that size means for how well one rater's score
stands in for the other's, and why a gap in means does not show that either rater is
wrong;
(c) say what you would do in practice with your own rating of the alliance and with the
client's.
""",
        rubric="""
Rubric (2 points):
- (a) 0.5 point: states the trainee's own d and r with the direction (clients higher) and
  compares them with Tryon et al. (2007; d = .63, r = .36) or Lev Ari et al. (2025;
  g = .41). Full credit also if the answer notes that the simulated caseload was built to
  reproduce the published pattern, so it illustrates rather than tests it.
- (b) 0.75 point: a moderate r means the two ratings share only part of their variance
  (r = .4 is about 16%): knowing the therapist's rating says little about a given
  client's, so one cannot replace the other; a difference in means is a difference of
  perspective (each rater answers from their own seat, possibly with different
  standards), not proof that one is wrong. 0.25 if only one of the two points.
- (c) 0.75 point: keeps asking the client rather than relying on one's own impression;
  treats a large disagreement (especially a client rating lower than expected, or a
  drop) as something to explore with the client and in supervision; uses the two views
  side by side. 0.25 if generic.
- No credit for (b) if the answer dismisses the client's ratings as politeness without
  evidence, or standardises each rater so that the gap disappears.
""",
        model_answer="""
In my caseload clients rated the early alliance higher than their therapists did, by
about 0.8 of a pooled standard deviation, and the two ratings correlated at about .4:
close to the published d = .63 and r = .36 of Tryon et al. (2007), which is no surprise
because the simulation was built to reproduce them. A correlation of .4 means the
ratings share only about a sixth of their variance, so my impression of a client's
alliance is a poor stand-in for what that client would say. The gap in means does not
make either of us wrong: we answer from different seats, and clients may use the scale
differently from therapists. So I would keep asking clients for their own rating every
session, treat my rating as a second view rather than the truth, and take any client
rating lower than I expected, or a drop, to the client and to supervision.
""",
        points=2,
    ),
    written("ex10-answer"),
    md(
        "ceiling",
        """
## 10. When the scale runs out of room

Clients tend to rate the alliance near the top of any scale. A review of 92 estimates
from 37 studies (6,439 participants) found moderate to large ceiling effects in
client-rated alliance measures, across measures, sessions and client groups, and SRS
ceilings that grew slightly over sessions (Meier & Feeley, 2022). Your simulated caseload
was built to reproduce that pattern (its alliance is simulated on an open-ended scale and
then cut off at the top of each form). The chart counts every session's SRS total, with
totals of exactly 40 in a bar of their own.
""",
    ),
    code(
        "ceiling-numbers",
        """
from course.exercises.m04_measuring_the_alliance import ceiling_summary

ceiling = ceiling_summary(course.identity())
print(
    f"SRS totals at 40: {ceiling['share_srs_at_40']:.0%} of sessions; "
    f"at 38 or above: {ceiling['share_srs_at_or_above_38']:.0%}. "
    f"WAI-SR answers of 5 (Always): {ceiling['share_wai_items_at_5']:.0%} of all item answers."
)
""",
    ),
    code(
        "ceiling-chart",
        """
from course.charts.m04_measurement import ceiling_histogram

_lowest = min(20, int(sessions["srs"].min()))
ceiling_histogram(
    sessions["srs"],
    low=_lowest,
    high=40,
    width=1,
    x_title="SRS total (0-40); the last bar holds totals of exactly 40",
    title="SRS totals of every session in your simulated caseload",
    alt_text=(
        f"Histogram of {len(sessions)} SRS totals in one-point bins from {_lowest} to 40. "
        "Counts rise towards the top of the scale; the separate orange bar of totals of "
        f"exactly 40 holds {ceiling['share_srs_at_40']:.0%} of sessions. "
        "A dashed line marks 36, the alliance-concern threshold."
    ),
    threshold=36,
    threshold_label="36: talk about the alliance",
)
""",
        tags=("chart",),
    ),
    task(
        "ex11-task",
        """
### Exercise 11 (3 points, graded by your instructor): what the ceiling hides

Using the chart and the numbers above from **your** caseload, write five to eight
sentences in the cell below:

(a) describe the evidence of a ceiling effect, with at least one of your numbers;
(b) name **two** things a ceiling can hide, for a single client or for a service;
(c) say what you would do, in session or in how the service uses these forms, so that
the top of the scale still tells you something.
""",
        rubric="""
Rubric (3 points, 1 per part):
- (a) 1 point: names the pile-up at the maximum with one of the trainee's own numbers
  (share of SRS totals at 40 or at 38+, or share of WAI-SR answers of 5) and says what
  makes it a ceiling (scores bunched at the top, little room above). 0.5 if described
  without a number or only generically.
- (b) 1 point: two distinct, correct things hidden, e.g. (i) differences among clients at
  the top (a client at 40 may feel very differently from another at 40); (ii)
  improvement cannot show for clients who start at the top; (iii) small drops that signal
  a rupture are easy to miss or dismiss; (iv) restricted range weakens correlations (for
  example with outcome), so the alliance looks less predictive than it is; (v)
  reluctance to criticise the therapist may keep ratings high (a hypothesis: Reese et al.
  2013 found no evidence of demand effects on SRS ratings, so credit it when framed as a
  possibility). 0.5 for one.
- (c) 1 point: a concrete, client-centred step, e.g. invite honest feedback explicitly
  and say lower marks are useful; watch changes within a client rather than levels,
  and ask about any drop or the lowest line even above 36; follow up with open
  questions; add an observer or therapist view; use a measure with more headroom
  for service evaluation. 0.5 if generic ("ask the client").
- Deduct 0.5 once if the answer treats high scores as proof that all is well, or
  treats the ceiling as a reason to stop measuring.
""",
        model_answer="""
In my caseload about a quarter of SRS totals are exactly 40 and close to half are 38 or
above, and four in ten WAI-SR answers are "Always": scores are bunched against the top of
both scales. That bunching hides differences between clients who all score 40, and it
hides improvement, because a client who starts at the top cannot show the alliance
getting stronger. It also makes a drop from 40 to 38 easy to dismiss even when it is the
first sign of a rupture, and across the service the squeezed range weakens correlations
with outcome. Some clients may also mark high to be polite, although that is a guess
rather than an established finding for the SRS. In session I would say plainly that
lower marks help me, ask about any drop or the lowest line even when the total is
above 36, and follow up with an open question about what would make the next session
more useful. For the service, I would read each client's changes rather than the
level and add the therapist's own rating as a second view.
""",
        points=3,
    ),
    written("ex11-answer"),
    md(
        "summary",
        """
## Summary
- The seed article's nine "tools" are one page title, four identified instruments the
  course catalogues but cannot score (WAI, CRF, R-GSSSS, SEQ), one scored instrument
  (CSQ-8), one informal form renamed by the Buffalo page's staff, and two names no
  published instrument could be matched to. Saying so is better than inventing keys.
- Alliance ratings come from clients, therapists or observers. They agree only moderately
  (*r* ≈ .36), and clients rate higher (*d* ≈ .63; Tryon et al., 2007): compare them on
  one metric, never after standardising each separately.
- The course ships structure and paraphrased labels, not item wording; free to use is
  not free to reproduce.
- A scale score is a rule: which items, sum or mean, and what happens to blanks. For the
  WAI-SR (course convention): subscales from at least 3 of 4 items, the total from at
  least 10 of 12, means of the answered items; impossible answers are errors.
- The SRS flags totals of 36 or below; ORS totals below 25 fall in the adult clinical
  range; AUDIT totals map to risk zones 1-4; the CSQ-8 is not prorated.
- PHQ-9 item 9 is read at every session on its own: any endorsement means asking
  directly, a same-day risk assessment by a qualified clinician, a safety plan, local
  protocol and supervision, whatever the total.
- Client alliance ratings pile up at the top of the scale; the ceiling hides change and
  differences, so read drops and invite honest feedback.
""",
    ),
    md(
        "references",
        """
### References
- Attkisson, C. C., & Zwick, R. (1982). The Client Satisfaction Questionnaire:
  Psychometric properties and correlations with service utilization and psychotherapy
  outcome. *Evaluation and Program Planning, 5*(3), 233-237.
- Babor, T. F., Higgins-Biddle, J. C., Saunders, J. B., & Monteiro, M. G. (2001). *AUDIT:
  The Alcohol Use Disorders Identification Test. Guidelines for use in primary care*
  (2nd ed.). World Health Organization.
- Barak, A., & LaCrosse, M. B. (1975). Multidimensional perception of counselor behavior.
  *Journal of Counseling Psychology, 22*(6), 471-476.
- Dazzi, T., Gribble, R., Wessely, S., & Fear, N. T. (2014). Does asking about suicide and
  related behaviours induce suicidal ideation? What is the evidence? *Psychological
  Medicine, 44*(16), 3361-3363. https://doi.org/10.1017/S0033291714001299
- Duncan, B. L., Miller, S. D., Sparks, J. A., Claud, D. A., Reynolds, L. R., Brown, J., &
  Johnson, L. D. (2003). The Session Rating Scale: Preliminary psychometric properties of
  a "working" alliance measure. *Journal of Brief Therapy, 3*(1), 3-12.
- Flückiger, C., Del Re, A. C., Wampold, B. E., & Horvath, A. O. (2018). The alliance in
  adult psychotherapy: A meta-analytic synthesis. *Psychotherapy, 55*(4), 316-340.
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised short
  version of the Working Alliance Inventory. *Psychotherapy Research, 16*(1), 12-25.
- Horvath, A. O., & Greenberg, L. S. (1989). Development and validation of the Working
  Alliance Inventory. *Journal of Counseling Psychology, 36*(2), 223-233.
- Igra, L., Lavidor, M., Atzil-Slonim, D., Arnon-Ribenfeld, N., de Jong, S., &
  Hasson-Ohayon, I. (2020). A meta-analysis of client-therapist perspectives on the
  therapeutic alliance: Examining the moderating role of type of measurement and
  diagnosis. *European Psychiatry, 63*(1), e67. https://doi.org/10.1192/j.eurpsy.2020.67
- Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a brief
  depression severity measure. *Journal of General Internal Medicine, 16*(9), 606-613.
- Kuutmann, K., & Hilsenroth, M. J. (2012). Exploring in-session focus on the
  patient-therapist relationship: Patient characteristics, process and outcome.
  *Clinical Psychology & Psychotherapy, 19*(3), 187-202. (Cited by the seed article for
  the list of tools; the list actually comes from the University at Buffalo page below.)
- Larsen, D. L., Attkisson, C. C., Hargreaves, W. A., & Nguyen, T. D. (1979). Assessment
  of client/patient satisfaction: Development of a general scale. *Evaluation and
  Program Planning, 2*(3), 197-207.
- Lev Ari, H. S., Tuval-Mashiach, R., Hay, D. E., Bernstein, Z. L., Kagan, L., Kivity, Y.,
  & Gilboa-Schechtman, E. (2025). A meta-analysis of client-therapist perspectives on the
  therapeutic alliance: Examining the moderating role of eating disorders versus anxiety
  disorders, treatment orientation, and measurement time points. *Journal of
  Psychotherapy Integration, 35*(3), 180-195. https://doi.org/10.1037/int0000355
- Meier, S. T., & Feeley, T. H. (2022). Ceiling effects indicate a possible threshold
  structure for working alliance. *Journal of Counseling Psychology, 69*, 235-245.
  https://doi.org/10.1037/cou0000564 (published online 2021)
- Miller, S. D., Duncan, B. L., Brown, J., Sparks, J. A., & Claud, D. A. (2003). The
  Outcome Rating Scale: A preliminary study of the reliability, validity, and
  feasibility of a brief visual analog measure. *Journal of Brief Therapy, 2*(2), 91-100.
- Munder, T., Wilmers, F., Leonhart, R., Linster, H. W., & Barth, J. (2010). Working
  Alliance Inventory-Short Revised (WAI-SR): Psychometric properties in outpatients and
  inpatients. *Clinical Psychology & Psychotherapy, 17*(3), 231-239.
- Propst, L. R., Ostrom, R., Watkins, P., Dean, T., & Mashburn, D. (1992). Comparative
  efficacy of religious and nonreligious cognitive-behavioral therapy for the treatment
  of clinical depression in religious individuals. *Journal of Consulting and Clinical
  Psychology, 60*(1), 94-103.
- Reese, R. J., Gillaspy, J. A., Owen, J. J., Flora, K. L., Cunningham, L. E., Archie, D.,
  & Marsden, T. (2013). The influence of demand characteristics and social desirability
  on clients' ratings of the therapeutic alliance. *Journal of Clinical Psychology, 69*(7),
  696-709. https://doi.org/10.1002/jclp.21946
- Reid, P. N., & Gundlach, J. H. (1983). A scale for the measurement of consumer
  satisfaction with social services. *Journal of Social Service Research, 7*(1), 37-54.
  (As recorded in the course's catalogue; not checked against the article.)
- Stiles, W. B., Reynolds, S., Hardy, G. E., Rees, A., Barkham, M., & Shapiro, D. A.
  (1994). Evaluation and description of psychotherapy sessions by clients using the
  Session Evaluation Questionnaire and the Session Impacts Scale. *Journal of Counseling
  Psychology, 41*(2), 175-185.
- Tracey, T. J., & Kokotovic, A. M. (1989). Factor structure of the Working Alliance
  Inventory. *Psychological Assessment, 1*(3), 207-210.
- Tryon, G. S., Blackwell, S. C., & Hammel, E. F. (2007). A meta-analytic examination of
  client-therapist perspectives of the working alliance. *Psychotherapy Research,
  17*(6), 629-642.
- University at Buffalo School of Social Work (2022). *Assessment instruments* (NSATTC
  archive). https://socialwork.buffalo.edu/resources/archives/NSATTC/assessment-instruments.html
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, "notebooks/04-measuring-the-alliance/04-measuring-the-alliance.ipynb"))
