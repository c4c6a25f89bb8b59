"""Module 02 practice: sort vignettes by use, stance, purpose or corrective experience.

The trainee picks a family, reads a vignette, chooses a value and presses
**Check**; the kernel answers with the right value, the vignette's rationale
and the working definitions of the right and the chosen value. Practice
vignettes never include a graded one (see
:func:`course.modules.m02.vignettes.practice_pool`). Nothing
here is graded.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from course import vignettes
from course.modules.m02.vignettes import (
    ALLOWED,
    FAMILIES,
    FAMILY_TITLES,
    VALUE_LABELS,
    practice_pool,
    vignette_html,
)


class PracticeDeck:
    """The state of one practice run, without any widget (so it can be tested).

    >>> deck = PracticeDeck("trainee-01", "stance")
    >>> right = deck.current.tags["stance"]
    >>> ok, message = deck.check(right)
    >>> ok, deck.tried, deck.right_first_time
    (True, 1, 1)
    >>> deck.check("supporting_empowering" if right != "supporting_empowering" else "confronting_challenging")[0]
    False
    >>> deck.tried  # only the first answer to a vignette counts
    1
    >>> first = deck.current.id
    >>> deck.next().id != first
    True
    """

    def __init__(self, student_id: str, family: str):
        if family not in FAMILIES:
            raise ValueError(f"family must be one of {FAMILIES}, got {family!r}")
        self.family = family
        self.pool = practice_pool(student_id, family)
        self.position = 0
        self.tried = 0
        self.right_first_time = 0
        self._answered = False

    @property
    def current(self) -> vignettes.Vignette:
        return self.pool[self.position % len(self.pool)]

    @property
    def options(self) -> list[tuple[str, object]]:
        """(button label, value) pairs of the family, in vocabulary order."""
        return [(VALUE_LABELS[value], value) for value in ALLOWED[self.family]]

    def next(self) -> vignettes.Vignette:
        """Move to the next vignette (the deck wraps round at the end)."""
        self.position += 1
        self._answered = False
        return self.current

    def check(self, value) -> tuple[bool, str]:
        """Whether ``value`` is right for the current vignette, and an HTML explanation."""
        if value is None:
            return False, "Choose an answer first."
        right = self.current.tags[self.family]
        correct = value == right
        if not self._answered:
            self.tried += 1
            self.right_first_time += int(correct)
            self._answered = True
        family = vignettes.bank().vocabulary.families[self.family]
        because = html.escape(self.current.rationale)
        if correct:
            return True, f'<span style="color:#009E73"><b>Right.</b></span> {because}'
        return False, (
            f'<span style="color:#D55E00"><b>Not quite:</b></span> this one is '
            f"<b>{html.escape(VALUE_LABELS[right])}</b>. {because}<br>"
            f"<i>{html.escape(VALUE_LABELS[right])}</i>: "
            f"{html.escape(family.definition(right))}.<br>"
            f"<i>{html.escape(VALUE_LABELS[value])}</i> (your choice): "
            f"{html.escape(family.definition(value))}."
        )

    def tally(self) -> str:
        return (
            f"Practised {self.tried} of {len(self.pool)} {FAMILY_TITLES[self.family].lower()} "
            f"vignettes; right first time: {self.right_first_time}."
        )


class VignettePractice:
    """The widget: a family picker, the vignette, answer buttons, Check and Next."""

    def __init__(self, student_id: str, family: str = "use"):
        self.student_id = student_id
        self.decks = {family: PracticeDeck(student_id, family)}
        self.family_picker = widgets.Dropdown(
            options=[(FAMILY_TITLES[f], f) for f in FAMILIES],
            value=family,
            description="Practise:",
            layout=widgets.Layout(width="360px"),
        )
        self.text = widgets.HTML()
        self.choices = widgets.RadioButtons(layout=widgets.Layout(width="auto"))
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.next_button = widgets.Button(description="Next vignette")
        self.feedback = widgets.HTML()
        self.score = widgets.HTML()
        self.feedback.add_class("m02-practice-feedback")
        self.family_picker.observe(self._on_family, names="value")
        self.check_button.on_click(self.on_check)
        self.next_button.on_click(self.on_next)
        self.box = widgets.VBox(
            [
                self.family_picker,
                self.text,
                self.choices,
                widgets.HBox([self.check_button, self.next_button]),
                self.feedback,
                self.score,
            ]
        )
        self._show()

    @property
    def deck(self) -> PracticeDeck:
        family = self.family_picker.value
        if family not in self.decks:
            self.decks[family] = PracticeDeck(self.student_id, family)
        return self.decks[family]

    def _show(self) -> None:
        deck = self.deck
        self.text.value = vignette_html(deck.current)
        self.choices.options = deck.options
        self.choices.value = None
        self.feedback.value = ""
        self.score.value = f'<span style="color:#555">{html.escape(deck.tally())}</span>'

    def _on_family(self, _change=None) -> None:
        self._show()

    def on_check(self, _button=None) -> None:
        _, message = self.deck.check(self.choices.value)
        self.feedback.value = message
        self.score.value = f'<span style="color:#555">{html.escape(self.deck.tally())}</span>'

    def on_next(self, _button=None) -> None:
        self.deck.next()
        self._show()


def vignette_practice(student_id: str, family: str = "use") -> widgets.VBox:
    """Practice sorting vignettes; returns the widget to display.

    >>> box = vignette_practice("trainee-01")
    >>> type(box).__name__
    'VBox'
    """
    return VignettePractice(student_id, family).box
