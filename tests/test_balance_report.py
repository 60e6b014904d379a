"""The balance report (tools/balance.py -> docs/balance.md): every shipped scenario measured on its current content,
every target reported with its verdict, and the design's safety targets (collapse rates) met."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from game.content.loader import load_scenario, scenario_files

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "balance.md"
ROWS = ("collapse, all cooperative", "collapse, all hawkish", "lone free-rider: NI above the cooperators",
        "majority of free-riders", "most tournament wins", "planner above every fixed doctrine")


def _tool():
    spec = importlib.util.spec_from_file_location("balance_tool", ROOT / "tools" / "balance.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _sections(text: str) -> dict[str, str]:
    """The scenarios' sections by file (a section of another tool, such as tools/negotiation.py's, names none)."""
    parts = re.split(r"^## ", text, flags=re.M)[1:]
    return {m.group(1): p for p in parts if (m := re.search(r"`([\w.]+\.yaml)`", p.splitlines()[0]))}


def test_the_report_covers_every_shipped_scenario_with_a_verdict_for_every_target():
    """Issue 11's targets are not all met (docs/balance.md says which, with the numbers): the report must hold every
    one of them with its verdict, for every shipped scenario as it is now, and the collapse targets must hold."""
    text = REPORT.read_text(encoding="utf-8")
    games = int(re.search(r"\((\d+) games per setting", text).group(1))
    assert games >= 40
    sections = _sections(text)
    assert set(sections) == {p.name for p in scenario_files()}
    for name, body in sections.items():
        for row in ROWS:
            line = next((ln for ln in body.splitlines() if ln.startswith(f"| {row}")), None)
            assert line is not None, (name, row)
            assert line.rstrip().endswith(("| met |", "| **missed** |")), (name, line)
            if row.startswith("collapse"):
                assert line.rstrip().endswith("| met |"), (name, line)
        assert "### The dilemma" in body, name
        targets = {int(t) for t in re.findall(r"^\| (\d) \|", body.split("### The dilemma", 1)[1], flags=re.M)}
        assert {1, 2, 3, 4, 5, 8} <= targets, (name, targets)
        sc = load_scenario(ROOT / "game" / "data" / "scenarios" / name)
        assert f"{sc.n} nations, {sc.turns} turns" in body   # measured on the scenario as it is now


def test_the_tool_measures_and_reports_a_scenario(tmp_path):
    tool = _tool()
    path = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"
    res = tool.measure(path, 30, seed=5, workers=1, recheck=1)
    text = tool.report([res], 30, 5, 1.0)
    body = _sections(text)["tutorial.yaml"]
    for row in ROWS:
        assert re.search(rf"^\| {re.escape(row)}.*\| (met|\*\*missed\*\*) \|$", body, flags=re.M), row
    assert "seed 6:" in body                                  # the win shares were checked at a further seed
    coop = float(re.search(r"collapse, all cooperative \| ([\d.]+) %", body).group(1))
    assert abs(100 * res["cooperative"]["conflict"] - coop) < 0.051
    # the tournament table lists the five fixed doctrines, the planner line adds the strategist
    assert all(f"| {d} |" in body for d in ("cooperative", "hawk", "free_rider", "reciprocator", "hedger"))
    assert "With the planner entered" in body and re.search(r"planner [+-]\d", body)


def test_the_tool_keeps_the_negotiation_section_when_it_regenerates_the_report(tmp_path):
    tool = _tool()
    old = tmp_path / "balance.md"
    old.write_text("# old\n\n<!-- negotiation:start -->\n## Negotiation\nkept\n<!-- negotiation:end -->\n", encoding="utf-8")
    new = tool.keep_sections(old, "# Balance, measured\n\nnew numbers\n")
    assert new.startswith("# Balance, measured") and "new numbers" in new and "## Negotiation\nkept" in new
    assert "# old" not in new


def test_the_tool_keeps_the_teams_notes_under_the_title(tmp_path):
    tool = _tool()
    old = tmp_path / "balance.md"
    old.write_text("# Balance, measured\n\n<!-- notes:start -->\n> where each section stands\n<!-- notes:end -->\n\n"
                   "old body\n", encoding="utf-8")
    new = tool.keep_sections(old, "# Balance, measured\n\nnew body\n")
    assert new.startswith("# Balance, measured\n\n<!-- notes:start -->\n> where each section stands")
    assert new.index("notes:end") < new.index("new body") and "old body" not in new


def test_a_stopped_run_resumes_from_the_parts_it_already_measured(tmp_path, capsys):
    tool = _tool()
    tutorial = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"
    kept = tool.Kept(tmp_path, tutorial, "40|2026")
    assert kept.get("batch") is None                                # nothing measured yet
    kept.put("batch", {"name": "Tutorial"}, 3.0, 12.5)
    again = tool.Kept(tmp_path, tutorial, "40|2026")                  # the next run (or the next machine) reads it
    assert again.get("batch")["result"] == {"name": "Tutorial"} and again.get("batch")["cpu"] == 3.0
    assert again.get("t1") is None                                  # a part not finished is measured
    assert tool.Kept(tmp_path, tutorial, "40|2027").get("batch") is None   # other settings: measured again
    assert tool.Kept(tmp_path, tutorial, "40|2026", fresh=True).get("batch") is None
    (tmp_path / "tutorial.json").write_text('{"key": "x", "parts": {', encoding="utf-8")
    assert tool.Kept(tmp_path, tutorial, "40|2026").get("batch") is None   # a damaged file is measured again
    assert "cannot be read" in capsys.readouterr().err


def test_kept_parts_make_the_same_report_as_one_run(tmp_path):
    """The tournament's standings go through JSON as dicts and come back as the rows the report reads."""
    import json

    tool = _tool()
    path = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"
    whole = tool.measure(path, 8, seed=5, workers=1, recheck=1)
    kept = tool.Kept(tmp_path, path, "8|5")
    part = tool.measure(path, 8, seed=5, workers=1, recheck=1)
    for k in ("tournament", "planner"):
        part[k]["rows"] = [tool.dataclasses.asdict(r) for r in part[k]["rows"]]
    kept.put("batch", part, 1.0, 1.0)
    back = tool.Kept(tmp_path, path, "8|5").result(("batch",))
    assert json.loads((tmp_path / "tutorial.json").read_text(encoding="utf-8"))["parts"]["batch"]["cpu"] == 1.0
    assert tool.report([back], 8, 5, 1.0) == tool.report([{**whole, "cpu": [1.0]}], 8, 5, 1.0)


def test_a_report_made_in_part_keeps_the_old_sections_of_the_scenarios_it_left_out(tmp_path):
    tool = _tool()
    old = tmp_path / "balance.md"
    old.write_text("# Balance\n\n## The Five Lanterns (`five_eyes.yaml`: 7 nations)\n\nold five\n\n"
                   "## Tutorial (`tutorial.yaml`: 3 nations)\n\nold tutorial\n\n"
                   "<!-- negotiation:start -->\n## Negotiation\nkept\n<!-- negotiation:end -->\n", encoding="utf-8")
    new = "# Balance, measured\n\n## Tutorial (`tutorial.yaml`: 3 nations)\n\nnew tutorial\n"
    got = tool.keep_sections(old, tool.keep_scenarios(old, new, ["five_eyes.yaml"]))
    assert "new tutorial" in got and "old tutorial" not in got
    assert "old five" in got and got.index("new tutorial") < got.index("old five") < got.index("## Negotiation")
    assert got.count("## Negotiation") == 1


def test_the_report_reads_target_1_among_strategists_by_standing_and_by_duplicate_score():
    """The tool's t1field part: the simple players in one seat among strategists, kept beside target 1's rows."""
    import argparse

    from game.runner import dilemma as dl
    from game.runner.dilemma_report import verdicts

    tool = _tool()
    path = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"
    got = tool.measure_part("t1field", path, argparse.Namespace(seed=5, workers=1), dl.TINY)
    assert set(got["field"]) == set(tool.FIELD)
    for share, games, beat in got["field"].values():
        assert games == 3 and 0.0 <= share <= 1.0 and 0.0 <= beat <= 1.0
    t1 = {"rows": [{"player": "planner", "lead": 0.0, "score": 0.0, "first": 0.5},
                   {"player": "greedy", "lead": -1.0, "score": -1.0, "first": 0.5}], "cap": 2 / 3}
    d = {"file": str(path), "nations": 3, "t1": t1}
    rows = verdicts({**d, "t1": {**t1, "field": got["field"]}})
    assert [r["measure"] for r in rows if "among strategists" in r["measure"]] == [
        "most first places of an exploit or policy among strategists (by standing)",
        "most first places of an exploit or policy among strategists (by duplicate score: it beats the strategist in its seat)"]


def test_only_the_reports_own_run_of_a_shipped_scenario_is_kept_in_the_repository(tmp_path, monkeypatch):
    """A --quick check, other settings or an author's own region keep their parts in the cache folder, so they never
    replace what docs/balance.md was measured from."""
    import argparse

    monkeypatch.setenv("REGIONAL_ACCORD_CACHE", str(tmp_path))
    tool = _tool()
    shipped = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"
    own = argparse.Namespace(data="", quick=False, no_dilemma=False, games=500, seed=2026, recheck=1)
    assert tool.data_folder(own, shipped) == tool.DATA
    assert tool.data_folder(own, tool.AGGREGATION) == tool.DATA
    for other in ({"quick": True}, {"games": 40}, {"seed": 11}, {"no_dilemma": True}):
        assert tool.data_folder(argparse.Namespace(**{**vars(own), **other}), shipped) == tmp_path / "balance-data"
    assert tool.data_folder(own, ROOT / "tests" / "data" / "tiny_windfall.yaml") == tmp_path / "balance-data"
    assert tool.data_folder(argparse.Namespace(**{**vars(own), "data": str(tmp_path / "x")}), shipped) == tmp_path / "x"
