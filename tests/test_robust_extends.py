"""`extends:` reads a scenario relative to the file that names it, inside its folder tree (or a shipped scenario),
and says plainly why it will not read anything else - never quoting what such a file holds."""
from __future__ import annotations

import os

import pytest

from game.content.loader import SCENARIOS, load_scenario
from game.content.yamlsafe import ContentError


def _problems(path) -> list[str]:
    with pytest.raises(ContentError) as exc:
        load_scenario(path)
    return [p.message for p in exc.value.problems]


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "class" / "variants").mkdir(parents=True)
    (tmp_path / "class" / "base.yaml").write_text((SCENARIOS / "tutorial.yaml").read_text())
    (tmp_path / "secret.yaml").write_text("password: hunter2\n")
    return tmp_path / "class"


def test_a_scenario_below_or_beside_is_read(tree):
    (tree / "variants" / "inner.yaml").write_text((SCENARIOS / "tutorial.yaml").read_text())
    (tree / "v.yaml").write_text("extends: variants/inner.yaml\nname: V\n")
    assert load_scenario(tree / "v.yaml").name == "V"
    (tree / "w.yaml").write_text("extends: base.yaml\nname: W\n")
    assert load_scenario(tree / "w.yaml").name == "W"
    (tree / "shipped.yaml").write_text(f"extends: {SCENARIOS / 'meridian.yaml'}\nname: S\n")
    assert load_scenario(tree / "shipped.yaml").name == "S"


@pytest.mark.parametrize("target, words", [
    ("../secret.yaml", "is outside this scenario's folder"), ("/proc/self/status", "is not a scenario file"),
    ("/etc/passwd", "is not a scenario file"), ("../../../../../../etc/hosts.yaml", "outside this scenario's folder"),
    ("nowhere.yaml", "no such file"), ("pipe.yaml", "a pipe or a device"), ("folder.yaml", "a folder"),
    ("link.yaml", "outside this scenario's folder"),
])
def test_anything_else_is_refused_in_words(tree, target, words):
    os.mkfifo(tree / "pipe.yaml")
    (tree / "folder.yaml").mkdir()
    os.symlink(tree.parent / "secret.yaml", tree / "link.yaml")
    (tree / "c.yaml").write_text(f"extends: {target}\nname: C\n")
    (msg,) = _problems(tree / "c.yaml")
    assert words in msg, msg
    assert "hunter2" not in msg and "password" not in msg
