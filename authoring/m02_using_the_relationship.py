"""Authoring script for notebooks/02-using-the-relationship (run: python -m authoring.m02_using_the_relationship)."""

from scripts.nbauthor import answer, code, md, save, task, tests, written

NOTEBOOK = "notebooks/02-using-the-relationship/02-using-the-relationship.ipynb"

# Shared pieces of the hidden tests: never rely on notebook variables such as `course`.
# No trailing newline: each hidden test appends its own imports to the same (sorted) block.
_HIDDEN_IMPORTS = """
from course import identity as _identity
from course.exercises.m02_using_the_relationship import reference_answers as _reference"""


def _labels_tests(family: str, name: str, allowed: str):
    """Visible and hidden tests of one vignette-classification exercise."""
    if family == "corrective_experience":
        check_value = (
            f'    expect_type(_value, bool, f"{name}[{{_label!r}}]", '
            '"Answer True or False (no quotes).")'
        )
        imports = "from course.grading import expect_keys, expect_type"
    else:
        check_value = f'    expect_choice(_value, _allowed, f"{name}[{{_label!r}}]")'
        imports = (
            f"from course.exercises.m02_using_the_relationship import {allowed} as _allowed\n"
            "from course.grading import expect_choice, expect_keys"
        )
    visible = f"""
{imports}

expect_keys({name}, ["A", "B", "C", "D"], "{name}")
for _label, _value in {name}.items():
{check_value}
"""
    hidden = f"""
from course import identity as _identity
from course.exercises.m02_using_the_relationship import check_labels as _check_labels

_check_labels({name}, "{family}", _identity(), "{name}")
"""
    return visible, hidden


_USE_VISIBLE, _USE_HIDDEN = _labels_tests("use", "use_labels", "USES")
_STANCE_VISIBLE, _STANCE_HIDDEN = _labels_tests("stance", "stance_labels", "STANCES")
_PURPOSE_VISIBLE, _PURPOSE_HIDDEN = _labels_tests("purpose", "purpose_labels", "PURPOSES")
_CORR_VISIBLE, _CORR_HIDDEN = _labels_tests("corrective_experience", "corrective_labels", "")

CELLS = [
    md(
        "title",
        """
# Module 02 · Using the relationship on purpose

**Estimated time:** 85 minutes · **Graded items:** 11 (9 autograded, 2 written), 20 points

Module 01 described the alliance. This module is about what a counsellor *does*
with the relationship: how the way client and therapist treat each other can
itself become part of the work, which way the therapist leans when they do
this, and what the work is for. You will sort short session excerpts, choose
an approach for two clients, and then look at your own simulated caseload to
ask whether the alliance rises after sessions that focused on the relationship,
and whether any difference between more and less securely attached clients is
more than noise.

### Learning objectives
By the end of this module you will be able to:
1. explain what a corrective (emotional) experience is and recognise one, or its
   absence, in a session excerpt;
2. recognise the four uses of the relationship: addressing a problem in the
   relationship, challenging a maladaptive pattern, modelling how to resolve an
   interpersonal difficulty, and giving feedback;
3. tell a confronting or challenging stance from a supporting or empowering one,
   and processing the relationship as an end in itself from using it to promote
   change;
4. choose, and justify, a use and a stance that fit a particular client's needs
   and the present state of the alliance (Kuutmann & Hilsenroth, 2012);
5. compute, from your caseload, the change in the client's alliance after
   relationship-focused sessions and after other sessions, for more and less
   securely attached clients;
6. read that comparison honestly: what else explains the difference, and whether
   it can be told apart from noise with a classroom-sized caseload.

### Key terms
- **Corrective (emotional) experience**: the client meets, and feels, a response
  from the therapist that differs from what earlier relationships taught them to
  expect (Alexander & French, 1946).
- **Working with the relationship** (relationship focus): time in a session spent
  on what is happening between client and therapist, here and now.
- **Use**: what the therapist does with the relationship at that moment; this
  course names four (objective 2).
- **Stance**: confronting or challenging the client's thinking or behaviour, versus
  supporting and empowering the client's own agency.
- **Purpose**: processing the relationship as the work itself, versus using it as a
  base for change outside the room.
- **Attachment security**: how confidently a person expects others to be available
  and responsive; in this course's data, a standardised score (mean 0, SD 1).
- **Confound**: a third factor tied to both things compared, which can make one
  look as if it affects the other.
""",
    ),
    code("setup", "import course\n\nstudent_id = course.setup()"),
    md(
        "tools",
        """
The next cell loads the tools this module uses. Everything in it is prepared for
your trainee id; run it once.
""",
    ),
    code(
        "imports",
        """
import numpy as np
import pandas as pd

import course.simulate
from course.charts.m02_focus import focus_change_chart
from course.exercises import m02_using_the_relationship as m02
from course.widgets.m02_practice import vignette_practice
""",
    ),
    md(
        "why",
        """
## 1. The relationship as a tool, not only a setting

Every counselling method happens inside a relationship. Some therapists also
work *with* that relationship deliberately: they notice how the client relates
to them and make that part of the conversation. Kuutmann and Hilsenroth (2012)
studied how much early sessions of short-term psychodynamic therapy focused on
the patient-therapist relationship, in 76 outpatients. The consumer article this
course starts from summarises ideas from that line of work as three sets of
distinctions, which this module teaches in turn:

| Question | Options |
|---|---|
| What is the therapist doing with the relationship? | address a problem in it · challenge a pattern · model a resolution · give feedback |
| Which way do they lean? | confront and challenge · support and empower |
| What is it for? | process the relationship as the end goal · use it to promote change elsewhere |

Underneath all three sits the idea of a **corrective experience**. The article
also claims that these choices work best when they fit what the client needs.

*A note on sources.* The article credits these ideas to a reference whose number
is swapped with its neighbour in its reference list: they come from Kuutmann and
Hilsenroth (2012), not from the University at Buffalo measurement page. The
working definitions below are this course's own.
""",
    ),
    md(
        "corrective",
        """
## 2. Corrective experience

Alexander and French (1946) proposed that clients change partly by *living
through* something new with the therapist, not only by understanding their past.
A client who learned that anger ends relationships gets angry with the therapist,
and the relationship holds. A client who expects ridicule asks for help and is
taken seriously. The term has been debated since it was coined (Alexander's
suggestion that a therapist might deliberately play a role opposite to the
client's early figures drew sharp criticism, for instance from Eissler, 1950),
and today it usually means a genuine, not a staged, response.

For this course, a moment counts as a corrective experience when **all three**
of these are present:
1. an **old expectation** about how people respond (often named by the client, or
   visible in how they brace themselves);
2. a **different response** from the therapist;
3. the client **feels the difference** (relief, surprise, being moved, confusion
   at the novelty).

Warm, competent work without an old expectation being disconfirmed (setting an
agenda, reviewing a drinking diary, praising effort) is good counselling but not
a corrective experience.
""",
    ),
    md(
        "uses",
        """
## 3. Four uses of the relationship

Ask: *what is the therapist doing with the relationship right now?*

| Use | The therapist... | A cue |
|---|---|---|
| **Address a relationship problem** | names a strain, misunderstanding or hurt *between the two of them* and works it through | the problem is in the relationship itself ("when I ended early last week...") |
| **Challenge a maladaptive pattern** | points to a recurring self-defeating habit of the client's *as it shows up with the therapist*, and questions it | "you're doing it with me right now" |
| **Model interpersonal resolution** | handles a difference or their own mistake in a way the client can *copy* in other relationships | the therapist's own conduct becomes the example |
| **Give feedback** | tells the client how they come across, or what the therapist experiences with them | "can I tell you how that lands with me?" |

The pairs that are easiest to confuse: *address* versus *challenge* (is the
problem in our relationship, or is it the client's habit appearing in our
relationship?) and *model* versus *feedback* (is the therapist showing a way
through by doing it, or telling the client about themselves?).

## 4. Stance and purpose: two further questions

**Stance** is the direction of the move, not its tone. A gentle question that
invites the client to look at a habit is still *confronting or challenging*; a
warm observation that points out the client's strength is *supporting or
empowering*. In this course, confronting means questioning thinking or behaviour
respectfully. It is not the hostile, denial-busting confrontation once common in
addiction counselling: in a small trial with 42 problem drinkers, the more a
counsellor confronted in that style, the more the client drank a year later
(Miller, Benefield & Tonigan, 1993).

**Purpose** asks where the work is heading. When the therapist *processes the
relationship*, exploring what happens between them is the work, valued in its
own right. When the therapist *uses the relationship to promote change*, the trust
or the experience built in the room becomes a base for doing something different
outside it. The same moment can carry a use, a stance and a purpose at once: a
piece of feedback can be challenging or supporting, and aimed at either purpose.
""",
    ),
    md(
        "practice-intro",
        """
### Practice: sort vignettes with feedback

Choose a question (use, stance, purpose or corrective experience), read the
excerpt, pick an answer and press **Check**. The kernel replies with the right
answer, why, and the definitions of the right answer and of your choice. The
practice set never includes the vignettes of your graded exercises below.
Practise until you get most right first time. Nothing here is graded.
""",
    ),
    code("practice", "vignette_practice(course.identity())", tags=("widget",)),
    md(
        "ex1-prompt",
        """
## 5. Exercise 1 (2 points): which use?

Each of the four excerpts below shows a different one of the four uses. Store
your answers in `use_labels`, a dict from each letter to one of
`"address_relationship_problems"`, `"challenge_maladaptive_patterns"`,
`"model_interpersonal_resolution"`, `"provide_feedback"`.
""",
    ),
    code("ex1-vignettes", 'm02.show_vignettes(course.identity(), "use")'),
    answer(
        "use-answer",
        """
# Instructor solution: this trainee's answer key.
use_labels = m02.answer_key(course.identity(), "use")
""",
        before="""
# use_labels = {"A": "...", "B": "...", "C": "...", "D": "..."}
""",
    ),
    tests("use-tests", visible=_USE_VISIBLE, hidden=_USE_HIDDEN, points=2),
    md(
        "ex2-prompt",
        """
## 6. Exercise 2 (1 point): which stance?

Two of these excerpts show a confronting or challenging stance and two a
supporting or empowering one. Store your answers in `stance_labels`, a dict from
each letter to `"confronting_challenging"` or `"supporting_empowering"`.
""",
    ),
    code("ex2-vignettes", 'm02.show_vignettes(course.identity(), "stance")'),
    answer(
        "stance-answer",
        """
# Instructor solution: this trainee's answer key.
stance_labels = m02.answer_key(course.identity(), "stance")
""",
        before="""
# stance_labels = {"A": "...", "B": "...", "C": "...", "D": "..."}
""",
    ),
    tests("stance-tests", visible=_STANCE_VISIBLE, hidden=_STANCE_HIDDEN, points=1),
    md(
        "ex3-prompt",
        """
## 7. Exercise 3 (1 point): which purpose?

Two of these excerpts process the relationship as an end in itself and two use it
to promote change outside the room. Store your answers in `purpose_labels`, a dict
from each letter to `"process_relationship"` or `"promote_change"`.
""",
    ),
    code("ex3-vignettes", 'm02.show_vignettes(course.identity(), "purpose")'),
    answer(
        "purpose-answer",
        """
# Instructor solution: this trainee's answer key.
purpose_labels = m02.answer_key(course.identity(), "purpose")
""",
        before="""
# purpose_labels = {"A": "...", "B": "...", "C": "...", "D": "..."}
""",
    ),
    tests("purpose-tests", visible=_PURPOSE_VISIBLE, hidden=_PURPOSE_HIDDEN, points=1),
    md(
        "ex4-prompt",
        """
## 8. Exercise 4 (1 point): corrective experience or not?

Two of these excerpts show a corrective experience and two do not. Store your
answers in `corrective_labels`, a dict from each letter to `True` (a corrective
experience: old expectation, different response, felt difference) or `False`.
""",
    ),
    code("ex4-vignettes", 'm02.show_vignettes(course.identity(), "corrective_experience")'),
    answer(
        "corrective-answer",
        """
# Instructor solution: this trainee's answer key.
corrective_labels = m02.answer_key(course.identity(), "corrective_experience")
""",
        before="""
# corrective_labels = {"A": True or False, "B": ..., "C": ..., "D": ...}
""",
    ),
    tests("corrective-tests", visible=_CORR_VISIBLE, hidden=_CORR_HIDDEN, points=1),
    md(
        "matching",
        """
## 9. Matching the use to the client

Which use and stance is right depends on the client. Kuutmann and Hilsenroth
(2012) give the closest evidence. In their sample:

- clients who came in with more interpersonal problems and more personality
  pathology had sessions that focused more on the patient-therapist relationship
  early on, above all clients whose way of relating was cold or distant and
  clients with low self-esteem;
- those two difficulties lessened over therapy, and they lessened more where early
  sessions had focused more on the relationship;
- for change in cold or distant ways of relating, the authors report that the link
  with early focus depended on the quality of the client's object relations
  (roughly, their capacity for mature, give-and-take relationships), pointing to
  clients whose object relations were of higher quality;
- how much a session focused on the relationship was **not** significantly related
  to the clients' own ratings of how the session went.

Read this with care: it is one correlational study of 76 clients in one kind of
therapy. Therapists chose where to focus, so the study shows that focus tended to
follow clients' difficulties; it cannot show that focus caused the change.

Questions a counsellor can ask before choosing:
- **How strong is the alliance today?** Challenge needs a base of trust. After a
  rupture or a low session rating, addressing the relationship problem usually
  comes before anything else.
- **Is the client's difficulty relational?** A pattern that shows up with you
  (distancing, pleasing, dismissing) can be worked with where it happens.
- **What can this client use?** Someone able to reflect on relationships can use
  processing and challenge; someone ashamed, ambivalent or new to therapy may first
  need support that strengthens their own agency.
- **What do they want, and what fits their culture and history?** A client who was
  lectured by a previous helper may hear even mild challenge as more of the same.
""",
    ),
    task(
        "stance-task",
        """
## 10. Exercise 5 (4 points, graded by your instructor): two clients, two stances

Both clients are fictional.

**Dara** (41, lab technician) came to counselling for depression. PHQ-9 was 16 at
intake; item 9 (thoughts of being better off dead or of self-harm) has been 0 at
every session. Dara describes a life of managing alone: people are "fine", but
Dara does not need them; colleagues call Dara reliable but distant. Over five
sessions the alliance has been steady (WAI-SR totals 4.1 to 4.4, no ruptures). In
session 5, when you say you enjoyed planning the week's activities together, Dara
shrugs: "You're paid to say that."

**Emeka Okafor** (58, bus depot supervisor) was referred by his GP after abnormal
liver tests; his AUDIT score at intake was 22. He is not sure he wants to cut
down. He mentions that a previous counsellor "lectured me like a schoolboy". In
session 3 his answers were short, he checked his watch, and his SRS total was 31
(36 or below flags an alliance concern). As he leaves he says: "I suppose you'll
call me an alcoholic too."

For **each** client, in four to eight sentences: (a) choose a stance (confronting
or challenging, or supporting or empowering) and one of the four uses for your
next session; (b) justify both from what the profile tells you about this
client's needs and the present state of your alliance; (c) say what you would
watch for in that session that would make you change course. Write in the cell
below.

*Safety note.* Had Dara scored above 0 on PHQ-9 item 9, the first task would not be
a choice of stance: ask Dara directly about thoughts of self-harm that same
session, arrange a same-day risk assessment by a qualified clinician, make a
safety plan together, and follow your service's protocol and your supervisor's
direction. Item 9 is acted on as an item; it is never averaged into a total and
forgotten.
""",
        rubric="""
Rubric (4 points: 2 per client).

Per client, 1 point for (a) + (b): a stance and a use that are justified by
specific cues in the profile, not by general statements.
- Dara: a steady alliance gives a base for work on the relationship; the
  dismissal ("paid to say that") is the distancing pattern showing up with the
  therapist. Challenging the pattern or giving feedback about how the remark
  lands (confronting/challenging, kindly), or processing what closeness with the
  therapist is like, all fit; Kuutmann & Hilsenroth found more early relationship
  focus for cold/distant clients and clients with low self-esteem, and more change
  in those difficulties. A supporting stance earns the point only if the answer
  says why (e.g. low self-esteem) and still engages the pattern.
- Mr Okafor: the SRS of 31, short answers and watch-checking are withdrawal
  markers; his history of being lectured and his ambivalence argue for a
  supporting/empowering stance and for addressing the relationship problem first
  (invite his view of the sessions, own the risk of sounding like the last
  counsellor, respect his choice about drinking). Confrontation of his drinking
  now earns 0 for this part (Miller, Benefield & Tonigan, 1993).

Per client, 1 point for (c): concrete markers that would change course, e.g.
Dara withdrawing further or the WAI-SR or SRS dropping (step back, repair, more
support), or Dara engaging with the pattern (go further); Mr Okafor's SRS above 36,
fuller answers, or him raising the drinking himself (room for gentle challenge
later), or further withdrawal (slow down, ask directly about the relationship).

Deduct 0.5 (once) if the answer treats "confronting" as harsh or shaming
confrontation, or ignores the SRS flag for Mr Okafor.
""",
        model_answer="""
Dara: I would use the relationship to challenge Dara's distancing pattern, with a
piece of feedback: "When I said I enjoyed working with you, you told me I was paid
to say it. I wonder if that is what happens when people get close to you." The
alliance has been steady for five sessions, so there is a base for a gentle
challenge, and the remark shows the pattern Dara describes with colleagues
happening with me, where we can look at it. In Kuutmann and Hilsenroth's study,
more early focus on the relationship went with more improvement in cold or
distant ways of relating, though that study cannot show cause. I would watch Dara's reaction: if Dara
goes quiet or the session rating drops, I would slow down, acknowledge that my
comment may have felt intrusive and repair before going further; if Dara engages,
we can explore what closeness with me is like.

Mr Okafor: I would take a supporting and empowering stance and address the
relationship problem first. His SRS of 31, short answers and watch-checking
suggest a rupture, and his comment tells me he expects me to lecture him like his
last counsellor. I would say that I noticed last session was hard, ask what it was
like for him and what would make our sessions more useful, and say plainly that
decisions about his drinking are his. Confronting his drinking now would likely
repeat his old experience and raise resistance. I would watch his SRS and how much
he says; if he engages and raises the drinking himself, there will be room for
gentle challenge later, and if he withdraws further I would ask directly how he
feels about continuing.
""",
        points=4,
    ),
    written("stance-written"),
    md(
        "data-intro",
        """
## 11. Your caseload: does the alliance rise after relationship-focused sessions?

Now a question about data. In your simulated caseload (eight therapists, sixty
clients, up to twelve sessions each; **every record is simulated**, no real
client's data), each session records:

- `relationship_focus`: how much of the session the therapist spent on the
  relationship itself, from 0 (none) to 4 (most of it). This module calls a
  session **relationship-focused** when `relationship_focus` is **2 or more**;
- `wai_total`: the client's WAI-SR total for that session (the mean of the twelve
  items, 1-5, scored with `course.instruments.score`);
- `rupture` and `repaired`: whether a rupture happened in that session and whether
  it was repaired there;
- `attachment_security`: the client's attachment security (standardised).

Why attachment? In a meta-analysis of 17 samples, more secure clients formed
somewhat stronger alliances (r = .17, 95% CI .10 to .23; Diener & Monroe, 2011),
although a single study by Bucci et al. (2016) found client and therapist security
not independently related to the alliance. A supervisor might ask: does working
on the relationship pay off differently for more and less secure clients?
""",
    ),
    code(
        "load-data",
        """
caseload = course.simulate.for_student(course.identity(), m02.MODULE)
table = m02.session_table(caseload)
table.head(8)
""",
    ),
    md(
        "ex6-prompt",
        """
## 12. Exercise 6 (2 points): the change in the next session

For each session that has a next session, the **next-session change** is the
client's `wai_total` in their next session minus their `wai_total` in this one.
Compute it *within each client* (a client's last session has no next session, and
must never be paired with another client's first). Then store in `change_after` a
dict with the mean next-session change after relationship-focused sessions
(`"focused"`) and after all other sessions (`"unfocused"`). Do not round.

Hint: sort by `client_id` and `session`, then
`groupby("client_id")["wai_total"].shift(-1)` gives each session's next total.
""",
    ),
    answer(
        "change-answer",
        """
ordered = table.sort_values(["client_id", "session"])
ordered["next_change"] = ordered.groupby("client_id")["wai_total"].shift(-1) - ordered["wai_total"]
with_next = ordered.dropna(subset=["next_change"])
is_focused = with_next["relationship_focus"] >= 2
change_after = {
    "focused": float(with_next.loc[is_focused, "next_change"].mean()),
    "unfocused": float(with_next.loc[~is_focused, "next_change"].mean()),
}
""",
    ),
    tests(
        "change-tests",
        visible="""
from course.grading import expect_keys, expect_number

expect_keys(change_after, ["focused", "unfocused"], "change_after")
for _key in ("focused", "unfocused"):
    expect_number(change_after[_key], f"change_after[{_key!r}]", -4, 4)
""",
        hidden=_HIDDEN_IMPORTS
        + """
from course.grading import expect_close as _expect_close
from course.grading import expect_keys as _expect_keys

_want = _reference(_identity())["mean_change"]
_got = _expect_keys(change_after, ["focused", "unfocused"], "change_after")
for _part in ("focused", "unfocused"):
    _expect_close(
        _got[_part],
        _want[_part],
        f"change_after[{_part!r}]",
        "The next-session change is the next session's WAI-SR total minus this session's, "
        "computed within each client (group by client before shifting), so no client's last "
        "session is paired with another client's first. A session is relationship-focused "
        "when relationship_focus is 2 or more; average the changes that follow each kind.",
        tol=0.001,
    )
""",
        points=2,
    ),
    md(
        "pairs",
        """
From here on the exercises use `pairs`, built by the course library: every
session that has a next one, with its `next_change` and a `focused` column
(`relationship_focus >= 2`). It is the same computation as yours, so a slip in
Exercise 6 does not carry into the next exercises.
""",
    ),
    code(
        "pairs-data",
        """
pairs = m02.next_session_pairs(table)
pairs[["client_id", "session", "relationship_focus", "focused", "wai_total", "next_change"]].head(8)
""",
    ),
    md(
        "ex7-prompt",
        """
## 13. Exercise 7 (2 points): the gap, by attachment security

Split the **clients** at the median of their attachment security: a client above
the median is `"more_secure"`, a client at or below it is `"less_secure"`. Take the
median over clients (one value per client), not over session rows, which would
count a client once per session. Then, within each group, compute the **gap**:
the mean `next_change` after focused sessions minus the mean after other
sessions. Store both in `focus_gap`, a dict with keys `"more_secure"` and
`"less_secure"`. Do not round.
""",
    ),
    answer(
        "gaps-answer",
        """
security = table.groupby("client_id")["attachment_security"].first()
group_of = pd.Series(
    np.where(security > security.median(), "more_secure", "less_secure"), index=security.index
)
focus_gap = {}
for group in ["more_secure", "less_secure"]:
    rows = pairs[pairs["client_id"].map(group_of) == group]
    focus_gap[group] = float(
        rows.loc[rows["focused"], "next_change"].mean()
        - rows.loc[~rows["focused"], "next_change"].mean()
    )
""",
    ),
    tests(
        "gaps-tests",
        visible="""
from course.grading import expect_keys, expect_number

expect_keys(focus_gap, ["more_secure", "less_secure"], "focus_gap")
for _key in ("more_secure", "less_secure"):
    expect_number(focus_gap[_key], f"focus_gap[{_key!r}]", -4, 4)
""",
        hidden=_HIDDEN_IMPORTS
        + """
from course.grading import expect_close as _expect_close
from course.grading import expect_keys as _expect_keys

_want = _reference(_identity())["gaps"]
_got = _expect_keys(focus_gap, ["more_secure", "less_secure"], "focus_gap")
for _part in ("more_secure", "less_secure"):
    _expect_close(
        _got[_part],
        _want[_part],
        f"focus_gap[{_part!r}]",
        "Split the clients at the median of attachment_security taken over clients (one value "
        "per client, not per session row): above the median is more_secure, at or below is "
        "less_secure. Within each group the gap is the mean next_change after focused "
        "sessions minus the mean after other sessions.",
        tol=0.001,
    )
""",
        points=2,
    ),
    md(
        "groups",
        """
The next cell stores the same split as `groups` (client id to group), so the
exercises below do not depend on your variable names. Check the group sizes.
""",
    ),
    code(
        "groups-data",
        """
groups = m02.attachment_groups(table)
groups.value_counts()
""",
    ),
    md(
        "ex8-prompt",
        """
## 14. Exercise 8 (2 points): how uncertain is the difference?

Is the gap bigger for more secure clients? The estimate is the **difference of
the gaps**, more secure minus less secure. Give it a 95% confidence interval by
the normal approximation, treating every session as independent:

- the four cells are (group) x (focused or not); in each, take the sample
  variance of `next_change` (`var()`, which divides by n - 1) and the count n;
- the standard error of the difference is SE = √(sum over the four cells of
  variance / n);
- the interval is difference - 1.96 × SE to difference + 1.96 × SE.

Store it in `gap_difference_ci` as a list `[low, high]`. Do not round.
""",
    ),
    answer(
        "ci-answer",
        """
cells = (
    pairs.assign(group=pairs["client_id"].map(groups))
    .groupby(["group", "focused"])["next_change"]
    .agg(["mean", "var", "count"])
)
gap = {
    g: cells.loc[(g, True), "mean"] - cells.loc[(g, False), "mean"]
    for g in ["more_secure", "less_secure"]
}
difference = gap["more_secure"] - gap["less_secure"]
se = float(np.sqrt((cells["var"] / cells["count"]).sum()))
gap_difference_ci = [float(difference - 1.96 * se), float(difference + 1.96 * se)]
""",
    ),
    tests(
        "ci-tests",
        visible="""
from course.grading import expect_number, expect_type

expect_type(gap_difference_ci, list, "gap_difference_ci", "Use a list: [low, high].")
assert len(gap_difference_ci) == 2, (
    "`gap_difference_ci` needs exactly two numbers: the lower and the upper limit."
)
_low = expect_number(gap_difference_ci[0], "gap_difference_ci[0]", -8, 8)
_high = expect_number(gap_difference_ci[1], "gap_difference_ci[1]", -8, 8)
assert _low < _high, "The lower limit of a confidence interval comes first and is the smaller."
""",
        hidden=_HIDDEN_IMPORTS
        + """
from course.grading import expect_close as _expect_close

_want = _reference(_identity())["gap_ci"]
for _i, _name in enumerate(["lower", "upper"]):
    _expect_close(
        gap_difference_ci[_i],
        _want[_i],
        f"gap_difference_ci ({_name} limit)",
        "The interval is the difference of the gaps (more secure minus less secure) plus or "
        "minus 1.96 standard errors, where the standard error is the square root of the sum, "
        "over the four cells, of each cell's variance divided by its count: the variance of "
        "the mean, not the standard deviation of the changes.",
        tol=0.002,
    )
""",
        points=2,
    ),
    md(
        "bootstrap",
        """
### A second interval: resampling whole clients

Treating every session as independent is a simplification: one client's sessions
belong together. The next cell resamples **whole clients** with replacement,
2,000 times, within each attachment group, recomputes every gap each time, and
reports the middle 95% of the results (a client-level bootstrap). Compare its
interval for the difference with yours. Here the two usually come out close; a
client-level interval is still the safer habit, because you cannot know in
advance that sessions of one client behave independently.
""",
    ),
    code(
        "bootstrap-data",
        """
boot = m02.client_bootstrap(pairs, groups, seed=m02.bootstrap_seed(course.identity()))
intervals = m02.interval_table(pairs, groups, boot)
intervals.round(3)
""",
    ),
    code(
        "chart",
        """
focus_change_chart(m02.change_summary(pairs, groups, boot))
""",
        tags=("chart",),
    ),
    md(
        "ex9-prompt",
        """
## 15. Exercise 9 (1 point): distinguishable from noise?

Use the client-level intervals in `intervals`. A difference is distinguishable
from noise at the 95% level when its interval lies wholly above or wholly below
zero. Store in `beyond_noise` a dict of two booleans:
- `"focus_gap"`: is the gap for all clients (`gap_all`) distinguishable from noise?
- `"attachment_difference"`: is the difference of the gaps (`difference`)
  distinguishable from noise?
""",
    ),
    answer(
        "noise-answer",
        """
overall = intervals.loc["gap_all"]
by_attachment = intervals.loc["difference"]
beyond_noise = {
    "focus_gap": bool(overall["ci_low"] > 0 or overall["ci_high"] < 0),
    "attachment_difference": bool(by_attachment["ci_low"] > 0 or by_attachment["ci_high"] < 0),
}
""",
    ),
    tests(
        "noise-tests",
        visible="""
from course.grading import expect_keys, expect_type

expect_keys(beyond_noise, ["focus_gap", "attachment_difference"], "beyond_noise")
for _key in ("focus_gap", "attachment_difference"):
    expect_type(beyond_noise[_key], bool, f"beyond_noise[{_key!r}]", "Answer True or False.")
""",
        hidden=_HIDDEN_IMPORTS
        + """
from course.grading import expect_equal as _expect_equal
from course.grading import expect_keys as _expect_keys

_want = _reference(_identity())["beyond_noise"]
_got = _expect_keys(beyond_noise, ["focus_gap", "attachment_difference"], "beyond_noise")
for _part in ("focus_gap", "attachment_difference"):
    _expect_equal(
        _got[_part],
        _want[_part],
        f"beyond_noise[{_part!r}]",
        "An estimate is distinguishable from noise at the 95% level only when its interval "
        "excludes zero: both limits above zero, or both below. An interval that crosses zero "
        "is compatible with no difference at all, whatever the size of the point estimate.",
    )
""",
        points=1,
    ),
    md(
        "confound",
        """
## 16. Exercise 10 (2 points): what else happens in focused sessions?

Even a gap that is not noise need not mean that focusing on the
relationship *raised* the alliance. Look at what else distinguishes focused
sessions:
""",
    ),
    code("rupture-shares", "m02.rupture_shares(pairs)"),
    md(
        "ex10-prompt",
        """
Many relationship-focused sessions (often about half: see `with_rupture` in the
table) are sessions in which a rupture happened, against hardly any of the other
sessions, and a rupture pulls that session's alliance down. Recompute the gap (mean
`next_change` after focused sessions minus after other sessions, all clients)
using **only sessions without a rupture** (`rupture` is False). Store it in
`gap_no_rupture` as a number. Do not round.
""",
    ),
    answer(
        "rupture-answer",
        """
calm = pairs[~pairs["rupture"]]
gap_no_rupture = float(
    calm.loc[calm["focused"], "next_change"].mean()
    - calm.loc[~calm["focused"], "next_change"].mean()
)
""",
    ),
    tests(
        "rupture-tests",
        visible="""
from course.grading import expect_number

expect_number(gap_no_rupture, "gap_no_rupture", -4, 4)
""",
        hidden=_HIDDEN_IMPORTS
        + """
from course.grading import expect_close as _expect_close

_expect_close(
    gap_no_rupture,
    _reference(_identity())["gap_no_rupture"],
    "gap_no_rupture",
    "Keep only the sessions whose rupture is False, then take the mean next_change after "
    "focused sessions minus the mean after other sessions, over all clients. Comparing "
    "sessions alike in having no rupture takes the rupture's dip out of the comparison.",
    tol=0.001,
)
""",
        points=2,
    ),
    task(
        "reading-task",
        """
## 17. Exercise 11 (2 points, graded by your instructor): what you would tell a supervisor

Your supervisor asks: "Does working on the relationship pay off, and does it pay
off more for securely attached clients?" In four to six sentences, answer from
**your** results (quote your numbers): what the rise after relationship-focused
sessions does and does not show, whether the difference between more and less
secure clients can be told apart from noise with a caseload this size, and what
kind of data or design would be needed to answer the question properly. Write in
the cell below.
""",
        rubric="""
Rubric (2 points).

1 point: reports the overall rise after focused sessions (with the trainee's own
gap and its interval) *and* explains why it does not show that focus causes the
rise: many focused sessions (about half; the trainee's own share from the table)
are rupture sessions whose alliance had dipped, so the next session's rise is
largely recovery (and repair); the gap without ruptures (quoted) is much smaller,
around zero or below (it is itself noisy: few focused sessions have no rupture). A causal claim ("focusing raises the alliance by
X") earns 0 for this point.

1 point: says the difference between more and less secure clients is within noise
(quotes the interval crossing zero; for the rare trainee whose interval excludes
zero, says that with about 60 clients and no prior hypothesis this may be chance
and needs replication), *and* names what would be needed: many more clients,
comparing like with like (e.g. rupture sessions with and without relationship
focus, or randomising or at least measuring why focus happened), a pre-stated
hypothesis. 0.5 if only "more data" is named.

No credit is lost for noting that the data are simulated; full marks need no
literature, but linking to Kuutmann & Hilsenroth (focus not related to session
ratings) or Diener & Monroe (small attachment-alliance association) is a plus
that can make up a half point lost elsewhere.
""",
        model_answer="""
(The numbers are one trainee's; each trainee quotes their own.)
In my caseload the alliance rose by about 0.17 points on the WAI-SR after
relationship-focused sessions compared with other sessions (client-bootstrap 95%
interval about 0.09 to 0.25), so that gap is not noise. But it does not show that
focusing on the relationship raised the alliance: more than half of the focused
sessions were rupture sessions, where the alliance had dipped, so much of the rise
is recovery, and among sessions without a rupture the gap was about -0.12, no sign
of a rise at all. The gap was similar for more and less secure
clients (difference 0.02, interval about -0.14 to 0.18), so with sixty clients I
cannot tell any difference from noise. To answer the question we would need many
more clients and a comparison of like with like, for example rupture sessions with
and without relationship work, with the hypothesis stated before looking.
""",
        points=2,
    ),
    written("reading-written"),
    md(
        "ground-truth",
        """
### What the simulator did

Because the data are simulated, we can say what is really in them. In the
simulator, `relationship_focus` has **no effect of its own** on the alliance:
therapists differ in how much they focus on the relationship, and they focus much
more in sessions with a rupture, above all a repaired one. A rupture lowers the
alliance in its own session; a repaired rupture leaves the alliance a little
higher from the next session on, and an unrepaired one leaves it lower. So the
rise after focused sessions is mostly recovery from the rupture's dip plus the
effect of repair, and the gap among sessions without a rupture is close to zero
(noise aside). The simulator also builds in **no** difference between more and
less secure clients in how the alliance responds, so any difference of the gaps
in your caseload is noise. Your classmates' numbers differ from yours; the
pattern is the same.

This mirrors a caution from the research: in Kuutmann and Hilsenroth's study,
relationship focus went with the clients' difficulties, and was not
significantly related to the clients' ratings of the sessions.
""",
    ),
    md(
        "summary",
        """
## Summary

- A **corrective experience** needs an old relational expectation, a different
  response from the therapist, and the client feeling the difference.
- The relationship can be used to **address problems in it**, **challenge a
  pattern** as it appears in the room, **model** a way through a difficulty, and
  **give feedback** on how the client comes across.
- Separately, the therapist's **stance** leans toward confronting and challenging
  or toward supporting and empowering, and the **purpose** is either to process the
  relationship for its own sake or to use it to promote change outside.
- Fit matters: the strength of the alliance today, whether the difficulty is
  relational, what the client can use, and their history and culture. The best
  evidence (Kuutmann & Hilsenroth, 2012) is correlational and from one setting.
- In your caseload, the alliance rose after relationship-focused sessions, but
  many of those sessions were rupture sessions; with ruptures set aside the gap
  shrank to around zero (give or take noise), and the difference between more and less secure clients could
  not be told apart from noise at classroom size.
""",
    ),
    md(
        "references",
        """
### References

- Alexander, F., & French, T. M. (1946). *Psychoanalytic therapy: Principles and
  application*. Ronald Press. (Chapter 4: The principle of corrective emotional
  experience.)
- Bucci, S., Seymour-Hyde, A., Harris, A., & Berry, K. (2016). Client and therapist
  attachment styles and working alliance. *Clinical Psychology & Psychotherapy,
  23*(2), 155-165. (Published online 2015; a single empirical study.)
- Diener, M. J., & Monroe, J. M. (2011). The relationship between adult attachment
  style and therapeutic alliance in individual psychotherapy: A meta-analytic
  review. *Psychotherapy, 48*(3), 237-248. https://doi.org/10.1037/a0022425
- Eissler, K. R. (1950). The Chicago Institute of Psychoanalysis and the sixth
  period of the development of psychoanalytic technique. *Journal of General
  Psychology, 42*, 103-157.
- Hatcher, R. L., & Gillaspy, J. A. (2006). Development and validation of a revised
  short version of the Working Alliance Inventory. *Psychotherapy Research, 16*(1),
  12-25.
- Kuutmann, K., & Hilsenroth, M. J. (2012). Exploring in-session focus on the
  patient-therapist relationship: Patient characteristics, process and outcome.
  *Clinical Psychology & Psychotherapy, 19*(3), 187-202.
  https://doi.org/10.1002/cpp.743 (The consumer article this course draws on
  lists this paper as its reference 4 but cites it as reference 3.)
- Miller, W. R., Benefield, R. G., & Tonigan, J. S. (1993). Enhancing motivation
  for change in problem drinking: A controlled comparison of two therapist styles.
  *Journal of Consulting and Clinical Psychology, 61*(3), 455-461.
""",
    ),
]

if __name__ == "__main__":
    print(save(CELLS, NOTEBOOK))
