"""The command line's promise: a wrong argument is one line, `error: ...`, and exit status 2 (never a traceback);
`new` writes only where a user expects - inside the current folder or at a full path of their own - and says where."""
from __future__ import annotations

import os

import pytest

from game import cli


def _run(argv, capsys) -> tuple[int, str, str]:
    try:
        rc = cli.main(argv)
    except SystemExit as exc:
        rc = exc.code
    out, err = capsys.readouterr()
    return rc, out, err


@pytest.mark.parametrize("argv", [
    ["run", "meridian", "--seed", "-1"], ["batch", "meridian", "--runs", "3", "--seed", "-1"],
    ["play", "--headless", "--seed", "-1"], ["run", "meridian", "--seed", "1e400"], ["run", "meridian", "--seed", "9" * 5000],
    ["run", "meridian", "--seed", "x"], ["run", "meridian", "--seed", "2", "--turns", "0"],
    ["run", "meridian", "--seed", "2", "--turns", "9999"], ["batch", "meridian", "--runs", "0"],
    ["batch", "meridian", "--runs", "2", "--workers", "0"], ["tournament", "meridian", "--runs", "-5"],
    ["tournament", "meridian", "--runs", "1", "--workers", "100000"], ["report", "x.json", "--out", "o", "--whatif", "-1"],
    ["report", "x.json", "--out", "o", "--from-turn", "0"], ["run", "meridian"], ["frobnicate"], ["run"],
    ["run", "no_such_scenario", "--seed", "1"],
    ["run", "meridian", "--seed", "1", "--doctrine", "atlantis=hawk"],
])
def test_a_wrong_argument_is_one_line_and_exit_2(argv, capsys):
    rc, out, err = _run(argv, capsys)
    assert rc == 2, (argv, rc, out, err)
    assert err.startswith("error: ") and err.count("\n") == 1 and "Traceback" not in err, err


def test_a_scenario_that_is_a_device_is_refused_in_words(capsys):
    rc, _, err = _run(["run", "/dev/null", "--seed", "1"], capsys)
    assert rc == 2 and err.splitlines() == ["error: /dev/null has errors (run: python main.py validate /dev/null)",
                                            "/dev/null:1:1: cannot read file: not a regular file"]


@pytest.fixture
def here(tmp_path, monkeypatch):
    (tmp_path / "work").mkdir()
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path / "work"


@pytest.mark.parametrize("name, words", [
    ("../../x", "outside the current folder"), ("../x", "outside the current folder"), ("/sys/x", "system folder"),
    ("/proc/x", "system folder"), ("/dev/x", "system folder"), ("nofolder/x", "no such folder"),
    ("dangling", "symbolic link"), ("../work/../../x", "outside the current folder"),
])
def test_new_refuses_unexpected_places(here, capsys, name, words):
    os.symlink(here / "missing" / "target.yaml", here / "dangling.yaml")
    rc, out, err = _run(["new", name], capsys)
    assert rc == 2 and words in err and err.count("\n") == 1, err
    assert sorted(p.name for p in here.parent.rglob("*")) == ["dangling.yaml", "work"]


def test_new_says_where_it_wrote(here, capsys, tmp_path):
    (here / "sub").mkdir()
    rc, out, _ = _run(["new", "sub/mine"], capsys)
    assert rc == 0 and f"wrote {here / 'sub' / 'mine.yaml'}" in out
    rc, out, _ = _run(["new", str(tmp_path / "elsewhere")], capsys)
    assert rc == 0 and f"wrote {tmp_path / 'elsewhere.yaml'}" in out and (tmp_path / "elsewhere.yaml").exists()
    rc, _, err = _run(["new", "sub/mine"], capsys)
    assert rc == 2 and "already exists" in err


def test_look_ahead_doctrines_in_a_large_region_are_warned_about(tmp_path, capsys):
    from game.content.loader import SCENARIOS

    nations = "".join(f"  - {{id: n{k:02d}, name: N{k}, position: [{k * 3}, 10], doctrine: planner_hard}}\n"
                      for k in range(14))
    path = tmp_path / "large.yaml"
    path.write_text(f"name: Large\nturns: 2\nnations:\n{nations}")
    rc, out, _ = _run(["validate", str(path)], capsys)
    assert rc == 0 and "warning: 14 of 14 nations play a look-ahead doctrine (planner_hard)" in out
    rc, out, _ = _run(["validate", str(SCENARIOS / "meridian.yaml")], capsys)
    assert "warning" not in out
