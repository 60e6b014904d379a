"""CSV formula injection (OWASP): no cell of any CSV the project writes begins with = + - @, a tab or a carriage
return unless it is a number; nation names such as '=1+2' reach the spreadsheet as text."""
from __future__ import annotations

import csv
import io

from game.content.loader import SCENARIOS, load_scenario_text
from game.fileio import FORMULA_START, atomic_write_csv, safe_cell
from game.runner import export
from game.runner.headless import Game

PAYLOADS = ["=1+2", "+SUM(A1)", "@cmd", "=cmd|' /C calc'!A0", "-2+3", "\tTab", "\rCR"]


def _unsafe(text: str) -> list[str]:
    bad = []
    for row in csv.reader(io.StringIO(text, newline="")):
        for cell in row:
            if cell.startswith(FORMULA_START):
                try:
                    float(cell)
                except ValueError:
                    bad.append(cell)
    return bad


def test_safe_cell_neutralises_text_but_keeps_numbers():
    assert [safe_cell(p) for p in PAYLOADS] == ["'" + p for p in PAYLOADS]
    assert safe_cell(-3.5) == -3.5 and safe_cell("Aurelia") == "Aurelia"


def test_report_csv_keeps_formula_names_as_text(tmp_path):
    text = "extends: meridian.yaml\nname: Injection\nnations:\n"
    ids = ["aurelia", "borealis", "caldera", "drava", "estmark", "fennor"]
    for nid, p in zip(ids, PAYLOADS):
        text += f"  - id: {nid}\n    name: \"{p.encode('unicode_escape').decode()}\"\n"
    sc = load_scenario_text(text, str(SCENARIOS / "inject.yaml"))
    assert [n.name for n in sc.nations][:len(ids)] == PAYLOADS[:len(ids)]
    game = Game.new(sc, 3)
    game.play(turns=3)
    export.write_report(game, tmp_path)
    body = (tmp_path / "turns.csv").read_text(encoding="utf-8")
    assert _unsafe(body) == []
    cells = [c for row in csv.reader(io.StringIO(body, newline="")) for c in row]
    assert "'=1+2" in cells and "'@cmd" in cells and "'\tTab" in cells


def test_every_csv_writer_neutralises(tmp_path):
    atomic_write_csv(tmp_path / "x.csv", ["=h", "ok"], [[p, -1.25] for p in PAYLOADS])
    assert _unsafe((tmp_path / "x.csv").read_text(encoding="utf-8")) == []
