"""The ``alliance-course`` commands of a term's records: roster, assign, validate, export, extend.

Kept apart from :mod:`course.cli` so neither file grows past a screenful of
commands; :func:`add_term_commands` adds them to the main parser. Every user
mistake raises an error the main command prints as one line.
"""

from __future__ import annotations

from pathlib import Path

from course.instructor.coursedir import CourseDir
from course.instructor.errors import CourseInputError


def _course(args) -> CourseDir:
    return CourseDir(args.course_dir, args.db)


def _cmd_validate(args) -> int:
    import pandas as pd

    from course.instructor.validate import trainee_for, validate

    notebook = Path(args.notebook)
    student = trainee_for(notebook, args.student, _course(args))
    print(f"Grading {notebook.name} as trainee {student}.")
    cells, summary = validate(args.module, notebook, student, sandbox=not args.no_sandbox)
    print(summary)
    with pd.option_context("display.max_colwidth", 100, "display.width", 160):
        print(cells.to_string(index=False))
    return 0


def _cmd_students(args) -> int:
    from course.instructor.roster import import_roster

    course = _course(args)
    course.root.mkdir(parents=True, exist_ok=True)
    entries = import_roster(Path(args.roster), course.gradebook_url, course.root)
    print(f"Imported {len(entries)} trainee(s) into {course.gradebook_url}.")
    return 0


def _cmd_assign(args) -> int:
    from course.instructor.lms import assign, parse_due

    course = _course(args)
    canvas_id = args.canvas_assignment_id
    if canvas_id is not None and not canvas_id.isdigit():
        raise CourseInputError(
            f"--canvas-assignment-id {canvas_id!r} must be the number "
            "in the assignment's Canvas address (.../assignments/12345)"
        )
    try:
        parse_due(args.due)
    except ValueError as err:
        raise CourseInputError(f"--due: {err}") from None
    out = assign(course, args.module, args.due)
    if canvas_id:
        from course.instructor.canvas import record_assignments

        record_assignments(course.root, {args.module: (canvas_id, args.module)})
    where = f"zip for the LMS: {out}" if out else "released to the nbgrader exchange"
    print(f"{args.module} is due {args.due}; {where}.")
    return 0


def _cmd_export(args) -> int:
    from course.instructor.export import export_canvas, export_csv

    course = _course(args)
    out = Path(args.out)
    if args.format == "canvas":
        gradebook = Path(args.canvas_gradebook) if args.canvas_gradebook else None
        report = export_canvas(course, out, gradebook_csv=gradebook)
    elif args.canvas_gradebook:
        raise CourseInputError("--canvas-gradebook goes with --format canvas")
    else:
        report = export_csv(course, out)
    print(report.summary())
    return 0


def _cmd_extend(args) -> int:
    from course.instructor.extensions import grant
    from course.instructor.late_policy import apply_late_penalties

    course = _course(args)
    until = grant(course, args.module, args.student, until=args.until, days=args.days)
    apply_late_penalties(course, [args.module])
    if until is None:
        print(f"{args.student} has no extension for {args.module} any more.")
    else:
        print(f"{args.student} may hand in {args.module} until {until.isoformat()} (UTC).")
    return 0


def add_term_commands(sub, course_dir_option) -> None:
    """Add validate, students, assign, export and extend to the ``alliance-course`` parser."""
    v = sub.add_parser(
        "validate",
        help="grade one notebook in the sandbox, in a throw-away course (gradebook untouched)",
    )
    v.add_argument("module")
    v.add_argument("notebook", help="the .ipynb file to check")
    v.add_argument("--no-sandbox", action="store_true", help="run it with your own rights")
    v.add_argument(
        "--student",
        help="the trainee id to grade it as (default: from a Canvas download's file name)",
    )
    course_dir_option(v)
    v.set_defaults(func=_cmd_validate)

    st = sub.add_parser("students", help="manage the roster")
    st.add_argument("action", choices=["import"])
    st.add_argument(
        "roster", help="CSV: id, first_name, last_name, email, lms_id, or a Canvas export"
    )
    course_dir_option(st)
    st.set_defaults(func=_cmd_students)

    a = sub.add_parser("assign", help="set a module's due date and release it")
    a.add_argument("module")
    a.add_argument(
        "--due", required=True, help="ISO 8601 with time zone, e.g. 2026-12-01T17:00-05:00"
    )
    a.add_argument(
        "--canvas-assignment-id", help="the Canvas assignment's id, for the Canvas export"
    )
    course_dir_option(a)
    a.set_defaults(func=_cmd_assign)

    ex = sub.add_parser("export", help="export grades")
    ex.add_argument("--format", choices=["csv", "canvas"], default="csv")
    ex.add_argument("--out", required=True)
    ex.add_argument(
        "--canvas-gradebook",
        metavar="CSV",
        help="a gradebook export from Canvas: its module columns give the assignment ids",
    )
    course_dir_option(ex)
    ex.set_defaults(func=_cmd_export)

    ext = sub.add_parser("extend", help="give one trainee more time for one module")
    ext.add_argument("module")
    ext.add_argument("student", help="the trainee id")
    when = ext.add_mutually_exclusive_group(required=True)
    when.add_argument(
        "--until", help="new due time with its time zone, e.g. 2027-02-07T17:00-05:00"
    )
    when.add_argument("--days", type=float, help="days after the module's due date (0 removes it)")
    course_dir_option(ext)
    ext.set_defaults(func=_cmd_extend)
