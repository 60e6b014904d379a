"""The classroom host over real websockets (starlette's TestClient): a hostile client's every trick is answered with an
error and changes nothing; over a whole game a team's sockets never receive another team's plan, draft or hidden
stocks, nor does the projector's view; devices of one team share one draft; a host restart keeps codes and drafts."""
from __future__ import annotations

import json

import pytest
from starlette.testclient import TestClient

from game.data import shipped
from game.net import protocol as P
from game.net.hub import BURST, Hub
from game.net.server import make_app
from game.net.start import new_session, resume_session
from game.sim.defs import STOCKS

TUTORIAL = shipped("tutorial")


def fingerprint(s, snap) -> str:
    """Everything of the game a message could change: the state, plans, ended plans, queued events, seats, branches,
    the clock, pause and privacy."""
    return snap(s.state) + json.dumps(
        [{k: [tuple(o) for o in v] for k, v in sorted(s.plans.items())}, sorted(s.done), [i.spec for i in s.pending],
         {k: s.to_dict() for k, s in sorted(s.seats.items())}, len(s.branches), s.paused, s.hide_private,
         s.timer.limit, s.timer.left, s.timer.policy], default=repr)


def recv_until(ws, kind: str, log: list | None = None) -> dict:
    while True:
        m = ws.receive_json()
        if log is not None:
            log.append(m)
        if m["type"] == kind:
            return m
        # a throttled message is never answered: say so, instead of waiting for its reply for ever
        assert not (m["type"] == "error" and m.get("code") == "rate"), f"throttled while waiting for {kind}: {m}"


def unthrottled(hub) -> None:
    """Refill every socket's rate bucket: a test plays at machine speed, a class at human speed (RATE a second)."""
    for c in hub.clients.values():
        c.tokens = float(BURST)


def recv_where(ws, kind: str, pred) -> dict:
    """The next message of this kind that satisfies pred (earlier views of the same kind are passed over)."""
    while True:
        m = recv_until(ws, kind)
        if pred(m):
            return m


def expect_error(ws, code: str) -> dict:
    m = recv_until(ws, "error")
    assert m["code"] == code, m
    return m


def first_legal(team_msg: dict, skip: set[str] = frozenset()) -> tuple[str, list[int]] | None:
    """A card the team's own view says it can play now, and a target it allows."""
    for c in team_msg["cards"]:
        if c["blocked"] or c["id"] in skip:
            continue
        if c["targets"] is None:
            return c["id"], []
        ok = [t["index"] for t in c["targets"] if t["ok"]]
        if ok:
            return c["id"], ok[:1]
    return None


@pytest.fixture
def hosted(data):
    s = new_session(TUTORIAL, 2, seed=5, autosave=False)
    hub = Hub(s)
    with TestClient(make_app(hub, tick=False)) as tc:
        tc.opened = []                    # type: ignore[attr-defined]
        try:
            yield s, hub, tc
        finally:
            close_all(tc)


def close_all(tc) -> None:
    """Close every socket a test opened (an open one would keep the test client from shutting down)."""
    for ws in tc.opened:
        try:
            ws.__exit__(None, None, None)
        except Exception:   # already closed by the server
            pass
    tc.opened.clear()


def join(tc, hub, k: int, device: str, log: list | None = None):
    ws = tc.websocket_connect("/ws").__enter__()
    tc.opened.append(ws)
    recv_until(ws, "public", log)
    ws.send_json({"type": "join", "code": hub.codes[k], "device": device})
    recv_until(ws, "welcome", log)
    return ws, recv_until(ws, "team", log)


def test_a_hostile_client_gets_an_error_for_each_trick_and_the_game_is_unchanged(hosted, snapshot):
    s, hub, tc = hosted
    a, b = s.humans
    before = fingerprint(s, snapshot)
    with tc.websocket_connect("/ws") as ws:
        recv_until(ws, "public")
        ws.send_text("{not json")
        expect_error(ws, "bad_json")
        ws.send_text(json.dumps({"type": "ping", "pad": "x" * P.MAX_FRAME}))
        assert "at most 4096 bytes" in expect_error(ws, "too_large")["message"]
        ws.send_bytes(b"\xff\xfe" * 10)
        expect_error(ws, "bad_json")
        ws.send_text("[1, 2]")
        expect_error(ws, "bad_message")
        ws.send_text(json.dumps({"type": "launch_missiles"}))
        expect_error(ws, "invalid")
        ws.send_text(json.dumps({"type": "add_order", "action": "joint_exercise", "targets": [1]}))
        expect_error(ws, "not_joined")                                # orders before joining a team
        ws.send_text(json.dumps({"type": "fac_rewind", "turn": 1}))
        expect_error(ws, "not_facilitator")
        wrong = [{"type": "join", "code": f"ZZZZ-ZZZ{c}", "device": "attacker01"} for c in "ABCDEFGH"]
        codes = []
        for m in wrong:                                               # guessing codes in a loop: slowed after 3
            ws.send_text(json.dumps(m))
            codes.append(recv_until(ws, "error")["code"])
        assert codes[:3] == ["bad_code"] * 3 and set(codes[3:]) == {"wait"}
        ws.send_text(json.dumps({"type": "join", "code": hub.codes[a], "device": "attacker01"}))
        expect_error(ws, "wait")                                      # while slowed, even the right code waits
        ws.send_text(json.dumps({"type": "fac_login", "pin": "guess", "device": "attacker01"}))
        expect_error(ws, "bad_secret")
    assert fingerprint(s, snapshot) == before

    hub.guards.clear()                                                # a team's real device, now misbehaving
    ws, mine = join(tc, hub, a, "device-a-1")
    legal = first_legal(mine)
    assert legal is not None
    for bad in ({"type": "add_order", "action": legal[0], "targets": legal[1], "nation": b},   # another nation
                {"type": "add_order", "action": legal[0], "targets": [99]},
                {"type": "add_order", "action": "no_such_card", "targets": []},
                {"type": "remove_order", "index": "0"},
                {"type": "remove_order", "index": 5},
                {"type": "revise"},
                {"type": "fac_seat", "nation": b, "human": False}):
        ws.send_text(json.dumps(bad))
        err = recv_until(ws, "error")
        assert err["code"] in ("invalid", "illegal", "not_submitted", "not_facilitator"), err
    assert fingerprint(s, snapshot) == before
    for _ in range(60):
        ws.send_text('{"type": "ping"}')
    replies = [ws.receive_json()["type"] for _ in range(60)]
    assert replies.count("error") > 0 and replies[0] == "pong", replies       # a burst, then "too many"
    unthrottled(hub)                                              # (not waiting a second)
    ws.send_text(json.dumps({"type": "submit"}))                  # a legal step: the plan is ended
    recv_until(ws, "team")
    after_submit = fingerprint(s, snapshot)
    ws.send_text(json.dumps({"type": "add_order", "action": legal[0], "targets": legal[1]}))
    expect_error(ws, "submitted")                                 # out of turn: the plan is ended
    ws.send_text(json.dumps({"type": "submit"}))
    expect_error(ws, "submitted")
    s.pause()
    after_submit = fingerprint(s, snapshot)
    ws.send_text(json.dumps({"type": "revise"}))
    expect_error(ws, "paused")
    assert fingerprint(s, snapshot) == after_submit


def test_over_a_whole_game_team_a_never_receives_team_b_s_plan_draft_or_hidden_stocks(hosted):
    s, hub, tc = hosted
    a, b = s.humans
    s.set_hide_private(True)
    hub.broadcast(teams=set(), public=True)
    log_a: list[dict] = []
    a1, mine_a = join(tc, hub, a, "device-a-1", log_a)
    a2, _ = join(tc, hub, a, "device-a-2", log_a)
    bws, mine_b = join(tc, hub, b, "device-b-1")
    plans_b: list[list[str]] = []
    while not s.view.over:
        unthrottled(hub)       # six messages a turn from B, a whole game within a second or two
        # B writes to the computer nation C and offers it a private deal (A must never see either) ...
        c = next(j for j in range(s.view.scenario.n) if j not in s.humans)
        bws.send_json({"type": "message", "to": [c], "text": f"secret of turn {s.view.turn}"})
        mine_b = recv_until(bws, "team")
        bws.send_json({"type": "propose", "to": [c], "public": False, "terms": [{"kind": "hotline"}]})
        while (got := bws.receive_json())["type"] not in ("team", "error"):
            pass
        mine_b = got if got["type"] == "team" else mine_b
        # ... then plans two orders (a draft A must never see), then A; both end planning
        got_b = mine_b
        plan_b = []
        for _ in range(2):
            legal = first_legal(got_b, set(plan_b))
            if legal is None:
                break
            bws.send_json({"type": "add_order", "action": legal[0], "targets": legal[1]})
            got_b = recv_until(bws, "team")
            plan_b.append(legal[0])
        plans_b.append(plan_b)
        legal = first_legal(mine_a)
        if legal:
            a1.send_json({"type": "add_order", "action": legal[0], "targets": legal[1]})
            recv_until(a1, "team", log_a)
            shared = recv_until(a2, "team", log_a)                    # the other device of A sees the same draft
            assert [o["action"] for o in shared["draft"]["orders"]] == [legal[0]]
        bws.send_json({"type": "submit"})
        recv_until(bws, "public")
        turn = s.view.turn
        a2.send_json({"type": "submit"})
        while True:                                                   # both of A's devices get the resolution
            m = recv_until(a1, "team", log_a)
            if m["turn"] > turn or m["over"]:
                break
        while True:
            m2 = recv_until(a2, "team", log_a)
            if m2["turn"] > turn or m2["over"]:
                break
        mine_a = m
        while True:
            mine_b = recv_until(bws, "team")
            if mine_b["turn"] > turn or mine_b["over"]:
                break
    assert s.view.over and s.view.played == s.view.scenario.turns
    assert mine_a["debrief"]["turns"] == s.view.played
    # the debrief ranks as every screen does: by standing (R9.5), the team's own numbers shown
    from game.app import par
    vs, stand = par.scores(s, wait=True), par.standings(s, wait=True)
    d = mine_a["debrief"]
    assert d["by"] == "standing"
    assert [r["name"] for r in d["ranking"]] == [s.view.scenario.nations[j].name
                                                 for j, _ in sorted(par.ranks(stand).items(), key=lambda x: x[1])]
    assert [r["vs_par"] for r in d["ranking"] if "vs_par" in r] == [par.signed(float(vs[a]))]
    assert [r["standing"] for r in d["ranking"] if "standing" in r] == [par.signed(float(stand[a]))]
    name_b = s.view.scenario.nations[b].name

    def check(m: dict) -> None:
        if m["type"] == "team":
            assert m["nation"] == a                                   # only A's own private view
            for row in m.get("resolution", {}).get("ledger", []):    # ... whose why-ledger holds only A's values
                assert row["value"] in STOCKS + ("militarization",) or "you" in row["value"], row
            for r in m.get("debrief", {}).get("ranking", []):
                assert ("ni" not in r and "vs_par" not in r and "standing" not in r) or r["name"] == s.view.scenario.nations[a].name
            name_a = s.view.scenario.nations[a].name
            deals = m.get("deals", {})                                # only deals and messages A is party to
            assert all(name_a in p["parties"] for p in deals.get("proposals", [])), deals
            assert all(g["public"] or name_a in g["parties"] for g in deals.get("agreements", [])), deals
            assert all(x["mine"] or name_a in x["to"] for x in deals.get("messages", [])), deals
            assert all(g["public"] or name_a in g["parties"] for g in m.get("resolution", {}).get("agreements", []))
        if m["type"] in ("public", "resolving", "welcome", "error", "pong"):
            assert "draft" not in json.dumps(m) and "cards" not in m
        if m["type"] == "public":
            for row in m["nations"]:
                if row["index"] != a:
                    assert not {"stocks", "ni", "militarization", "budget", "ap", "standing"} & set(row), row
                    assert set(row["bands"]) == set(STOCKS)
            if m["last"]:
                assert "national_interest" not in m["last"]
        assert m["type"] in ("public", "team", "welcome", "resolving", "error", "pong"), m

    assert len(log_a) > 20
    for m in log_a:
        check(m)
    assert any(name_b in json.dumps(m) for m in log_a)                # B's orders do show once resolved (public)
    assert s.negotiation.messages and not any("secret of turn" in json.dumps(m) for m in log_a)
    assert any(not p.deal.public for p in s.negotiation.proposals)
    check(hub.snapshot)                                                # the projector's view: public only


def test_the_public_view_shows_stocks_when_private_information_is_shown(hosted):
    s, hub, tc = hosted
    assert not s.hide_private
    rows = hub.snapshot["nations"]
    assert all(set(r["stocks"]) == set(STOCKS) for r in rows) and all("draft" not in r for r in rows)


def test_a_reload_keeps_the_draft_and_a_host_restart_keeps_codes_and_drafts(data):
    s = new_session(TUTORIAL, 2, seed=3, autosave=True)
    a = s.humans[0]
    hub = Hub(s)
    with TestClient(make_app(hub, tick=False)) as tc:
        tc.opened = []
        ws, mine = join(tc, hub, a, "phone-a-0001")
        legal = first_legal(mine)
        ws.send_json({"type": "add_order", "action": legal[0], "targets": legal[1]})
        recv_until(ws, "team")
        close_all(tc)
        again, view = join(tc, hub, a, "phone-a-0001")               # the page reloaded: the same draft
        close_all(tc)
        assert [o["action"] for o in view["draft"]["orders"]] == [legal[0]]
    codes, secret = dict(hub.codes), hub.secret
    restarted = Hub(resume_session())
    assert restarted.codes == codes and restarted.secret == secret
    assert [o.action for o in restarted.session.plan(a)] == [legal[0]]


def test_the_facilitator_logs_in_with_the_secret_injects_rewinds_and_removes_a_device(hosted):
    s, hub, tc = hosted
    a = s.humans[0]
    team_ws, _ = join(tc, hub, a, "device-a-1")
    with tc.websocket_connect("/ws") as fac:
        recv_until(fac, "public")
        fac.send_json({"type": "fac_login", "pin": hub.secret.lower(), "device": "teacher-laptop"})
        recv_until(fac, "welcome")
        view = recv_until(fac, "facilitator")
        assert [r["status"] for r in view["seats"]] == [s.planning_status(k) for k in range(s.view.scenario.n)]
        assert all(r["code"] for r in view["seats"]) and "draft" not in json.dumps(view)
        ev = next(e for e in view["deck"] if e["target"] == "region")
        fac.send_json({"type": "fac_inject", "event": ev["id"], "targets": []})
        recv_where(fac, "facilitator", lambda m: m["pending"])
        fac.send_json({"type": "fac_inject", "event": ev["id"], "targets": [0]})
        expect_error(fac, "refused")                                  # the session's own words
        fac.send_json({"type": "fac_end_planning"})
        recv_where(fac, "facilitator", lambda m: m["turn"] == 2)
        assert s.view.played == 1 and s.view.report(1)["injected"] == 1
        fac.send_json({"type": "fac_rewind", "turn": 1, "label": "again"})
        recv_where(fac, "facilitator", lambda m: m["branches"] == ["again"])
        assert s.view.played == 0
        fac.send_json({"type": "fac_seat", "nation": a, "human": False, "doctrine": "cooperative"})
        mine = recv_where(team_ws, "team", lambda m: not m["human"])     # the team's devices are told
        assert "draft" not in mine and s.view.seats[a].doctrine == "cooperative"
        team_ws.send_json({"type": "submit"})
        expect_error(team_ws, "computer")
        fac.send_json({"type": "fac_seat", "nation": a, "human": True})
        recv_where(team_ws, "team", lambda m: m["human"] and "draft" in m)
        fac.send_json({"type": "fac_hide", "hide": True})
        assert recv_where(team_ws, "public", lambda m: m["hidden"])["band_key"]
        device = next(c.id for c in hub.clients.values() if c.role == "team")
        fac.send_json({"type": "fac_kick", "client": device})
        expect_error(team_ws, "removed")
        recv_where(fac, "facilitator", lambda m: device not in json.dumps(m["clients"]))
    again = tc.websocket_connect("/ws").__enter__()
    tc.opened.append(again)
    recv_until(again, "public")
    again.send_json({"type": "join", "code": hub.codes[a], "device": "device-a-1"})
    expect_error(again, "removed")                                    # the removed device cannot rejoin


def test_a_socket_opened_by_another_site_is_refused(hosted):
    from starlette.websockets import WebSocketDisconnect

    s, hub, tc = hosted
    with pytest.raises(WebSocketDisconnect):
        with tc.websocket_connect("/ws", headers={"origin": "http://evil.example"}) as ws:
            ws.receive_json()
    with tc.websocket_connect("/ws", headers={"origin": "http://testserver"}) as ws:
        assert ws.receive_json()["type"] == "public"


def test_the_clock_running_out_fills_in_and_resolves_the_turn(data):
    import asyncio

    s = new_session(TUTORIAL, 2, seed=5, autosave=False)
    hub = Hub(s, store=False)
    s.set_timer(60, "computer")
    asyncio.run(hub.tick(30))
    assert s.view.played == 0 and s.timer.left == 30
    asyncio.run(hub.tick(31))
    assert s.view.played == 1 and len(s.last_expiry) == 2      # both teams were filled in by the computer
    assert hub.snapshot["turn"] == 2 and hub.snapshot["timer"]["left"] == 60


def test_the_public_view_ranks_by_standing_as_the_board_does_and_hides_it_with_the_numbers(data):
    """R9.5: every screen ranks teams by their standing (the shipped tutorial's par is at hand): the rank the
    browsers and the projector see is the board's, and the standing itself shows only where exact numbers do."""
    from game.app import par
    from game.net import views

    s = new_session(TUTORIAL, 2, seed=5, autosave=False)
    for _ in range(3):
        s.resolve()
    stand = par.standings(s, wait=True)
    want = par.ranks(stand)
    for hidden in (False, True):
        s.set_hide_private(hidden)
        rows = views.public(s)["nations"]
        assert {r["index"]: r["rank"] for r in rows} == want
        assert all(("standing" in r) == (not hidden) for r in rows)
        if not hidden:
            assert [r["standing"] for r in rows] == [par.signed(float(stand[k])) for k in range(s.scenario.n)]
