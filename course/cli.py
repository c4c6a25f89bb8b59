"""``alliance-course``: the course's command line for instructors and trainees."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course.instructor.coursedir import CourseDir, default_course_dir


def _cmd_whoami(args) -> int:
    from course.identity import IdentityError, identity, set_identity

    if args.action == "set":
        path = set_identity(args.student_id)
        print(f"Trainee id set to {args.student_id.strip()} (stored in {path}).")
        return 0
    try:
        print(identity())
    except IdentityError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


def _cmd_build(args) -> int:
    from course.instructor.build import build

    course = CourseDir(args.course_dir)
    built = build(course, args.modules or None)
    print(f"Built {', '.join(built)} into {course.release}; leak check passed.")
    return 0


def _cmd_grade(args) -> int:
    from course.instructor.grade import grade

    report = grade(
        CourseDir(args.course_dir),
        args.module,
        workers=args.workers,
        scheduler=args.scheduler,
        db_url=args.db,
        force=args.force,
    )
    print(report.summary())
    print(report.totals.to_string(index=False))
    return 0


def _cmd_feedback(args) -> int:
    course = CourseDir(args.course_dir)
    show = ["--HideHiddenTests.enabled=False"] if args.show_hidden_tests else []
    course.nbgrader("generate_feedback", args.module, "--force", *show)
    print(f"Feedback written under {course.feedback}.")
    return 0


def _cmd_demo(args) -> int:
    from course.instructor.demo import run_demo

    run_demo(Path(args.out), n_trainees=args.trainees, modules=args.modules or None)
    return 0


def _cmd_instruments(args) -> int:
    from course import instruments

    table = instruments.catalogue()
    print(table.to_string(index=False))
    return 0


def _cmd_simulate(args) -> int:
    from course.simulate import cli as simulate_cli

    return simulate_cli.run(args)


def _cmd_lab(args) -> int:
    from course.instructor.student_copy import student_copy

    if args.instructor:
        folder = args.course_dir
        if not folder.exists():
            print(
                f"{folder} does not exist yet: run `alliance-course build` first.", file=sys.stderr
            )
            return 1
    else:
        folder = student_copy(Path(args.student_dir))
        print(f"Opening the student version of the course in {folder}")
    lab = [sys.executable, "-m", "jupyterlab", f"--ServerApp.root_dir={folder}"]
    os.execv(sys.executable, lab + args.extra)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="alliance-course", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    who = sub.add_parser("whoami", help="show or set this computer's trainee id")
    who.add_argument("action", nargs="?", choices=["show", "set"], default="show")
    who.add_argument("student_id", nargs="?")
    who.set_defaults(func=_cmd_whoami)

    def course_dir_option(p):
        p.add_argument(
            "--course-dir",
            type=Path,
            default=default_course_dir(),
            help="instructor's nbgrader course directory (default: $ALLIANCE_COURSE_DIR or ./instructor)",
        )

    b = sub.add_parser("build", help="generate the student version of modules and leak-check it")
    b.add_argument("modules", nargs="*")
    course_dir_option(b)
    b.set_defaults(func=_cmd_build)

    g = sub.add_parser("grade", help="autograde a module's submissions")
    g.add_argument("module")
    g.add_argument("--force", action="store_true", help="regrade submissions already graded")
    g.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    g.add_argument("--scheduler", help="dask.distributed scheduler address, e.g. tcp://host:8786")
    g.add_argument("--db", help="gradebook URL (default: SQLite in the course directory)")
    course_dir_option(g)
    g.set_defaults(func=_cmd_grade)

    f = sub.add_parser("feedback", help="write HTML feedback for a module")
    f.add_argument("module")
    f.add_argument(
        "--show-hidden-tests",
        action="store_true",
        help="include hidden tests in feedback (rubrics and model answers stay hidden)",
    )
    course_dir_option(f)
    f.set_defaults(func=_cmd_feedback)

    d = sub.add_parser("demo", help="build, submit, grade and give feedback for a simulated cohort")
    d.add_argument("--trainees", type=int, default=6)
    d.add_argument("--out", default="demo-output")
    d.add_argument("modules", nargs="*")
    d.set_defaults(func=_cmd_demo)

    ins = sub.add_parser("instruments", help="print the catalogue of measurement instruments")
    ins.set_defaults(func=_cmd_instruments)

    sim = sub.add_parser("simulate", help="write a simulated caseload, or validate the simulator")
    sim.set_defaults(func=_cmd_simulate)
    try:
        from course.simulate import cli as simulate_cli

        simulate_cli.add_arguments(sim)
    except ImportError:  # the simulator is optional while it is being built
        pass

    lab = sub.add_parser("lab", help="open the course in JupyterLab (student version)")
    lab.add_argument("--student-dir", default="student", help="where the student copy lives")
    lab.add_argument(
        "--instructor", action="store_true", help="open the instructor's course directory instead"
    )
    course_dir_option(lab)
    lab.add_argument("extra", nargs=argparse.REMAINDER, help="passed on to jupyter lab")
    lab.set_defaults(func=_cmd_lab)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "whoami" and args.action == "set" and not args.student_id:
        print("usage: alliance-course whoami set STUDENT_ID", file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
