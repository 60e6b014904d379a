"""The turn report's and the history's typed contract (game/sim/contract.py): what the engine writes has exactly the
keys and types it declares, the save model reads exactly those keys, and every derived value (trade, stability,
the ladder's step, National Interest, cohesion, the outcome so far) is the same wherever it is shown."""
from __future__ import annotations

import json
import typing
from pathlib import Path

import pytest
from contract_check import problems

from game.content import savemodel
from game.runner import analysis
from game.runner.export import csv_text
from game.runner.headless import Game
from game.sim import contract, readings
from game.sim.scoring import OUTCOMES, national_interest

GOLDEN = Path(__file__).resolve().parent / "golden" / "meridian_seed7.json"


def _played(meridian, turns: int = 20, seed: int = 7, lean: bool = False) -> Game:
    g = Game.new(meridian, seed)
    g.lean = lean
    g.play(turns)
    return g


@pytest.fixture(scope="module")
def game(meridian):
    """The golden game: meridian, seed 7, 20 turns (obligations, incidents and organizations' rows all occur)."""
    return _played(meridian)


def test_every_report_of_a_game_has_exactly_the_contracts_keys_and_types(game):
    reps = game.history.reports
    assert any(r["obligations"] for r in reps) and any(r["incidents"] for r in reps) and reps[0]["organizations"]
    for r in reps:
        assert problems(r, contract.TurnReport, f"report {r['turn']}") == []
        assert problems(json.loads(json.dumps(r)), contract.TurnReport) == []   # and as JSON writes it
        assert all(len(row) == 7 for row in r["ledger"])


def test_the_checker_finds_an_extra_key_a_missing_key_and_a_wrong_type(game):
    r = json.loads(json.dumps(game.history.reports[0]))
    r["summary"]["mood"] = "calm"
    del r["events"][0]["text"]
    r["summary"]["escalation"] = 1.0
    r["orders"]["aurelia"][0]["reciprocated"] = 1
    found = problems(r, contract.TurnReport)
    assert sorted(found) == sorted(["report.summary.mood: not part of Summary", "report.events[0].text: missing",
                                    "report.summary.escalation: float 1.0, not int",
                                    "report.orders.aurelia[0].reciprocated: int 1, not bool"])


def test_a_lean_report_and_an_injected_event_keep_the_contract(meridian):
    g = _played(meridian, turns=2, lean=True)
    assert g.history.reports[-1]["ledger"] == [] and problems(g.history.reports[-1], contract.TurnReport) == []
    ev = next(e for e in meridian.events if e.target == "nation")
    r = g.step(inject=[(ev, (1,))])
    assert r["injected"] == 1 and r["events"][0]["targets"] == [meridian.nation_ids[1]]
    assert problems(r, contract.TurnReport) == []


def test_the_golden_file_is_a_history_of_the_contract():
    doc = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert problems(doc, contract.HistoryDoc, "golden") == []


def test_a_state_as_saved_keeps_the_contract(game):
    from game.sim.serialize import state_to_dict

    for st in game.history.states:
        assert problems(json.loads(json.dumps(state_to_dict(st))), contract.StateDict, f"state {st.turn}") == []


def test_outcomes_are_the_contracts():
    assert OUTCOMES == typing.get_args(contract.Outcome)


# -- the save model reads the same records ---------------------------------------------------------------------
@pytest.mark.parametrize("model, record", [
    (savemodel.ReportM, contract.TurnReport), (savemodel.SummaryM, contract.Summary),
    (savemodel.EventNewsM, contract.EventNews), (savemodel.OrderM, contract.PlayedOrder),
    (savemodel.ObligationM, contract.ObligationRecord), (savemodel.IncidentM, contract.Incident),
    (savemodel.OrgRecordM, contract.OrgRecord), (savemodel.StateM, contract.StateDict),
    (savemodel.AgreementRecordM, contract.AgreementRecord), (savemodel.AgreementM, contract.AgreementDict),
    (savemodel.TermM, contract.TermDict),
    (savemodel.PendingM, contract.PendingDict), (savemodel.EffectM, contract.EffectDict),
    (savemodel.HistoryM, contract.SavedHistory),
])
def test_the_save_model_reads_exactly_the_contracts_keys(model, record):
    assert set(model.model_fields) == set(typing.get_type_hints(record))


# -- derived values: one function, the same number everywhere --------------------------------------------------
def test_the_summary_series_and_csv_show_the_same_region(game):
    sc = game.scenario
    s = analysis.series(game.history)
    rows = [line.split(",") for line in csv_text(game).splitlines()[1:]]
    for k, rep in enumerate(game.history.reports):
        sm, st = rep["summary"], game.history.states[k + 1]
        assert (s["stability"][k + 1], s["escalation"][k + 1], s["trade"][k + 1]) == \
            (sm["stability"], sm["escalation"], sm["trade"])
        assert {nid: s["ni"][nid][k + 1] for nid in sc.nation_ids} == sm["national_interest"]
        mine = [r for r in rows if r[0] == str(k + 1)]
        assert [float(r[-4]) for r in mine] == [sm["national_interest"][nid] for nid in sc.nation_ids]
        region = {(float(r[-3]), int(r[-2]), float(r[-1])) for r in mine}
        assert region == {(sm["stability"], sm["escalation"], sm["trade"])}
        assert readings.summary(st) == sm
    org = analysis.burden_sharing(game.history)
    assert {o["org"]: o["cohesion"] for o in org} == game.history.reports[-1]["summary"]["cohesion"]


def test_trade_counts_each_pair_once(meridian):
    st = Game.new(meridian, 1).state
    st.v["trade"][:] = 0.0
    st.v["trade"][0, 1] = st.v["trade"][1, 0] = 4.0
    assert readings.trade(st) == 4.0


def test_the_outcome_so_far_is_the_final_one_once_the_game_is_over(game, meridian):
    assert game.state.over and readings.standing(game.state) == game.state.outcome
    early = Game.new(meridian, 7)
    early.play(1)
    st = early.state
    assert st.outcome is None and readings.standing(st) in OUTCOMES
    st.v["escalation"] = st.v["escalation"] * 0 + 5.0
    assert readings.standing(st) == "conflict"


def test_national_interests_are_the_scores_rounded(game):
    st = game.state
    ni = national_interest(st)
    assert list(readings.national_interests(st).values()) == [round(float(x), 3) for x in ni]
