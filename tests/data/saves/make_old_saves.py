"""Writes the old-format saves tests/test_save_migrations.py loads, with the code that wrote each format: commit
e306242 (save format version 1), d930bb0 (version 2) and 52eeae6 (version 3, before negotiation), taken out of git history into a temporary folder and run
there. Run it by hand from the repository, only to make them again:
`.venv/bin/python tests/data/saves/make_old_saves.py` (the version 2 save's PIN hash has a random salt, so its bytes
differ each time)."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

V1 = '''
import json, sys
from pathlib import Path
from game.content import saves
from game.content.loader import load_scenario
from game.runner.headless import Game

sc = load_scenario(Path("scenarios/tutorial.yaml"))
g = Game.new(sc, 4)
g.play(3)
seats = {nd.id: {"human": k == 0, "doctrine": g.doctrines[k]} for k, nd in enumerate(sc.nations)}
data = saves.make_save(name="Version 1 game", scenario_path="scenarios/tutorial.yaml", scenario=sc, seed=4,
                       seats=seats, difficulty="normal", history=g.history)
data["saved_at"] = "2026-11-25T10:30:00+00:00"
Path(sys.argv[1]).write_text(json.dumps(data, separators=(",", ":"), allow_nan=False))
'''

V2 = '''
import json, os, sys, tempfile
from pathlib import Path
os.environ["REGIONAL_ACCORD_DATA"] = tempfile.mkdtemp()
from game.content.loader import load_scenario
from game.ui.session import GameSession, Seat

path = Path("scenarios/tutorial.yaml")
sc = load_scenario(path)
s = GameSession.new(path, sc, 4, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)}, "normal",
                    autosave=False)
for _ in range(3):
    s.resolve()
s.rewind(2, "first line")
s.resolve()
s.set_timer(150, "computer")
s.set_hide_private(True)
s.set_pin("9876")
s.set_seat(2, True, "hawk")
s.inject_deck("naval_buildup_announced", (1,))
s.inject_custom({"name": "Port strike", "text": "Dockers walk out.", "target": "region",
                 "effects": [{"do": "region", "field": "stability", "amount": -3}]}, ())
data = json.loads(s.save_as("Version 2 game").read_text())
data["saved_at"] = "2026-11-25T11:00:00+00:00"
Path(sys.argv[1]).write_text(json.dumps(data, separators=(",", ":"), allow_nan=False))
'''

V3 = '''
import json, os, sys, tempfile
from pathlib import Path
os.environ["REGIONAL_ACCORD_DATA"] = tempfile.mkdtemp()
from game.app.session import GameSession, Seat
from game.content.loader import load_scenario
from game.data import shipped

path = shipped("tutorial")
sc = load_scenario(path)
s = GameSession.new(path, sc, 4, {k: Seat(k == 0, nd.doctrine) for k, nd in enumerate(sc.nations)}, "normal",
                    autosave=False)
for _ in range(3):
    s.resolve()
s.rewind(2, "first line")
s.resolve()
s.set_timer(150, "computer")
data = json.loads(s.save_as("Version 3 game").read_text())
data["saved_at"] = "2026-12-02T11:00:00+00:00"
Path(sys.argv[1]).write_text(json.dumps(data, separators=(",", ":"), allow_nan=False))
'''


def write(commit: str, code: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": tmp, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
        subprocess.run([sys.executable, "-c", code, str(out)], cwd=tmp, env=env, check=True)
    print(f"{out.relative_to(ROOT)}: written by the code of {commit}")


if __name__ == "__main__":
    write("e306242", V1, HERE / "v1-tutorial.json")
    write("d930bb0", V2, HERE / "v2-tutorial.json")
    write("52eeae6", V3, HERE / "v3-tutorial.json")
