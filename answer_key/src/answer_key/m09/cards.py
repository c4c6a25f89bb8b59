"""Module 09: which answer each graded card shows, and why (grading only).

The texts are in ``course/data/m09_vignettes.json`` (trainee package); this table,
never installed for trainees, gives each card its family, its value and the
rationale a trainee reads after mislabelling it. Every card is simulated, written
for this course.

- opportunity: "explores" (the therapist takes up the cultural opportunity with humility
  and curiosity) or "misses" (passes over it or answers from an assumption);
- repair: True when the response repairs the cultural rupture (acknowledges it without
  defending, owns the impact, invites the client's view);
- interpreter: True when the practice is sound under interpreter guidance;
- ideation: "passive" (a wish not to be alive, without thoughts of acting) or "active"
  (thoughts of ending one's life, with or without a method, intent or plan).
"""

from __future__ import annotations

CARDS: dict[str, tuple[str, str | bool, str]] = {
    "m09-card-01": (
        "opportunity",
        "misses",
        "The client opens a door to how her family and faith see feelings, and the therapist walks past it to sleep hours, a missed cultural opportunity.",
    ),
    "m09-card-02": (
        "opportunity",
        "misses",
        "Being first in the family at university is part of who the client is, and the therapist normalises it and refers on instead of exploring what it means to him.",
    ),
    "m09-card-03": (
        "opportunity",
        "explores",
        "The therapist takes up the client's identities with curiosity and asks what it is like to bring them into this relationship, which explores the opportunity.",
    ),
    "m09-card-04": (
        "opportunity",
        "explores",
        "The therapist asks for the client's own view and the family's way of making sense of low mood, a humble exploration instead of correcting the uncle.",
    ),
    "m09-card-05": (
        "opportunity",
        "explores",
        "The therapist admits not knowing and invites the client to teach them about her own family, which is cultural humility in action.",
    ),
    "m09-card-06": (
        "opportunity",
        "explores",
        "The therapist owns the assumption and asks what movement looks like in the client's life, taking up the opportunity the client offered.",
    ),
    "m09-card-07": (
        "opportunity",
        "misses",
        "The client speaks of losing daily use of their language, and the therapist answers with a compliment about English, passing over the loss.",
    ),
    "m09-card-08": (
        "opportunity",
        "misses",
        "The client tells the therapist what divorce means in her faith, and the therapist dismisses it as common and moves to practical steps.",
    ),
    "m09-card-09": (
        "repair",
        True,
        "The therapist thanks the client, names the impact, apologises without defending and asks how it has affected safety in the room, which is a repair.",
    ),
    "m09-card-10": (
        "repair",
        True,
        "The therapist puts the effect on the client above their own intent and invites the client to say more, which is a repair of the cultural rupture.",
    ),
    "m09-card-11": (
        "repair",
        False,
        "The therapist justifies the assumption by what is common and changes the subject, so the rupture is minimised, not repaired.",
    ),
    "m09-card-12": (
        "repair",
        False,
        "The therapist defends their intent and their own character instead of exploring how the remark landed, which is no repair.",
    ),
    "m09-card-13": (
        "repair",
        False,
        "The therapist's distress takes over and the client ends up comforting them, so the focus leaves the client's experience and no repair happens.",
    ),
    "m09-card-14": (
        "repair",
        False,
        "The therapist defends their framing with research and closes the topic instead of learning how the client's family shows care, which is no repair.",
    ),
    "m09-card-15": (
        "repair",
        True,
        "The therapist apologises simply, asks to get the name right and invites the client to name other moments of not being seen, which is a repair.",
    ),
    "m09-card-16": (
        "repair",
        True,
        "The therapist welcomes the client's courage, owns what the phrase did and asks what would help, a non-defensive repair.",
    ),
    "m09-card-17": (
        "interpreter",
        False,
        "The client should be asked first whether they are comfortable with a particular interpreter, since in a small community they may know each other, which threatens confidentiality.",
    ),
    "m09-card-18": (
        "interpreter",
        True,
        "Meeting the interpreter before the session to share the purpose, the likely topics and the duty of confidentiality is the preparation that guidance recommends.",
    ),
    "m09-card-19": (
        "interpreter",
        True,
        "A short debrief after a painful session looks after the interpreter and lets the counsellor check how the work went, as guidance recommends.",
    ),
    "m09-card-20": (
        "interpreter",
        False,
        "Discussing the client with the interpreter, uninterpreted and in front of them, shuts the client out of their own session and blurs the interpreter's role.",
    ),
    "m09-card-21": (
        "ideation",
        "passive",
        "The client wishes not to wake up and says they would not act on it, which is passive ideation; it still calls for the same-day protocol.",
    ),
    "m09-card-22": (
        "ideation",
        "active",
        "Thinking about ending one's life is active suicidal ideation, even without a method, intent or plan being mentioned.",
    ),
    "m09-card-23": (
        "ideation",
        "passive",
        "A wish to stop existing, without thoughts of ending one's life, is passive ideation; it is still asked about directly and assessed the same day.",
    ),
    "m09-card-24": (
        "ideation",
        "active",
        "Thinking about how one would do it is active ideation with a method, a step further along the scale of severity.",
    ),
}
