"""Where the UI tests save their screenshots (look at them): $REGIONAL_ACCORD_SHOTS, else pytest's temporary folder.

Never the repository: a test run leaves the work tree as it found it."""
from __future__ import annotations

import os
import re
from pathlib import Path

ENV = "REGIONAL_ACCORD_SHOTS"
used: set[Path] = set()   # the roots written this run, named at the end of it (conftest.py)


def folder(request) -> Path:
    """This test's folder of screenshots: <root>/<test name>/."""
    env = os.environ.get(ENV)
    root = Path(env) if env else request.getfixturevalue("tmp_path_factory").getbasetemp() / "screenshots"
    used.add(root)
    return root / re.sub(r"[^\w.-]+", "_", request.node.name).strip("_")
