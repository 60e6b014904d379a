"""Hostile saves (tests/hostile_saves, 250+ files): the menu's Continue and Load, the Load screen's list and `report`
meet every one with the project's own one-line error (or a game, for the few harmless ones), never another exception."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game import cli
from game.content import savemodel, saves
from game.content.saves import SaveError

CORPUS = Path(__file__).resolve().parent / "hostile_saves"
FILES = sorted(CORPUS.glob("*.json"))
# files that are still a whole, sound game (a harmless change): they load, play and report
SOUND = {"000-genuine.json", "021-bracket-in-string.json", "051-threats-null.json", "057-organizations-null.json",
         "064-seed-five.json", "075-turn-null.json", "101-branches-list.json", "108-facilitator-mapping.json",
         "120-class_id-null.json", "256-seat-doctrine-unknown.json", "257-seat-log-doctrine-unknown.json"}


def test_the_corpus_is_large():
    assert len(FILES) >= 100


@pytest.fixture(scope="module")
def outcomes():
    """Each file through saves.load_save: 'ok' or the SaveError's text."""
    out = {}
    for p in FILES:
        try:
            saves.load_save(p)
            out[p.name] = "ok"
        except SaveError as exc:
            out[p.name] = str(exc)
    return out


def test_every_hostile_save_is_a_one_line_save_error(outcomes):
    loaded = {n for n, r in outcomes.items() if r == "ok"}
    assert loaded == SOUND, sorted(loaded ^ SOUND)
    for name, msg in outcomes.items():
        if msg != "ok":
            assert "\n" not in msg and msg.startswith(name + ":"), msg
            assert "Traceback" not in msg and len(msg) < 400, msg


@pytest.mark.parametrize("name, words", [
    ("deep-lists", "nests more than"), ("int-5000-digits", "more than 40 digits"), ("float-1e400", "too large"),
    ("nan-token", "'NaN' is not a number"), ("seed-minus-1", "seed: "), ("turn-six", "turn: must be a whole number"),
    ("extra-seat", "seats: unknown nation 'atlantis'"), ("nations-null", "nations: must be a list"),
    ("organizations-five", "organizations: must be a list"), ("seat-log-number", "facilitator.seat_log[0]"),
    ("security-short", "states[2].values.security: has shape (1,), the scenario needs (3,)"),
    ("pending-unknown-effect", "unknown effect primitive 'teleport'"),
    ("obligation-victim-99", "obligations[0][1]: 99 is not a nation number"),
    ("report-missing-summary", "reports[0].summary: is missing"), ("ledger-unknown-action", "unknown action 'nuke'"),
    ("pin-number", "facilitator.pin: must be text"), ("scenario-proc-status", "not a scenario file"),
    ("scenario-dev-null-yaml", "not a scenario file"), ("scenario-etc-passwd", "not a scenario file"),
])
def test_the_error_says_what_and_where(outcomes, name, words):
    (msg,) = [m for n, m in outcomes.items() if n[4:-5] == name]
    assert "damaged save" in msg or "scenario" in msg
    assert words in msg, msg


def test_errors_never_quote_a_file_that_is_not_a_scenario(outcomes):
    for msg in outcomes.values():
        assert "root:" not in msg and "VmPeak" not in msg and "Name:" not in msg, msg


def test_size_limit_is_checked_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    monkeypatch.setattr(savemodel, "MAX_BYTES", 1024)
    with pytest.raises(SaveError, match=r"big.json: damaged save: the file is 0 MB; a save is at most 0 MB"):
        saves.read_save(big)


def test_a_fifo_or_a_folder_in_the_saves_folder_is_listed_as_damaged(data):
    folder = data / "saves"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.json")
    (folder / "dir.json").mkdir()
    infos = {i.path.name: i for i in saves.list_saves()}
    assert "not a save file" in infos["pipe.json"].error and "not a save file" in infos["dir.json"].error


# -- the UI's load paths and `report` ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def app():
    from game.ui.app import App
    from game.ui.prefs import Settings

    a = App((1024, 640), Settings())
    yield a
    a.reset()


def test_menu_continue_load_screen_and_report_survive_every_file(app, tmp_path, monkeypatch, capsys):
    from game.ui.scenes.board import BoardScene
    from game.ui.scenes.gameover import GameOverScene
    from game.ui.scenes.loadgame import LoadScene
    from game.ui.scenes.menu import MainMenu

    monkeypatch.setenv(saves.ENV_DATA, str(tmp_path / "data"))
    folder = saves.saves_dir()
    folder.mkdir(parents=True)
    for p in FILES:                                             # every file in the folder at once: the Load screen lists them
        shutil.copy(p, folder / p.name)
    load = LoadScene(app)
    assert len(load.infos) == len(FILES)
    listed = {i.path.name for i in load.infos if i.error is None}   # the list reads the model; opening checks the rest
    assert SOUND <= listed and len(listed) < len(FILES) // 2
    for p in FILES:
        for old in folder.iterdir():
            old.unlink()
        shutil.copy(p, folder / p.name)
        shutil.copy(p, saves.autosave_path())
        menu = MainMenu(app)
        app.reset(menu)                                        # builds the Continue label from the autosave
        menu.continue_game()
        opened = isinstance(app.top, (BoardScene, GameOverScene))
        assert opened == (p.name in SOUND), (p.name, menu.error)
        if opened and not app.top.session.over:
            app.top.session.resolve()                          # and the next turn plays
            app.run_frames(1)
        if not opened:
            assert menu.error and menu.error.startswith(saves.AUTOSAVE + ":"), (p.name, menu.error)
        app.reset(MainMenu(app))
        scene = LoadScene(app)
        app.push(scene)
        scene.load(folder / p.name)
        assert isinstance(app.top, (BoardScene, GameOverScene)) == (p.name in SOUND), (p.name, scene.error)
        app.reset(MainMenu(app))
        rc = cli.main(["report", str(p), "--out", str(tmp_path / "out" / p.stem), "--whatif", "0"])
        err = capsys.readouterr().err
        assert rc == (0 if p.name in SOUND else cli.USAGE_ERROR), (p.name, err)
        if rc:
            assert err.count("\n") == 1 and err.startswith(f"error: {p.name}:"), err
            assert not (tmp_path / "out" / p.stem).exists(), "a failed report leaves no folder behind"


def test_stale_temp_files_are_swept_when_the_game_starts(data, monkeypatch):
    from game.ui import app as app_module

    folder = saves.saves_dir()
    folder.mkdir(parents=True)
    shutil.copy(FILES[0], folder / "kept.json")
    stale = [folder / ".autosave.json.abc123.tmp", folder / ".autosave.json.new", folder / ".kept.json.x.tmp"]
    fresh = folder / ".autosave.json.zzz.tmp"
    for p in stale + [fresh]:
        p.write_text("{")
    for p in stale:
        os.utime(p, (1_000_000, 1_000_000))
    monkeypatch.setattr(app_module.App, "run", lambda self: None)
    monkeypatch.setattr(app_module.pygame, "quit", lambda: None)     # other tests go on using pygame
    assert app_module.run_app() == 0
    assert sorted(p.name for p in folder.iterdir()) == [fresh.name, "kept.json"]   # a write in progress is left alone


# -- fuzz: a save with any value changed either is refused or plays on ---------------------------------------
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

GENUINE = json.loads((CORPUS / "000-genuine.json").read_text(encoding="utf-8"))


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            yield from _leaves(v, path + (k,))
    else:
        yield path


LEAVES = list(_leaves(GENUINE))
ODD = st.one_of(st.none(), st.booleans(), st.integers(-3, 10), st.sampled_from([-1e9, 0.5, 1e300, 2 ** 63, "", "x", [], {}]),
                st.floats(-200, 200))


SCALE = st.floats(-1.5, 2.5).map(lambda f: ("scale", f))     # a number of the same kind, moved: often still plausible


def _changed(old, value):
    if isinstance(value, tuple):
        if isinstance(old, bool) or not isinstance(old, (int, float)):
            return old
        return type(old)(round(old * value[1]) if isinstance(old, int) else old * value[1])
    return value


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, len(LEAVES) - 1), st.one_of(SCALE, SCALE, ODD)), min_size=1, max_size=3))
def test_a_save_with_values_changed_is_refused_or_plays_on(tmp_path_factory, changes):
    from game.app.session import GameSession

    data = json.loads(json.dumps(GENUINE))
    for k, value in changes:
        node = data
        *head, last = LEAVES[k]
        for seg in head:
            node = node[seg]
        node[last] = _changed(node[last], value)
    path = tmp_path_factory.mktemp("fuzz") / "f.json"
    path.write_text(json.dumps(data))
    try:
        s = GameSession.load(path, autosave=False)
    except SaveError as exc:
        assert "\n" not in str(exc)
        return
    for _ in range(2):
        if not s.over:
            s.resolve()
    cli.main(["report", str(path), "--out", str(path.parent / "out"), "--whatif", "2"])
