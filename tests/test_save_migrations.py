"""Save migrations (game/content/savemigrate.py), one test per step with a save the code of that time wrote
(tests/data/saves, made by make_old_saves.py from git history): an old game loads with everything it held, plays on,
and is saved again in the current version."""
from __future__ import annotations

import copy
import json
import typing
from pathlib import Path

import pytest
from contract_check import problems

from game.content import savemigrate, savemodel, saves
from game.content.saves import SaveError
from game.runner.headless import Game
from game.sim.contract import TurnReport

OLD = Path(__file__).resolve().parent / "data" / "saves"
V1, V2, V3 = OLD / "v1-tutorial.json", OLD / "v2-tutorial.json", OLD / "v3-tutorial.json"


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(saves.ENV_DATA, str(tmp_path / "data"))


def _raw(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _plays_on(r: saves.Restored) -> Game:
    """The restored game with its seats as computer doctrines, one more turn played."""
    doctrines = {k: r.seats[nid]["doctrine"] for k, nid in enumerate(r.scenario.nation_ids)}
    g = Game(r.scenario, r.seed, doctrines, r.history)
    g.step()
    return g


def test_every_older_version_has_one_step_to_the_next():
    assert savemigrate.VERSIONS == tuple(range(1, savemigrate.CURRENT + 1)) == savemodel.VERSIONS == saves.READABLE
    assert sorted(savemigrate.MIGRATIONS) == list(savemigrate.VERSIONS[:-1]) and saves.VERSION == savemigrate.CURRENT
    assert {p.name for p in OLD.glob("v*.json")} == {f"v{v}-tutorial.json" for v in savemigrate.MIGRATIONS}
    assert typing.get_args(savemodel.SaveM.model_fields["version"].annotation) == (savemigrate.CURRENT,)


# -- version 1 -> 2 ---------------------------------------------------------------------------------------------
def test_version_1_to_2_adds_no_branches_the_default_facilitator_and_no_injected_events():
    old = _raw(V1)
    assert old["version"] == 1 and "branches" not in old and all("injected" not in r for r in old["reports"])
    kept = copy.deepcopy(old)
    new = savemigrate.v1_to_v2(old)
    assert old == kept                                     # the data read is left as it was
    assert new["version"] == 2 and new["branches"] == [] and new["facilitator"] == {}
    assert [r["injected"] for r in new["reports"]] == [0, 0, 0]
    assert [{k: v for k, v in r.items() if k != "injected"} for r in new["reports"]] == old["reports"]
    assert {k: v for k, v in new.items() if k not in ("version", "branches", "facilitator", "reports")} == \
        {k: v for k, v in old.items() if k not in ("version", "reports")}


def test_a_version_1_save_loads_plays_on_and_is_saved_as_the_current_version(tmp_path):
    r = saves.load_save(V1)
    assert r.version == 1 and r.name == "Version 1 game" and r.seats["valdoria"]["human"]
    assert len(r.history.states) == 4 and r.branches == [] and r.class_id is None
    assert r.facilitator == {"policy": "submit", "hide_private": False, "pending": [], "seat_log": []}
    for rep in r.history.reports:                          # the loaded reports keep today's contract
        assert problems(json.loads(json.dumps(rep)), TurnReport) == []
    g = _plays_on(r)
    assert len(g.history.reports) == 4 and problems(g.history.reports[-1], TurnReport) == []
    again = saves.make_save(name="again", scenario_path=r.scenario_path, scenario=r.scenario, seed=r.seed,
                            seats=r.seats, difficulty=r.difficulty, history=g.history)
    path = saves.write_save(tmp_path / "again.json", again)
    assert saves.read_save(path)["version"] == saves.VERSION
    assert json.dumps(saves.load_save(path).history.reports) == json.dumps(g.history.reports)


def test_a_version_1_history_keeps_its_reports_as_saved_apart_from_the_count_of_injected_events():
    r = saves.load_save(V1)
    assert [dict(rep, injected=None, agreements=None) for rep in r.history.reports] == \
        [dict(rep, injected=None, agreements=None) for rep in _raw(V1)["reports"]]


def test_a_damaged_version_1_save_gets_the_models_message_after_migrating():
    for damage, message in [(lambda d: d.update(reports="none"), "reports: must be a list"),
                            (lambda d: d["reports"].__setitem__(1, 7), r"reports\[1\]: must be a mapping"),
                            (lambda d: d["reports"][0].pop("summary"), r"reports\[0\].summary: is missing")]:
        data = _raw(V1)
        damage(data)
        with pytest.raises(SaveError, match=message):
            saves.restore(data, "old.json")


# -- version 2 -> 3 ---------------------------------------------------------------------------------------------
def test_version_2_to_3_changes_nothing_but_the_version():
    old = _raw(V2)
    assert old["version"] == 2 and "class_id" not in old
    new = savemigrate.v2_to_v3(old)
    assert new["version"] == 3 and {**new, "version": 2} == old and old["version"] == 2


def test_a_version_2_save_loads_with_its_branch_and_facilitator_and_plays_on():
    r = saves.load_save(V2)
    assert r.version == 2 and r.class_id is None and len(r.history.states) == 3
    assert [(b["from_turn"], b["label"], len(b["history"]["states"])) for b in r.branches] == [(2, "first line", 4)]
    f = r.facilitator
    assert (f["timer"], f["policy"], f["hide_private"]) == (150.0, "computer", True)
    assert f["pin"] == _raw(V2)["facilitator"]["pin"] and not f["pin"].startswith("scrypt$")   # read as it was
    assert [p.get("event") for p in f["pending"]] == ["naval_buildup_announced", None]
    assert f["pending"][1]["custom"]["name"] == "Port strike"
    assert f["seat_log"] == [{"turn": 3, "nation": "morvane", "human": True, "doctrine": "hawk"}]
    assert len(_plays_on(r).history.reports) == 3


def test_the_model_reads_the_current_version_only():
    data = savemigrate.migrate(_raw(V2))
    assert savemodel.SaveM.model_validate(data).version == 4
    with pytest.raises(Exception, match="version"):
        savemodel.SaveM.model_validate(_raw(V2))            # an older save reaches the model only through migrate


# -- version 3 -> 4 ---------------------------------------------------------------------------------------------
def test_version_3_to_4_adds_no_agreements_to_any_state_or_report_and_an_empty_negotiation():
    old = _raw(V3)
    assert old["version"] == 3 and "negotiation" not in old and old["branches"]
    kept = copy.deepcopy(old)
    new = savemigrate.v3_to_v4(old)
    assert old == kept and new["version"] == 4 and new["negotiation"] == {}
    for hist in [new, *(b["history"] for b in new["branches"])]:
        assert all(x["agreements"] == [] for x in hist["states"] + hist["reports"])
    strip = [{k: v for k, v in x.items() if k != "agreements"} for x in new["states"]]
    assert strip == old["states"]


def test_a_version_3_save_loads_with_no_proposals_plays_on_and_saves_as_version_4(tmp_path):
    r = saves.load_save(V3)
    assert r.version == 3 and r.negotiation == {"proposals": [], "messages": []} and r.class_id
    assert all(not st.agreements for st in r.history.states)
    assert [(b["from_turn"], b["label"]) for b in r.branches] == [(2, "first line")]
    g = _plays_on(r)
    assert problems(g.history.reports[-1], TurnReport) == []
    again = saves.make_save(name="again", scenario_path=r.scenario_path, scenario=r.scenario, seed=r.seed,
                            seats=r.seats, difficulty=r.difficulty, history=g.history)
    path = saves.write_save(tmp_path / "again.json", again)
    assert saves.read_save(path)["version"] == 4 == saves.VERSION
    assert json.dumps(saves.load_save(path).history.reports) == json.dumps(g.history.reports)
