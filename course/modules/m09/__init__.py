"""Module 09 (culture, consent and risk): what the notebook shows and imports.

- the graded cards of exercises 1, 2, 3 and 6, drawn per trainee and shown under
  neutral labels (:mod:`.vignettes`);
- the consent statements, ethics-code sections and situations, the safety-plan
  statements, the trainee's actions and this week's PHQ-9 forms (:mod:`.shown`);
- the chart of this week's totals and the risk-conversation practice sorter
  (:mod:`.widget`).

Keys, rationales and the checks of the hidden tests are in the grading-only
``answer_key.m09``. All case material is simulated.
"""

from __future__ import annotations

from course.labelled import statement_list as statements_markdown
from course.modules.m09.shown import (
    CODE_SECTIONS,
    CODE_SITUATIONS,
    CONSENT_STATEMENTS,
    MODULE,
    SAFETY_PLAN_STATEMENTS,
    TRAINEE_ACTIONS,
    latest_forms,
    trainee_caseload,
    week_forms,
)
from course.modules.m09.vignettes import (
    PREFIXES,
    SLOTS,
    Item,
    card_texts,
    drawn_ids,
    exercise_vignettes,
    labels,
    vignette_markdown,
)
from course.modules.m09.widget import (
    RISK_STEPS,
    risk_conversation_sorter,
    shuffled_steps,
    sorter_feedback,
    totals_chart,
)

__all__ = [
    "MODULE",
    "CONSENT_STATEMENTS",
    "CODE_SECTIONS",
    "CODE_SITUATIONS",
    "SAFETY_PLAN_STATEMENTS",
    "TRAINEE_ACTIONS",
    "statements_markdown",
    "trainee_caseload",
    "latest_forms",
    "week_forms",
    "PREFIXES",
    "SLOTS",
    "Item",
    "card_texts",
    "drawn_ids",
    "labels",
    "vignette_markdown",
    "exercise_vignettes",
    "RISK_STEPS",
    "shuffled_steps",
    "sorter_feedback",
    "risk_conversation_sorter",
    "totals_chart",
]
