"""Authoring script for notebooks/05-reliability-and-change (run: python -m authoring.m05_reliability_and_change)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

_REF = """from course import identity as _identity
from course.exercises.m05_reliability_and_change import reference as _reference

_ref = _reference(_identity())
"""

CELLS = [
    md(
        "title",
        """
# Module 05 · Reliability and change: when is a score change real?

**Estimated time:** 90 minutes · **Graded items:** 11 (9 autograded, 2 written), 22 points

Counsellors read numbers every week: an alliance questionnaire at session 3, a
depression score at every session. Before a number can guide a decision you need
to know how much of it is signal and how much is measurement error. This module
works through that question twice: first for a **scale** (is the WAI-SR internally
consistent in your caseload?), then for a **change** (did this client really get
better, or did the score just wobble?).

### Learning objectives
By the end of this module you will be able to:
1. compute Cronbach's alpha from its formula and with `course.psychometrics`, and
   read its confidence interval;
2. use corrected item-total correlations and alpha-if-deleted to judge an item, and
   explain why a published scale keeps its items anyway;
3. compute the standard error of measurement (SEM) and the smallest reliable change
   on the PHQ-9;
4. apply the Reliable Change Index and a clinical cut-off (the published PHQ-9
   cut-off of 10, and Jacobson & Truax's criterion c from stated norms), naming the
   values you used and where they come from;
5. classify clients as reliably improved, unchanged or deteriorated, and as recovered
   or not, while reading PHQ-9 item 9 on its own as a safety item;
6. find sudden gains with the three criteria of Tang & DeRubeis (1999);
7. explain why a change between two sessions can be measurement noise.

### Key terms
- **Reliability**: the share of the differences between observed scores that reflects
  real differences rather than measurement error (0 = all error, 1 = no error).
- **Cronbach's alpha**: a reliability estimate from how strongly a scale's items vary
  together (internal consistency).
- **Corrected item-total correlation**: an item's correlation with the sum of the
  *other* items. **Alpha-if-deleted**: the scale's alpha without that item.
- **Standard error of measurement (SEM)**: the typical distance between a person's
  observed score and their true score, in the scale's own points.
- **Reliable Change Index (RCI)**: a change divided by the standard error of a
  difference; beyond ±1.96 it is unlikely to be measurement error alone
  (Jacobson & Truax, 1991).
- **Clinical cut-off; recovered**: a score that separates the clinical from the
  non-clinical range; a client is *recovered* when they improve reliably *and* cross it.
- **Sudden gain**: a large, lasting symptom drop between two consecutive sessions
  (Tang & DeRubeis, 1999).
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "data-intro",
        """
## 1. Your caseload

Every client below is **simulated** from your trainee id: the numbers follow patterns
reported in published research, but no real person's answers are used. The cell
loads three tables:

- `wai3`: each client's answers to the 12 items of the **Working Alliance
  Inventory, Short Revised** (WAI-SR; Hatcher & Gillaspy, 2006) at **session 3**, an
  early session when the alliance is often measured. Items are scored 1 (seldom) to
  5 (always); columns `i1` ... `i12`. The item wording is copyrighted and is not
  shown in this course.
- `phq`: the **PHQ-9** depression total (0-27, lower is better; Kroenke, Spitzer &
  Williams, 2001) of every client treated for depression, one row per client and
  one column per session. An empty cell (`NaN`) means the client had stopped
  attending by then.
- `item9`: the same layout for PHQ-9 **item 9**, the question about thoughts of
  death or self-harm (0-3). Section 6 explains why it is read on its own.
""",
    ),
    code(
        "load-data",
        """
from course.exercises.m05_reliability_and_change import (
    PHQ9_CUTOFF,
    PHQ9_RELIABILITY,
    bond_items,
    caseload_for,
    item9_trajectories,
    phq9_trajectories,
    wai_at_session,
)

caseload = caseload_for(course.identity())
wai3 = wai_at_session(caseload, session=3)
phq = phq9_trajectories(caseload)
item9 = item9_trajectories(caseload)
print(
    f"{len(wai3)} clients answered the WAI-SR at session 3; "
    f"{len(phq)} of them were treated for depression and have PHQ-9 totals."
)
wai3.head()
""",
    ),
    code("show-phq", "phq.head(8)"),
    md(
        "alpha-intro",
        """
## 2. Reliability of a scale: Cronbach's alpha

Classical test theory pictures every observed score as a **true score plus error**.
Reliability is the share of the spread in observed scores that is true-score spread.
We cannot see true scores, so we estimate reliability indirectly. **Cronbach's
alpha** (Cronbach, 1951) does it from the items of one questionnaire, given once: if
the items measure the same thing, clients who score high on one item tend to score
high on the others, and the total varies *more* than the items' separate variances
add up to. With $k$ items,

$$\\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_{j=1}^{k} s^2_j}{s^2_{\\text{total}}}\\right)$$

where $s^2_j$ is the variance of item $j$ across clients and $s^2_{\\text{total}}$ the
variance of the clients' total scores (both sample variances, as pandas' `.var()`
gives them). Published WAI-SR studies report alphas above .80 (Munder et al., 2010,
in 88 outpatients and 243 inpatients).

Alpha is **not** a property of a questionnaire alone: it belongs to a questionnaire
*in a sample*. It rises with the number of items and falls when clients are alike
(little true-score spread), which is why you check it in your own data.
""",
    ),
    md(
        "ex1-prompt",
        """
### Exercise 1 (2 points): alpha from the formula

Write a function `alpha_from_formula(items)` that takes a table with one row per
client and one column per item and returns Cronbach's alpha as a number, using the
formula above (not a library's alpha function). Take $k$ from the table, so the
function works for any number of items. Then store the alpha of the 12 WAI-SR items
at session 3 in `wai_alpha`.

*The hidden test also tries your function on a different table.*
""",
    ),
    answer(
        "ex1-answer",
        """
def alpha_from_formula(items):
    k = items.shape[1]
    item_variances = items.var(ddof=1).sum()
    total_variance = items.sum(axis=1).var(ddof=1)
    return float(k / (k - 1) * (1 - item_variances / total_variance))


wai_alpha = alpha_from_formula(wai3)
wai_alpha
""",
    ),
    tests(
        "ex1-tests",
        visible="""
from course.grading import expect_number

assert callable(alpha_from_formula), "`alpha_from_formula` should be a function (use def)."
expect_number(wai_alpha, "wai_alpha", -1, 1)
expect_number(alpha_from_formula(wai3[["i1", "i2", "i3"]]), "alpha_from_formula(three items)", -5, 1)
""",
        hidden=_REF
        + """
from course.exercises.m05_reliability_and_change import MODULE as _MODULE
from course.exercises.m05_reliability_and_change import alpha_by_hand as _alpha_by_hand
from course.exercises.m05_reliability_and_change import hidden_table as _hidden_table
from course.grading import expect_close
from course.seeds import stable_seed as _stable_seed

expect_close(
    wai_alpha,
    _ref.wai_alpha,
    "wai_alpha",
    "Cronbach's alpha is k/(k-1) x (1 - sum of the item variances / variance of the "
    "total scores), with k = 12 items and each client's total = the sum of their 12 answers.",
    tol=0.001,
)
_table = _hidden_table(_stable_seed(_identity(), _MODULE, "alpha-table"))
expect_close(
    alpha_from_formula(_table.copy()),
    _alpha_by_hand(_table),
    "alpha_from_formula(another table)",
    "Your function must work for any questionnaire: take k from the number of columns "
    "of the table it is given, not a fixed 12.",
    tol=0.001,
)
""",
        points=2,
    ),
    md(
        "ex1-compare",
        """
Now compare your value with the course library. `cronbach_alpha` also gives a 95%
**confidence interval** (Feldt, Woodruff & Salih, 1987): with 60 clients, alpha is an
estimate, and the interval shows how far it might be from the alpha of the population
your clients come from.
""",
    ),
    code(
        "library-alpha",
        """
from course.psychometrics import cronbach_alpha

print(cronbach_alpha(wai3))
""",
    ),
    md(
        "ex2-prompt",
        """
### Exercise 2 (2 points): a subscale, and what its interval lets you say

The WAI-SR has three subscales of four items each. The **Bond** subscale (emotional
bond: liking, respect, feeling cared for) uses the columns in `bond_items()`.

1. Use `cronbach_alpha` on the Bond items only and store a dictionary
   `bond_alpha = {"alpha": ..., "ci_low": ..., "ci_high": ...}` (the attributes
   `.alpha`, `.ci_low` and `.ci_high` of the result).
2. A common rule of thumb asks for an alpha of at least .70 before scores are used
   for research. Can you be 95% confident that the Bond subscale reaches .70 in the
   population your clients come from? Store `True` or `False` in `bond_ci_above_70`.
""",
    ),
    answer(
        "ex2-answer",
        """
bond = cronbach_alpha(wai3[bond_items()])
bond_alpha = {"alpha": bond.alpha, "ci_low": bond.ci_low, "ci_high": bond.ci_high}
bond_ci_above_70 = bond.ci_low >= 0.70
bond_alpha, bond_ci_above_70
""",
    ),
    tests(
        "ex2-tests",
        visible="""
from course.grading import expect_keys, expect_number, expect_type

expect_keys(bond_alpha, ["alpha", "ci_low", "ci_high"], "bond_alpha")
for _key in ("alpha", "ci_low", "ci_high"):
    expect_number(bond_alpha[_key], f"bond_alpha[{_key!r}]", -10, 1)
expect_type(bond_ci_above_70, bool, "bond_ci_above_70", "Answer True or False.")
""",
        hidden=_REF
        + """
from course.grading import expect_close, expect_equal

for _part in _ref.bond:
    expect_close(
        bond_alpha[_part],
        _ref.bond[_part],
        f"bond_alpha[{_part!r}]",
        "The Bond subscale is items 3, 5, 7 and 9 of the WAI-SR (bond_items()): compute "
        "alpha on those four columns only, with cronbach_alpha, and copy its interval.",
        tol=0.002,
    )
expect_equal(
    bond_ci_above_70,
    _ref.bond_ci_above_70,
    "bond_ci_above_70",
    "Confidence about the population comes from the interval, not the point estimate: "
    "you can be 95% confident only if the lower bound (ci_low) is at least .70.",
)
""",
        points=2,
    ),
    md(
        "alpha-discussion",
        """
The Bond alpha is lower than the full scale's, and its interval wider. Four items
carry less information than twelve, and the same 60 clients pin down a four-item
alpha less precisely. When a paper reports "alpha = .80", ask: for which items, in
which sample, and with what interval?
""",
    ),
    md(
        "item-analysis-intro",
        """
## 3. Looking at single items

Two statistics help you see which items hold a scale together:

- the **corrected item-total correlation**: each item correlated with the sum of the
  *other* items (leaving the item out of the total stops it correlating with itself);
  a low value means the item ranks clients differently from the rest of the scale;
- **alpha-if-deleted**: the alpha the scale would have without that item.

`course.psychometrics` has `item_total_correlations(items)` and
`alpha_if_deleted(items)`; both return one value per item column.
""",
    ),
    md(
        "ex3-prompt",
        """
### Exercise 3 (2 points): the weakest item

For the 12 WAI-SR items in `wai3`:

1. store in `weakest_item` the column name (such as `"i4"`) of the item with the
   **lowest corrected item-total correlation**;
2. store in `alpha_without_weakest` the alpha of the scale with that item deleted;
3. store in `alpha_rises` whether deleting it would *raise* alpha above the
   full-scale value (`True` or `False`).
""",
    ),
    answer(
        "ex3-answer",
        """
from course.psychometrics import alpha_if_deleted, item_total_correlations

item_r = item_total_correlations(wai3)
weakest_item = item_r.idxmin()
alpha_without_weakest = float(alpha_if_deleted(wai3)[weakest_item])
alpha_rises = alpha_without_weakest > cronbach_alpha(wai3).alpha
weakest_item, alpha_without_weakest, alpha_rises
""",
    ),
    tests(
        "ex3-tests",
        visible="""
from course.grading import expect_choice, expect_number, expect_type

expect_choice(weakest_item, [f"i{k}" for k in range(1, 13)], "weakest_item")
expect_number(alpha_without_weakest, "alpha_without_weakest", -10, 1)
expect_type(alpha_rises, bool, "alpha_rises", "Answer True or False.")
""",
        hidden=_REF
        + """
from course.grading import expect_close, expect_equal

expect_equal(
    weakest_item,
    _ref.weakest["item"],
    "weakest_item",
    "Use the corrected item-total correlation (each item against the sum of the other "
    "eleven) and pick the item with the lowest value, not the highest.",
)
expect_close(
    alpha_without_weakest,
    _ref.weakest["alpha_without"],
    "alpha_without_weakest",
    "Alpha-if-deleted is the alpha of the other eleven items: read it for the weakest item.",
    tol=0.002,
)
expect_equal(
    alpha_rises,
    _ref.weakest["alpha_rises"],
    "alpha_rises",
    "Compare alpha without the item with the alpha of all 12 items: it rises only if "
    "the value without the item is larger.",
)
""",
        points=2,
    ),
    task(
        "ex4-task",
        """
### Exercise 4 (2 points, graded by your instructor): keep the item or drop it?

Your placement service gives clients the WAI-SR at session 3. A colleague sees your
item analysis and suggests: *"Let's leave the weakest item off our form from now on;
the scale will be more reliable without it."* In four to six sentences, reply to your
colleague:

(a) using **your** numbers (`weakest_item`, `alpha_without_weakest` and the alpha of
all 12 items), say what deleting the item would do to alpha, and whether that change
is a reason to act;
(b) give **two** reasons to keep every item of a published scale;
(c) say what a low corrected item-total correlation *is* useful for.

Write your answer in the cell below.
""",
        rubric="""
Rubric (2 points):
- 1 point, (a): quotes the trainee's own weakest item, its alpha-if-deleted and the
  full-scale alpha, and judges the size of the change: for almost every caseload alpha
  would *fall* slightly (alpha_rises is False), and even where it rises the gain is a
  few thousandths, well inside the sampling error of alpha with 60 clients, and
  specific to this sample (another 60 clients would single out another item). Alpha
  is already above .80, so there is no reliability problem to fix. 0.5 for correct
  numbers without a judgement, or a judgement without the trainee's numbers.
- 1 point, (b) and (c): two distinct reasons to keep the items, e.g. each subscale
  needs its four items to cover what it claims to measure (a three-item subscale
  measures something narrower); scores would no longer be comparable with published
  studies, norms or other services; the validation evidence (factor structure,
  reliability, links with outcome) is for the full form; choosing items by the
  statistics of one sample capitalises on chance; a higher alpha is not better
  validity (it can mean redundant items). *And* (c): a low item-total correlation is a
  prompt to look at the item: is it ambiguous or oddly translated, do these clients
  read it differently, does it tap something the other items miss? 0.5 for one
  reason, or two reasons without (c).
""",
        model_answer="""
(Example with one trainee's numbers; every caseload's differ.) In my caseload the
weakest item is i7: without it alpha would go from .923 to .921,
so deleting it would make the scale slightly *less* reliable, not more. Even if alpha
had risen, a change in the third decimal is far smaller than the uncertainty of alpha
with 60 clients, and another group of clients would probably single out a different
item; with an alpha above .90 there is nothing to fix. I would keep all 12 items:
the Bond subscale needs all four of its items to cover the emotional bond, and a
shortened form would no longer match the published WAI-SR, so our scores could not be
compared with research findings or with other services, and its validation studies
would no longer apply to our form. What the low item-total correlation does tell us
is to look at that item more closely: whether our clients find it unclear or read it
differently from the others, which we could ask them about.
""",
        points=2,
    ),
    written("ex4-answer"),
    md(
        "sem-intro",
        """
## 4. From reliability to the error in one client's score

Alpha describes a scale across clients. In the counselling room you need the error
in **one** client's score, in the scale's own points. That is the **standard error of
measurement**:

$$\\text{SEM} = SD \\times \\sqrt{1 - r_{xx}}$$

where $SD$ is the spread of scores in the reference group and $r_{xx}$ the
reliability. For the PHQ-9 we use $r_{xx}$ = **.89**, the Cronbach's alpha Kroenke et
al. (2001) reported in their primary-care validation study (`PHQ9_RELIABILITY`), and,
as Jacobson & Truax (1991) did, the SD of the **pre-treatment** scores of the clinical
group: your depression clients at intake (session 1).

A *change* is the difference between two scores, each with its own error, so its
standard error is larger: $S_{\\text{diff}} = \\sqrt{2} \\times \\text{SEM}$. The
**Reliable Change Index** is

$$\\text{RCI} = \\frac{x_{\\text{later}} - x_{\\text{intake}}}{S_{\\text{diff}}}$$

and a change is **reliable** when $|\\text{RCI}| > 1.96$: measurement error alone
would produce a change that large less than 5% of the time. Put the other way, the
smallest reliable change in points is $1.96 \\times S_{\\text{diff}}$. On the PHQ-9 a
*negative* RCI is improvement.
""",
    ),
    code(
        "intake-sd",
        """
from course.exercises.m05_reliability_and_change import intake_mean, intake_sd

sd_intake = intake_sd(phq)
mean_intake = intake_mean(phq)
print(
    f"PHQ-9 at intake, your {len(phq)} depression clients: "
    f"mean {mean_intake:.2f}, SD {sd_intake:.2f}. Reliability used: {PHQ9_RELIABILITY}."
)
""",
    ),
    md(
        "ex5-prompt",
        """
### Exercise 5 (2 points): how big must a change be?

Using `sd_intake` and `PHQ9_RELIABILITY`, store as numbers:

1. `sem`: the standard error of measurement of a PHQ-9 total;
2. `s_diff`: the standard error of the difference between two totals;
3. `rc_points`: the smallest change, in PHQ-9 points, that counts as reliable change.

Then store in `four_point_drop_is_reliable` (`True` or `False`) whether a drop of
4 points, say from 15 to 11, would be reliable change for your caseload.
""",
    ),
    answer(
        "ex5-answer",
        """
import math

sem = sd_intake * math.sqrt(1 - PHQ9_RELIABILITY)
s_diff = math.sqrt(2) * sem
rc_points = 1.96 * s_diff
four_point_drop_is_reliable = 4 > rc_points
sem, s_diff, rc_points, four_point_drop_is_reliable
""",
    ),
    tests(
        "ex5-tests",
        visible="""
from course.grading import expect_number, expect_type

expect_number(sem, "sem", 0, 27)
expect_number(s_diff, "s_diff", 0, 27)
expect_number(rc_points, "rc_points", 0, 27)
expect_type(four_point_drop_is_reliable, bool, "four_point_drop_is_reliable", "Answer True or False.")
""",
        hidden=_REF
        + """
from course.grading import expect_close, expect_equal

expect_close(
    sem,
    _ref.thresholds["sem"],
    "sem",
    "SEM = SD x sqrt(1 - reliability), with the SD of intake scores (sd_intake) and the "
    "PHQ-9 reliability of .89.",
    tol=0.01,
)
expect_close(
    s_diff,
    _ref.thresholds["s_diff"],
    "s_diff",
    "A change is the difference of two scores and carries the error of both: "
    "S_diff = sqrt(2) x SEM.",
    tol=0.01,
)
expect_close(
    rc_points,
    _ref.thresholds["rc_points"],
    "rc_points",
    "Reliable change needs |RCI| > 1.96, so the smallest reliable change is "
    "1.96 x S_diff points (not 1.96 x SEM).",
    tol=0.011,
)
expect_equal(
    four_point_drop_is_reliable,
    _ref.four_point_drop_is_reliable,
    "four_point_drop_is_reliable",
    "A drop is reliable only if it is larger than rc_points: compare 4 with your value.",
)
""",
        points=2,
    ),
    md(
        "widget-intro",
        """
### Practice: the reliable-change explorer

Move the sliders: the kernel recomputes SEM, S<sub>diff</sub>, the RCI and the
verdict. It starts from your caseload's intake SD. Try these:

- lower the reliability from .89 to .80 and watch how much bigger a change must be
  before it counts. Test-retest reliability over the weeks between sessions is often
  lower than alpha, because real symptoms change too: which reliability you plug in
  can change the verdict, so always say which one you used;
- find the smallest drop from 16 that is reliable, then the smallest that also
  counts as recovered.
""",
    ),
    code(
        "widget-rci",
        """
from course.widgets.m05_change import rci_explorer

rci_explorer(sd=sd_intake, reliability=PHQ9_RELIABILITY, cutoff=PHQ9_CUTOFF)
""",
        tags=("widget",),
    ),
    md(
        "noise-intro",
        """
### Practice: what measurement error alone does

The simulator below invents a client whose **true** PHQ-9 score is 14 in every one of
10 sessions: nothing about them changes. Each observed score is the true score plus
an error with your SEM. Press **Draw another client** a few times and watch how often
a drop of 4 or more points appears between two sessions, and read the share over
2,000 such clients. Lower the reliability and draw again.
""",
    ),
    code(
        "widget-noise",
        """
from course.widgets.m05_change import noise_simulator

noise_simulator(sd=sd_intake, reliability=PHQ9_RELIABILITY)
""",
        tags=("widget",),
    ),
    md(
        "cutoff-intro",
        """
## 5. Reliable is not the same as recovered

A client can change reliably and still be depressed (from 24 to 17, say). Jacobson &
Truax (1991) therefore added a second test, **clinical significance**: did the client
move from the clinical range into the functional range? They proposed three ways to
place the cut-off between the ranges:

- **(a)** two SDs beyond the clinical group's mean, in the healthy direction;
- **(b)** within two SDs of the functional (non-clinical) group's mean;
- **(c)** the point where a score is as likely to come from the functional as from the
  clinical group, each mean weighted by the other group's spread:

$$c = \\frac{SD_{\\text{clinical}} \\, M_{\\text{functional}} + SD_{\\text{functional}} \\, M_{\\text{clinical}}}{SD_{\\text{clinical}} + SD_{\\text{functional}}}$$

Criterion c needs **norms** for both groups, and norms must come from a source, never
be guessed. Here:

- *clinical group*: your depression clients at intake (`mean_intake`, `sd_intake`);
- *functional group*: Kocalevent, Hinz & Brähler (2013) surveyed a representative
  sample of 5,018 German adults and report PHQ-9 means (SD) of 3.1 (3.5) for women and
  2.7 (3.5) for men; with 53.6% women that averages to **M = 2.9, SD = 3.5**
  (`GENERAL_POPULATION_MEAN`, `GENERAL_POPULATION_SD` below). A general-population
  sample is not a purely "functional" one (it includes people who are depressed), one
  reason criterion c depends on the norms you choose.

The alternative is a **published cut-off**: Kroenke et al. (2001) found that a PHQ-9
total of **10 or more** had a sensitivity and specificity of 88% for major depression.
""",
    ),
    code(
        "norms",
        """
from course.exercises.m05_reliability_and_change import (
    GENERAL_POPULATION_MEAN,
    GENERAL_POPULATION_SD,
)
from course.psychometrics import clinical_cutoff

print(f"Clinical (your intake): M = {mean_intake:.2f}, SD = {sd_intake:.2f}")
print(f"Functional (Kocalevent et al. 2013): M = {GENERAL_POPULATION_MEAN}, SD = {GENERAL_POPULATION_SD}")
""",
    ),
    md(
        "ex6-prompt",
        """
### Exercise 6 (1 point): criterion c

Compute criterion c from the clinical and functional norms above and store it in
`cutoff_c` (you may use `clinical_cutoff(mean_clinical, sd_clinical, mean_functional,
sd_functional)` or the formula).
""",
    ),
    answer(
        "ex6-answer",
        """
cutoff_c = clinical_cutoff(
    mean_clinical=mean_intake,
    sd_clinical=sd_intake,
    mean_functional=GENERAL_POPULATION_MEAN,
    sd_functional=GENERAL_POPULATION_SD,
)
cutoff_c
""",
    ),
    tests(
        "ex6-tests",
        visible="""
from course.grading import expect_number

expect_number(cutoff_c, "cutoff_c", 0, 27)
""",
        hidden=_REF
        + """
from course.grading import expect_close

expect_close(
    cutoff_c,
    _ref.cutoff_c,
    "cutoff_c",
    "Criterion c weights each mean by the SD of the other group: "
    "c = (SD_clinical x M_functional + SD_functional x M_clinical) / (SD_clinical + SD_functional), "
    "with your intake mean and SD as the clinical group and M = 2.9, SD = 3.5 as the functional group.",
    tol=0.01,
)
""",
        points=1,
    ),
    md(
        "cutoff-choice",
        """
Compare your criterion c with 10: for most caseloads it is a little lower, so it
would count more clients as recovered. In the rest of this module "recovered"
uses the **published cut-off of 10** (Kroenke et al., 2001): a client is recovered
when their change is a reliable improvement *and* they move from 10 or above at
intake to **below 10** at their last session. A client who started below 10 was not
in the clinical range, so they cannot be "recovered" by this definition, however much
they improve. Whichever cut-off you use, say which one and where it comes from:
recovery rates computed with different cut-offs cannot be compared.
""",
    ),
    md(
        "classify-intro",
        """
## 6. Classifying every client

For each depression client, compare the PHQ-9 at **intake** (session 1) with the
score at their **last attended session** (clients who stopped early are judged on
their last score, not left out). The chart shows six of your clients. The shaded
band is intake ± `rc_points`: a later score inside the band is not reliably different
from intake. The dashed line is the cut-off of 10. Orange triangles mark sessions in
which item 9 was above 0. Before you compute anything, decide for each panel: reliable
change or not? recovered or not?
""",
    ),
    code(
        "chart",
        """
from course.charts.m05_trajectories import trajectory_chart
from course.exercises.m05_reliability_and_change import change_thresholds, chart_clients

trajectory_chart(
    phq,
    chart_clients(phq),
    rc_points=change_thresholds(sd_intake, PHQ9_RELIABILITY)["rc_points"],
    cutoff=PHQ9_CUTOFF,
    item9=item9,
)
""",
        tags=("chart",),
    ),
    md(
        "ex7-prompt",
        """
### Exercise 7 (3 points): reliable change for every client

Store in `change_category` a dictionary with one entry per client in `phq`
(`{client_id: category}`), where the category is exactly one of
`"reliable improvement"`, `"no reliable change"` or `"reliable deterioration"`.
Use intake (column `1`) and each client's last non-empty score, `sd_intake` and
`PHQ9_RELIABILITY`. `reliable_change_index(pre, post, sd, reliability)` and
`classify_change(rci, improvement="decrease")` in `course.psychometrics` may help;
check that you understand what they do first. (`row.dropna().iloc[-1]` gives the
last non-empty value of a row.)
""",
    ),
    answer(
        "ex7-answer",
        """
from course.psychometrics import classify_change, reliable_change_index

intake = phq[1]
last = phq.apply(lambda row: row.dropna().iloc[-1], axis=1)
rci = reliable_change_index(intake, last, sd=sd_intake, reliability=PHQ9_RELIABILITY)
change_category = dict(zip(phq.index, classify_change(rci, improvement="decrease"), strict=True))
""",
    ),
    tests(
        "ex7-tests",
        visible="""
from course.grading import expect_choice, expect_keys

_labels = ["reliable improvement", "no reliable change", "reliable deterioration"]
expect_keys(change_category, list(phq.index), "change_category")
for _client, _label in change_category.items():
    expect_choice(_label, _labels, f"change_category[{_client!r}]")
""",
        hidden=_REF
        + """
from course.grading import expect_labels

expect_labels(change_category, _ref.labels, "change_category", _ref.rationales)
""",
        points=3,
    ),
    md(
        "ex8-prompt",
        """
### Exercise 8 (2 points): who recovered?

Store in `recovered` a list of the client ids who count as **recovered**: reliable
improvement, 10 or more at intake, and below 10 at their last session.
""",
    ),
    answer(
        "ex8-answer",
        """
recovered = [
    client
    for client in phq.index
    if change_category[client] == "reliable improvement"
    and intake[client] >= PHQ9_CUTOFF
    and last[client] < PHQ9_CUTOFF
]
print(f"{len(recovered)} of {len(phq)} clients recovered:", recovered)
""",
    ),
    tests(
        "ex8-tests",
        visible="""
from course.grading import expect_type

expect_type(recovered, list, "recovered", "Use a list of client ids such as ['C003', 'C017'].")
assert all(c in set(phq.index) for c in recovered), (
    "Every entry of `recovered` should be a client id from `phq` (a text such as 'C003')."
)
""",
        hidden=_REF
        + """
from course.grading import expect_same_items

expect_same_items(
    recovered,
    _ref.recovered,
    "recovered",
    "Recovered (Jacobson & Truax 1991) needs reliable improvement and a move from the "
    "clinical range (10 or more at intake) to below 10 at the last session: a low final "
    "score alone is not enough, and a final score of exactly 10 is still in the clinical range.",
)
""",
        points=2,
    ),
    md(
        "safety",
        """
### A clinical-safety item: PHQ-9 item 9

Item 9 of the PHQ-9 asks how often the client has had thoughts that they would be
better off dead or of hurting themselves (our paraphrase). It is **never** just one
ninth of a total. Whenever it is above 0, in any session and whatever the total:

- **ask directly** and calmly about the thoughts: how often, how strong, any intent,
  plan or access to means, and what keeps the client safe (asking does not put the
  idea in anyone's head);
- arrange a **same-day risk assessment by a qualified clinician**; as a trainee, tell
  your supervisor the same day;
- make or update a **safety plan** with the client (warning signs, coping steps,
  people and services to contact, making means safer);
- **follow your service's local protocol**, and record what you asked, what the
  client said and what you did.

**Never average it away.** A falling total, a "recovered" label, or a mean of item 9
across sessions does not cancel an endorsement in the latest session. In this
simulated caseload the answers are invented; with real clients every triangle in the
chart above would have been acted on in the session it was given.
""",
    ),
    md(
        "ex9-prompt",
        """
### Exercise 9 (1 point): before anyone is discharged

Using `item9`, store in `item9_at_last_session` a list of the client ids whose item 9
was **above 0 at their last attended session** (their last non-empty value).
""",
    ),
    answer(
        "ex9-answer",
        """
last_item9 = item9.apply(lambda row: row.dropna().iloc[-1], axis=1)
item9_at_last_session = [client for client in item9.index if last_item9[client] > 0]
item9_at_last_session
""",
    ),
    tests(
        "ex9-tests",
        visible="""
from course.grading import expect_type

expect_type(item9_at_last_session, list, "item9_at_last_session", "Use a list of client ids.")
assert all(c in set(item9.index) for c in item9_at_last_session), (
    "Every entry should be a client id from `item9` (a text such as 'C003')."
)
""",
        hidden=_REF
        + """
from course.grading import expect_same_items

expect_same_items(
    item9_at_last_session,
    _ref.safety,
    "item9_at_last_session",
    "Read item 9 at each client's own last attended session (their last non-empty "
    "value) and flag any answer above 0: not an average, and not the total.",
)
""",
        points=1,
    ),
    md(
        "recovered-and-flagged-intro",
        """
Now set your two lists side by side. Any client in both is "recovered" by the total
while their latest answer to item 9 still calls for a same-day risk assessment: the
total and the safety item answer different questions.
""",
    ),
    code(
        "recovered-and-flagged",
        """
try:
    both = sorted(set(item9_at_last_session) & set(recovered))
    print(f"Recovered by the total, yet item 9 above 0 at the last session: {both or 'none'}")
except NameError:
    print("Answer exercises 8 and 9 first, then run this cell again.")
""",
    ),
    md(
        "sudden-intro",
        """
## 7. Sudden gains

Tang & DeRubeis (1999) noticed that many clients in cognitive-behavioural therapy for
depression improved in one large step between two sessions. These *sudden gains*
averaged 11 points on the Beck Depression Inventory, made up about half of those
clients' total improvement, and the clients who had them were less depressed at the
end of treatment and 18 months later. The alliance comes into it too: the sessions
right after a gain showed better alliance ratings. A gain from session N (pre-gain) to
N + 1 (post-gain) counts when all three criteria hold:

1. **size**: the drop is at least a set number of points (7 BDI points in the
   original; for other measures the reliable change value, as the `suddengains` R
   package computes it; Wiedemann et al., 2020);
2. **relative size**: the drop is at least 25% of the pre-gain score;
3. **stability**: the mean of the three sessions up to the pre-gain session is
   higher than the mean of the three from the post-gain session on by more than
   2.776 × their pooled SD (a t-test threshold; 3.182 or 4.303 when sessions are
   missing).

Criterion 3 is the guard against noise: a one-session dip that bounces straight back
does not pass it. `sudden_gains(scores, cutoff, improvement="decrease")` in
`course.psychometrics` checks every interval of every row of a table like `phq` and
returns one row per interval, with columns `client`, `pregain_session`, `gain`,
`crit1`, `crit2`, `crit3` and `sudden_gain` (True, False, or `<NA>` when a criterion
cannot be checked).
""",
    ),
    md(
        "ex10-prompt",
        """
### Exercise 10 (2 points): find the sudden gains

Run the three criteria on `phq` with your reliable change value `rc_points` as
criterion 1. Store in `sudden_gains_found` a list of `[client_id, pregain_session]`
pairs, one per interval that meets all three criteria (a client can have more than
one). Treat `<NA>` as "not a sudden gain". This exercise is marked with your own
`rc_points`, so a slip in Exercise 5 is not charged twice (as long as your value is a
plausible one).
""",
    ),
    answer(
        "ex10-answer",
        """
from course.psychometrics import sudden_gains

checks = sudden_gains(phq, cutoff=rc_points, improvement="decrease")
hits = checks[checks["sudden_gain"].fillna(False).astype(bool)]
sudden_gains_found = [
    [c, int(s)] for c, s in zip(hits["client"], hits["pregain_session"], strict=True)
]
sudden_gains_found
""",
    ),
    tests(
        "ex10-tests",
        visible="""
from course.grading import expect_type

expect_type(sudden_gains_found, list, "sudden_gains_found", "Use a list of [client_id, session] pairs.")
for _pair in sudden_gains_found:
    assert len(_pair) == 2 and isinstance(_pair[0], str), (
        "Each entry should be a pair such as ['C012', 4]: the client id and the pre-gain session."
    )
""",
        hidden="""
from course import identity as _identity
from course.exercises.m05_reliability_and_change import check_sudden_gains as _check

# rc_points may be undefined if Exercise 5 was skipped; the check then uses the exact value
_check(sudden_gains_found, _identity(), globals().get("rc_points"), "sudden_gains_found")
""",
        points=2,
    ),
    md(
        "truth-intro",
        """
Because your data are simulated, we know the truth: the simulator planted a sudden
gain in about a quarter of the clients who attended 6 or more sessions. The table sets
what you found beside what was planted. Real data never come with this answer key:
expect the criteria to miss some gains (a planted gain smaller than your reliable
change value, or one near the end of treatment) and to flag some noise.
""",
    ),
    code(
        "truth",
        """
from course.exercises.m05_reliability_and_change import compare_sudden_gains, planted_sudden_gains

try:
    found = sudden_gains_found
except NameError:
    found = []
    print("Answer exercise 10 first; until then the table lists only the planted gains.")
compare_sudden_gains(found, planted_sudden_gains(caseload))
""",
    ),
    task(
        "ex11-task",
        """
## 8. Exercise 11 (3 points, graded by your instructor): one session, four points

A colleague's client scored 15 on the PHQ-9 at session 5 and 11 at session 6. The
colleague writes in the notes: *"Breakthrough in session 6: the depression is
lifting."* In five to eight sentences, written to your colleague:

(a) using **your** `rc_points` and SEM, say whether a 4-point drop is reliable change,
and what the SEM implies about any single score;
(b) give **two** reasons other than real improvement why a PHQ-9 total can fall by 4
points from one session to the next;
(c) say what you would look at or do before calling it a breakthrough.

Write your answer in the cell below.
""",
        rubric="""
Rubric (3 points):
- 1 point, (a): compares 4 with the trainee's own rc_points (1.96 x sqrt(2) x SEM,
  about 4-5 points for most caseloads) and draws the right conclusion for their
  value; *and* notes that one score is uncertain by about +/- 1.96 x SEM (about 3
  points). Where 4 exceeds their rc_points, full credit needs the caveat that a
  reliable change between two sessions can still be chance when many session pairs
  are compared (a 5% false-alarm rate per comparison adds up over 10+ sessions; the
  noise simulator shows this). 0.5 for a correct verdict without numbers.
- 1 point, (b): two distinct, plausible non-change sources, e.g. random measurement
  error (a good or bad week, sleep, a recent event), regression to the mean after an
  unusually high score, wanting to please the counsellor or to show that therapy is
  working, misreading the two-week time frame. 0.5 for one.
- 1 point, (c): a concrete step: look at the next sessions (does the drop hold? the
  stability criterion of a sudden gain needs three sessions after it), look at the
  trend across all sessions rather than one pair, ask the client what has changed
  for them, keep reading item 9 on its own, and record it as "a drop to watch"
  rather than a breakthrough. 0.5 for a vague "wait and see".
""",
        model_answer="""
With my caseload's SEM of about 1.5 points, any single PHQ-9 total could sit roughly
3 points either side of the client's true score, and a change needs more than about
4.0 points (1.96 x S_diff) before it is unlikely to be measurement error alone; a
4-point drop does not clear that bar. Even a change that does clear it between two
sessions is weak evidence, because over ten or more sessions some pair will cross
the threshold by chance. The drop could reflect a better week (sleep, a good
weekend), regression to the mean after an unusually high session-5 score, or the
client wanting to show us that therapy is working. Before calling it a breakthrough
I would look at sessions 7 to 9: if the lower level holds, it may meet the stability
criterion of a sudden gain. I would also ask the client what has changed for them,
keep checking item 9 separately, and note it as a drop to watch for now.
""",
        points=3,
    ),
    written("ex11-answer"),
    md(
        "summary",
        """
## Summary
- **Alpha** estimates internal consistency from the item and total variances; it
  belongs to a scale *in a sample*, and its confidence interval says how precisely
  your sample pins it down. Four-item subscales have lower, less precise alphas.
- **Item-total correlations** and **alpha-if-deleted** show how items behave; they
  are reasons to look at an item, not to delete items from a published scale.
- **SEM = SD × √(1 − r)** turns reliability into points of a single score;
  **S<sub>diff</sub> = √2 × SEM**, and a change is reliable when it exceeds
  **1.96 × S<sub>diff</sub>** (Jacobson & Truax, 1991). State the SD and reliability
  you used (here: your intake SD, and α = .89 from Kroenke et al., 2001).
- **Recovered** = reliable improvement *and* crossing a cut-off; name the cut-off and
  its source (here the published PHQ-9 cut-off of 10; criterion c from the norms of
  Kocalevent et al., 2013, is lower).
- **PHQ-9 item 9** is read on its own in every session: any answer above 0 means
  asking directly, a same-day risk assessment by a qualified clinician, a safety
  plan, local protocol and supervision, whatever the total says.
- **Sudden gains** need size, relative size and stability (Tang & DeRubeis, 1999);
  the stability criterion is what separates a gain from a noisy session.
- A change between **two sessions** is the least reliable thing on the page: read it
  against the SEM, the trend and the client's own account.

### References
- Cronbach, L. J. (1951). Coefficient alpha and the internal structure of tests.
  *Psychometrika, 16*(3), 297-334.
- Feldt, L. S., Woodruff, D. J., & Salih, F. A. (1987). Statistical inference for
  coefficient alpha. *Applied Psychological Measurement, 11*(1), 93-103.
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised
  short version of the Working Alliance Inventory. *Psychotherapy Research, 16*(1),
  12-25.
- Jacobson, N. S., & Truax, P. (1991). Clinical significance: A statistical approach
  to defining meaningful change in psychotherapy research. *Journal of Consulting and
  Clinical Psychology, 59*(1), 12-19.
- Kocalevent, R.-D., Hinz, A., & Brähler, E. (2013). Standardization of the depression
  screener Patient Health Questionnaire (PHQ-9) in the general population. *General
  Hospital Psychiatry, 35*(5), 551-555.
- Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of a
  brief depression severity measure. *Journal of General Internal Medicine, 16*(9),
  606-613.
- Munder, T., Wilmers, F., Leonhart, R., Linster, H. W., & Barth, J. (2010). Working
  Alliance Inventory-Short Revised (WAI-SR): Psychometric properties in outpatients
  and inpatients. *Clinical Psychology & Psychotherapy, 17*(3), 231-239.
- Tang, T. Z., & DeRubeis, R. J. (1999). Sudden gains and critical sessions in
  cognitive-behavioral therapy for depression. *Journal of Consulting and Clinical
  Psychology, 67*(6), 894-904.
- Wiedemann, M., Thew, G. R., Stott, R., & Ehlers, A. (2020). suddengains: An R
  package to identify sudden gains in longitudinal data. *PLOS ONE, 15*(3), e0230276.
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, "notebooks/05-reliability-and-change/05-reliability-and-change.ipynb"))
