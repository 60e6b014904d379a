"""The catalog reference: `main.py catalog [SCENARIO]` lists what a scenario has after extends, overrides and
disables, with where each item was defined; docs/catalog.md is the base catalog and is kept current."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from game.content import catalogref
from game.content.loader import load_catalog, load_scenario

ROOT = Path(__file__).resolve().parents[1]


def test_docs_catalog_is_current():
    assert catalogref.DOC.read_text(encoding="utf-8") == catalogref.docs_text(), \
        f"docs/catalog.md is stale (the base catalog or codex changed): run `{catalogref.REGEN}`"


def test_base_catalog_lists_every_item_and_concept():
    text = catalogref.base_reference()
    cat = load_catalog()
    for item in (*cat.actions, *cat.events, *cat.threats):
        assert f"| `{item.id}` |" in text
    from game.content.loader import codex_ids

    assert all(f"| `{c}` |" in text for c in codex_ids())
    assert "| `joint_exercise` | Joint military exercise | cooperative | partner | 1 | " in text


def test_a_scenario_catalog_follows_its_extends_overrides_and_disables(tmp_path):
    (tmp_path / "parent.yaml").write_text(
        "name: P\nnations:\n  - {id: a, name: A, position: [1, 1]}\n  - {id: b, name: B, position: [2, 1]}\n"
        "actions:\n  - {id: defence_buildup, budget: 5}\n"
        "  - {id: drill, name: Drill, category: national, target: self, effects: [{do: stock, stock: security, amount: 1}]}\n")
    (tmp_path / "child.yaml").write_text("extends: parent.yaml\nname: C\ndisable: [piracy, anti_piracy, uav_cooperation, "
                                         "piracy_surge]\nactions:\n  - {id: defence_buildup, ap: 2}\n")
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "catalog", str(tmp_path / "child.yaml")],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    sc = load_scenario(tmp_path / "child.yaml")
    assert f"## Actions ({len(sc.actions)})" in r.stdout
    assert "| `defence_buildup` | Defence build-up | national | self | 2 | 5 |" in r.stdout
    assert "| base; parent.yaml changes budget; child.yaml changes ap |" in r.stdout
    assert "| security +1 (the actor) | parent.yaml |" in r.stdout
    assert "`anti_piracy`" not in r.stdout and "`piracy`" not in r.stdout
