"""``alliance-course``: the course's command line for instructors and trainees."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from course.instructor.coursedir import CourseDir, default_course_dir
from course.instructor.term_cli import add_term_commands


def _course(args) -> CourseDir:
    return CourseDir(args.course_dir, args.db)


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

    course = _course(args)
    built = build(course, args.modules or None)
    print(f"Built {', '.join(built)} into {course.release}; leak check passed.")
    return 0


def _cmd_grade(args) -> int:
    from course.instructor.grade import grade

    report = grade(
        _course(args),
        args.module,
        workers=args.workers,
        scheduler=args.scheduler,
        force=args.force,
        students=args.student or None,
        sandbox=not args.no_sandbox,
    )
    print(report.summary())
    print(report.totals.to_string(index=False))
    return 0


def _cmd_feedback(args) -> int:
    from course.instructor.feedback_filters import generate_feedback

    folder = generate_feedback(_course(args), args.module, args.show_hidden_tests)
    print(f"Feedback written under {folder}.")
    return 0


def _cmd_collect(args) -> int:
    from course.instructor.lms import collect

    report = collect(_course(args), args.module, Path(args.archive))
    print(report.summary())
    return 0


def _cmd_report(args) -> int:
    from course.instructor.report import render

    path = render(_course(args), Path(args.out))
    print(f"Class dashboard: {path}")
    return 0


def _cmd_demo(args) -> int:
    from course.instructor.demo import run_demo

    run_demo(
        Path(args.out), n_trainees=args.trainees, modules=args.modules or None, workers=args.workers
    )
    return 0


def _cmd_instruments(args) -> int:
    from course import instruments
    from course.instruments.describe import catalogue_text, spec_card

    if args.check:
        try:
            spec = instruments.load_spec(args.check)
        except instruments.SpecError as err:
            print(err, file=sys.stderr)
            return 1
        verdict = "scored" if spec.is_scoreable else "catalogued, not scored"
        print(f"{args.check}: valid spec for {spec.abbreviation} ({verdict}).")
        print(spec_card(spec))
        return 0
    if args.csv:
        instruments.catalogue().to_csv(sys.stdout, index=False)
        return 0
    if args.instrument:
        try:
            spec = instruments.get(args.instrument)
        except instruments.UnknownInstrumentError as err:
            print(err, file=sys.stderr)
            return 2
        print(spec_card(spec))
        return 0
    print(catalogue_text())
    return 0


def _cmd_simulate(args) -> int:
    from course.simulate import cli as simulate_cli

    return simulate_cli.run(args)


def _cmd_submit(args) -> int:
    from course.modules import get
    from course.submit import SubmitError, submit

    try:
        path = submit(args.module, Path(args.student_dir))
    except SubmitError as err:
        print(f"alliance-course submit: {err}", file=sys.stderr)
        return 2
    print(f"Upload this file to your course's assignment for {get(args.module).title}:\n  {path}")
    return 0


def _cmd_modules(args) -> int:
    from course.modules import MODULES

    for module in MODULES:
        print(f"{module.folder}: {module.title}")
        print(f"  text (MyST source)  {module.source}")
        print(f"  nbgrader notebook   {module.notebook_path}")
        print(f"  code                course/modules/m{module.number}/")
        print(f"  answer key          {module.key_module} (answer_key/src/answer_key/)")
        print(f"  tests               {module.tests}")
        print(f"  submission profiles {module.profiles}")
    return 0


def _cmd_notebooks(args) -> int:
    from course.instructor import myst
    from course.instructor.project import project_root
    from course.modules import get

    root = project_root()
    modules = [get(name) for name in args.modules] or None
    if args.from_ipynb:
        for module in modules or []:
            myst.import_notebook(root / module.notebook_path, root / module.source)
            print(f"wrote {module.source} from {module.notebook_path}")
        return 0
    changed = myst.build(modules, check=args.check, root=root)
    if args.check and changed:
        names = ", ".join(str(p.relative_to(root)) for p in changed)
        print(f"out of date with their MyST source: {names}; run `alliance-course notebooks`")
        return 1
    for path in changed if not args.check else []:
        print(f"wrote {path.relative_to(root)}")
    if not changed:
        print("every notebook matches its MyST source")
    return 0


def _cmd_lab(args) -> int:
    from course import lab
    from course.instructor.student_copy import student_copy

    env = dict(os.environ)
    if args.instructor:
        folder = args.course_dir.resolve()
        if not folder.exists():
            print(
                f"{folder} does not exist yet: run `alliance-course build` first.", file=sys.stderr
            )
            return 1
        # nbgrader's formgrader reads nbgrader_config.py and the gradebook from the
        # server's working folder, not from its root_dir: started elsewhere it shows an
        # empty course and makes a stray gradebook.db there.
        os.chdir(folder)
    else:
        folder = Path(args.student_dir)
        for line in student_copy(folder).lines():
            print(line)
        exchange = bool(os.environ.get("JUPYTERHUB_USER"))
        config = lab.write_trainee_config(folder / ".alliance-course" / "jupyter", exchange)
        env = lab.trainee_environment(config)
        print(f"Opening the student version of the course in {folder}")
    command = lab.lab_command(folder, args.extra)
    os.execve(command[0], command, env)


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
        p.add_argument(
            "--db",
            default=os.environ.get("ALLIANCE_GRADEBOOK_URL"),
            help="gradebook URL, e.g. postgresql://user@host/db "
            "(default: $ALLIANCE_GRADEBOOK_URL, else SQLite in the course directory)",
        )

    b = sub.add_parser("build", help="generate the student version of modules and leak-check it")
    b.add_argument("modules", nargs="*")
    course_dir_option(b)
    b.set_defaults(func=_cmd_build)

    g = sub.add_parser("grade", help="autograde a module's submissions")
    g.add_argument("module")
    g.add_argument("--force", action="store_true", help="regrade submissions already graded")
    g.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    g.add_argument("--student", action="append", help="grade only this trainee (repeatable)")
    g.add_argument("--scheduler", help="dask.distributed scheduler address, e.g. tcp://host:8786")
    g.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run trainees' code with your own rights (only when bubblewrap cannot run)",
    )
    course_dir_option(g)
    g.set_defaults(func=_cmd_grade)

    add_term_commands(sub, course_dir_option)

    f = sub.add_parser("feedback", help="write HTML feedback for a module")
    f.add_argument("module")
    f.add_argument(
        "--show-hidden-tests",
        action="store_true",
        help="include hidden tests in feedback (rubrics and model answers stay hidden)",
    )
    course_dir_option(f)
    f.set_defaults(func=_cmd_feedback)

    co = sub.add_parser("collect", help="import a Canvas bulk download of submissions")
    co.add_argument("module")
    co.add_argument("archive", help="the zip Canvas downloads from 'Download Submissions'")
    course_dir_option(co)
    co.set_defaults(func=_cmd_collect)

    rp = sub.add_parser("report", help="write the static HTML class dashboard")
    rp.add_argument("--out", default="report")
    course_dir_option(rp)
    rp.set_defaults(func=_cmd_report)

    d = sub.add_parser("demo", help="build, submit, grade and give feedback for a simulated cohort")
    d.add_argument("--trainees", type=int, default=24)
    d.add_argument("--workers", type=int, help="local grading processes (default: one per core)")
    d.add_argument("--out", default="demo-output")
    d.add_argument("modules", nargs="*")
    d.set_defaults(func=_cmd_demo)

    ins = sub.add_parser("instruments", help="print the catalogue of measurement instruments")
    ins.add_argument("instrument", nargs="?", help="show one instrument in full (e.g. phq-9)")
    ins.add_argument("--csv", action="store_true", help="the whole catalogue as CSV")
    ins.add_argument(
        "--check",
        type=Path,
        metavar="FILE",
        help="validate a spec YAML you edited (e.g. a completed catalogue entry)",
    )
    ins.set_defaults(func=_cmd_instruments)

    sim = sub.add_parser("simulate", help="write a simulated caseload, or validate the simulator")
    sim.set_defaults(func=_cmd_simulate)
    try:
        from course.simulate import cli as simulate_cli

        simulate_cli.add_arguments(sim)
    except ImportError:  # the simulator is optional while it is being built
        pass

    sb = sub.add_parser(
        "submit",
        help="make the file to upload for a module (laptops; on JupyterHub use Assignment List)",
    )
    sb.add_argument("module", help="module number or folder, e.g. 00 or 00-orientation")
    sb.add_argument("--student-dir", default="student", help="where your student copy lives")
    sb.set_defaults(func=_cmd_submit)

    mods = sub.add_parser("modules", help="list the modules and where each one's parts live")
    mods.set_defaults(func=_cmd_modules)

    nbs = sub.add_parser(
        "notebooks", help="build each module's nbgrader notebook from its MyST source (authors)"
    )
    nbs.add_argument("modules", nargs="*", help="module numbers or folders (default: all)")
    nbs.add_argument("--check", action="store_true", help="only report notebooks out of date")
    nbs.add_argument(
        "--from-ipynb",
        action="store_true",
        help="rewrite the MyST source of the named modules from their .ipynb "
        "(after editing with nbgrader's toolbar)",
    )
    nbs.set_defaults(func=_cmd_notebooks)

    # No abbreviations: an option meant for Jupyter must never be taken for one of ours.
    lab = sub.add_parser(
        "lab", help="open the course in JupyterLab (student version)", allow_abbrev=False
    )
    lab.add_argument("--student-dir", default="student", help="where the student copy lives")
    lab.add_argument(
        "--instructor", action="store_true", help="open the instructor's course directory instead"
    )
    course_dir_option(lab)
    lab.add_argument(
        "extra", nargs="*", help="any other option is passed on to jupyter lab (e.g. --no-browser)"
    )
    lab.set_defaults(func=_cmd_lab)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command != "lab":
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    if args.command == "lab":
        args.extra = [*args.extra, *unknown]
    if args.command == "whoami" and args.action == "set" and not args.student_id:
        print("usage: alliance-course whoami set STUDENT_ID", file=sys.stderr)
        return 2
    # nbgrader shells out to `alembic`, installed beside this Python, when it creates a gradebook.
    os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    from course.instructor.errors import CourseInputError
    from course.instructor.project import ProjectNotFoundError
    from course.modules import UnknownModuleError

    try:
        return args.func(args)
    except (ProjectNotFoundError, UnknownModuleError, CourseInputError) as err:
        # What to do, in one line: these are the user's setup, not a bug.
        print(f"alliance-course: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
