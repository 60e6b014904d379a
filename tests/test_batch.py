"""Batch runs and tournaments: same numbers whatever the workers, Ctrl-C keeps finished games, Dask gives the same."""
from __future__ import annotations

import csv
import re
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.runner.batch import run_batch
from game.runner.batch_report import summary_text, write_all
from game.runner.tournament import run_tournament, table

ROOT = Path(__file__).resolve().parents[1]
MERIDIAN = str(ROOT / "game" / "data" / "scenarios" / "meridian.yaml")


def rows(path: Path) -> list[list[str]]:
    with open(path, newline="") as fh:
        return list(csv.reader(fh))


def test_same_arguments_give_identical_csvs_on_one_or_two_workers(tmp_path):
    one = run_batch(MERIDIAN, 12, seed=5, workers=1, turns=6)
    two = run_batch(MERIDIAN, 12, seed=5, workers=2, turns=6)
    write_all(one, tmp_path / "w1", sys.stdout)
    write_all(two, tmp_path / "w2", sys.stdout)
    for name in ("games.csv", "turns.csv"):
        assert (tmp_path / "w1" / name).read_bytes() == (tmp_path / "w2" / name).read_bytes()
    games = rows(tmp_path / "w1" / "games.csv")
    assert len(games) == 13 and games[0][:4] == ["game", "seed", "outcome", "turns"]
    assert len(rows(tmp_path / "w1" / "turns.csv")) == 1 + 12 * 6
    other = run_batch(MERIDIAN, 12, seed=6, workers=1, turns=6)
    assert [g["stability"] for g in other.sorted()] != [g["stability"] for g in one.sorted()]


def test_spawned_workers_play_the_same_games(monkeypatch):
    """spawn is what Windows has (and macOS's safe choice): every job and result travels by pickling."""
    from game.runner import pool

    monkeypatch.setattr(pool, "start_method", lambda: "spawn")
    one = run_batch(MERIDIAN, 4, seed=5, workers=1, turns=3)
    two = run_batch(MERIDIAN, 4, seed=5, workers=2, turns=3)
    assert two.sorted() == one.sorted() and len(one.games) == 4


def test_summary_counts_outcomes_and_events(tmp_path):
    res = run_batch(MERIDIAN, 10, seed=1, turns=8)
    text = summary_text(res)
    counts = dict(re.findall(r"(secure|fragile|conflict) (\d+) \(", text))
    assert sum(int(v) for v in counts.values()) == 10
    assert "aurelia" in text and "events per game:" in text
    paths = write_all(res, tmp_path, sys.stdout)
    assert {p.name for p in paths} >= {"games.csv", "turns.csv", "outcomes.png", "stability_fan.png", "summary.txt"}
    assert (tmp_path / "outcomes.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("workers", [1, 2])
def test_an_interrupted_batch_keeps_the_games_already_finished(tmp_path, workers):
    done = []

    def progress(k):
        done.append(k)
        if len(done) == 5:
            raise KeyboardInterrupt  # what Ctrl-C does in the parent process

    res = run_batch(MERIDIAN, 40, seed=2, workers=workers, turns=4, progress=progress)
    assert res.interrupted
    assert 5 <= len(res.games) < 40
    write_all(res, tmp_path, sys.stdout)
    assert len(rows(tmp_path / "games.csv")) == len(res.games) + 1
    assert "(interrupted)" in summary_text(res)


def test_ctrl_c_on_the_command_line_keeps_finished_games_and_says_so(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "batch", "meridian", "--runs", "3000",
                             "--workers", "2", "--out", str(out)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    seen, early = 0, []
    while not seen:   # Ctrl-C once the first games are in (stderr is no terminal: progress comes as lines)
        ready, _, _ = select.select([proc.stderr], [], [], 300)
        line = proc.stderr.readline() if ready else ""
        if not line:
            proc.kill()
            pytest.fail(f"the batch ended or went silent before its first games: {''.join(early)}")
        early.append(line)
        if m := re.match(r"batch: (\d+) of 3000 games played", line):
            seen = int(m.group(1))
    proc.send_signal(signal.SIGINT)
    stdout, rest = proc.communicate(timeout=120)
    stderr = "".join(early) + rest
    assert proc.returncode == 130, stderr
    m = re.search(r"interrupted: (\d+) of 3000 games finished and kept in (.+)", stderr)
    assert m, stderr
    assert "Traceback" not in stderr
    assert seen <= int(m.group(1)) < 3000   # the games counted before Ctrl-C are kept
    assert len(rows(out / "games.csv")) == int(m.group(1)) + 1


def test_dask_local_cluster_gives_the_same_results_as_local_workers():
    distributed = pytest.importorskip("dask.distributed")
    local = run_batch(MERIDIAN, 6, seed=9, workers=1, turns=5)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        remote = run_batch(MERIDIAN, 6, seed=9, turns=5, scheduler=cluster.scheduler_address)
    strip = lambda r: [{k: v for k, v in g.items()} for g in r.sorted()]  # noqa: E731
    assert strip(remote) == strip(local)


def test_tournament_table_has_every_doctrine_once_with_rates():
    res, standings = run_tournament(MERIDIAN, 1, seed=3, turns=4)
    names = [s.doctrine for s in standings]
    assert sorted(names) == sorted(["cooperative", "hawk", "free_rider", "reciprocator", "hedger"])
    assert len(res.games) == 6 * 5  # every doctrine once in each of the six seats
    for s in standings:
        assert abs(s.secure + s.fragile + s.conflict - 1.0) < 1e-9
        assert 0.0 <= s.free_rider <= 1.0 and s.games >= 6
    assert abs(sum(s.wins for s in standings) - 1.0) < 1e-9
    lines = table(standings).splitlines()
    assert lines[0].split()[:5] == ["rank", "doctrine", "score", "95%", "CI"] and len(lines) == 6
    # ranked by mean seat-relative score (wins are secondary), each with a confidence interval around it
    assert [s.score for s in standings] == sorted((s.score for s in standings), reverse=True)
    assert all(0 < s.ci < 50 for s in standings)
    assert f"[{standings[0].score - standings[0].ci:+.2f}, {standings[0].score + standings[0].ci:+.2f}]" in lines[1]
    free = next(s for s in standings if s.doctrine == "free_rider")
    coop = next(s for s in standings if s.doctrine == "cooperative")
    assert free.free_rider > coop.free_rider  # the index tells them apart


def test_batch_cli_errors_are_one_line(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "batch", "nowhere.yaml", "--runs", "3"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2 and r.stderr.strip() == "error: no such scenario file: nowhere.yaml"
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "batch", "meridian", "--runs", "0"],
                       cwd=tmp_path, capture_output=True, text=True)
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_games_travel_in_chunks_that_cover_every_job_once():
    from game.runner.batch import Job, chunks, play_chunk, play_one

    jobs = [Job(MERIDIAN, k, 3, (), 2) for k in range(37)]
    for workers in (1, 2, 5):
        cut = chunks(jobs, workers)
        assert [j for c in cut for j in c] == jobs and all(1 <= len(c) <= 32 for c in cut)
    assert play_chunk(jobs[:2]) == [play_one(jobs[0]), play_one(jobs[1])]


def test_a_batch_reports_agreements_made_kept_and_broken_per_doctrine():
    from game.runner.batch import promises_by_doctrine

    res = run_batch(MERIDIAN, 3, seed=5, workers=1, turns=6)
    per = promises_by_doctrine(res.sorted())
    assert per["reciprocator"][0] > per["hawk"][0]          # the hawk proposes nothing and signs only drills
    assert all(made >= kept and made >= 0 for made, kept, _ in per.values())
    text = summary_text(res)
    assert "agreements per game" in text and re.search(r"reciprocator\s+\d+\.\d\d", text)
