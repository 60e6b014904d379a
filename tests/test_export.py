"""Exporting a game: the self-contained HTML report, the CSV per turn and nation, the JSON history, `main.py report`;
the report's parts (data, Jinja2 templates with autoescaping and strict names, figures, palette) each on their own."""
from __future__ import annotations

import base64
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from game.cli import main
from game.content import saves
from game.content.loader import SCENARIOS, default_scenario, load_scenario, load_scenario_text
from game.data import TEMPLATES
from game.fileio import csv_text as csv_rows
from game.runner import export, htmlreport, palette, reportdata
from game.runner.headless import Game
from game.runner.whatif import what_if
from game.sim import readings
from game.sim.agreements import tally
from game.sim.defs import STOCKS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def game():
    sc = load_scenario(default_scenario())
    # the free-rider keeps what it signs: the measurement's promise-breaker plays its seat, so a promise is broken
    rider = next(nd.id for nd in sc.nations if nd.doctrine == "free_rider")
    g = Game.new(sc, 9, {rider: "breaker"})
    g.play(12)
    return g


@pytest.fixture(scope="module")
def seats(game):
    return {k: {"human": k == 1, "doctrine": game.doctrines[k]} for k in range(game.scenario.n)}


@pytest.fixture
def save(tmp_path, game, seats):
    sc = game.scenario
    data = saves.make_save(name="class 3b", scenario_path=default_scenario(), scenario=sc, seed=game.seed,
                           seats={sc.nations[k].id: s for k, s in seats.items()}, difficulty="normal", history=game.history)
    return saves.write_save(tmp_path / "class.json", data)


@pytest.fixture(scope="module")
def written(tmp_path_factory, game, seats):
    out = tmp_path_factory.mktemp("report")
    wi = what_if(game.history, {k: s["doctrine"] for k, s in seats.items()}, 4, 5, game.seed)
    paths = export.write_report(game, out, seats, wi)
    return out, paths


def test_the_three_files(written):
    out, paths = written
    assert [p.name for p in paths] == ["report.html", "turns.csv", "history.json"]
    assert not list(out.glob(".*"))                               # no temp files left behind


def test_html_is_self_contained_with_png_charts(written, game):
    html = (written[0] / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower() and "<link" not in html.lower() and "@import" not in html
    assert not re.search(r"(?i)(https?:|ftp:|//[a-z0-9.-]+\.[a-z]{2,}/)", html)
    refs = re.findall(r"(?i)(?:src|href)\s*=\s*['\"]([^'\"]*)", html)
    assert refs and all(r.startswith("data:") for r in refs)
    assert "url(" not in html
    pngs = re.findall(r"src='data:image/png;base64,([A-Za-z0-9+/=]+)'", html)
    assert len(pngs) == 5                                          # four charts and the what-if fan
    for b in pngs:
        assert base64.b64decode(b)[:8] == b"\x89PNG\r\n\x1a\n"
    sc = game.scenario
    for nd in sc.nations:
        assert nd.name in html
    for o in sc.orgs:
        assert o.name in html
    for heading in ("Ranking by standing", "Turning points", "Burden-sharing", "Trust at the start and at the end",
                    "What else could have happened", "For discussion"):
        assert heading in html
    assert sc.discussion and all(export.E(q) in html for q in sc.discussion)
    assert html.count("class='trust'") == 2


def test_csv_has_a_row_per_turn_and_nation(written, game):
    rows = list(csv.DictReader(io.StringIO((written[0] / "turns.csv").read_text(encoding="utf-8"))))
    sc = game.scenario
    turns = len(game.history.reports)
    assert len(rows) == turns * sc.n
    assert list(rows[0]) == ["turn", "nation", "name", *STOCKS, "militarization", "national_interest", "stability",
                             "escalation", "trade"]
    assert [(int(r["turn"]), r["nation"]) for r in rows] == [(t, nid) for t in range(1, turns + 1) for nid in sc.nation_ids]
    last = rows[-1]
    st = game.history.states[turns]
    k = sc.n - 1
    assert float(last["economy"]) == pytest.approx(float(st.v["economy"][k]), abs=1e-3)
    assert float(last["stability"]) == pytest.approx(float(st.v["stability"]), abs=1e-3)
    ni = game.history.reports[-1]["summary"]["national_interest"][sc.nation_ids[k]]
    assert float(last["national_interest"]) == pytest.approx(ni, abs=1e-2)


def test_json_is_the_game_history(written, game):
    data = json.loads((written[0] / "history.json").read_text(encoding="utf-8"))
    assert data == json.loads(json.dumps(game.to_dict()))


def test_a_failed_write_keeps_the_old_file(tmp_path, game, monkeypatch):
    export.write_report(game, tmp_path)
    before = (tmp_path / "report.html").read_bytes()

    def broken(fd):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", broken)   # what game.fileio's atomic write calls
    with pytest.raises(export.ExportError, match="No space left"):
        export.write_report(game, tmp_path)
    assert (tmp_path / "report.html").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_report_command_writes_from_a_save(save, tmp_path, capsys, game):
    out = tmp_path / "out"
    assert main(["report", str(save), "--out", str(out), "--whatif", "3", "--from-turn", "2"]) == 0
    assert "written:" in capsys.readouterr().out
    html = (out / "report.html").read_text(encoding="utf-8")
    assert "From the start of turn 2" in html and "3 times" in html
    got, want = json.loads((out / "history.json").read_text()), json.loads(json.dumps(game.to_dict()))
    # the fixture's promise-breaker is a measurement doctrine a save does not restore: that seat plays on as the
    # scenario's own doctrine (Game.restore); everything else is the same game
    rider = next(nid for nid, name in want["doctrines"].items() if name == "breaker")
    assert got["doctrines"][rider] == game.scenario.nations[game.scenario.nation_index(rider)].doctrine
    got["doctrines"][rider] = "breaker"
    assert got == want


@pytest.mark.parametrize("case", ["missing", "damaged", "not a save", "out is a file", "bad turn"])
def test_report_errors_are_one_line_exit_2(case, save, tmp_path, capsys):
    out = tmp_path / "out"
    path = save
    args = []
    if case == "missing":
        path = tmp_path / "nope.json"
    elif case == "damaged":
        path = tmp_path / "cut.json"
        path.write_text(save.read_text()[:500])
    elif case == "not a save":
        path = tmp_path / "other.json"
        path.write_text('{"hello": 1}')
    elif case == "out is a file":
        out.write_text("x")
    elif case == "bad turn":
        args = ["--from-turn", "99"]
    code = main(["report", str(path), "--out", str(out), "--whatif", "2", *args])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("error: ") and err.count("\n") == 1, err
    assert "Traceback" not in err


def test_report_command_in_a_subprocess(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "main.py"), "report", str(tmp_path / "gone.json"), "--out",
                        str(tmp_path / "o")], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert r.stderr.strip() == "error: gone.json: no such save"


# -- the parts of the report ------------------------------------------------------------------------------------
SECTIONS = {   # each template of game/data/templates/sections/ and a line only it writes
    "summary.html": "turns played", "ranking.html": "Ranking by standing", "charts.html": "The game in charts",
    "whatif.html": "What else could have happened", "turning_points.html": "Turning points",
    "burden.html": "Burden-sharing", "trust.html": "Trust at the start and at the end",
    "promises.html": "<h2>Promises</h2>", "discussion.html": "For discussion",
}
EVIL = ["<script>alert(1)</script>", "Bor & Co", "Cal 'quoted'", 'Dra "double"', "Est > less", "Fen</td></tr>"]


class _Page(HTMLParser):
    """The page's text (entities resolved), its tags and its attribute values, as a browser reads them."""
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [v or "" for _, v in attrs]

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def evil_game():
    """A finished game whose scenario and nations are named like markup (all one colour, so the hues are spread)."""
    text = "extends: meridian.yaml\nname: \"Evil <script>alert('x')</script> & Sons\"\nnations:\n"
    for nid, name in zip(["aurelia", "borealis", "caldera", "drava", "estmark", "fennor"], EVIL):
        text += f"  - id: {nid}\n    name: {name!r}\n    color: '#808080'\n"
    g = Game.new(load_scenario_text(text, str(SCENARIOS / "evil.yaml")), 3)
    g.play(turns=6)
    return g


def test_names_that_look_like_markup_are_shown_as_text(evil_game):
    html = export.html_report(evil_game, title="Class <b>3b</b> & co")
    page = _Page(html)
    assert "script" not in page.tags
    assert "<script" not in html.lower() and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Bor &amp; Co" in html and "Class &lt;b&gt;3b&lt;/b&gt; &amp; co" in html
    text = "".join(page.text)
    for name in EVIL:                              # every name reads as written: in the ranking, trust, burden tables
        assert text.count(name) >= 3, name
    assert "Class <b>3b</b> & co" in text and "Evil <script>alert('x')</script> & Sons" in text
    # the trust tables' column heads carry the full name in an attribute, quotes and all, without ending it early
    assert all(name in page.attrs for name in EVIL)
    assert html.count("<tr>") == page.tags.count("tr")   # no name opened or closed a row of its own


def test_the_templates_escape_everything_and_refuse_unknown_names(tmp_path):
    env = htmlreport.environment()
    assert env.from_string("{{ x }}").render(x="<i>&") == "&lt;i&gt;&amp;"
    with pytest.raises(jinja2.UndefinedError, match="nope"):
        env.from_string("{{ nope }}").render()
    # a typo in a shipped template is an error, not an empty cell
    folder = tmp_path / "templates"
    shutil.copytree(TEMPLATES, folder)
    ranking = folder / "sections" / "ranking.html"
    ranking.write_text(ranking.read_text(encoding="utf-8").replace("n.name", "n.nmae"), encoding="utf-8")
    sc = load_scenario(default_scenario())
    g = Game.new(sc, 1)
    g.play(2)
    data = reportdata.build(g)
    blank = ["data:image/png;base64,"] * len(data.charts)
    assert "Ranking by standing" in htmlreport.render(data, blank, None)
    with pytest.raises(jinja2.UndefinedError, match="nmae"):
        htmlreport.render(data, blank, None, htmlreport.environment(folder))


def test_every_section_is_on_the_page(written):
    html = (written[0] / "report.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (TEMPLATES / "sections").glob("*.html")) == sorted(SECTIONS)
    for name, line in SECTIONS.items():
        assert line in html, name
    assert html.index("Ranking by standing") < html.index("The game in charts") < html.index(
        "What else could have happened") < html.index("Turning points") < html.index("Burden-sharing") < html.index(
        "Trust at the start") < html.index("<h2>Promises</h2>") < html.index("For discussion")
    assert html.rstrip().endswith("</html>") and "Made by Regional Accord." in html


def test_a_game_still_going_without_a_what_if():
    sc = load_scenario(default_scenario())
    g = Game.new(sc, 5)
    g.play(3)
    html = export.html_report(g)
    assert f"3 of {sc.turns} turns played (the game is still going)" in html
    assert re.search(r"<p>Stability \d+\.\d / 100, escalation ladder at \d\.</p>", html)
    assert "What else could have happened" not in html and "<h3>Now</h3>" in html and "<h3>End</h3>" not in html
    assert len(re.findall(r"src='data:image/png;base64,", html)) == 4


def _csv_before_the_split(game) -> str:
    """turns.csv as game/runner/export.py wrote it before the report was split into modules (main at 52eeae6)."""
    rows = []
    for t in range(1, len(game.history.reports) + 1):
        st = game.history.states[t]
        ni = readings.national_interests(st)
        region = [readings.stability(st), readings.ladder_step(st), readings.trade(st)]
        for k, nd in enumerate(game.scenario.nations):
            rows.append([t, nd.id, nd.name, *(round(float(st.v[s][k]), 3) for s in STOCKS),
                         round(float(st.v["militarization"][k]), 3), ni[nd.id], *region])
    header = ["turn", "nation", "name", *STOCKS, "militarization", "national_interest", "stability", "escalation", "trade"]
    return csv_rows(header, rows, lineterminator="\n")


def test_csv_and_json_are_the_bytes_the_writer_before_the_split_wrote(written, game, evil_game):
    assert (written[0] / "turns.csv").read_bytes() == _csv_before_the_split(game).encode("utf-8")
    assert (written[0] / "history.json").read_bytes() == json.dumps(
        game.to_dict(), sort_keys=True, separators=(",", ":")).encode("utf-8")
    assert export.csv_text(evil_game) == _csv_before_the_split(evil_game)


def test_the_report_of_a_save_through_the_cli_is_the_report_of_the_game(save, tmp_path, game, seats):
    out = tmp_path / "out"
    assert main(["report", str(save), "--out", str(out), "--whatif", "0"]) == 0
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html == export.html_report(game, seats)      # the save gives back the same game, seats and all
    assert (out / "turns.csv").read_text(encoding="utf-8") == export.csv_text(game)
    assert "human team" in html and "What else could have happened" not in html


def test_importing_export_loads_no_pygame_until_a_figure_is_asked_for():
    code = ("import sys; from game.runner import export; print('pygame' in sys.modules); "
            "f = export.trust_figure; print('pygame' in sys.modules, f.__module__)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["False", "True", "game.runner.figures"]
    with pytest.raises(AttributeError, match="no_such_figure"):
        export.no_such_figure    # noqa: B018


def test_only_figures_draws_among_the_report_modules():
    import ast

    for name in ("export", "reportdata", "htmlreport", "palette", "datafiles", "saved", "figures"):
        tree = ast.parse((ROOT / "game" / "runner" / f"{name}.py").read_text(encoding="utf-8"))
        mods = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        mods |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        draws = {m for m in mods if m.split(".")[0] == "pygame" or m == "game.runner.charts"}
        draws |= {"game.runner.charts"} if any(isinstance(n, ast.ImportFrom) and n.module == "game.runner"
                                               and any(a.name == "charts" for a in n.names)
                                               for n in ast.walk(tree)) else set()
        assert bool(draws) == (name == "figures"), (name, draws)


def test_spread_hues_are_pygames_own():
    import pygame

    for n in range(2, 65):   # (one nation is always told apart)
        want = []
        for k in range(n):
            c = pygame.Color(0)
            c.hsva = ((k * 360.0 / n + 25) % 360, 70, 90 if k % 2 == 0 else 70, 100)
            want.append((c.r, c.g, c.b))
        assert palette.distinct([(128, 128, 128)] * n) == want, n
    given = [(1, 2, 3), (4, 5, 6)]
    assert palette.distinct(given) == given


# -- the negotiation's archive ------------------------------------------------------------------------------------
def _broken(game) -> list[tuple[int, dict]]:
    return [(r["turn"], a) for r in game.history.reports for a in r.get("agreements", ()) if a["status"] == "broken"]


def test_the_promises_section_shows_each_nations_index_and_the_broken_promise(written, game):
    """The fixture game's computer nations sign agreements and one is broken: the report names who broke what."""
    html = (written[0] / "report.html").read_text(encoding="utf-8")
    part = html[html.index("<h2>Promises</h2>"):html.index("For discussion")]
    sc = game.scenario
    (turn, a), *_ = _broken(game)
    breaker = next(sc.nations[sc.nation_index(n)].name for n, ok in a["kept"].items() if not ok)
    assert f"broken by {breaker} (turn {turn})" in part
    counts = tally(game.history.reports)                    # the engine's own count of every party's promises
    assert counts[sc.nation_ids[sc.nations.index(next(n for n in sc.nations if n.name == breaker))]]["broken"] >= 1
    for nd in sc.nations:                                   # a line per nation, its index as the page rounds it
        t = counts.get(nd.id, {"made": 0, "kept": 0, "broken": 0, "kept_turns": 0, "checked_turns": 0})
        cell = f"{100 * t['kept_turns'] / t['checked_turns']:.0f}%" if t["checked_turns"] else "promised nothing"
        assert re.search(rf"{re.escape(export.E(nd.name))}</td><td>{t['made']}</td><td>{t['kept']}</td>"
                         rf"<td>{t['broken']}</td><td>{t['kept_turns']} of {t['checked_turns']}</td><td>[^\n]*"
                         rf"{re.escape(cell)}", part), nd.name
    signed = {a["id"] for r in game.history.reports for a in r.get("agreements", ())}
    assert part.count("<tr><td>") - sc.n == len(signed)       # a headless game: one archive row per agreement
    assert "proposals that were declined are kept only in a saved class game" in part
    talk = html[html.index("For discussion"):]
    assert f"Turn {turn}: {breaker} broke agreement {a['id']}" in talk


def test_history_json_carries_the_agreements(written, game):
    data = json.loads((written[0] / "history.json").read_text(encoding="utf-8"))
    (turn, a), *_ = _broken(game)
    assert a in data["reports"][turn - 1]["agreements"]
    assert all("agreements" in st for st in data["states"])   # (the running ones, in the states a save resumes from)
    assert sum(len(r["agreements"]) for r in data["reports"]) >= 10


def test_a_class_games_archive_has_every_proposal_answer_and_fate_escaped(tmp_path, data):
    """A saved class game: a team's proposal declined, an agreement broken by a nation named like markup; the report of
    the save (main.py report) and the session's own export show the same archive, every name escaped."""
    from game.app.session import GameSession, Seat
    from game.sim.deals import Deal, Term
    from game.sim.state import Order

    text = f"extends: {SCENARIOS / 'meridian.yaml'}\nnations:\n"
    for nid, name in zip(["aurelia", "borealis", "caldera"], ["Aur <b>elia</b>", "Bor & Co", "Cal 'q'"]):
        text += f"  - id: {nid}\n    name: {name!r}\n"
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    sc = load_scenario(path)
    s = GameSession.new(path, sc, 3, {k: Seat(k in (0, 1), nd.doctrine) for k, nd in enumerate(sc.nations)})
    neg = s.negotiation
    exchange = (Term("joint", action="personnel_exchange"),)
    assert neg.propose(Deal(0, (0, 1), exchange)) == []
    p = next(x for x in s.view.waiting_for(1) if x.deal.proposer == 0)
    assert neg.answer(p.id, 1, "accept") == []
    assert neg.propose(Deal(1, (1, 0), (Term("hotline"),), public=False)) == []
    q = next(x for x in s.view.waiting_for(0) if x.deal.proposer == 1)
    assert neg.answer(q.id, 0, "decline") == []
    assert neg.message(1, (0,), "<script>we keep it</script> & more") == []
    s.set_plan(0, [Order("personnel_exchange", (1,))])
    s.set_plan(1, [])                                          # Bor & Co breaks its word
    rep = s.resolve()
    assert next(a for a in rep["agreements"] if a["id"] == p.agreement)["status"] == "broken"
    out = tmp_path / "out"
    s.export(out)
    html = (out / "report.html").read_text(encoding="utf-8")
    part = html[html.index("<h2>Promises</h2>"):html.index("For discussion")]
    page = "".join(_Page(part).text)
    assert "<b>elia</b>" not in part and "Aur &lt;b&gt;elia&lt;/b&gt;" in part and "Bor &amp; Co" in part
    assert "broken by Bor & Co (turn 1)" in page and "Bor & Co accepted" in page
    assert "Aur <b>elia</b> declined" in page and "its parties (private)" in page and "declined" in page
    assert "Every proposal of the game" in page
    assert page.count("Aur <b>elia</b>") >= 3                  # the index's line, a proposer, a deal's parties
    assert "1 of 1" in page and "0%" in page                   # Bor & Co kept none of its one promise-turn
    # the facilitator's copy has the messages between teams, escaped; the class's says only how many there were
    assert "<script>" not in html and "&lt;script&gt;we keep it&lt;/script&gt; &amp; more" in part
    assert "Messages between teams" in page and "<script>we keep it</script> & more" in page
    saved = s.save_as("evil class")
    again = tmp_path / "again"
    assert main(["report", str(saved), "--out", str(again), "--private"]) == 0   # the facilitator's copy
    html2 = (again / "report.html").read_text(encoding="utf-8")
    assert html2[html2.index("<h2>Promises</h2>"):html2.index("For discussion")] == part
    # by default the report is one a class may see: the private deal is left out, and said to be (R12.6)
    assert main(["report", str(saved), "--out", str(tmp_path / "class")]) == 0
    html3 = (tmp_path / "class" / "report.html").read_text(encoding="utf-8")
    page3 = "".join(_Page(html3[html3.index("<h2>Promises</h2>"):html3.index("For discussion")]).text)
    assert "Aur <b>elia</b> declined" not in page3 and "its parties (private)" not in page3
    assert "1 private deal is left out" in page3 and "broken by Bor & Co (turn 1)" in page3   # the public one stays
    assert "we keep it" not in html3 and "The teams wrote 1 message to each other" in page3
    s.set_hide_private(True)                                   # the game's own export follows the screen's setting
    s.export(tmp_path / "hidden")
    html4 = (tmp_path / "hidden" / "report.html").read_text(encoding="utf-8")
    assert "1 private deal is left out" in html4 and "its parties (private)" not in html4


def test_the_archive_joins_saved_proposals_and_agreements_no_proposal_names(game):
    """A save's proposals keep their answers (a declined one too); an agreement of the reports that no saved proposal
    names still has its row, in turn order (runner/promises.py, what both the report and the debrief read)."""
    from game.runner import promises

    sc = game.scenario
    recs = promises.records(game.history.reports)
    first_id, ((t1, a1), *_) = next(iter(recs.items()))
    saved = [{"id": f"{t1}.p1", "turn": t1, "proposer": a1["proposer"], "parties": a1["parties"], "public": True,
              "terms": [{"kind": "trade"}], "answers": {n: "accept" if n == a1["proposer"] else "decline"
                                                        for n in a1["parties"]}, "agreement": None}]
    rows = promises.archive(game.state, game.history.reports, saved)
    assert [r.turn for r in rows] == sorted(r.turn for r in rows)
    assert len(rows) == len(recs) + 1                           # every agreement, and the declined proposal
    declined = next(r for r in rows if r.id == f"{t1}.p1")
    other = sc.nations[sc.nation_index(next(n for n in a1["parties"] if n != a1["proposer"]))].name
    assert declined.fate == "declined" and declined.answers == f"{other} declined"
    assert declined.deal.startswith("Trade agreement (")
    signed = next(r for r in rows if r.id == first_id)
    assert signed.answers == f"{other} accepted"
    assert signed.fate in ("kept", "running") or signed.fate.startswith("broken by")


def test_the_class_report_quotes_only_public_broken_promises(game):
    """A private agreement broken is its parties' business: the class's prompts do not quote it (R12.6)."""
    from game.runner import promises

    sc = game.scenario
    a, b = sc.nation_ids[:2]
    rec = {"id": "1.1", "name": "agreement 1.1: Crisis hotline", "proposer": a, "parties": [a, b], "terms": ["Hotline"],
           "signed": 1, "until": 1, "kept": {a: True, b: False}, "status": "broken"}
    reports = [{"turn": 1, "agreements": [dict(rec, public=False)]}]
    assert any("broke agreement 1.1" in q for q in promises.discussion_prompts(sc, reports))
    assert not any("broke" in q for q in promises.discussion_prompts(sc, reports, nation=promises.CLASS))
    assert any("broke agreement 1.1" in q for q in promises.discussion_prompts(sc, reports, nation=b))
    public = [{"turn": 1, "agreements": [dict(rec, public=True)]}]
    assert any("broke agreement 1.1" in q for q in promises.discussion_prompts(sc, public, nation=promises.CLASS))


def test_the_report_ranks_by_standing_with_vs_par_beside_it_and_by_national_interest_without_a_par():
    """R9.5: the exported report ranks as every screen does, by standing, when the scenario's par is at hand (a
    shipped scenario's always is); a scenario whose par was never computed is ranked by National Interest, said so."""
    import dataclasses

    import numpy as np

    from game.runner import par

    sc = load_scenario(default_scenario())
    g = Game.new(sc, 3)
    g.play(4)
    data = reportdata.build(g)
    table, factor = par.known(sc)
    seat_of = {nd.name: k for k, nd in enumerate(sc.nations)}
    seat = [seat_of[r.name] for r in data.ranking]
    vs = par.vs_par(np.array([r.end for r in sorted(data.ranking, key=lambda r: seat_of[r.name])]), table, 4)
    stand = par.standing(vs, factor)
    assert [r.vs_par for r in data.ranking] == pytest.approx(list(vs[seat]))
    assert [r.standing for r in data.ranking] == pytest.approx(list(stand[seat]))
    assert list(stand[seat]) == sorted(stand, reverse=True)
    html = htmlreport.render(data, ["data:image/png;base64,"] * len(data.charts), None)
    assert "Ranking by standing" in html and f"{data.ranking[0].standing:+.1f}" in html

    mine = dataclasses.replace(sc, id="my_sea")       # not shipped, never computed: no par at hand
    g2 = Game.new(mine, 3)
    g2.play(4)
    plain = reportdata.build(g2)
    assert all(r.standing is None for r in plain.ranking)
    assert [r.end for r in plain.ranking] == sorted((r.end for r in plain.ranking), reverse=True)
    assert "National Interest ranking" in htmlreport.render(plain, ["data:image/png;base64,"] * len(plain.charts), None)
