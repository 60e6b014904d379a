"""tools/killsaves.py runs: a save writer killed with SIGKILL leaves every save loadable and the game continuable
(the full 100-kill run is `python tools/killsaves.py`; here 3 kills keep the suite quick)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_three_kills_leave_every_file_sound():
    run = subprocess.run([sys.executable, str(ROOT / "tools" / "killsaves.py"), "--kills", "3", "--seed", "5"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "3 kills in" in run.stdout and "0 damaged saves or lost games" in run.stdout and ", 0 left" in run.stdout
