"""Authoring script for notebooks/06-alliance-and-outcome (run: python -m authoring.m06_alliance_and_outcome)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

# Every hidden test rebuilds the trainee's caseload from their id with these imports,
# so it never relies on a variable the trainee could have changed.
_REF = """
from course import identity as _identity
from course.exercises import m06_alliance_and_outcome as _m06

_cl = _m06.caseload(_identity())
"""

CELLS = [
    md(
        "title",
        """
# Module 06 · Alliance and outcome: what the link shows, and what it does not

**Estimated time:** 75 minutes · **Graded items:** 11 (10 autograded, 1 written)

Clients who rate the alliance highly early in counselling tend to improve more.
This module asks how strong that link is in your own (simulated) clinic, how
sure you can be of it, where it comes from (the therapist or the client), and
which conclusions it does *not* license.

### Learning objectives
By the end of this module you will be able to:
1. estimate the early alliance-outcome correlation in a caseload with a 95%
   confidence interval (Fisher's z), place it against the meta-analytic value
   (r = .278), and compare the client's and the therapist's view as predictors;
2. explain what the association does not show: that the alliance causes
   improvement, and that early symptom change may come first and lift the
   alliance rating;
3. split alliance into a therapist part and a client part and interpret the
   between-therapist and within-therapist slopes (Baldwin, Wampold & Imel, 2007;
   Del Re et al., 2012);
4. estimate therapist effects on outcome (the intraclass correlation), read a
   caterpillar chart, and judge how stable a ranking of therapists is;
5. relate client and therapist attachment to the alliance, weighing one study
   (Bucci et al., 2016) against a meta-analysis (Diener & Monroe, 2011);
6. advise a clinic director on what these results do and do not justify.

### Key terms
- **Early alliance**: here, the client's mean Working Alliance Inventory-Short
  Revised (WAI-SR; Hatcher & Gillaspy, 2006) score over sessions 1-3 (1-5 scale;
  higher = stronger).
- **Outcome change**: improvement from the first to the last session attended,
  in standard-deviation units (positive = better).
- **Confidence interval (Fisher's z)**: a range of correlations compatible with
  the data, built on the scale `atanh(r)` where sampling error is close to normal.
- **Between-therapist slope / within-therapist slope**: how outcome differs
  with a therapist's *average* alliance, and with a client's alliance *relative
  to that therapist's other clients*.
- **Therapist effect (ICC)**: the share of outcome variance that lies between
  therapists rather than between clients of the same therapist.
- **Early change confound**: improvement already under way in the first
  sessions can raise the alliance rating, so the alliance-outcome link may run
  partly from change to alliance.
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "your-data",
        """
## Your clinic

Therapist effects cannot be seen in a clinic of eight therapists, so this
module gives you a larger caseload: **30 therapists, each seeing 20 clients
(600 clients)**, all simulated from your trainee id. Every client is invented;
no real person's data are used. The simulator is tuned to published findings,
so you are re-discovering, with noise, what studies reported. Because it is a
simulation, we also know its ground truth, which real clinics never do.

The columns you need are in `clients` (one row per client): `therapist_id`,
`early_alliance`, `outcome_change`, `attachment_security` (standardised); in
`sessions` (one row per session): `client_id`, `session`, `therapist_alliance`
(the therapist's own rating of the alliance, 1-5); and in `therapists`:
`therapist_id`, `attachment_security`.

> **Safety note.** For the clients treated for depression, `outcome_change`
> comes from PHQ-9 totals. In practice a PHQ-9 is never read as a total alone:
> item 9 asks about thoughts of being better off dead or of self-harm. Any answer
> above 0 means asking the client directly about those thoughts, a same-day
> risk assessment by a qualified clinician, a safety plan made with the client,
> and following your service's protocol and your supervisor's guidance. A total,
> a mean or a change score can hide item 9: never let it be averaged away.
""",
    ),
    code(
        "load-data",
        """
from course.exercises.m06_alliance_and_outcome import MODULE, SIZE
from course.simulate import for_student

cl = for_student(course.identity(), MODULE, size=SIZE)
clients, sessions, therapists = cl.clients, cl.sessions, cl.therapists
print(f"{len(therapists)} therapists, {len(clients)} clients, {len(sessions)} sessions")
clients[["client_id", "therapist_id", "problem", "early_alliance", "outcome_change"]].head()
""",
    ),
    md(
        "association",
        """
## 1. How strong is the link?

The largest synthesis to date pooled 295 independent studies with more than
30,000 patients in face-to-face therapy and found an alliance-outcome
correlation of **r = .278, 95% CI [.256, .299]** (Flückiger, Del Re, Wampold &
Horvath, 2018). An earlier synthesis of 190 studies had found r = .275
(Horvath, Del Re, Flückiger & Symonds, 2011). The link was positive in nearly
every study (2% of the effect sizes were negative) and held across who rated
the alliance, how it was measured and the type of therapy.

A correlation of .28 is modest: squared, it is about 8% of the variance in
outcome. The chart shows what that looks like in your clinic: a clear upward
drift and a great deal of scatter around it.
""",
    ),
    code(
        "chart-scatter",
        """
from course.charts.m06_alliance_outcome import alliance_scatter

alliance_scatter(
    clients,
    title="Early alliance and outcome change, one dot per client (simulated)",
    alt_text=(
        "Scatter plot of 600 simulated clients: early alliance (WAI-SR mean, 1 to 5) on the "
        "horizontal axis against outcome change in SD units on the vertical axis, with a "
        "rising least-squares line and wide scatter around it."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "ex1-prompt",
        """
### Exercise 1 (2 points): whose view predicts outcome?

The alliance can be rated by the client or by the therapist. Most studies use
the client's rating, and the client's view is often described as one of the
best predictors of how therapy goes. In Flückiger et al. (2018) the link held
for every rater perspective; in one trial, the therapist's rating predicted
outcome mainly because it followed the patient's earlier symptom levels
(Zilcha-Mano et al., 2015).

Store in `r_views` a dictionary with two Pearson correlations with
`outcome_change`, one row per client:
- `"client"`: of `early_alliance` (already the client's mean over sessions 1-3);
- `"therapist"`: of the therapist's early view, the mean of
  `sessions["therapist_alliance"]` over **sessions 1-3** for each client.

*Hint:* filter `sessions` to `session <= 3`, then
`groupby("client_id", observed=True)["therapist_alliance"].mean()`; match it
to `clients` by `client_id` (for example with `clients.set_index("client_id")`).
""",
    ),
    answer(
        "ex1-answer",
        """
early = sessions[sessions["session"] <= 3]
therapist_early = early.groupby("client_id", observed=True)["therapist_alliance"].mean()
therapist_early.index = therapist_early.index.astype(str)
by_client = clients.set_index("client_id")
r_views = {
    "client": float(by_client["early_alliance"].corr(by_client["outcome_change"])),
    "therapist": float(therapist_early.corr(by_client["outcome_change"])),
}
r_views
""",
    ),
    tests(
        "ex1-tests",
        visible="""
from course.grading import expect_keys, expect_number

expect_keys(r_views, ["client", "therapist"], "r_views")
for _view in ("client", "therapist"):
    expect_number(r_views[_view], f"r_views[{_view!r}]", -1, 1)
""",
        hidden=_REF
        + """
from course.grading import expect_close

_want = _m06.view_correlations(_cl)
expect_close(
    r_views["client"],
    _want["client"],
    'r_views["client"]',
    "Correlate early_alliance with outcome_change across the 600 clients (Pearson r, "
    "one row per client).",
    tol=0.005,
)
expect_close(
    r_views["therapist"],
    _want["therapist"],
    'r_views["therapist"]',
    "The therapist's early view is each client's mean therapist_alliance over sessions 1-3 "
    "only (later sessions are not early alliance), matched to that client's outcome_change.",
    tol=0.005,
)
""",
        points=2,
    ),
    md(
        "ci-intro",
        """
### How sure can you be? Fisher's z

A correlation from 600 clients is an estimate. Its sampling distribution is
skewed near ±1, so a confidence interval is built on another scale:

1. transform: $z = \\operatorname{atanh}(r)$ (`math.atanh` or `np.arctanh`);
2. standard error on that scale: $SE = 1/\\sqrt{n-3}$, with $n$ the number of clients;
3. step out: $z \\pm 1.96 \\times SE$;
4. transform both ends back with $\\tanh$ (`math.tanh`).

The interval you get is not symmetric around r.
""",
    ),
    md(
        "ex2-prompt",
        """
### Exercise 2 (2 points): a 95% confidence interval

For the **client-rated** correlation, `r_views["client"]` (n = 600 clients),
store the 95% confidence interval in `ci_95` as a list `[lower, upper]`.
""",
    ),
    answer(
        "ex2-answer",
        """
import math

n_clients = len(clients)
z = math.atanh(r_views["client"])
se = 1 / math.sqrt(n_clients - 3)
ci_95 = [math.tanh(z - 1.96 * se), math.tanh(z + 1.96 * se)]
ci_95
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.grading import expect_number, expect_type

expect_type(ci_95, list, "ci_95", "Use a list of two numbers: [lower, upper].")
assert len(ci_95) == 2, "ci_95 should hold exactly two numbers, the lower and upper bound."
_low = expect_number(ci_95[0], "ci_95[0]", -1, 1)
_high = expect_number(ci_95[1], "ci_95[1]", -1, 1)
assert _low < _high, "Put the lower bound first: ci_95 = [lower, upper]."
""",
        hidden=_REF
        + """
from course.grading import expect_close

_r = _m06.alliance_outcome_r(_cl.clients)
_low, _high = _m06.fisher_ci(_r, len(_cl.clients))
_concept = (
    "Fisher's z: z = atanh(r) with r the client-rated correlation, SE = 1/sqrt(n - 3) with "
    "n = 600 clients, z +- 1.96 SE, then back-transform both ends with tanh."
)
expect_close(ci_95[0], _low, "ci_95[0]", _concept, tol=0.001)
expect_close(ci_95[1], _high, "ci_95[1]", _concept, tol=0.001)
""",
        points=2,
    ),
    md(
        "ex3-prompt",
        """
### Exercise 3 (1 point): your clinic against 295 studies

Store in `meta_check` a dictionary with:
- `"contains_meta"`: `True` if your `ci_95` contains the meta-analytic r = .278,
  else `False`;
- `"variance_explained"`: the share of outcome variance that goes with client-rated
  early alliance in your clinic, r squared, as a proportion (0-1);
- `"width_ratio"`: how many times wider your interval is than the meta-analytic
  interval [.256, .299].
""",
    ),
    answer(
        "ex3-answer",
        """
meta_check = {
    "contains_meta": bool(ci_95[0] <= 0.278 <= ci_95[1]),
    "variance_explained": r_views["client"] ** 2,
    "width_ratio": (ci_95[1] - ci_95[0]) / (0.299 - 0.256),
}
meta_check
""",
    ),
    tests(
        "ex3-tests",
        visible="""
from course.grading import expect_keys, expect_number, expect_type

expect_keys(meta_check, ["contains_meta", "variance_explained", "width_ratio"], "meta_check")
expect_type(meta_check["contains_meta"], bool, 'meta_check["contains_meta"]', "Use True or False.")
assert 0 <= meta_check["variance_explained"] <= 1, (
    'meta_check["variance_explained"] is a proportion between 0 and 1, not a percentage.'
)
expect_number(meta_check["width_ratio"], 'meta_check["width_ratio"]', 0, None)
""",
        hidden=_REF
        + """
from course.grading import expect_close, expect_equal

_r = _m06.alliance_outcome_r(_cl.clients)
_want = _m06.meta_check(_r, len(_cl.clients))
expect_equal(
    meta_check["contains_meta"],
    _want["contains_meta"],
    'meta_check["contains_meta"]',
    "Check whether .278 lies between your lower and upper bound (inclusive).",
)
expect_close(
    meta_check["variance_explained"],
    _want["variance_explained"],
    'meta_check["variance_explained"]',
    "Variance explained is r squared (r * r), not r itself: a correlation near .28 goes "
    "with under a tenth of the outcome variance.",
    tol=0.002,
)
expect_close(
    meta_check["width_ratio"],
    _want["width_ratio"],
    'meta_check["width_ratio"]',
    "Divide the width of your interval (upper - lower) by the meta-analytic width, "
    ".299 - .256 = .043.",
    tol=0.05,
)
""",
        points=1,
    ),
    md(
        "causality",
        """
## 2. What the association does not show

A correlation between early alliance and outcome is compatible with several
stories, and the data alone cannot choose between them:

- **The alliance helps.** A collaborative bond and shared goals and tasks make
  the work possible. This is the hope behind alliance training, but a
  correlation cannot prove it; only designs that change the alliance on purpose,
  or careful session-by-session analyses, get closer.
- **Early change comes first.** The alliance here is rated in sessions 1-3,
  while outcome is counted from session 1. A client who already feels better
  by session 3 may rate the relationship warmly *because* things are going
  well. In one trial of cognitive therapy for depression, the alliance did not
  predict later symptom change, while prior symptom change showed a trend
  toward predicting the later alliance (Feeley, DeRubeis & Gelfand, 1999);
  other studies found the alliance still
  predicted outcome after prior change was controlled (Barber et al., 2000).
  Pooling 17 datasets with session-by-session data, Flückiger et al. (2020)
  found that alliance and symptoms influence each other in the first seven
  sessions, an upward spiral rather than a one-way street.
- **Something else drives both.** Less severe or more hopeful clients, or more
  skilled therapists, may both form better alliances and improve more.
- **The proposed sources differ.** The link may come from what the client
  brings, from what the therapist brings, from how the two interact, or from
  early change (Del Re et al., 2012). Section 3 separates the first two.

A modest correlation also cannot forecast one client: with r near .28, most of
the variation in outcome lies elsewhere.

*In this simulation*, by design, the alliance does not respond to symptom
change, so your data contain no early-change confound. A real clinic gives you
no such guarantee, which is exactly why the claims below need care.
""",
    ),
    code(
        "claims",
        """
from course.exercises.m06_alliance_and_outcome import CLAIM_LABEL_MEANINGS, as_markdown, claims_for

claims = claims_for(course.identity())
as_markdown(claims, CLAIM_LABEL_MEANINGS)
""",
    ),
    md(
        "ex4-prompt",
        """
### Exercise 4 (2 points): judge the claims

Colleagues at your clinic wrote the four statements above about your results.
Label each one with exactly one of `"supported"`, `"causal_leap"`,
`"early_change"` or `"individual_prediction"`, and store a dictionary
`{claim id: label}` in `claim_labels`, e.g. `{"c01": "supported", ...}` (use the
ids shown above; yours differ from your classmates').
""",
    ),
    answer(
        "ex4-answer",
        """
# A judgement of every claim in the bank; each trainee is shown four of them.
judged = {
    "c01": "causal_leap",  # 'prove' and 'what makes it work'
    "c02": "supported",  # a useful signal, no causal claim
    "c03": "individual_prediction",  # one client, 'almost certainly'
    "c04": "early_change",  # outcome is counted from session 1
    "c05": "supported",  # an average tendency across clients
    "c06": "individual_prediction",  # ranking individuals
    "c07": "early_change",  # alliance and early symptoms influence each other
    "c08": "causal_leap",  # predicts the effect of raising ratings
    "c09": "individual_prediction",  # a forecast for one client
    "c10": "causal_leap",  # names the alliance as the reason
    "c11": "supported",  # r squared is about .08
    "c12": "early_change",  # early improvement can drive both
}
claim_labels = {claim.id: judged[claim.id] for claim in claims}
claim_labels
""",
    ),
    tests(
        "ex4-tests",
        visible="""
from course.exercises.m06_alliance_and_outcome import CLAIM_LABELS as _LABELS
from course.exercises.m06_alliance_and_outcome import claims_for as _claims_for
from course.grading import expect_choice, expect_keys

_shown = [c.id for c in _claims_for(course.identity())]
expect_keys(claim_labels, _shown, "claim_labels")
for _id in _shown:
    expect_choice(claim_labels[_id], _LABELS, f"claim_labels[{_id!r}]")
""",
        hidden=_REF
        + """
from course.grading import expect_labels

_claims = _m06.claims_for(_identity())
expect_labels(claim_labels, _m06.claim_key(_claims), "claim_labels", _m06.rationales(_claims))
""",
        points=2,
    ),
    md(
        "decomposition",
        """
## 3. Therapist or client? Splitting the alliance in two

A client's alliance score mixes two things: what their **therapist** tends to
build with everyone (the therapist's average), and how **this client's**
alliance differs from that therapist's other clients (the client's deviation).
Baldwin, Wampold and Imel (2007) split the alliance this way in 331 patients
seen by 80 therapists: therapists whose patients on average reported stronger
alliances had better outcomes, while a patient's deviation from their
therapist's average did not predict outcome. A meta-analysis by Del Re,
Flückiger, Horvath, Symonds and Wampold (2012) found that the ratio of patients
to therapists in a study moderated the alliance-outcome correlation, and read
this as evidence that the therapist's contribution to the alliance matters more
than the patient's. Treat this as a well-supported pattern rather than a settled
law: it rests on one study that split the alliance directly and on a
study-level moderator analysis, and a single clinic's split can come out
differently. Your simulated clinic was built to follow Baldwin et al.'s
pattern, with a small positive within-therapist slope (the overall r of .28
requires one).

**The estimator used here** (a simple, documented one):
1. standardise `early_alliance` and `outcome_change` over all 600 clients
   (subtract the mean, divide by the SD);
2. `therapist_mean`: each therapist's mean of standardised alliance, given to
   each of their clients (`groupby("therapist_id")[...].transform("mean")`);
3. `deviation`: the client's standardised alliance minus their `therapist_mean`;
4. regress standardised outcome on an intercept, `therapist_mean` and
   `deviation` by ordinary least squares, e.g.
   `np.linalg.lstsq(np.column_stack([np.ones(n), therapist_mean, deviation]), z_outcome, rcond=None)[0]`
   or `statsmodels.formula.api.ols("z_outcome ~ therapist_mean + deviation", data).fit().params`.

The coefficient of `therapist_mean` is the **between-therapist slope**, that of
`deviation` the **within-therapist slope**, both in outcome SDs per SD of
alliance. (OLS gives good point estimates here; its standard errors ignore that
clients of one therapist are alike. A mixed model, `statsmodels` `MixedLM` with
a random intercept per therapist, gives honest standard errors.)

The overall correlation is a blend of the two slopes, weighted by where the
alliance variance lies: $r \\approx b_B\\,\\rho + b_W\\,(1-\\rho)$, where $\\rho$ is
the share of alliance variance between therapists (about .10 here).
""",
    ),
    md(
        "ex5-prompt",
        """
### Exercise 5 (2 points): the between/within decomposition

Store in `slopes` a dictionary `{"between": ..., "within": ...}` with the two
slopes from the estimator above.
""",
    ),
    answer(
        "ex5-answer",
        """
import numpy as np

alliance, outcome = clients["early_alliance"], clients["outcome_change"]
z_alliance = (alliance - alliance.mean()) / alliance.std()
z_outcome = (outcome - outcome.mean()) / outcome.std()
therapist_mean = z_alliance.groupby(clients["therapist_id"]).transform("mean")
deviation = z_alliance - therapist_mean
design = np.column_stack([np.ones(len(clients)), therapist_mean, deviation])
intercept, between, within = np.linalg.lstsq(design, z_outcome, rcond=None)[0]
slopes = {"between": float(between), "within": float(within)}
slopes
""",
    ),
    tests(
        "ex5-tests",
        visible="""
from course.grading import expect_keys, expect_number

expect_keys(slopes, ["between", "within"], "slopes")
for _part in ("between", "within"):
    expect_number(slopes[_part], f"slopes[{_part!r}]", -5, 5)
""",
        hidden=_REF
        + """
from course.grading import expect_close

_want = _m06.decompose(_cl.clients)
expect_close(
    slopes["between"],
    _want["between"],
    'slopes["between"]',
    "The between slope is the coefficient of the therapist's mean (standardised) alliance "
    "when the client's deviation from that mean is the other predictor. Entering the raw "
    "alliance instead of the deviation turns it into the difference between the two slopes; "
    "forgetting to standardise changes the units.",
    tol=0.005,
)
expect_close(
    slopes["within"],
    _want["within"],
    'slopes["within"]',
    "The within slope is the coefficient of the client's deviation from their therapist's "
    "mean standardised alliance, with standardised outcome_change as the outcome.",
    tol=0.005,
)
""",
        points=2,
    ),
    md(
        "ex6-intro",
        """
### Exercise 6 (2 points): reading the decomposition

Judge each statement below against **your** slopes (and your r from exercise 1).
Label it `"true"` (your numbers show it), `"false"` (your numbers contradict
it) or `"not_shown"` (no result of this kind of analysis could show it,
whatever the numbers). Store `{statement id: label}` in `reading_labels`.
This exercise is marked against your own `slopes` and `r_views`, so a slip in
exercise 1 or 5 is not charged twice.
""",
    ),
    code(
        "readings",
        """
from course.exercises.m06_alliance_and_outcome import (
    READING_LABEL_MEANINGS,
    as_markdown,
    readings_for,
)

readings = readings_for(course.identity())
as_markdown(readings, READING_LABEL_MEANINGS)
""",
    ),
    answer(
        "ex6-answer",
        """
judged = {
    "r1": "not_shown",  # the effect of moving a client is a causal question
    "r2": "true" if slopes["within"] > slopes["between"] else "false",
    "r3": "not_shown",  # the effect of training needs a trial
    "r4": "true" if slopes["between"] > 2 * slopes["within"] else "false",
    "r5": "true" if slopes["between"] > r_views["client"] else "false",
    "r6": "not_shown",  # a therapist's mean can also reflect their caseload
    "r7": "true" if slopes["within"] > 0.25 else "false",
}
reading_labels = {reading.id: judged[reading.id] for reading in readings}
reading_labels
""",
    ),
    tests(
        "ex6-tests",
        visible="""
from course.exercises.m06_alliance_and_outcome import READING_LABELS as _LABELS
from course.exercises.m06_alliance_and_outcome import readings_for as _readings_for
from course.grading import expect_choice, expect_keys

_shown = [r.id for r in _readings_for(course.identity())]
expect_keys(reading_labels, _shown, "reading_labels")
for _id in _shown:
    expect_choice(reading_labels[_id], _LABELS, f"reading_labels[{_id!r}]")
""",
        hidden=_REF
        + """
_readings = _m06.readings_for(_identity())
# judged against the trainee's own slopes and r, as the exercise says (None if undefined)
_m06.check_readings(
    reading_labels,
    _readings,
    _cl.clients,
    globals().get("slopes"),
    globals().get("r_views"),
    "reading_labels",
)
""",
        points=2,
    ),
    md(
        "widget-intro",
        """
### Practice: how big must a clinic be?

A therapist's mean alliance from a handful of clients is mostly noise, and
noise in a predictor pulls its slope toward the other slope (Lüdtke et al.,
2008). How reliable a therapist's mean is depends on how many clients it
averages: with 10% of alliance variance between therapists, a mean of 20
clients has reliability ICC(2) = 20 x .10 / (1 + 19 x .10) = .69.

Move the slider. For each setting the kernel simulates eight clinics of 30
therapists and shows every clinic's r, between slope and within slope as dots;
the black tick is the value the simulator's ground truth implies at that size.
Watch two things: how widely the dots spread with few clients per therapist,
and how the between slope creeps toward its true value of .70 as therapist
means become more reliable.
""",
    ),
    code(
        "widget",
        """
from course.widgets.m06_stability import stability_explorer

stability_explorer(course.identity())
""",
        tags=("widget",),
    ),
    md(
        "therapist-effects",
        """
## 4. Therapist effects on outcome

Do some therapists' clients simply do better? A systematic review of 20 studies
found therapist effects in 19 of them, accounting for 0.2% to 29% of outcome
variance, with a weighted average of **5%** (8.2% in randomised trials, 5% in
routine practice, 2.4% in university counselling; Johns, Barkham, Kellett &
Saxon, 2019). Five per cent sounds small, yet across a caseload it matters: a
therapist one SD above average differs from one one SD below by about
$2\\sqrt{.05} \\approx 0.45$ SD of outcome.

The **intraclass correlation** ICC(1) estimates that share. With one-way
analysis of variance over therapists:

- $MS_B = \\frac{\\sum_j n_j(\\bar y_j - \\bar y)^2}{J-1}$ (between therapists; $J$ = 30 therapists, $n_j$ = 20 clients each),
- $MS_W = \\frac{\\sum_j \\sum_i (y_{ij} - \\bar y_j)^2}{N-J}$ (within therapists; $N$ = 600),
- $ICC(1) = \\frac{MS_B - MS_W}{MS_B + (n-1)\\,MS_W}$ with $n$ = 20.

Why not simply the variance of the therapist means divided by the total
variance? Because means of 20 clients differ by chance even if all therapists
were equally effective; ICC(1) subtracts that chance part. (A random-intercept
model, `statsmodels` `MixedLM` fitted by REML, gives the same value here.)
""",
    ),
    md(
        "ex7-prompt",
        """
### Exercise 7 (2 points): how much of outcome lies between therapists?

Store in `outcome_icc` the ICC(1) of `outcome_change` across therapists, as a
proportion.
""",
    ),
    answer(
        "ex7-answer",
        """
by_therapist = clients.groupby("therapist_id")["outcome_change"]
n_per, n_therapists, n_total = by_therapist.size(), by_therapist.ngroups, len(clients)
grand_mean = clients["outcome_change"].mean()
ms_between = (n_per * (by_therapist.mean() - grand_mean) ** 2).sum() / (n_therapists - 1)
residuals = clients["outcome_change"] - by_therapist.transform("mean")
ms_within = (residuals**2).sum() / (n_total - n_therapists)
n = n_per.mean()
outcome_icc = float((ms_between - ms_within) / (ms_between + (n - 1) * ms_within))
outcome_icc
""",
    ),
    tests(
        "ex7-tests",
        visible="""
from course.grading import expect_number

expect_number(outcome_icc, "outcome_icc", -1, 1)
""",
        hidden=_REF
        + """
from course.grading import expect_close

_want = _m06.therapist_icc(_cl.clients["outcome_change"], _cl.clients["therapist_id"])
expect_close(
    outcome_icc,
    _want,
    "outcome_icc",
    "ICC(1) = (MSB - MSW) / (MSB + (n - 1) MSW) with n = 20 clients per therapist. The "
    "variance of the therapist means over the total variance is too large: means of 20 "
    "clients differ by chance alone, and ICC(1) subtracts that part.",
    tol=0.002,
)
""",
        points=2,
    ),
    md(
        "caterpillar-intro",
        """
### The caterpillar chart

Each therapist's mean outcome change, sorted from lowest to highest, with a
95% interval (mean ± 1.96 × SD / √20, the SD of that therapist's own clients).
The dashed line is the clinic mean. Blue upward triangles mark intervals wholly
above the clinic mean, vermillion downward triangles intervals wholly below,
grey circles intervals that cross it.
""",
    ),
    code(
        "chart-caterpillar",
        """
from course.charts.m06_alliance_outcome import caterpillar
from course.exercises.m06_alliance_and_outcome import therapist_intervals

intervals = therapist_intervals(clients)
caterpillar(
    intervals,
    title="Mean outcome change by therapist, with 95% intervals (simulated)",
    alt_text=(
        "Caterpillar chart of 30 simulated therapists sorted by their clients' mean outcome "
        "change, each with a vertical 95% interval; a dashed horizontal line marks the clinic "
        "mean. Most intervals cross the clinic mean; a few lie wholly above or below it."
    ),
)
""",
        tags=("chart",),
    ),
    md(
        "ex8-prompt",
        """
### Exercise 8 (1 point): which therapists stand apart?

Store in `therapists_apart` a list of the ids (e.g. `"T007"`) of every therapist
whose 95% interval lies **wholly above or wholly below** the clinic mean. Read
the chart (hover for values) or compute it from `clients`. If therapists did not
differ at all, about 5% of 30, i.e. one or two, would still land there by
chance.
""",
    ),
    answer(
        "ex8-answer",
        """
import numpy as np

stats = clients.groupby("therapist_id")["outcome_change"].agg(["mean", "std", "size"])
half_width = 1.96 * stats["std"] / np.sqrt(stats["size"])
clinic_mean = clients["outcome_change"].mean()
apart = (stats["mean"] - half_width > clinic_mean) | (stats["mean"] + half_width < clinic_mean)
therapists_apart = sorted(stats.index[apart])
therapists_apart
""",
    ),
    tests(
        "ex8-tests",
        visible="""
from course.grading import expect_type

_hint = 'Use a list of ids such as ["T003", "T017"].'
expect_type(therapists_apart, list, "therapists_apart", _hint)
assert all(isinstance(t, str) and t.startswith("T") for t in therapists_apart), (
    'Each entry should be a therapist id such as "T007", not a number or a mean.'
)
""",
        hidden=_REF
        + """
from course.grading import expect_same_items

expect_same_items(
    therapists_apart,
    _m06.therapists_apart(_cl.clients),
    "therapists_apart",
    "An interval is mean +- 1.96 x SD / sqrt(n) of the therapist's clients (the standard "
    "error of the mean, not the SD itself); list every therapist whose whole interval is "
    "above or below the mean of all 600 clients, on both sides.",
)
""",
        points=1,
    ),
    md(
        "ex9-prompt",
        """
### Exercise 9 (2 points): would a second year rank them the same way?

Rankings invite action: reward the top, retrain the bottom. Before trusting a
ranking, check that it repeats. Split each therapist's caseload in two: put the
therapist's clients in `client_id` order and deal them alternately into half A
(1st, 3rd, 5th, ... client) and half B (2nd, 4th, ...). Compute each
therapist's mean `outcome_change` in each half and store in `split_half_r` the
Pearson correlation, across the 30 therapists, between their half-A means and
their half-B means.

*Hint:* `clients.sort_values("client_id").groupby("therapist_id").cumcount() % 2`
numbers each client 0 or 1 within their therapist.
""",
    ),
    answer(
        "ex9-answer",
        """
ordered = clients.sort_values("client_id")
half = ordered.groupby("therapist_id").cumcount() % 2
half_means = ordered.groupby([ordered["therapist_id"], half])["outcome_change"].mean().unstack()
split_half_r = float(half_means[0].corr(half_means[1]))
split_half_r
""",
    ),
    tests(
        "ex9-tests",
        visible="""
from course.grading import expect_number

expect_number(split_half_r, "split_half_r", -1, 1)
""",
        hidden=_REF
        + """
from course.grading import expect_close

expect_close(
    split_half_r,
    _m06.split_half_r(_cl.clients),
    "split_half_r",
    "Within each therapist, order clients by client_id and alternate them between two "
    "halves; correlate the 30 half-A means with the 30 half-B means (one row per "
    "therapist, not per client).",
    tol=0.005,
)
""",
        points=2,
    ),
    md(
        "attachment",
        """
## 5. Attachment and the alliance

Do securely attached people form better alliances? A meta-analysis of 17
samples (886 clients) found that clients' attachment security went with
stronger alliances, **r = .17, 95% CI [.10, .23]**, and more strongly when the
client rather than the therapist rated the alliance (Diener & Monroe, 2011).

Bucci, Seymour-Hyde, Harris and Berry (2016) is often cited on this question,
but it is a **single empirical study, not a meta-analysis**. It measured the
attachment styles of both clients and therapists and found that neither
client nor therapist attachment security was independently related to the
alliance; insecure therapist attachment was related to the alliance with more
symptomatic clients. One study of modest size can miss a small effect, and a
finding of "no independent relation" is not proof of no relation.

Your simulated clinic has client attachment built in at r = .17 and no effect
of therapist attachment. Attachment is measured at two levels: each **client**
has a score (`clients["attachment_security"]`), and each **therapist** has one
(`therapists["attachment_security"]`), so each relation must be tested at its
own level.
""",
    ),
    md(
        "ex10-prompt",
        """
### Exercise 10 (2 points): attachment at two levels

Store in `attachment` a dictionary with:
- `"client_r"`: Pearson r of `clients["attachment_security"]` with
  `clients["early_alliance"]` (600 clients);
- `"therapist_r"`: Pearson r of each therapist's `attachment_security` with the
  mean `early_alliance` of that therapist's clients (**one row per therapist**,
  30 rows);
- `"therapist_ci_includes_zero"`: `True` if the 95% Fisher-z interval of
  `therapist_r` (n = 30 therapists) contains 0, else `False`.
""",
    ),
    answer(
        "ex10-answer",
        """
import math

mean_alliance = clients.groupby("therapist_id")["early_alliance"].mean()
therapist_security = therapists.set_index("therapist_id")["attachment_security"]
therapist_r = float(therapist_security.corr(mean_alliance))
z_t = math.atanh(therapist_r)
se_t = 1 / math.sqrt(len(mean_alliance) - 3)
low_t, high_t = math.tanh(z_t - 1.96 * se_t), math.tanh(z_t + 1.96 * se_t)
attachment = {
    "client_r": float(clients["attachment_security"].corr(clients["early_alliance"])),
    "therapist_r": therapist_r,
    "therapist_ci_includes_zero": bool(low_t <= 0 <= high_t),
}
attachment
""",
    ),
    tests(
        "ex10-tests",
        visible="""
from course.grading import expect_keys, expect_number, expect_type

expect_keys(attachment, ["client_r", "therapist_r", "therapist_ci_includes_zero"], "attachment")
expect_number(attachment["client_r"], 'attachment["client_r"]', -1, 1)
expect_number(attachment["therapist_r"], 'attachment["therapist_r"]', -1, 1)
_flag = attachment["therapist_ci_includes_zero"]
expect_type(_flag, bool, "attachment['therapist_ci_includes_zero']", "Use True or False.")
""",
        hidden=_REF
        + """
from course.grading import expect_close, expect_equal

_want = _m06.attachment_summary(_cl)
expect_close(
    attachment["client_r"],
    _want["client_r"],
    'attachment["client_r"]',
    "Correlate each client's attachment_security with their own early_alliance (600 rows).",
    tol=0.005,
)
expect_close(
    attachment["therapist_r"],
    _want["therapist_r"],
    'attachment["therapist_r"]',
    "Therapist attachment is a therapist-level variable: average early_alliance over each "
    "therapist's clients first, then correlate across the 30 therapists. Copying the "
    "therapist's score onto 600 client rows treats 30 people as if they were 600.",
    tol=0.005,
)
expect_equal(
    attachment["therapist_ci_includes_zero"],
    _want["therapist_ci_includes_zero"],
    'attachment["therapist_ci_includes_zero"]',
    "Build the Fisher-z interval with n = 30 therapists (SE = 1/sqrt(27)), then check "
    "whether 0 lies inside it.",
)
""",
        points=2,
    ),
    task(
        "ex11-task",
        """
## 6. Exercise 11 (3 points, graded by your instructor): advice to the clinic director

Your clinic's director has read your results and drafts two plans:

1. *"Early alliance predicts outcome, so from next quarter every therapist must
   raise their clients' average alliance score by half a point."*
2. *"We will rank therapists by their clients' mean improvement this year;
   the bottom five go on a performance plan and the top five get a bonus."*

In 150-250 words, tell the director what your analyses **do** support, what they
**do not** support, and what you would recommend instead. Use at least two of
your own numbers (for example your r and its interval, your slopes, your ICC,
the therapists apart from the mean, your split-half r).
""",
        rubric="""
Rubric (3 points; half points allowed):
- 1 point, plan 1 (association is not causation): says the link is a real but
  modest association (r near .28, about 8% of variance; their own r and CI) and
  that it does not show raising scores will raise outcomes; names at least one
  alternative: early symptom change lifting the rating (reciprocal effects), or a
  third variable such as severity. Full credit also notes that a score target
  invites pressure on clients to rate highly (ratings already sit near the top
  of the scale).
- 1 point, plan 2 (therapist effects and rankings): uses their ICC (about .02-.10;
  around the 5% reported by Johns et al., 2019) to say most outcome variance lies
  between clients, not therapists; notes that most intervals cross the clinic
  mean, that one or two would stand apart by chance, and that the split-half r
  (their value, typically well below 1) shows a one-year ranking would largely
  not repeat; mentions case mix (therapists do not see comparable clients).
- 1 point, recommendation: something the data do support, e.g. the
  between-therapist slope being larger suggests investing in every therapist's
  alliance skills (training, supervision, routine alliance and outcome
  monitoring such as SRS/ORS, feedback used for learning rather than sanctions);
  pooling more years of data before judging individuals; reporting uncertainty.
- Deduct 0.5 where a number is quoted wrongly or without its meaning; no credit
  for restating the plans without evaluating them.
""",
        model_answer="""
Our clinic shows the link the literature reports: early alliance correlates
r = .27 with improvement (95% CI .19 to .34), close to the meta-analytic .28.
But that is about 7% of outcome variance and it is an association. It does not
show that raising alliance scores will raise outcomes: clients who improve in
the first sessions may rate the alliance higher because they are improving, and
severity may drive both. A score target would mostly teach clients and
therapists to push ratings toward a ceiling they already touch.

Ranking therapists would mostly reward noise. Only about 4% of outcome variance
lies between therapists (ICC .04). Five of 30 intervals miss the clinic mean,
more than the one or two chance alone would give, so therapists do differ
somewhat, but 25 intervals cross it and none is narrow enough to say who is
truly best or worst. Splitting each caseload in half, therapist means
correlated only r = .35 between halves, so next year's top five would mostly be
different people. Therapists also see different clients.

What the data do support: the therapist's average alliance predicts outcome
more strongly than a client's deviation from it (between slope .61 vs within
.21), so the alliance is worth building as a shared skill. I would fund
alliance-focused training and supervision for everyone, introduce routine
session-by-session alliance and outcome feedback used for learning, not
sanctions, and pool several years of data, adjusted for case mix, before
judging any individual therapist.
""",
        points=3,
    ),
    written("ex11-answer"),
    md(
        "summary",
        """
## Summary
- Early alliance and outcome are linked, r ≈ .28 across 295 studies. Your clinic
  of 600 clients gives an interval several times wider than the meta-analysis.
  Squared, r is under a tenth of outcome variance: a signal, not a forecast for
  one client.
- The link does not show that the alliance causes improvement. Early change can
  lift the alliance rating, alliance and symptoms influence each other in the
  first sessions, and other factors can drive both.
- Splitting the alliance into a therapist mean and a client deviation shows a
  steeper between-therapist slope (Baldwin, Wampold & Imel, 2007; Del Re et al.,
  2012). Unreliable therapist means pull that slope down, so more clients per
  therapist are needed to see it.
- Therapist effects are real but small, about 5% of outcome variance. With 20
  clients each, few therapists stand apart from the mean, and rankings barely
  repeat.
- Client attachment security goes with the alliance, r ≈ .17 across 17 samples.
  A single study (Bucci et al., 2016) found no independent relation for client
  or therapist attachment. Test each variable at its own level.

### References
- Baldwin, S. A., Wampold, B. E., & Imel, Z. E. (2007). Untangling the
  alliance-outcome correlation: Exploring the relative importance of therapist
  and patient variability in the alliance. *Journal of Consulting and Clinical
  Psychology, 75*(6), 842-852. https://doi.org/10.1037/0022-006X.75.6.842
- Barber, J. P., Connolly, M. B., Crits-Christoph, P., Gladis, M., & Siqueland,
  L. (2000). Alliance predicts patients' outcome beyond in-treatment change in
  symptoms. *Journal of Consulting and Clinical Psychology, 68*(6), 1027-1032.
  https://doi.org/10.1037/0022-006X.68.6.1027
- Bucci, S., Seymour-Hyde, A., Harris, A., & Berry, K. (2016). Client and
  therapist attachment styles and working alliance. *Clinical Psychology &
  Psychotherapy, 23*(2), 155-165 (published online 2015). A single empirical
  study, not a meta-analysis.
- Del Re, A. C., Flückiger, C., Horvath, A. O., Symonds, D., & Wampold, B. E.
  (2012). Therapist effects in the therapeutic alliance-outcome relationship: A
  restricted-maximum likelihood meta-analysis. *Clinical Psychology Review,
  32*(7), 642-649. https://doi.org/10.1016/j.cpr.2012.07.002
- Diener, M. J., & Monroe, J. M. (2011). The relationship between adult
  attachment style and therapeutic alliance in individual psychotherapy: A
  meta-analytic review. *Psychotherapy, 48*(3), 237-248.
  https://doi.org/10.1037/a0022425
- Feeley, M., DeRubeis, R. J., & Gelfand, L. A. (1999). The temporal relation of
  adherence and alliance to symptom change in cognitive therapy for depression.
  *Journal of Consulting and Clinical Psychology, 67*(4), 578-582.
  https://doi.org/10.1037/0022-006X.67.4.578
- Flückiger, C., Del Re, A. C., Wampold, B. E., & Horvath, A. O. (2018). The
  alliance in adult psychotherapy: A meta-analytic synthesis. *Psychotherapy,
  55*(4), 316-340. https://doi.org/10.1037/pst0000172
- Flückiger, C., Rubel, J., Del Re, A. C., Horvath, A. O., Wampold, B. E.,
  Crits-Christoph, P., ... Barber, J. P. (2020). The reciprocal relationship
  between alliance and early treatment symptoms: A two-stage individual
  participant data meta-analysis. *Journal of Consulting and Clinical
  Psychology, 88*(9), 829-843. https://doi.org/10.1037/ccp0000594
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a
  revised short version of the Working Alliance Inventory. *Psychotherapy
  Research, 16*(1), 12-25.
- Horvath, A. O., Del Re, A. C., Flückiger, C., & Symonds, D. (2011). Alliance
  in individual psychotherapy. *Psychotherapy, 48*(1), 9-16.
  https://doi.org/10.1037/a0022186
- Johns, R. G., Barkham, M., Kellett, S., & Saxon, D. (2019). A systematic review
  of therapist effects: A critical narrative update and refinement to review.
  *Clinical Psychology Review, 67*, 78-93. https://doi.org/10.1016/j.cpr.2018.08.004
- Lüdtke, O., Marsh, H. W., Robitzsch, A., Trautwein, U., Asparouhov, T., &
  Muthén, B. (2008). The multilevel latent covariate model: A new, more
  reliable approach to group-level effects in contextual studies.
  *Psychological Methods, 13*(3), 203-229.
- Zilcha-Mano, S., Solomonov, N., Chui, H., McCarthy, K. S., Barrett, M. S., &
  Barber, J. P. (2015). Therapist-reported alliance: Is it really a predictor of
  outcome? *Journal of Counseling Psychology, 62*(4), 568-578.
  https://doi.org/10.1037/cou0000106
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, "notebooks/06-alliance-and-outcome/06-alliance-and-outcome.ipynb"))
