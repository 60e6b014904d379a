"""The command line: play, host, run, validate. Errors are one line and exit status 2, never a traceback."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

USAGE_ERROR = 2


class CliError(Exception):
    """A user mistake on the command line: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse with the project's promise: a mistake is one line, `error: ...`, and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(USAGE_ERROR, f"error: {self.prog.split()[-1]}: {message} (see: {self.prog} --help)\n")


def _whole(low: int, high: int, what: str):
    """An argparse type: a whole number from low to high."""
    def check(text: str) -> int:
        try:
            if len(text) > 30:
                raise ValueError
            value = int(text, 10)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a whole number ({what})") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low} to {high} ({what})" if len(text) < 40 else
                                             f"the number is outside {low} to {high} ({what})")
        return value
    return check


SEED = _whole(0, 2 ** 63 - 1, "a seed is 0 or more")
TURNS = _whole(1, 200, "turns")
RUNS = _whole(1, 1_000_000, "games")
WORKERS = _whole(1, 256, "worker processes")


def _scenario_path(path: str) -> Path:
    """A path as given, or the name of a shipped scenario ('meridian')."""
    from game.data import scenario_path

    got = scenario_path(path)
    if got is None:
        raise CliError(f"no such scenario file: {path}")
    return got


def _load(path: str):
    from game.content.loader import load_scenario
    from game.content.yamlsafe import ContentError

    p = _scenario_path(path)
    try:
        return load_scenario(p)
    except ContentError as exc:
        raise CliError(f"{p} has errors (run: python main.py validate {p})\n{exc}") from None


def _overrides(sc, pairs: list[str]) -> dict[str, str]:
    from game.ai.registry import DOCTRINES, known

    out: dict[str, str] = {}
    given = {tuple(p.split("=", 1)) for p in pairs if "=" in p and not p.startswith("all=")}
    for item in pairs:
        if "=" not in item:
            raise CliError(f"--doctrine takes NATION=NAME, not '{item}'")
        nation, name = item.split("=", 1)
        if nation == "all":  # every nation; a NATION=NAME given with it (before or after) still sets that one
            if not known(name):
                raise CliError(f"unknown doctrine '{name}' (known: {', '.join(DOCTRINES)}; exploits: turtle, greedy, "
                               f"nothing, random, spam:<card>)")
            out = {n: name for n in sc.nation_ids} | {n: d for n, d in out.items() if (n, d) in given}
            continue
        if nation not in sc.nation_ids:
            raise CliError(f"unknown nation '{nation}' (this scenario has: {', '.join(sc.nation_ids)}; or all=NAME)")
        if not known(name):
            raise CliError(f"unknown doctrine '{name}' (known: {', '.join(DOCTRINES)}; exploits: turtle, greedy, "
                           f"nothing, random, spam:<card>)")
        out[nation] = name
    return out


def cmd_run(args: argparse.Namespace) -> int:
    from game.runner.headless import Game
    from game.runner.table import print_game

    sc = _load(args.scenario)
    if args.turns is not None and args.turns < 1:
        raise CliError("--turns must be at least 1")
    from game.content.loader import scenario_warnings

    for w in scenario_warnings(sc):
        print(w, file=sys.stderr)
    game = Game.new(sc, args.seed, _overrides(sc, args.doctrine or []))
    print_game(game, args.turns, sys.stdout, duplicate=getattr(args, "duplicate", False))
    if args.out:
        out = Path(args.out)
        try:
            from game.fileio import atomic_write_text

            atomic_write_text(out, game.to_json())
        except (NotADirectoryError, FileExistsError):
            raise CliError(f"cannot write {out}: part of its folder path is a file, not a folder") from None
        except IsADirectoryError:
            raise CliError(f"cannot write {out}: it is a folder; give a file name such as {out / 'game.json'}") from None
        except OSError as exc:
            raise CliError(f"cannot write {out}: {exc.strerror or exc}") from None
        print(f"history written to {out}")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    """The pygame front end (main menu, or the setup of SCENARIO); --headless: the computer nations play it in text."""
    from game.content.loader import default_scenario
    from game.data import shipped

    if getattr(args, "headless", False):
        args.scenario = args.scenario or str(default_scenario())
        args.turns, args.out, args.doctrine = None, None, []
        return cmd_run(args)
    scenario = None
    if args.scenario:
        p = Path(args.scenario)
        if not p.exists():
            p = shipped(args.scenario) or p
        if not p.exists():
            raise CliError(f"no such scenario file: {args.scenario}")
        scenario = str(p)      # a file with errors opens in the scenario picker, which lists them
    try:
        import pygame

        from game.ui.app import run_app
    except ImportError as exc:
        raise CliError(f"the game window needs pygame-ce and pygame_gui ({exc}); or run: python main.py play --headless") from None
    try:
        return run_app(scenario=scenario, seed=args.seed)
    except pygame.error as exc:
        raise CliError(f"cannot open the game window ({exc}); or run: python main.py play --headless") from None


def cmd_host(args: argparse.Namespace) -> int:
    """The classroom host: a local web server for the teams' devices, the pygame window as the projector view."""
    import time

    from game.content.saves import SaveError
    from game.net.hub import Hub
    from game.net.server import HostServer
    from game.net.start import new_session, resume_session

    if args.resume:
        try:
            session = resume_session()
        except SaveError as exc:
            raise CliError(str(exc)) from None
    else:
        from game.content.loader import default_scenario

        path = _scenario_path(args.scenario) if args.scenario else default_scenario()
        sc = _load(str(path))
        teams = args.teams if args.teams is not None else min(3, sc.n)
        if not 1 <= teams <= sc.n:
            raise CliError(f"--teams {teams}: {sc.name} has {sc.n} nations (1 to {sc.n} teams)")
        session = new_session(path, teams, args.seed)
    hub = Hub(session)
    try:
        server = HostServer(hub, args.bind, args.port).start()
    except OSError as exc:
        raise CliError(f"cannot listen on {args.bind}:{args.port}: {exc.strerror or exc}") from None
    sc = session.view.scenario
    print(f"{sc.name}, turn {session.view.turn}: teams join at {server.url}")
    if args.bind in ("127.0.0.1", "localhost", "::1"):
        print("  (only this computer can reach it; --bind 0.0.0.0 opens it to the class's network)")
    print(f"facilitator page: {server.url}facilitator   secret: {hub.secret}" +
          ("   (or the console's PIN)" if session.has_pin else ""))
    for k in session.humans:
        print(f"  {sc.nations[k].name:<16} code {hub.codes[k]}")
    if not args.headless:
        try:
            import pygame

            from game.ui.hosting import run_projector
        except ImportError as exc:
            print(f"no projector window ({exc}); serving until Ctrl-C", file=sys.stderr)
        else:
            try:
                return run_projector(hub, server, args.bind)
            except pygame.error as exc:     # no display: the class can still play; the host keeps serving
                print(f"no projector window ({exc}); serving until Ctrl-C", file=sys.stderr)
    try:
        while server.thread.is_alive():
            time.sleep(0.5)
    finally:
        server.stop()
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """`ok` or every error; then warnings for what a file removes or replaces without saying so (exit 0 unless
    --strict, which counts them as errors). No paths: every shipped scenario; a bare name is a shipped one."""
    from game.content.implicit import implicit_warnings
    from game.content.loader import load_scenario, scenario_files, scenario_warnings
    from game.content.yamlsafe import ContentError, load_yaml_file
    from game.data import shipped

    bad = 0
    paths = [p if Path(p).exists() else str(shipped(p) or p) for p in args.paths] or [str(p) for p in scenario_files()]
    for path in paths:
        try:
            raw = load_yaml_file(path)   # read once, for the checks and for the warnings
            sc = load_scenario(path, raw)
        except ContentError as exc:
            bad += 1
            print(str(exc))
            continue
        warnings = [str(w) for w in implicit_warnings(path, raw)] + scenario_warnings(sc)
        if warnings and args.strict:
            bad += 1
            print(f"{path}: {len(warnings)} warning(s), errors under --strict")
        else:
            print(f"{path}: ok" + (f" ({len(warnings)} warning(s))" if warnings else ""))
        for w in warnings:
            print(w)
    return 1 if bad else 0


PLAIN_PROGRESS_FROM = 50    # games: a smaller batch is over in seconds and prints no progress lines


def _plain_progress(total: int):
    """Progress where stderr is no terminal (a log, a pipe): one line when the first games are in, then at every
    tenth of the batch, so a long run shows it is alive without a bar."""
    done, shown = 0, -1

    def step(k: int) -> None:
        nonlocal done, shown
        done += k
        tenth = done * 10 // total
        if total >= PLAIN_PROGRESS_FROM and (shown < 0 or tenth > shown):
            shown = tenth
            print(f"batch: {done} of {total} games played", file=sys.stderr, flush=True)
    return step


def cmd_batch(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from game.runner.batch import run_batch
    from game.runner.batch_report import summary_text, write_all

    sc = _load(args.scenario)
    if args.runs < 1:
        raise CliError("--runs must be at least 1")
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    overrides = _overrides(sc, args.doctrine or [])
    path = str(_scenario_path(args.scenario))
    tty = sys.stderr.isatty()
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=not tty) as bar:
        task = bar.add_task(f"{sc.name}", total=args.runs)
        step = (lambda k: bar.advance(task, k)) if tty else _plain_progress(args.runs)
        try:
            res = run_batch(path, args.runs, args.seed, args.workers, overrides, args.turns,
                            progress=step, scheduler=args.scheduler, explain=args.explain)
        except RuntimeError as exc:
            raise CliError(str(exc)) from None
    print(summary_text(res), end="")
    if args.out:
        paths = write_all(res, Path(args.out), sys.stdout)
        print("written: " + ", ".join(str(p) for p in paths))
    if res.interrupted:
        where = f" in {args.out}" if args.out else " (give --out DIR to keep them)"
        print(f"interrupted: {len(res.games)} of {args.runs} games finished and kept{where}", file=sys.stderr)
        return 130
    return 0


def cmd_tournament(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from game.ai.registry import DOCTRINES, known
    from game.runner.tournament import run_tournament, table

    sc = _load(args.scenario)
    if args.runs < 1 or args.workers < 1:
        raise CliError("--runs and --workers must be at least 1")
    names = None
    if args.doctrines:
        names = [d.strip() for d in args.doctrines.split(",") if d.strip()]
        bad = [d for d in names if not known(d)]
        if bad:
            raise CliError(f"unknown doctrine '{bad[0]}' (known: {', '.join(DOCTRINES)})")
    total = args.runs * sc.n * len(names or [d for d in DOCTRINES if not getattr(DOCTRINES[d], 'lookahead', False)])
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task(f"tournament: {sc.name}", total=total)
        res, rows = run_tournament(str(_scenario_path(args.scenario)), args.runs, args.seed, args.workers, names,
                                   args.turns, progress=lambda k: bar.advance(task, k))
    print(f"{sc.name}: {len(res.games)} games, every doctrine {args.runs} times in each of {sc.n} seats "
          f"against random mixes (seed {args.seed})")
    print(table(rows))
    print("ranked by score: mean National Interest above the seat's par (what that seat scores when every seat plays "
          "the scenario's own doctrines), with its 95 % confidence interval; NI: mean National Interest; wins "
          "(secondary): share of games with the best seat-relative score; free-rider: 0 carries its share, 1 gives "
          "nothing")
    from game.runner.batch import promises_text

    print(promises_text(res.sorted()), end="")
    if res.interrupted:
        print(f"interrupted: {len(res.games)} of {total} games finished", file=sys.stderr)
        return 130
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """The general JSON Schema (and the guide's reference), or with SCENARIO that scenario's own schema: the same
    checks plus its nations, threats, events and organizations as the only ids it may name."""
    from game.content.jsonschema import SCHEMA_FILE, write_schema
    from game.data import DATA, checkout

    installed = checkout() is None   # never write into an installed package: its data is read-only
    ctx = None
    if args.scenario:
        from game.content.schemactx import context_of_file
        from game.content.yamlsafe import ContentError

        src = _scenario_path(args.scenario)
        try:
            ctx = context_of_file(str(src))
        except ContentError as exc:
            raise CliError(f"{src} is not readable YAML, so no schema can be made for it:\n{exc}") from None
        if not args.out and installed and src.resolve().is_relative_to(DATA):
            raise CliError(f"give --out FILE: {src.name} is a scenario of this installed copy, whose folder is not "
                           f"for writing")
        path = Path(args.out) if args.out else src.with_suffix(".schema.json")
    else:
        if not args.out and installed:
            raise CliError(f"give --out FILE: this installed copy's schema is {SCHEMA_FILE}; the default rewrites it "
                           f"only in a clone of the repository")
        path = Path(args.out) if args.out else SCHEMA_FILE
    try:
        write_schema(path, ctx)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
    print(f"JSON Schema written to {path}")
    if args.scenario:
        rel = os.path.relpath(path.resolve(), src.resolve().parent)
        print(f"to use it in an editor, make the first line of {src}: # yaml-language-server: $schema={rel}\n"
              f"(regenerate it after adding nations, threats, events or organizations)")
    elif not args.out:
        from game.content.docsgen import GUIDE, refresh_guide

        if refresh_guide():
            print(f"reference section of {GUIDE} regenerated")
    return 0


def cmd_catalog(args: argparse.Namespace) -> int:
    """Every action, event, threat and concept a scenario has (the base catalog without SCENARIO); --docs rewrites
    docs/catalog.md from the base catalog."""
    from game.content import catalogref

    if args.docs:
        if catalogref.DOC is None:
            raise CliError("--docs rewrites docs/catalog.md of a clone of the repository; this installed copy has none "
                           "(without --docs the catalog is printed)")
        changed = catalogref.write_docs()
        print(f"{catalogref.DOC} {'regenerated' if changed else 'is current'}")
        return 0
    if not args.scenario:
        print(catalogref.base_reference(), end="")
        return 0
    sc = _load(args.scenario)
    src = _scenario_path(args.scenario)
    print(f"# {sc.name} ({src})\n")
    print(catalogref.reference(sc, catalogref.origins(src)), end="")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    import re

    from game.content.jsonschema import SCHEMA_FILE

    target = Path(args.name if args.name.endswith((".yaml", ".yml")) else args.name + ".yaml")
    stem = target.stem
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", stem):
        raise CliError(f"'{stem}' is not a usable name: letters, digits, - and _, starting with a letter")
    where = _new_target(target)
    template = (Path(__file__).resolve().parent / "content" / "starter.yaml").read_text(encoding="utf-8")
    schema = os.path.relpath(SCHEMA_FILE, target.resolve().parent)
    title = stem.replace("_", " ").replace("-", " ").title()
    text = template.format(schema=schema, title=title, file=target)
    try:
        with open(where, "x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        raise CliError(f"{target} already exists; choose another name (nothing was written)") from None
    except OSError as exc:
        raise CliError(f"cannot write {where}: {exc.strerror or exc} (nothing was written)") from None
    print(f"wrote {where}; check it with: python main.py validate {target}")
    return 0


def _new_target(target: Path) -> Path:
    """Where `new` may write: a new file in the current folder (or below it), or at an absolute path outside the
    system's virtual folders; never through a symbolic link, never over a file. Returns the absolute path."""
    if target.is_symlink():
        raise CliError(f"{target} is a symbolic link; choose another name (nothing was written)")
    if target.exists():
        raise CliError(f"{target} already exists; choose another name (nothing was written)")
    try:
        parent = target.parent.resolve(strict=True)
    except (OSError, RuntimeError):
        raise CliError(f"no such folder: {target.parent}") from None
    if not parent.is_dir():
        raise CliError(f"no such folder: {target.parent}")
    where = parent / target.name
    cwd = Path.cwd().resolve()
    if not target.is_absolute() and cwd not in (where.parent, *where.parents):
        raise CliError(f"{target} is outside the current folder ({cwd}); give a name inside it, or a full path")
    if any(where.is_relative_to(Path(p)) for p in ("/proc", "/sys", "/dev")):
        raise CliError(f"{where} is in a system folder; choose a folder of your own")
    return where


def cmd_report(args: argparse.Namespace) -> int:
    """The debrief of a saved game, or of a history `run --out` wrote, as files: report.html (self-contained),
    turns.csv and history.json."""
    from game.content.saves import SaveError
    from game.runner.export import ExportError, load_saved, write_report

    scenario = _scenario_path(args.scenario) if args.scenario else None
    try:
        game, seats, negotiation = load_saved(Path(args.save), scenario)
    except SaveError as exc:
        raise CliError(str(exc)) from None
    whatif = None
    if args.whatif > 0:
        from game.runner.whatif import turns_to_branch, what_if

        choices = turns_to_branch(game.history)
        if args.from_turn not in choices:
            raise CliError(f"--from-turn {args.from_turn}: this game can be played on from turns "
                           f"{choices[0]}-{choices[-1]}" if choices else "--from-turn: nothing left to play in this game")
        whatif = what_if(game.history, {k: s["doctrine"] for k, s in seats.items()}, args.from_turn, args.whatif,
                         game.seed)
    try:
        paths = write_report(game, Path(args.out), seats, whatif, negotiation=negotiation, private=args.private)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print("written: " + ", ".join(str(p) for p in paths))
    return 0


def parser() -> argparse.ArgumentParser:
    ap = _Parser(prog="main.py", description="Regional Accord: military diplomacy and regional cooperation")
    sub = ap.add_subparsers(dest="command")
    p = sub.add_parser("play", help="play the game (the default scenario unless one is given)")
    p.add_argument("scenario", nargs="?")
    p.add_argument("--seed", type=SEED, default=1)
    p.add_argument("--headless", action="store_true", help="no window: the computer nations play and the game is printed")
    p.set_defaults(fn=cmd_play)
    h = sub.add_parser("host", help="host a class game: teams play on their own devices, this window is the projector")
    h.add_argument("scenario", nargs="?", help="a scenario file or a shipped scenario's name (default: meridian)")
    h.add_argument("--port", type=_whole(0, 65535, "a port"), default=8765)
    h.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                   help="the address to listen on (default 127.0.0.1: this computer only; 0.0.0.0: the class's network)")
    h.add_argument("--teams", type=_whole(1, 30, "teams"), help="how many teams (default 3; the scenario's suggested "
                   "seats for that many, computer nations in the others)")
    h.add_argument("--seed", type=SEED, default=1)
    h.add_argument("--resume", action="store_true", help="resume the autosave (after a host restart: the same codes, "
                   "the drafts kept)")
    h.add_argument("--headless", action="store_true", help="no projector window: serve until Ctrl-C")
    h.set_defaults(fn=cmd_host)
    r = sub.add_parser("run", help="play a whole game headless with computer doctrines")
    r.add_argument("scenario")
    r.add_argument("--seed", type=SEED, required=True)
    r.add_argument("--turns", type=TURNS)
    r.add_argument("--out", help="write the full history (reports and ledger) as JSON")
    r.add_argument("--doctrine", action="append", metavar="NATION=NAME",
                   help="override a nation's doctrine (all=NAME: every nation's)")
    r.add_argument("--duplicate", action="store_true", help="also rank by duplicate score: each seat against the "
                   "strategist in that seat of the same game (plays the game again once per seat)")
    r.set_defaults(fn=cmd_run)
    b = sub.add_parser("batch", help="play many seeded games and summarise them (Monte Carlo)")
    b.add_argument("scenario")
    b.add_argument("--runs", type=RUNS, required=True)
    b.add_argument("--seed", type=SEED, default=1)
    b.add_argument("--workers", type=WORKERS, default=1)
    b.add_argument("--turns", type=TURNS)
    b.add_argument("--out", help="folder for games.csv, turns.csv, PNG charts and summary.txt")
    b.add_argument("--doctrine", action="append", metavar="NATION=NAME", help="override a nation's doctrine (all=NAME: every nation's)")
    b.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster (pip install '.[cluster]')")
    b.add_argument("--explain", action="store_true", help="why: actions played per nation, turns a nation could "
                   "afford nothing, the biggest causes of escalation and stability loss (keeps the why-ledger: slower)")
    b.set_defaults(fn=cmd_batch)
    t = sub.add_parser("tournament", help="round robin: every doctrine in every seat, ranked")
    t.add_argument("scenario")
    t.add_argument("--runs", type=RUNS, required=True, help="games per doctrine and seat")
    t.add_argument("--seed", type=SEED, default=1)
    t.add_argument("--workers", type=WORKERS, default=1)
    t.add_argument("--turns", type=TURNS)
    t.add_argument("--doctrines", help="comma-separated doctrines to enter (default: every fixed doctrine)")
    t.set_defaults(fn=cmd_tournament)
    v = sub.add_parser("validate", help="check scenario files; every error with file:line:col")
    v.add_argument("paths", nargs="*", metavar="PATH", help="scenario files, or names of shipped scenarios "
                   "(default: every shipped scenario)")
    v.add_argument("--strict", action="store_true", help="count warnings as errors (exit status 1)")
    v.set_defaults(fn=cmd_validate)
    s = sub.add_parser("schema", help="write the JSON Schema of the scenario format (for editors)")
    s.add_argument("scenario", nargs="?", help="a scenario whose own schema to write (its ids as the only ones allowed)")
    s.add_argument("--out", help="where to write it (default: SCENARIO.schema.json; without SCENARIO, in a clone, the "
                   "shipped game/data/scenarios/scenario.schema.json)")
    s.set_defaults(fn=cmd_schema)
    c = sub.add_parser("catalog", help="every action, event, threat and concept of a scenario, with costs and effects")
    c.add_argument("scenario", nargs="?", help="a scenario (default: the base catalog every scenario starts from)")
    c.add_argument("--docs", action="store_true", help="regenerate docs/catalog.md (the base catalog)")
    c.set_defaults(fn=cmd_catalog)
    n = sub.add_parser("new", help="write a commented starter scenario NAME.yaml")
    n.add_argument("name")
    n.set_defaults(fn=cmd_new)
    rp = sub.add_parser("report", help="the debrief of a saved game or a run --out history: report.html, turns.csv, "
                        "history.json")
    rp.add_argument("save", help="a save file (the game's saves folder, or any path), or a history from run --out")
    rp.add_argument("--scenario", help="the scenario file of a history (default: the shipped scenario of its id)")
    rp.add_argument("--out", required=True, help="folder to write the three files into")
    rp.add_argument("--private", action="store_true", help="put the private deals' terms and the teams' messages in report.html "
                    "too (the facilitator's copy; by default the report is one a class may see and leaves them out)")
    rp.add_argument("--whatif", type=_whole(0, 100_000, "what-if games"), default=40, metavar="RUNS",
                    help="computer games played on from --from-turn for 'what else could have happened' (0: none)")
    rp.add_argument("--from-turn", type=TURNS, default=1, help="the turn the what-if games start from (default 1)")
    rp.set_defaults(fn=cmd_report)
    return ap


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # our own messages only (main.py or the installed script)
    ap = parser()
    args = ap.parse_args(argv)
    if not getattr(args, "fn", None):
        args = ap.parse_args(["play"] + (argv or []))
    try:
        return args.fn(args)
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return USAGE_ERROR
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
