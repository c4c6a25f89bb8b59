"""Module 02 (using the relationship): the trainee's vignette sets and caseload analysis.

Two halves, each with the reference answers the hidden tests recompute.

**Vignettes.** :func:`graded_vignettes` gives each trainee four vignettes per
concept family (``use``, ``stance``, ``purpose``, ``corrective_experience``),
drawn from the bank with :func:`course.vignettes.for_student` and balanced over
the family's values. No vignette appears in two exercises. The vignettes are
shown under neutral labels ``A`` to ``D``: bank ids name their tag
(``use-cmp-003`` is a *challenge* vignette), so they are never shown to the
trainee. :func:`practice_pool` holds every other vignette of a family for the
practice widget, so practice never reveals a graded answer.

**Caseload.** From the trainee's simulated caseload: the client's WAI-SR total
in each session, the change to the next session, and whether the session was
relationship-focused (``relationship_focus`` of 2 or more on the 0-4 scale).
Clients are split at the median of their attachment security. The question is
whether the alliance rises more after focused sessions than after other
sessions, whether that gap differs by attachment security, and whether either
difference is distinguishable from noise at classroom size.

>>> picked = graded_vignettes("trainee-01")
>>> sorted(picked), sorted(picked["use"])
(['corrective_experience', 'purpose', 'stance', 'use'], ['A', 'B', 'C', 'D'])
>>> sorted(answer_key("trainee-01", "use").values()) == sorted(USES)
True
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
import pandas as pd

from course import instruments, simulate, vignettes
from course.exercises import labelling
from course.seeds import stable_seed

MODULE = "02-using-the-relationship"
FAMILIES = ("use", "stance", "purpose", "corrective_experience")
LABELS = ("A", "B", "C", "D")
USES = [
    "address_relationship_problems",
    "challenge_maladaptive_patterns",
    "model_interpersonal_resolution",
    "provide_feedback",
]
STANCES = ["confronting_challenging", "supporting_empowering"]
PURPOSES = ["process_relationship", "promote_change"]
ALLOWED = {
    "use": USES,
    "stance": STANCES,
    "purpose": PURPOSES,
    "corrective_experience": [True, False],
}

#: Short labels for buttons and tables (the definitions are in the vignette vocabulary).
VALUE_LABELS = {
    "address_relationship_problems": "Address a relationship problem",
    "challenge_maladaptive_patterns": "Challenge a maladaptive pattern",
    "model_interpersonal_resolution": "Model interpersonal resolution",
    "provide_feedback": "Give feedback",
    "confronting_challenging": "Confronting / challenging",
    "supporting_empowering": "Supporting / empowering",
    "process_relationship": "Process the relationship (end in itself)",
    "promote_change": "Use it to promote change",
    True: "Corrective experience",
    False: "Not a corrective experience",
}

FAMILY_TITLES = {
    "use": "Use of the relationship",
    "stance": "Stance",
    "purpose": "Purpose",
    "corrective_experience": "Corrective experience?",
}

#: What each classification asks the trainee to notice; leads every failure message.
FAMILY_CONCEPTS = {
    "use": (
        "Ask what the therapist is doing with the relationship at that moment: naming a "
        "strain between the two of them (address a relationship problem), questioning a "
        "habit of the client's as it shows up with the therapist (challenge a maladaptive "
        "pattern), settling a difference in a way the client can copy elsewhere (model "
        "interpersonal resolution), or telling the client how they come across (feedback)."
    ),
    "stance": (
        "Stance is about direction, not tone: a confronting or challenging stance questions "
        "the client's thinking or behaviour, however gently; a supporting or empowering "
        "stance affirms the client and strengthens their own agency."
    ),
    "purpose": (
        "Purpose asks where the work is headed: exploring what happens between client and "
        "therapist as the work itself (process the relationship), or using the relationship "
        "as a base for a change outside the room (promote change)."
    ),
    "corrective_experience": (
        "A corrective experience needs three things: an old relational expectation, a "
        "therapist response that differs from it, and the client feeling the difference. "
        "Kind, useful work without all three is not one."
    ),
}

FOCUS_THRESHOLD = 2
GROUPS = ("more_secure", "less_secure")
Z95 = 1.96
N_BOOT = 2000


# --------------------------------------------------------------------------- vignettes


def graded_vignettes(student_id: str) -> dict[str, dict[str, vignettes.Vignette]]:
    """The four vignettes of each classification exercise, under labels A-D.

    For each family in :data:`FAMILIES`, in that order, the trainee's own ranking
    of the family's vignettes comes from :func:`course.vignettes.for_student`;
    the first vignettes of each value not already used by an earlier exercise
    are taken (four in all, balanced over the values) and kept in the ranking's
    order.

    >>> a, b = graded_vignettes("trainee-01"), graded_vignettes("trainee-02")
    >>> [v.id for v in a["stance"].values()] == [v.id for v in graded_vignettes("trainee-01")["stance"].values()]
    True
    >>> any([v.id for v in a[f].values()] != [v.id for v in b[f].values()] for f in FAMILIES)
    True
    >>> ids = [v.id for f in FAMILIES for v in a[f].values()]
    >>> len(ids) == len(set(ids)) == 16
    True
    """
    bank = vignettes.bank()
    used: set[str] = set()
    chosen: dict[str, dict[str, vignettes.Vignette]] = {}
    for family in FAMILIES:
        size = sum(bank.counts(family).values())
        ranked = vignettes.for_student(student_id, MODULE, k=size, family=family)
        values = bank.vocabulary.families[family].allowed()
        quota = len(LABELS) // len(values)
        picked = []
        for value in values:
            fresh = [v for v in ranked if v.tags[family] == value and v.id not in used]
            if len(fresh) < quota:
                raise ValueError(f"the bank has too few {family}={value!r} vignettes for module 02")
            picked += fresh[:quota]
        picked.sort(key=ranked.index)
        used.update(v.id for v in picked)
        chosen[family] = labelling.with_labels(picked, LABELS)
    return chosen


def answer_key(student_id: str, family: str) -> dict[str, object]:
    """The correct value of each labelled vignette of one exercise.

    >>> key = answer_key("trainee-01", "corrective_experience")
    >>> sorted(key), sorted(key.values())
    (['A', 'B', 'C', 'D'], [False, False, True, True])
    """
    return labelling.label_key(graded_vignettes(student_id)[family], family)


def rationales(student_id: str, family: str) -> dict[str, str]:
    """The one-sentence rationale of each labelled vignette of one exercise."""
    return labelling.label_rationales(graded_vignettes(student_id)[family])


def check_labels(answer, family: str, student_id: str, name: str) -> None:
    """Hidden-test check of one classification exercise; teaches with rationales.

    Raises :class:`course.grading.CheckFailed` whose message names the
    mislabelled vignettes, why each carries its tag, and the distinction the
    family turns on.

    >>> check_labels(answer_key("trainee-01", "purpose"), "purpose", "trainee-01", "purpose_labels")
    >>> wrong = {k: "promote_change" for k in LABELS}
    >>> check_labels(wrong, "purpose", "trainee-01", "purpose_labels")
    Traceback (most recent call last):
    ...
    course.grading.checks.CheckFailed: `purpose_labels`: 2 of 4 not right yet. ...
    """
    labelled = graded_vignettes(student_id)[family]
    labelling.check_sorted(answer, labelled, family, name, FAMILY_CONCEPTS[family])


def describe(vignette: vignettes.Vignette) -> str:
    """A one-line description of who speaks and who the client is.

    >>> describe(vignettes.bank().get("corr-yes-001"))
    'A short scene · client: woman, 35-44 · in counselling for depression'
    """
    speaker = {
        "scene": "A short scene",
        "client": "The client speaks",
        "therapist": "The therapist speaks",
    }
    client = vignette.client
    who = ", ".join(
        part
        for part in (client.gender.replace("_", "-"), client.age_band, client.background)
        if part
    )
    problem = {
        "depression": "in counselling for depression",
        "alcohol_use": "in counselling for their drinking",
        "both": "in counselling for low mood and drinking",
        "general": "",
    }[vignette.problem]
    return " · ".join(
        part for part in (speaker[vignette.speaker], f"client: {who}", problem) if part
    )


def vignette_html(vignette: vignettes.Vignette, label: str = "") -> str:
    """One vignette as HTML: a heading line, then the text (a scene line by line).

    >>> "<b>A</b>" in vignette_html(vignettes.bank().get("corr-no-001"), "A")
    True
    """
    lines = [html.escape(line.strip()) for line in vignette.text.splitlines() if line.strip()]
    body = "<br>".join(lines)
    head = f"<b>{html.escape(label)}</b> · " if label else ""
    return (
        f'<div style="margin:0.6em 0"><div style="color:#555">{head}'
        f"{html.escape(describe(vignette))}</div>"
        f'<blockquote style="margin:0.3em 0 0 0.8em;padding-left:0.8em;'
        f'border-left:3px solid #0072B2">{body}</blockquote></div>'
    )


def show_vignettes(student_id: str, family: str):
    """Display the labelled vignettes of one exercise (an IPython HTML object)."""
    from IPython.display import HTML

    items = graded_vignettes(student_id)[family]
    return HTML("".join(vignette_html(v, label) for label, v in items.items()))


def practice_pool(student_id: str, family: str) -> list[vignettes.Vignette]:
    """Every vignette of ``family`` that is not in any of the trainee's graded exercises.

    Ordered for this trainee, so the practice widget starts somewhere different
    for each of them.

    >>> graded = {v.id for f in FAMILIES for v in graded_vignettes("trainee-01")[f].values()}
    >>> pool = practice_pool("trainee-01", "use")
    >>> graded.isdisjoint(v.id for v in pool) and len(pool) >= 20
    True
    """
    graded = {v.id for f in FAMILIES for v in graded_vignettes(student_id)[f].values()}
    pool = [v for v in vignettes.bank().tagged(family) if v.id not in graded]
    return sorted(pool, key=lambda v: stable_seed(MODULE, student_id, "practice", v.id))


# --------------------------------------------------------------------------- caseload


def session_table(caseload: simulate.Caseload) -> pd.DataFrame:
    """One row per attended session with what the analysis needs.

    Columns: ``client_id``, ``therapist_id`` (text), ``session``,
    ``relationship_focus`` (0-4), ``rupture``, ``repaired``, ``wai_total`` (the
    client's WAI-SR total, mean item score 1-5, scored by
    :func:`course.instruments.score`) and the client's ``attachment_security``.

    >>> t = session_table(simulate.caseload(4, 12, seed=3))
    >>> list(t.columns)
    ['client_id', 'therapist_id', 'session', 'relationship_focus', 'rupture', 'repaired', 'wai_total', 'attachment_security']
    >>> bool(t["wai_total"].between(1, 5).all())
    True
    """
    wai = instruments.score("wai-sr", caseload.items("wai-sr"))
    wai = wai[["client_id", "session", "total"]].astype({"client_id": str})
    table = caseload.sessions[
        ["client_id", "therapist_id", "session", "relationship_focus", "rupture", "repaired"]
    ].astype({"client_id": str, "therapist_id": str, "relationship_focus": int})
    table = table.merge(
        wai.rename(columns={"total": "wai_total"}),
        on=["client_id", "session"],
        how="left",
        validate="one_to_one",
    )
    security = caseload.clients.set_index("client_id")["attachment_security"]
    table["attachment_security"] = table["client_id"].map(security)
    return table.sort_values(["client_id", "session"]).reset_index(drop=True)


def next_session_pairs(table: pd.DataFrame) -> pd.DataFrame:
    """Sessions that have a next session, with ``next_change`` and ``focused`` added.

    ``next_change`` is the client's WAI-SR total in their next session minus
    this session's, within each client (a client's last session has no next
    one and is dropped). ``focused`` is ``relationship_focus >= 2``.

    >>> t = pd.DataFrame({"client_id": ["a", "a", "a", "b", "b"], "session": [1, 2, 3, 1, 2],
    ...                   "relationship_focus": [3, 0, 1, 2, 0],
    ...                   "wai_total": [3.0, 3.5, 3.25, 4.0, 4.5]})
    >>> next_session_pairs(t)[["client_id", "session", "next_change", "focused"]]
      client_id  session  next_change  focused
    0         a        1         0.50     True
    1         a        2        -0.25    False
    2         b        1         0.50     True
    """
    ordered = table.sort_values(["client_id", "session"])
    following = ordered.groupby("client_id", sort=False)["wai_total"].shift(-1)
    pairs = ordered.assign(next_change=following - ordered["wai_total"])
    pairs = pairs[pairs["next_change"].notna()].copy()
    pairs["focused"] = pairs["relationship_focus"] >= FOCUS_THRESHOLD
    return pairs.reset_index(drop=True)


def mean_change_after(pairs: pd.DataFrame) -> dict[str, float]:
    """Mean next-session change after focused and after other (unfocused) sessions.

    >>> p = pd.DataFrame({"next_change": [0.5, 0.1, -0.1, 0.3], "focused": [True, False, False, True]})
    >>> mean_change_after(p)
    {'focused': 0.4, 'unfocused': 0.0}
    """
    means = pairs.groupby("focused")["next_change"].mean()
    # A kind of session that never occurs has no mean (NaN), rather than a KeyError.
    return {"focused": float(means.get(True, np.nan)), "unfocused": float(means.get(False, np.nan))}


def attachment_groups(table: pd.DataFrame) -> pd.Series:
    """Each client's group: ``more_secure`` above the median of the clients, else ``less_secure``.

    The median is taken over clients (one value each), not over session rows,
    which would weight clients by how many sessions they attended.

    >>> t = pd.DataFrame({"client_id": ["a", "a", "a", "b", "c"], "attachment_security": [2.0, 2.0, 2.0, 0.0, -1.0]})
    >>> attachment_groups(t).to_dict()
    {'a': 'more_secure', 'b': 'less_secure', 'c': 'less_secure'}
    """
    security = table.groupby("client_id")["attachment_security"].first()
    return pd.Series(
        np.where(security > security.median(), GROUPS[0], GROUPS[1]),
        index=security.index,
        name="attachment_group",
    )


def focus_gaps(pairs: pd.DataFrame, groups: pd.Series) -> dict[str, float]:
    """Per attachment group: mean change after focused minus after unfocused sessions."""
    gaps = {}
    for group in GROUPS:
        rows = pairs[pairs["client_id"].map(groups) == group]
        means = mean_change_after(rows)
        gaps[group] = means["focused"] - means["unfocused"]
    return gaps


def gap_difference_normal_ci(pairs: pd.DataFrame, groups: pd.Series) -> list[float]:
    """95% normal-approximation interval for (more secure gap) - (less secure gap).

    Treats every session as independent: the standard error is the square root
    of the sum, over the four cells (group x focused or not), of variance / n,
    with the sample variance (ddof = 1).
    """
    cells = pairs.assign(group=pairs["client_id"].map(groups)).groupby(["group", "focused"])
    stats = cells["next_change"].agg(["var", "count"])
    gaps = focus_gaps(pairs, groups)
    difference = gaps[GROUPS[0]] - gaps[GROUPS[1]]
    se = float(np.sqrt((stats["var"] / stats["count"]).sum()))
    return [difference - Z95 * se, difference + Z95 * se]


def gap_without_rupture(pairs: pd.DataFrame) -> float:
    """Focused-minus-unfocused gap among sessions *without* a rupture only."""
    means = mean_change_after(pairs[~pairs["rupture"].astype(bool)])
    return means["focused"] - means["unfocused"]


def rupture_shares(pairs: pd.DataFrame) -> pd.DataFrame:
    """Share of focused and of other sessions that had a rupture (and a repaired one)."""
    frame = pairs.assign(
        after=np.where(pairs["focused"], "relationship-focused", "other"),
        rupture=pairs["rupture"].astype(bool),
        repaired=pairs["repaired"].astype(bool),
    )
    out = frame.groupby("after").agg(
        sessions=("rupture", "size"),
        with_rupture=("rupture", "mean"),
        with_repaired_rupture=("repaired", "mean"),
    )
    return out.loc[["relationship-focused", "other"]].round(3)


@dataclass(frozen=True)
class Bootstrap:
    """Client-level bootstrap draws of the module's statistics (one value per resample)."""

    overall_gap: np.ndarray
    gaps: dict[str, np.ndarray]
    means: dict[tuple[str, bool], np.ndarray]

    @property
    def difference(self) -> np.ndarray:
        return self.gaps[GROUPS[0]] - self.gaps[GROUPS[1]]


def bootstrap_seed(student_id: str) -> int:
    """The bootstrap's seed for one trainee (stable across processes)."""
    return stable_seed(MODULE, student_id, "bootstrap")


def client_bootstrap(
    pairs: pd.DataFrame, groups: pd.Series, seed: int, n_boot: int = N_BOOT
) -> Bootstrap:
    """Resample whole clients with replacement, within each attachment group.

    A client's sessions stay together, because sessions of one client are not
    independent of each other. Each resample keeps the group sizes. Vectorised:
    each client contributes their sums and counts of focused and unfocused
    changes, weighted by how often the resample drew them.
    """
    rng = np.random.default_rng(seed)
    frame = pairs.assign(
        group=pairs["client_id"].map(groups),
        f_sum=pairs["next_change"].where(pairs["focused"], 0.0),
        f_n=pairs["focused"].astype(float),
        u_sum=pairs["next_change"].where(~pairs["focused"], 0.0),
        u_n=(~pairs["focused"]).astype(float),
    )
    per_client = frame.groupby(["group", "client_id"])[["f_sum", "f_n", "u_sum", "u_n"]].sum()
    totals = {}
    for group in GROUPS:
        block = per_client.loc[group].to_numpy()
        n = len(block)
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot)
        totals[group] = weights @ block  # (n_boot, 4): f_sum, f_n, u_sum, u_n
    with np.errstate(invalid="ignore", divide="ignore"):
        means = {}
        for group in GROUPS:
            t = totals[group]
            means[(group, True)] = t[:, 0] / t[:, 1]
            means[(group, False)] = t[:, 2] / t[:, 3]
        both = totals[GROUPS[0]] + totals[GROUPS[1]]
        overall = both[:, 0] / both[:, 1] - both[:, 2] / both[:, 3]
    gaps = {g: means[(g, True)] - means[(g, False)] for g in GROUPS}
    return Bootstrap(overall, gaps, means)


def percentile_interval(draws: np.ndarray) -> list[float]:
    """The 2.5th and 97.5th percentiles of bootstrap draws (NaN draws ignored).

    >>> percentile_interval(np.arange(1001.0))
    [25.0, 975.0]
    """
    low, high = np.nanpercentile(draws, [2.5, 97.5])
    return [float(low), float(high)]


def excludes_zero(interval: list[float]) -> bool:
    """Whether a two-sided interval lies wholly above or wholly below zero.

    >>> excludes_zero([0.05, 0.3]), excludes_zero([-0.1, 0.2])
    (True, False)
    """
    low, high = interval
    return bool(low > 0 or high < 0)


INTERVAL_ROWS = {
    "gap_all": "all clients: mean change after focused minus after other sessions",
    "gap_more_secure": "more secure clients: the same gap",
    "gap_less_secure": "less secure clients: the same gap",
    "difference": "difference of the two gaps (more secure minus less secure)",
}


def interval_table(pairs: pd.DataFrame, groups: pd.Series, boot: Bootstrap) -> pd.DataFrame:
    """Point estimates with client-bootstrap 95% intervals for the gaps and their difference.

    Indexed by :data:`INTERVAL_ROWS` (``gap_all``, ``gap_more_secure``,
    ``gap_less_secure``, ``difference``), with a ``meaning`` column.
    """
    gaps = focus_gaps(pairs, groups)
    overall = mean_change_after(pairs)
    estimates = {
        "gap_all": (overall["focused"] - overall["unfocused"], boot.overall_gap),
        "gap_more_secure": (gaps[GROUPS[0]], boot.gaps[GROUPS[0]]),
        "gap_less_secure": (gaps[GROUPS[1]], boot.gaps[GROUPS[1]]),
        "difference": (gaps[GROUPS[0]] - gaps[GROUPS[1]], boot.difference),
    }
    rows = [
        (key, estimate, *percentile_interval(draws), INTERVAL_ROWS[key])
        for key, (estimate, draws) in estimates.items()
    ]
    return pd.DataFrame(
        rows, columns=["quantity", "estimate", "ci_low", "ci_high", "meaning"]
    ).set_index("quantity")


def change_summary(pairs: pd.DataFrame, groups: pd.Series, boot: Bootstrap) -> pd.DataFrame:
    """Mean next-session change per attachment group and session type, with 95% intervals.

    The table the module's chart draws: ``group``, ``after``
    ("relationship-focused" or "other"), ``mean``, ``ci_low``, ``ci_high``, ``n``.
    """
    rows = []
    labelled = pairs.assign(group=pairs["client_id"].map(groups))
    for group in GROUPS:
        for focused in (True, False):
            cell = labelled[(labelled["group"] == group) & (labelled["focused"] == focused)]
            low, high = percentile_interval(boot.means[(group, focused)])
            rows.append(
                {
                    "group": group.replace("_", " "),
                    "after": "relationship-focused" if focused else "other",
                    "mean": float(cell["next_change"].mean()),
                    "ci_low": low,
                    "ci_high": high,
                    "n": int(len(cell)),
                }
            )
    return pd.DataFrame(rows)


def reference_answers(student_id: str) -> dict[str, object]:
    """Every autograded caseload answer of module 02, recomputed from the trainee's seed.

    Hidden tests call this; it rebuilds the caseload, so it never relies on a
    variable the trainee could have changed.

    >>> ref = reference_answers("trainee-01")
    >>> sorted(ref)
    ['beyond_noise', 'gap_ci', 'gap_no_rupture', 'gaps', 'mean_change']
    >>> ref["mean_change"]["focused"] > ref["mean_change"]["unfocused"]
    True
    """
    table = session_table(simulate.for_student(student_id, MODULE))
    pairs = next_session_pairs(table)
    groups = attachment_groups(table)
    boot = client_bootstrap(pairs, groups, bootstrap_seed(student_id))
    intervals = interval_table(pairs, groups, boot)
    return {
        "mean_change": mean_change_after(pairs),
        "gaps": focus_gaps(pairs, groups),
        "gap_ci": gap_difference_normal_ci(pairs, groups),
        "beyond_noise": {
            "focus_gap": excludes_zero(list(intervals.iloc[0][["ci_low", "ci_high"]])),
            "attachment_difference": excludes_zero(list(intervals.iloc[3][["ci_low", "ci_high"]])),
        },
        "gap_no_rupture": gap_without_rupture(pairs),
    }
