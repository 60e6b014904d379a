"""Issue 11's measuring instrument (game/runner/dilemma.py, its report rows, tools/balance.py): each measure tells a
dominating player, a decisive choice or a dead organization from their opposites, and the report holds every target."""
from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import numpy as np
import pytest

from game.ai.registry import known
from game.runner import dilemma as dl
from game.runner.batch import BatchResult, _scenario
from game.runner.dilemma_report import cards_across, summary_rows, verdicts
from game.runner.search import search_policies as search
from game.runner.tournament import standings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
WINDFALL = str(DATA / "tiny_windfall.yaml")       # one card ("windfall") plainly dominates
AGGREGATION = str(DATA / "test_aggregation.yaml")
TUTORIAL = str(ROOT / "game" / "data" / "scenarios" / "tutorial.yaml")
SMALL = dl.with_sizes(dl.TINY, exploit=3, planner=3, spam=1, mix=60)


def _tool():
    spec = importlib.util.spec_from_file_location("balance_tool", ROOT / "tools" / "balance.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def windfall_par():
    return dl.par(WINDFALL)


def test_a_score_is_national_interest_minus_the_par_of_the_turn_the_game_ended():
    table = np.array([[50.0, 40.0], [52.0, 41.0], [55.0, 45.0]])
    got = dl.scores([{"ni": [60.0, 40.0], "turns": 2}, {"ni": [30.0, 30.0], "turns": 1}], table)
    assert np.allclose(got, [[5.0, -5.0], [-22.0, -11.0]])
    assert np.allclose(dl.scores([{"ni": [60.0, 40.0], "turns": 1}], table[-1]), [[5.0, -5.0]])


def test_measuring_refuses_the_par_games_seed():
    with pytest.raises(ValueError, match="par games use seed"):
        dl.measure(TUTORIAL, dl.TINY, dl.PAR_SEED, only=(5,))


def test_a_player_that_plainly_dominates_is_reported_ahead_of_the_yardstick(windfall_par):
    """Every doctrine now judges the windfall card by its previewed effect and plays it, so the yardstick here is a
    player that never does: the windfall's players lead it, and target 1 reports them."""
    res = dl.versus_strategist(WINDFALL, {"spam:windfall": ["spam:windfall"] * 3, "greedy": ["greedy"] * 3}, SMALL,
                               seed=4, par_tab=windfall_par, strategist="nothing")
    by = {r["player"]: r for r in res["rows"]}
    assert by["spam:windfall"]["lead"] > 5 and by["greedy"]["lead"] > 5 and by["nothing"]["lead"] == 0
    assert res["rows"][0]["player"] in ("spam:windfall", "greedy")
    rows = verdicts({"file": WINDFALL, "nations": 3, "t1": res})
    assert rows[0]["met"] is False and res["rows"][0]["player"] in rows[0]["value"]
    behind = [{**r, "lead": -1.0} if r["player"] != "nothing" else r for r in res["rows"]]
    assert verdicts({"file": WINDFALL, "nations": 3, "t1": {**res, "rows": behind}})[0]["met"] is True


def test_among_strategists_a_dominating_player_is_first_and_one_that_does_nothing_is_not(windfall_par):
    """Target 1's cap read in a strong field (every other seat the yardstick): the windfall's spammer finishes first
    in every game among players that never play it; one that does nothing never does."""
    sizes = dl.with_sizes(dl.TINY, dup_first=2)
    got = dl.strong_field(WINDFALL, {"spam:windfall": ["spam:windfall"] * 3, "nothing": ["nothing"] * 3}, sizes, seed=4,
                          par_tab=windfall_par, strategist="nothing")
    assert got["spam:windfall"][:2] == (1.0, 6)
    assert got["spam:windfall"][2] == 1.0 and got["nothing"][2] == 0.0   # it beats the yardstick in its seat, or not
    res = dl.strong_field(WINDFALL, {"turtle": ["turtle"] * 3}, sizes, seed=4, par_tab=windfall_par,
                          strategist="spam:windfall")
    assert res["turtle"][:2] == (0.0, 6)
    t1 = {"rows": [{"player": "planner", "lead": 0.0, "score": 0.0, "first": 0.3},
                   {"player": "spam:windfall", "lead": 5.0, "score": 5.0, "first": 1.0}], "cap": 2 / 3, "field": got}
    rows = verdicts({"file": WINDFALL, "nations": 3, "t1": t1})
    field = [r for r in rows if "among strategists" in r["measure"]]
    assert field and field[0]["met"] is False and "spam:windfall 100.0 % of 6" in field[0]["value"]
    assert len(field) == 2 and field[1]["met"] is False and "by duplicate score" in field[1]["measure"]


def test_own_choice_explains_the_variance_when_the_choice_decides_and_not_when_it_cannot(windfall_par):
    decisive = dl.own_choice(WINDFALL, SMALL, 6, windfall_par, pool=("spam:windfall", "nothing"))
    assert decisive["own"] > 0.6 and decisive["own"] > decisive["others"]
    blind = dl.own_choice(WINDFALL, SMALL, 6, windfall_par, pool=("nothing", "nothing"))
    assert blind["own"] < 0.1
    assert abs(sum(blind["first"].values()) - 1) < 1e-9


def test_the_aggregation_swap_rewrites_one_threat_and_the_rule_changes_the_secure_rate():
    res = dl.aggregation(AGGREGATION, "piracy", dl.with_sizes(dl.TINY, aggregation=12), 2)
    assert set(res["secure"]) == {"sum", "weakest_link", "best_shot"}
    # the two free riders are the weakest links: with that rule piracy gets through where summed efforts hold it
    assert res["secure"]["weakest_link"] + 0.25 <= min(res["secure"]["sum"], res["secure"]["best_shot"])
    with pytest.raises(ValueError, match="no '{id: espionage"):
        dl.aggregation(AGGREGATION, "espionage", dl.TINY, 2)
    # a scenario whose threat entry names no rule gets one inserted (the check inside makes sure it took)
    assert set(dl.aggregation(TUTORIAL, "piracy", dl.TINY, 2)["secure"]) == {"sum", "weakest_link", "best_shot"}


def test_organizations_all_strategist_and_lone_defectors_give_plain_numbers_in_range():
    sc = _scenario(TUTORIAL)
    p = dl.par(TUTORIAL)
    orgs = dl.organizations(TUTORIAL, dl.TINY, 1)
    assert set(orgs) == {"cooperative", "default", "hawk"}
    for setting in orgs.values():
        assert set(setting["cohesion"]) == {o.id for o in sc.orgs}
        assert all(0 <= x <= 1 for x in (*setting["cohesion"].values(), *setting["dead"].values(), setting["conflict"]))
    strat = dl.all_strategist(TUTORIAL, dl.TINY, 1, p, strategist="hedger")
    assert abs(sum(strat["first"].values()) - 1) < 1e-9 and strat["band"] == (0.5 / 3, 2 / 3)
    assert sum(strat["strategist_orders"].values()) > 0
    lone = dl.lone_defector(TUTORIAL, dl.TINY, 1, p)
    assert all(math.isfinite(lone[d][env]) for d in ("turtle", "free_rider") for env in ("cooperators", "reciprocators"))


def test_target_4_says_how_often_a_fair_game_would_pass_at_its_sample_size():
    from itertools import product

    def brute(n, games, band):   # every way the first places can fall, each with its multinomial chance
        lo, hi = band[0] * games, band[1] * games
        total = 0.0
        for counts in product(range(games + 1), repeat=n - 1):
            last = games - sum(counts)
            c = (*counts, last)
            if last < 0 or not all(lo - 1e-9 <= x <= hi + 1e-9 for x in c):
                continue
            ways = math.factorial(games)
            for x in c:
                ways //= math.factorial(x)
            total += ways / n ** games
        return total

    for n, games in ((3, 12), (4, 10), (3, 30)):
        band = (0.5 / n, 2.0 / n)
        assert dl.fair_pass(n, games, band) == pytest.approx(brute(n, games, band), abs=1e-12)
    # the sample the full report used to take could not tell a fair nine-seat game from an unfair one
    assert dl.fair_pass(9, 30, (0.5 / 9, 2 / 9)) < 0.2 < 0.9 < dl.fair_pass(9, 200, (0.5 / 9, 2 / 9))
    assert dl.FULL.strategist >= 100
    rows = [r for r in verdicts({"file": "x.yaml", "t4": {"first": {"a": 0.3, "b": 0.3, "c": 0.4}, "band": (1 / 6, 2 / 3), "games": 30,
                                       "fair_pass": dl.fair_pass(3, 30, (1 / 6, 2 / 3))}}) if r["target"] == 4]
    assert "of 30 (a fair game passes at this size in 96.3 %)" in rows[0]["value"] and rows[0]["met"]


def test_card_use_across_scenarios_takes_each_cards_best_share():
    cards = dl.base_cards()
    m1 = {"file": "a.yaml", "t7": {"shares": {c: (0.5 if c == cards[0] else 0.0) for c in cards}}}
    m2 = {"file": "b.yaml", "t7": {"shares": {c: 0.02 for c in cards}}}
    assert cards_across([m1])["rare"] == sorted(cards[1:])
    both = cards_across([m1, m2])
    assert both["met"] and both["best"][cards[0]] == (0.5, "a") and both["best"][cards[1]] == (0.02, "b")
    assert summary_rows([m1, m2], None)[0]["met"] is True


def test_the_tournament_ranks_a_plainly_better_doctrine_first_with_an_interval_that_excludes_the_rest():
    sc = _scenario(TUTORIAL)
    rng = np.random.default_rng(0)
    games = []
    for g in range(40):
        docs = ["hawk", "cooperative", "hedger"]
        docs = [docs[(g + k) % 3] for k in range(3)]
        ni = [50 + rng.normal() + (10 if d == "cooperative" else 0) + (30 if d == "hawk" and g % 10 == 0 else -3 * (d == "hawk"))
              for d in docs]
        games.append({"game": g, "ni": ni, "doctrines": docs, "outcome": "secure", "free_rider": [0.0] * 3})
    rows = standings(BatchResult(sc, 0, 40, games), ["hawk", "cooperative", "hedger"], par=np.full(3, 50.0))
    assert [r.doctrine for r in rows][0] == "cooperative"
    assert rows[0].score - rows[0].ci > max(r.score + r.ci for r in rows[1:])
    assert abs(rows[0].score - 10) < 1


@pytest.mark.slow
def test_the_balance_report_holds_every_target_of_issue_11_for_each_scenario():
    tool = _tool()
    res = tool.measure(Path(TUTORIAL), 8, seed=5, workers=1, recheck=1)
    res["dilemma"] = dl.measure(TUTORIAL, dl.TINY, 5, only=(*dl.TARGETS, 6))
    agg = dl.aggregation(AGGREGATION, "piracy", dl.TINY, 5)
    text = tool.report([res], 8, 5, 1.0, agg, 1.0)
    body = text.split("## Tutorial", 1)[1]
    section = body.split("### The dilemma", 1)[1]
    targets = [int(t) for t in re.findall(r"^\| (\d) \|", section, flags=re.M)]
    assert set(targets) == {1, 2, 3, 4, 5, 6, 7, 8} and set(dl.TARGETS) == {1, 2, 3, 4, 5, 7, 8}
    assert targets.count(2) == 4 and targets.count(5) == 4     # both defectors in both settings; four org/collapse rows
    for line in section.splitlines():
        if re.match(r"^\| [1-8] \|", line) and not line.startswith(("| 6 |", "| 7 |")):   # 6, 7: diagnostics here
            assert line.rstrip().endswith(("| met |", "| **missed** |")), line
    assert "here (diagnostic): secure rate with piracy" in section
    across = text.split("### Across scenarios", 1)[1].split("## ", 1)[0]
    assert re.search(r"^\| 6 \|.*\| (met|\*\*missed\*\*) \|$", across, flags=re.M)
    assert re.search(r"^\| 7 \|.*\| (met|\*\*missed\*\*) \|$", across, flags=re.M)
    assert f"games at seed {dl.PAR_SEED}" in section and f"tuned at seed {dl.tune_seed(5)}" in section
    assert "| policy |" in section and "| planner |" in section and "| spam:white_paper |" in section
    assert re.search(r"^\| valdoria \| \w+ -?\d\.\d\d.* \| [+-]\d+\.\d\d \| [+-]\d+\.\d\d \|$", section, flags=re.M)


def test_the_policy_search_finds_the_dominating_card_and_scores_it_at_tuning_seeds(windfall_par):
    sizes = dl.with_sizes(dl.TINY, pop=6, gens=2, tune=2)
    found = search(WINDFALL, sizes, 7, windfall_par)
    assert [f["seat"] for f in found] == ["ash", "birch", "cedar"]
    for f in found:
        assert "windfall" in f["top_cards"][:3], f          # the one card that plainly pays
        assert len(f["history"]) == 2 and f["tuning_score"] == f["history"][-1]["best"]
        assert known(f["name"])
    tiny = search(WINDFALL, dl.with_sizes(dl.TINY, pop=2, gens=1, tune=1), 7, windfall_par)
    assert len(tiny) == 3


def test_the_cli_prints_each_check_with_its_verdict_and_command_and_compares_with_an_earlier_run(tmp_path, capsys):
    spec = importlib.util.spec_from_file_location("dilemma_tool", ROOT / "tools" / "dilemma.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tmp_path / "a.json"
    assert tool.main(["tutorial", "--quick", "--only", "5", "--workers", "1", "--json", str(out)]) == 0
    text = capsys.readouterr().out
    assert len(re.findall(r"^  \[5\] (met|MISSED) ", text, flags=re.M)) == 4
    assert "reproduce: tools/dilemma.py tutorial --quick --seed 11 --only 5" in text
    assert re.search(r"^  tutorial +5:(met|MISSED)$", text, flags=re.M)
    assert tool.main(["tutorial", "--quick", "--only", "5", "--workers", "1", "--seed", "12", "--compare", str(out)]) == 0
    assert capsys.readouterr().out.count("before: ") == 4
