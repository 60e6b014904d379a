"""Negotiation over the classroom host's websockets: two teams propose and accept a deal, play the turn and see it kept
and broken in their resolution; a team never receives a private deal between two others nor their messages; every
hostile negotiation message (as another nation, oversize text, an unknown term) is an error that changes nothing."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from starlette.testclient import TestClient
from test_net_host import recv_until  # the same wait for a message of one type

from game.data import shipped
from game.net import protocol as P
from game.net.hub import Hub
from game.net.server import make_app
from game.net.start import new_session

TUTORIAL = shipped("tutorial")
VALDORIA, KESTRIA, MORVANE = 0, 1, 2     # the tutorial with two teams: Valdoria and Morvane; Kestria is a computer


def open_ws(tc):
    ws = tc.websocket_connect("/ws").__enter__()
    tc.opened.append(ws)
    return ws


def join(tc, hub, k: int, device: str, log: list | None = None):
    ws = open_ws(tc)
    recv_until(ws, "public", log)
    ws.send_json({"type": "join", "code": hub.codes[k], "device": device})
    recv_until(ws, "welcome", log)
    return ws, recv_until(ws, "team", log)


@pytest.fixture
def hosted(data):
    s = new_session(TUTORIAL, 2, seed=5, autosave=False)
    assert sorted(s.humans) == [VALDORIA, MORVANE]
    hub = Hub(s)
    with TestClient(make_app(hub, tick=False)) as tc:
        tc.opened = []                    # type: ignore[attr-defined]
        try:
            yield s, hub, tc
        finally:                          # an open socket would keep the test client from shutting down
            for ws in tc.opened:
                try:
                    ws.__exit__(None, None, None)
                except Exception:         # already closed by the server
                    pass


def test_two_teams_sign_a_deal_over_websockets_and_see_it_kept_and_broken_in_their_resolution(hosted):
    s, hub, tc = hosted
    va, mine_v = join(tc, hub, VALDORIA, "device-v-1")
    mo, mine_m = join(tc, hub, MORVANE, "device-m-1")
    trade = next(t for t in mine_v["deals"]["terms"] if t["kind"] == "trade")
    va.send_json({"type": "propose", "to": [MORVANE], "public": True,
                  "terms": [{k: trade[k] for k in ("kind", "action", "pledge", "org", "turns")}]})
    sent = recv_until(va, "team")["deals"]["proposals"][-1]
    assert sent["mine"] and sent["status"] == "pending" and sent["answers"] == {"Valdoria": "accept",
                                                                                "Morvane": "pending"}
    got = recv_until(mo, "team")["deals"]                    # Morvane is told: the deal waits for its answer
    offer = next(p for p in got["proposals"] if p["id"] == sent["id"])
    assert offer["waiting"] and offer["words"] == "Trade agreement (Valdoria, Morvane)"
    mo.send_json({"type": "answer", "proposal": sent["id"], "verdict": "accept"})
    signed_m = recv_until(mo, "team")["deals"]
    assert [a["words"] for a in signed_m["agreements"]] == ["Trade agreement (Valdoria, Morvane)"]
    assert signed_m["agreements"][0]["state"] == "signed this turn"
    team_v = recv_until(va, "team")
    signed_v = team_v["deals"]
    assert next(p for p in signed_v["proposals"] if p["id"] == sent["id"])["status"] == "signed"
    # a public agreement is everyone's: in the public view (every device) and so on the projector
    assert [a["words"] for a in hub.snapshot["agreements"]] == ["Trade agreement (Valdoria, Morvane)"]
    from game.ui.scenes.projector import ProjectorScene
    shown = ProjectorScene.lines(SimpleNamespace(hub=hub, url="http://x/", show_codes=False,
                                                 listening=lambda: ""))["deals"]
    assert shown == ["Valdoria and Morvane: Trade agreement (Valdoria, Morvane) (signed this turn)"]

    # Valdoria's plan says what the promise lacks; "keep_promises" adds it (the trade agreement toward Morvane).
    # Morvane plans nothing and breaks it
    (promise,) = team_v["draft"]["promises"]
    assert promise["lacking"] == ["add Trade agreement → Morvane"]
    va.send_json({"type": "keep_promises"})
    draft = recv_until(va, "team")["draft"]
    assert [o["action"] for o in draft["orders"]] == ["trade_agreement"] and draft["promises"][0]["lacking"] == []
    va.send_json({"type": "submit"})
    mo.send_json({"type": "submit"})
    log_v: list[dict] = []
    res_v = recv_until(va, "team", log_v)
    while res_v["turn"] == 1:
        res_v = recv_until(va, "team", log_v)
    res_m = recv_until(mo, "team")
    while res_m["turn"] == 1:
        res_m = recv_until(mo, "team")
    for res in (res_v, res_m):
        rec = next(r for r in res["resolution"]["agreements"] if r["parties"] == ["Valdoria", "Morvane"])
        assert rec["status"] == "broken" and rec["kept"] == {"Valdoria": True, "Morvane": False}
    public = [m for m in log_v if m["type"] == "public"][-1]      # sent just before the team's view
    assert public["turn"] == 2 and any(r["parties"] == ["Valdoria", "Morvane"] and r["status"] == "broken"
               for r in public["last"]["agreements"])     # a public agreement's fate is everyone's news


def test_team_a_never_receives_a_private_deal_between_b_and_c_nor_b_s_messages_to_c(hosted):
    s, hub, tc = hosted
    s.set_seat(KESTRIA, True)                                    # three teams: A Valdoria, B Morvane, C Kestria
    log_v: list[dict] = []
    va, _ = join(tc, hub, VALDORIA, "device-v-1", log_v)
    mo, mine_m = join(tc, hub, MORVANE, "device-m-1")
    ke, _ = join(tc, hub, KESTRIA, "device-k-1")
    fac = open_ws(tc)
    recv_until(fac, "public")
    fac.send_json({"type": "fac_login", "pin": hub.secret, "device": "facilitator1"})
    recv_until(fac, "facilitator")
    secret_text = "meet me behind the harbour: don't tell Valdoria"
    mo.send_json({"type": "message", "to": [KESTRIA], "text": secret_text})
    assert recv_until(mo, "team")["deals"]["messages"][-1]["text"] == secret_text
    assert recv_until(ke, "team")["deals"]["messages"][-1]["text"] == secret_text
    mo.send_json({"type": "propose", "to": [KESTRIA], "public": False, "terms": [{"kind": "hotline"}]})
    recv_until(mo, "team")
    offer = next(p for p in recv_until(ke, "team")["deals"]["proposals"] if p["waiting"] and not p["public"])
    assert offer["proposer"] == "Morvane" and offer["parties"] == ["Morvane", "Kestria"]
    ke.send_json({"type": "answer", "proposal": offer["id"], "verdict": "accept"})
    assert any(not a["public"] for a in recv_until(ke, "team")["deals"]["agreements"])
    secret_deals = [p for p in s.negotiation.proposals if not p.deal.public]
    assert [p.agreement is not None for p in secret_deals] == [True]
    mo.send_json({"type": "message", "to": [VALDORIA], "text": "hello, neighbour"})
    recv_until(mo, "team")
    heard = recv_until(va, "team", log_v)["deals"]["messages"]
    assert [m["text"] for m in heard] == ["hello, neighbour"]      # the message to it does arrive
    f = recv_until(fac, "facilitator")
    while f["private_agreements"] == 0:
        f = recv_until(fac, "facilitator")
    assert all(a["public"] for a in f["agreements"])             # the facilitator: a count, not the terms
    assert not any(p.id in json.dumps(f["agreements"]) for p in secret_deals)
    # the turn resolves: the private agreement is checked, and Valdoria still sees nothing of it
    for ws in (va, mo, ke):
        ws.send_json({"type": "submit"})
    m = recv_until(va, "team", log_v)
    while m["turn"] == 1:
        m = recv_until(va, "team", log_v)
    assert any(x["type"] == "public" and x["turn"] == 2 for x in log_v)
    text = json.dumps(log_v)
    assert secret_text not in text
    for p in secret_deals:
        assert f'"{p.id}"' not in text
    for m in log_v:
        for r in (m.get("resolution") or {}).get("agreements", []) + ((m.get("last") or {}).get("agreements") or []):
            assert r["public"] or "Valdoria" in r["parties"], r
        for p in (m.get("deals") or {}).get("proposals", []):
            assert "Valdoria" in p["parties"], p


def test_hostile_negotiation_messages_are_refused_and_change_nothing(hosted):
    s, hub, tc = hosted
    va, mine = join(tc, hub, VALDORIA, "device-v-1")
    offer = next(p for p in mine["deals"]["proposals"] if p["waiting"])     # Kestria's offer to Valdoria
    before = json.dumps(s.negotiation.to_dict())
    joint = {"kind": "joint", "action": "joint_exercise"}
    for bad, code in (
            ({"type": "propose", "to": [MORVANE], "terms": [joint], "proposer": KESTRIA}, "invalid"),  # as another
            ({"type": "propose", "to": [VALDORIA], "terms": [joint]}, "refused"),       # to itself only
            ({"type": "propose", "to": [MORVANE], "terms": [{"kind": "bribe"}]}, "invalid"),       # unknown term
            ({"type": "propose", "to": [MORVANE], "terms": [{"kind": "joint", "action": "nuke"}]}, "refused"),
            ({"type": "propose", "to": [MORVANE], "terms": [{"kind": "pledge", "pledge": "tribute"}]}, "invalid"),
            ({"type": "propose", "to": [MORVANE, 99], "terms": [joint]}, "invalid"),
            ({"type": "propose", "to": [MORVANE], "terms": [joint] * 4}, "invalid"),
            ({"type": "answer", "proposal": offer["id"], "verdict": "accept", "nation": MORVANE}, "invalid"),
            ({"type": "answer", "proposal": "1.p99", "verdict": "accept"}, "refused"),
            ({"type": "answer", "proposal": "../../etc", "verdict": "accept"}, "invalid"),
            ({"type": "answer", "proposal": offer["id"], "verdict": "pending"}, "invalid"),
            ({"type": "counter", "proposal": offer["id"], "terms": [{"kind": "joint", "action": "naval_blockade"}]},
             "refused"),
            ({"type": "message", "to": [MORVANE], "text": "x" * (P.MAX_TEXT + 1)}, "invalid"),   # oversize
            ({"type": "message", "to": [MORVANE], "text": ""}, "invalid"),
            ({"type": "message", "to": [MORVANE], "text": "   "}, "refused"),
            ({"type": "message", "to": [VALDORIA], "text": "to myself"}, "refused"),
            ({"type": "message", "to": [7], "text": "to nobody"}, "invalid"),
            ({"type": "message", "to": [MORVANE], "text": "hi", "sender": MORVANE}, "invalid"),
            ({"type": "keep_promises", "nation": MORVANE}, "invalid")):     # another team's plan: no such field
        va.send_json(bad)
        err = recv_until(va, "error")
        assert err["code"] == code, (bad, err)
    assert json.dumps(s.negotiation.to_dict()) == before
    assert s.plan(VALDORIA) == [] and s.plan(MORVANE) == []
    # Morvane may not answer Kestria's offer to Valdoria: it is not waiting for Morvane
    mo, _ = join(tc, hub, MORVANE, "device-m-1")
    mo.send_json({"type": "answer", "proposal": offer["id"], "verdict": "decline"})
    assert recv_until(mo, "error")["code"] == "refused"
    # once its plan is submitted, a team negotiates no more (a deal would bind a plan it cannot change)
    va.send_json({"type": "submit"})
    recv_until(va, "team")
    va.send_json({"type": "answer", "proposal": offer["id"], "verdict": "accept"})
    assert recv_until(va, "error")["code"] == "submitted"
    va.send_json({"type": "keep_promises"})                  # nor changes the submitted plan
    assert recv_until(va, "error")["code"] == "submitted"
    assert json.dumps(s.negotiation.to_dict()) == before


def test_a_team_counters_a_computer_offer_and_the_computer_answers_at_once(hosted):
    s, hub, tc = hosted
    va, mine = join(tc, hub, VALDORIA, "device-v-1")
    offer = next(p for p in mine["deals"]["proposals"] if p["waiting"] and p["proposer"] == "Kestria")
    va.send_json({"type": "counter", "proposal": offer["id"], "terms": [{"kind": "trade"}]})
    got = recv_until(va, "team")["deals"]
    after = got["proposals"]
    old = next(p for p in after if p["id"] == offer["id"])
    new = next(p for p in after if p["counter_of"] == offer["id"])
    assert old["status"] == "countered" and not old["waiting"]
    assert new["mine"] and new["proposer"] == "Valdoria" and new["parties"] == ["Valdoria", "Kestria"]
    assert new["answers"]["Kestria"] in ("accept", "decline") and new["status"] in ("signed", "declined")
    assert (new["words"] in [a["words"] for a in got["agreements"]]) == (new["status"] == "signed")


def test_a_refusal_never_tells_a_team_another_nation_s_action_points_or_promises(hosted):
    s, hub, tc = hosted
    va, _ = join(tc, hub, VALDORIA, "device-v-1")
    costly = [{"kind": "joint", "action": "joint_exercise"}, {"kind": "joint", "action": "intel_sharing"},
              {"kind": "trade"}]
    va.send_json({"type": "propose", "to": [KESTRIA, MORVANE], "terms": costly})
    err = recv_until(va, "error")["message"]
    assert err.startswith("Valdoria cannot keep this: its deals this turn need")   # its own numbers, in full
    assert "Morvane cannot take this on this turn" in err and "Kestria cannot take this on this turn" in err
    assert err.count("action points") == 1



def test_keep_promises_with_no_room_left_says_why_and_keeps_the_plan(hosted):
    s, hub, tc = hosted
    va, mine_v = join(tc, hub, VALDORIA, "device-v-1")
    mo, _ = join(tc, hub, MORVANE, "device-m-1")
    va.send_json({"type": "propose", "to": [MORVANE], "public": True, "terms": [{"kind": "hotline"}]})
    sent = recv_until(va, "team")["deals"]["proposals"][-1]
    recv_until(mo, "team")
    mo.send_json({"type": "answer", "proposal": sent["id"], "verdict": "accept"})
    recv_until(mo, "team")
    full = ["domestic_investment", "white_paper", "civil_military_reform"]   # 3 AP: nothing else fits
    for action in full:
        va.send_json({"type": "add_order", "action": action, "targets": []})
        recv_until(va, "team")
    before = list(s.plan(VALDORIA))
    assert [o.action for o in before] == full
    va.send_json({"type": "keep_promises"})
    err = recv_until(va, "error")
    assert err["code"] == "illegal" and "hotline" in err["message"].lower()
    assert s.plan(VALDORIA) == before
