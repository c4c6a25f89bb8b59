"""Module 02 (using the relationship on purpose): what the notebook shows and imports.

- the four classification exercises' excerpts, the same sixteen for every
  trainee under neutral labels ``A`` to ``D``, and the practice pool drawn per
  trainee (:mod:`.vignettes`);
- the trainee's caseload, session by session: the session table, next-session
  pairs, the attachment split and the rupture shares (:mod:`.caseload`);
- client-level bootstrap intervals and the chart's summary table (:mod:`.bootstrap`);
- the chart of next-session change (:mod:`.chart`) and the practice widget (:mod:`.widget`).

The answer key of the vignettes (tags, rationales), the reference answers of the
caseload exercises and the checks of the hidden tests are in the grading-only
``answer_key.m02``. All client data are simulated.
"""

from __future__ import annotations

from course.modules.m02.bootstrap import (
    INTERVAL_KINDS,
    INTERVAL_ROWS,
    N_BOOT,
    Bootstrap,
    bootstrap_seed,
    change_summary,
    client_bootstrap,
    excludes_zero,
    interval_comparison,
    interval_table,
    percentile_interval,
    session_normal_interval,
)
from course.modules.m02.caseload import (
    FOCUS_THRESHOLD,
    GROUPS,
    RUPTURE_STATUSES,
    attachment_groups,
    cell_means,
    expect_one_number,
    next_session_pairs,
    rupture_shares,
    rupture_status,
    session_table,
)
from course.modules.m02.chart import focus_change_chart
from course.modules.m02.choices import EXPLANATIONS, INTERVAL_REASONS
from course.modules.m02.vignettes import (
    ALLOWED,
    FAMILIES,
    FAMILY_TITLES,
    LABELS,
    MODULE,
    PURPOSES,
    STANCES,
    USES,
    VALUE_LABELS,
    Excerpt,
    graded_excerpts,
    practice_pool,
    show_vignettes,
    vignette_html,
)
from course.modules.m02.widget import PracticeDeck, VignettePractice, vignette_practice

__all__ = [
    "ALLOWED",
    "EXPLANATIONS",
    "FAMILIES",
    "FAMILY_TITLES",
    "FOCUS_THRESHOLD",
    "GROUPS",
    "INTERVAL_KINDS",
    "INTERVAL_REASONS",
    "INTERVAL_ROWS",
    "LABELS",
    "MODULE",
    "N_BOOT",
    "PURPOSES",
    "RUPTURE_STATUSES",
    "STANCES",
    "USES",
    "VALUE_LABELS",
    "Bootstrap",
    "Excerpt",
    "PracticeDeck",
    "VignettePractice",
    "attachment_groups",
    "bootstrap_seed",
    "cell_means",
    "change_summary",
    "client_bootstrap",
    "excludes_zero",
    "expect_one_number",
    "focus_change_chart",
    "graded_excerpts",
    "interval_comparison",
    "interval_table",
    "next_session_pairs",
    "percentile_interval",
    "practice_pool",
    "rupture_shares",
    "rupture_status",
    "session_normal_interval",
    "session_table",
    "show_vignettes",
    "vignette_html",
    "vignette_practice",
]
