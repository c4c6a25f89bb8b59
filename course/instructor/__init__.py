"""The instructor's pipeline around real nbgrader: build, grade, feedback, demo."""
