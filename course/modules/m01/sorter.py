"""A practice sorter: label short texts, press Check, read why each label is right or wrong.

Generic (any texts, any set of labels), first used in module 01 to sort
vignettes into Bordin's goal, task and bond. Practice only: nothing here is
graded, and the feedback comes from the kernel when the trainee presses Check.
"""

from __future__ import annotations

import html

import ipywidgets as widgets


def verdict(chosen: str | None, right: str, rationale: str) -> str:
    """The feedback line shown under one text after Check.

    >>> verdict("goal", "goal", "They agree on the aim.")
    '✔ goal. They agree on the aim.'
    >>> verdict("task", "goal", "They agree on the aim.")
    '✘ You chose task; this one is goal. They agree on the aim.'
    >>> verdict(None, "bond", "Trust.")
    'Not sorted yet: choose a label first.'
    """
    if chosen is None:
        return "Not sorted yet: choose a label first."
    if chosen == right:
        return f"✔ {right}. {rationale}"
    return f"✘ You chose {chosen}; this one is {right}. {rationale}"


def summary(chosen: dict, key: dict) -> str:
    """The score line shown after Check.

    >>> summary({"P1": "goal", "P2": None}, {"P1": "goal", "P2": "bond"})
    '1 of 2 right. Sort every text, then press Check again.'
    >>> summary({"P1": "goal"}, {"P1": "goal"})
    '1 of 1 right.'
    """
    right = sum(chosen.get(label) == answer for label, answer in key.items())
    line = f"{right} of {len(key)} right."
    if any(chosen.get(label) is None for label in key):
        line += " Sort every text, then press Check again."
    return line


def _text_html(text: str) -> str:
    lines = [html.escape(line.strip()) for line in text.splitlines() if line.strip()]
    return "<br>".join(lines)


def sorter(
    items: list[tuple[str, str]],
    choices: tuple[str, ...],
    key: dict[str, str],
    rationales: dict[str, str],
    prompt: str = "Choose a label for each text, then press Check.",
) -> widgets.VBox:
    """A VBox: one row per ``(label, text)`` with toggle buttons, a Check button and feedback.

    >>> box = sorter([("P1", "We agreed on the aim.")], ("goal", "task", "bond"),
    ...              {"P1": "goal"}, {"P1": "An aim."})
    >>> rows = box.children[1].children
    >>> rows[0].children[1].value = "task"
    >>> box.children[2].click()
    >>> rows[0].children[2].value
    '✘ You chose task; this one is goal. An aim.'
    """
    rows, toggles, notes = [], {}, {}
    for label, text in items:
        toggle = widgets.ToggleButtons(options=list(choices), value=None)
        toggle.style.button_width = "80px"
        note = widgets.HTML(value="")
        toggles[label], notes[label] = toggle, note
        rows.append(
            widgets.VBox(
                [widgets.HTML(f"<b>{html.escape(label)}</b>: {_text_html(text)}"), toggle, note],
                layout=widgets.Layout(
                    border="1px solid #ccc", padding="6px", margin="4px 0", width="95%"
                ),
            )
        )
    check = widgets.Button(description="Check", button_style="primary", icon="check")
    result = widgets.HTML(value="")
    result.add_class("sorter-result")

    def on_check(_button=None) -> None:
        chosen = {label: toggle.value for label, toggle in toggles.items()}
        for label, note in notes.items():
            line = verdict(chosen[label], key[label], rationales.get(label, ""))
            note.value = html.escape(line, quote=False)
        result.value = f"<b>{html.escape(summary(chosen, key))}</b>"

    check.on_click(on_check)
    return widgets.VBox(
        [widgets.HTML(f"<p>{html.escape(prompt)}</p>"), widgets.VBox(rows), check, result]
    )
