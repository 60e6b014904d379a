"""The hub: one hosted session, the sockets connected to it and who they are (a team's device, the facilitator, not yet
joined); team codes and the facilitator secret (kept for the class's game, so a host restart keeps them); attempts
limited; each socket receives the public view and only its own team's private view. Commands go to the session's API.

Everything here runs on the server's event loop; the session is touched only while `lock` is held (a resolution runs
in a worker thread with the lock held), and the projector reads `snapshot`, a public view replaced whole."""
from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from game.app import par, pins
from game.content import saves
from game.fileio import atomic_write_json
from game.sim.deals import Deal
from game.sim.state import Order

from . import protocol as P
from . import views

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I/L: read off a projector and typed on a phone
CODE_LEN = 8                                    # 31^8: about 40 bits, with attempts limited per address
SECRET_LEN = 10
STORE = "host.json"                             # codes, secret and drafts of each hosted game, in the data folder
MAX_CLIENTS = 400
RATE, BURST = 10.0, 30.0                        # inbound messages a second per socket, and the burst allowed
MAX_OVER = 100                                  # messages over the rate before the socket is closed


def new_code(n: int = CODE_LEN) -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(n))
    return raw[:4] + "-" + raw[4:]


def norm_code(code: str) -> str:
    return code.replace("-", "").replace(" ", "").upper()


@dataclass
class Client:
    """One socket. `outbox` holds the JSON text waiting to be sent (the server's writer drains it)."""
    id: str
    ip: str
    outbox: asyncio.Queue
    role: str = ""                 # "" (not joined), "team", "facilitator"
    nation: int | None = None
    device: str = ""
    tokens: float = BURST
    stamp: float = field(default_factory=time.monotonic)
    over: int = 0
    closed: bool = False

    def allow(self) -> bool:
        """Token bucket: RATE messages a second, BURST at once."""
        now = time.monotonic()
        self.tokens = min(BURST, self.tokens + (now - self.stamp) * RATE)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        self.over += 1
        return False

    def put(self, text: str) -> None:
        if self.closed:
            return
        try:
            self.outbox.put_nowait(text)
        except asyncio.QueueFull:       # a socket that stopped reading: dropped, it reconnects and gets a fresh view
            self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(asyncio.QueueFull):
                self.outbox.put_nowait(None)


class Hub:
    def __init__(self, session: Any, store: bool = True) -> None:
        self.session = session
        self.store = store
        self.lock = asyncio.Lock()
        self.clients: dict[str, Client] = {}
        self.banned: set[str] = set()                 # devices the facilitator removed
        self.guards: dict[str, pins.Guard] = {}       # wrong team codes, per address
        self.fac_guard = pins.Guard()                 # wrong facilitator secrets, for everyone
        self.codes: dict[int, str] = {}
        self.secret = ""
        self.snapshot: dict = {}                      # the public view, for the projector (replaced whole)
        self.resolved_at: dict[int, float] = {}       # turn -> when its resolution was sent (bench)
        self.on_change: Callable[[], None] | None = None
        self.loop: asyncio.AbstractEventLoop | None = None   # the server's event loop, once it serves (console.py)
        self.ledgers: dict[int, tuple] = {}           # each team's why-ledger of the last resolution (views.team)
        self._load_store()
        par.table(session)        # starts working out the seat's par now, so the debrief can rank by it
        session.negotiation.open_turn()   # this turn's computer deals, before any reader (the console's too)
        self.snapshot = views.public(session)

    # -- codes, secret and drafts kept for this class's game --------------------------------------------------
    def _store_path(self):
        return saves.data_dir() / STORE

    def _read_store(self) -> dict:
        try:
            data = json.loads(self._store_path().read_text(encoding="utf-8")[:2_000_000])
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def _load_store(self) -> None:
        sc = self.session.view.scenario
        mine = self._read_store().get(self.session.class_id or "", {}) if self.store else {}
        mine = mine if isinstance(mine, dict) else {}
        saved = mine.get("codes", {}) if isinstance(mine.get("codes"), dict) else {}
        for k, nd in enumerate(sc.nations):
            code = saved.get(nd.id)
            self.codes[k] = code if isinstance(code, str) and len(norm_code(code)) == CODE_LEN else new_code()
        secret = mine.get("secret")
        self.secret = secret if isinstance(secret, str) and len(secret) == SECRET_LEN else \
            "".join(secrets.choice(ALPHABET) for _ in range(SECRET_LEN))
        drafts = mine.get("drafts")
        if isinstance(drafts, dict) and drafts.get("turn") == self.session.view.turn and not self.session.view.over:
            self._restore_drafts(drafts)
        self._save_store()

    def _restore_drafts(self, drafts: dict) -> None:
        """The plans in progress when the host stopped (kept only if still legal for the same turn)."""
        sc, s = self.session.view.scenario, self.session
        for nid, orders in (drafts.get("plans") or {}).items():
            if nid not in sc.nation_ids:
                continue
            k = sc.nation_index(nid)
            if not s.view.seats[k].human:
                continue
            try:
                plan = [Order(str(a), tuple(int(t) for t in tg)) for a, tg in orders]
            except (TypeError, ValueError):
                continue
            s.set_plan(k, plan)
            if s.problems(k):
                s.clear_plan(k)
            elif nid in (drafts.get("done") or []):
                s.finish_planning(k)

    def _save_store(self) -> None:
        if not self.store:
            return
        s, sc = self.session, self.session.view.scenario
        data = self._read_store()
        data[s.class_id or ""] = {
            "codes": {sc.nations[k].id: c for k, c in self.codes.items()}, "secret": self.secret,
            "drafts": {"turn": s.view.turn, "done": [sc.nations[k].id for k in s.humans if s.view.planned(k)],
                       "plans": {sc.nations[k].id: [[o.action, list(o.targets)] for o in s.plan(k)]
                                 for k in s.humans if s.plan(k)}}}
        path = self._store_path()
        try:
            atomic_write_json(path, data, indent=1)
            os.chmod(path, 0o600)        # the codes and the secret are for the teacher's account only
        except OSError:
            pass

    # -- sockets ----------------------------------------------------------------------------------------------
    def connect(self, ip: str) -> Client | None:
        if len(self.clients) >= MAX_CLIENTS:
            return None
        c = Client(secrets.token_hex(4), ip, asyncio.Queue(P.MAX_OUT_QUEUE))
        self.clients[c.id] = c
        c.put(json.dumps(self.snapshot))
        return c

    def disconnect(self, c: Client) -> None:
        c.close()
        self.clients.pop(c.id, None)
        self._changed_fac()

    def team_of(self, code: str) -> int | None:
        want = norm_code(code)
        for k, c in self.codes.items():
            if hmac.compare_digest(norm_code(c), want):
                return k
        return None

    # -- inbound ----------------------------------------------------------------------------------------------
    async def handle(self, c: Client, raw: str | bytes) -> None:
        """One inbound frame: checked, applied under the lock, answered (an error, or the views that changed)."""
        if not c.allow():
            c.put(json.dumps(P.error("rate", f"too many messages: at most {RATE:.0f} a second")))
            if c.over > MAX_OVER:
                c.close()
            return
        try:
            msg = P.parse(raw)
            async with self.lock:
                await self._apply(c, msg)
        except P.ProtocolError as exc:
            c.put(json.dumps(P.error(exc.code, exc.message)))

    async def _apply(self, c: Client, msg: Any) -> None:
        t = msg.type
        s = self.session
        if t == "ping":
            c.put(json.dumps({"type": "pong"}))
            return
        if t == "join":
            self._join(c, msg)
            return
        if t == "fac_login":
            self._fac_login(c, msg)
            return
        if t in P.TEAM_TYPES:
            if c.role != "team" or c.nation is None:
                raise P.ProtocolError("not_joined", "join a team with its code first")
            k = c.nation
            if s.view.over:
                raise P.ProtocolError("over", "the game is over")
            if not s.view.seats[k].human:
                raise P.ProtocolError("computer", "the facilitator has given your seat to a computer nation")
            if s.paused:
                raise P.ProtocolError("paused", "the facilitator has paused the game")
            if t in P.DEAL_TYPES:
                self._deal(k, msg)
            else:
                await self._team(k, msg)
            return
        if c.role != "facilitator":
            raise P.ProtocolError("not_facilitator", "this needs the facilitator's secret")
        await self._facilitator(c, msg)

    def _join(self, c: Client, msg: P.Join) -> None:
        g = self.guards.setdefault(c.ip, pins.Guard())
        wait = g.wait()
        if wait > 0:
            raise P.ProtocolError("wait", f"too many wrong codes: try again in {wait:.0f} s")
        if msg.device in self.banned:
            raise P.ProtocolError("removed", "the facilitator removed this device")
        k = self.team_of(msg.code)
        if k is None:
            g.failed()
            raise P.ProtocolError("bad_code", "no team has this code (check it on the board, or ask your teacher)")
        g.succeeded()
        c.role, c.nation, c.device = "team", k, msg.device
        sc = self.session.view.scenario
        c.put(json.dumps({"type": "welcome", "role": "team", "nation": k, "name": sc.nations[k].name,
                          "client": c.id}))
        c.put(json.dumps(views.team(self.session, k, self.ledgers)))
        self._changed_fac()

    def _fac_login(self, c: Client, msg: P.FacLogin) -> None:
        wait = self.fac_guard.wait()
        if wait > 0:
            raise P.ProtocolError("wait", f"too many wrong secrets: try again in {wait:.0f} s")
        s = self.session
        ok = hmac.compare_digest(msg.pin.strip().upper().encode(), self.secret.encode())
        if not ok and s.has_pin:
            ok = s.check_pin(msg.pin)           # the console's PIN opens the page too (its own attempt limit)
        if not ok:
            self.fac_guard.failed()
            raise P.ProtocolError("bad_secret", "wrong facilitator secret")
        self.fac_guard.succeeded()
        c.role, c.nation, c.device = "facilitator", None, msg.device
        c.put(json.dumps({"type": "welcome", "role": "facilitator", "client": c.id}))
        c.put(json.dumps(self._fac_view()))

    async def _team(self, k: int, msg: Any) -> None:
        s = self.session
        t = msg.type
        late: list[str] = []
        if t == "revise":
            if not s.view.planned(k):
                raise P.ProtocolError("not_submitted", "your plan is not submitted")
            s.reopen_planning(k)
        elif t == "submit":
            if s.view.planned(k):
                raise P.ProtocolError("submitted", "your plan is already submitted")
            errs = s.finish_planning(k)
            if errs:
                raise P.ProtocolError("illegal", "; ".join(errs))
        else:
            if s.view.planned(k):
                raise P.ProtocolError("submitted", "your plan is submitted: revise it first to change it")
            if t == "add_order":
                sc = s.view.scenario
                if msg.action not in {a.id for a in sc.actions}:
                    raise P.ProtocolError("illegal", f"there is no action '{msg.action[:40]}'")
                errs = s.add_order(k, views.order_of(msg))
                if errs:
                    raise P.ProtocolError("illegal", "; ".join(errs))
            elif t == "remove_order":
                if msg.index >= len(s.plan(k)):
                    raise P.ProtocolError("illegal", f"your plan has no order {msg.index + 1}")
                s.remove_order(k, msg.index)
            elif t == "clear_plan":
                s.clear_plan(k)
            elif t == "keep_promises":
                late = s.draft(k).keep_promises()     # what could go in went in; the rest is said after the update
        if t in ("submit",) and s.humans and s.next_planner() is None:
            await self._resolve()
            return
        self._save_store()
        self.broadcast(teams={k}, public=t in ("submit", "revise"))
        if late:
            raise P.ProtocolError("illegal", "; ".join(late))

    def _deal(self, k: int, msg: Any) -> None:
        """A team's proposal, answer, counter or message, always as its own nation k; the app layer's refusals are
        error replies (nothing changed). Only the parties are sent the change, and everyone once a public deal is
        signed (it binds plans on the projector's agreements list)."""
        s = self.session
        neg = s.negotiation
        t = msg.type
        n = s.view.scenario.n
        if t == "message":
            if any(q >= n for q in msg.to):
                raise P.ProtocolError("invalid", "a message goes to nations of this game")
            errs = neg.message(k, tuple(dict.fromkeys(msg.to)), msg.text)
            if errs:
                raise P.ProtocolError("refused", "; ".join(errs))
            self.broadcast(teams={k, *msg.to}, public=False)
            return
        if not s.view.negotiation_on:
            raise P.ProtocolError("off", "negotiation is off in this scenario")
        if s.view.planned(k):
            raise P.ProtocolError("submitted", "your plan is submitted: revise it first to negotiate")
        before = {p.id: p.status for p in s.view.proposals(None)}
        if t == "propose":
            if any(q >= n for q in msg.to):
                raise P.ProtocolError("invalid", "a deal is between nations of this game")
            errs = neg.propose(Deal(k, (k, *msg.to), views.terms_of(msg.terms), msg.public))
        elif t == "answer":
            errs = neg.answer(msg.proposal, k, msg.verdict)
        else:
            errs = neg.counter(msg.proposal, k, views.terms_of(msg.terms))
        if errs:
            raise P.ProtocolError("refused", "; ".join(self._own_words(k, errs)))
        changed = [p for p in s.view.proposals(None) if before.get(p.id) != p.status]
        parties = {q for p in changed for q in p.deal.parties} | {k}
        public = any(p.agreement is not None and p.deal.public for p in changed)
        if public:             # a public agreement: every team, and the public view (the projector's list) too
            parties = set(range(n))
        self._save_store()
        self.broadcast(teams=parties, public=public)

    def _own_words(self, k: int, errs: list[str]) -> list[str]:
        """The app layer's refusals as team k may read them: what another nation cannot afford or has already
        promised would tell k its action points, budget or private deals, so only that it cannot is said."""
        sc = self.session.view.scenario
        out = []
        for e in errs:
            other = next((nd.name for j, nd in enumerate(sc.nations) if j != k and e.startswith(nd.name + " ")), None)
            if other and (" cannot keep this" in e or " has already promised" in e):
                e = f"{other} cannot take this on this turn (its means or its other promises)"
            out.append(e)
        return list(dict.fromkeys(out))

    async def _facilitator(self, c: Client, msg: Any) -> None:
        s = self.session
        t = msg.type
        try:
            if t == "fac_pause":
                s.pause() if msg.paused else s.resume()
            elif t == "fac_timer":
                s.set_timer(msg.seconds or None, msg.policy)
            elif t == "fac_add_time":
                if s.timer.left is None:
                    raise P.ProtocolError("no_timer", "set a timer first")
                s.add_time(msg.seconds)
            elif t == "fac_end_planning":
                if s.view.over:
                    raise P.ProtocolError("over", "the game is over: rewind to play on")
                s.expire()
                await self._resolve()
                return
            elif t == "fac_inject":
                s.inject_deck(msg.event, tuple(msg.targets))
            elif t == "fac_remove_injection":
                if msg.index >= len(s.view.pending):
                    raise P.ProtocolError("invalid", "no such queued event")
                s.remove_injection(msg.index)
            elif t == "fac_rewind":
                s.rewind(msg.turn, msg.label)
            elif t == "fac_seat":
                if msg.nation >= s.view.scenario.n:
                    raise P.ProtocolError("invalid", "no such nation")
                s.set_seat(msg.nation, msg.human, msg.doctrine or None)
            elif t == "fac_hide":
                s.set_hide_private(msg.hide)
            elif t == "fac_kick":
                victim = self.clients.get(msg.client)
                if victim is None or victim.role != "team":
                    raise P.ProtocolError("invalid", "no such device")
                self.banned.add(victim.device)
                victim.put(json.dumps(P.error("removed", "the facilitator removed this device")))
                victim.close()
        except ValueError as exc:            # the session's own refusals, in its words
            raise P.ProtocolError("refused", str(exc)) from None
        await self._after_facilitator(t == "fac_seat")

    async def _after_facilitator(self, seat_changed: bool, expired: bool = False) -> None:
        """After a facilitator's command (page or console): the turn resolves when the clock was ended or a seat given
        to the computer left no team planning; otherwise the store is saved and every device told."""
        s = self.session
        if (expired or (seat_changed and s.humans and s.next_planner() is None)) and not s.view.over:
            await self._resolve()
            return
        self._save_store()
        self.broadcast(teams=set(range(s.view.scenario.n)), public=True)

    async def console_command(self, name: str, args: tuple, kwargs: dict) -> Any:
        """A command of the pygame console (game/net/console.py), applied like the facilitator page's: under the lock,
        then as after the page's commands (_after_facilitator)."""
        async with self.lock:
            result = getattr(self.session, name)(*args, **kwargs)
            await self._after_facilitator(name == "set_seat", expired=name == "expire")
            return result

    async def _resolve(self) -> None:
        """Resolve the turn and build every view in a worker thread (the loop keeps serving; nothing else touches the
        session while the lock is held), send the views, and only then write the autosave and the store: the class
        sees the resolution without waiting for the disk."""
        s = self.session
        self.broadcast(teams=set(), public=False, note={"type": "resolving", "turn": s.view.turn})
        keep = s.autosave_enabled

        def work() -> tuple[str, dict[int, str]]:
            s.autosave_enabled = False
            try:
                s.resolve()
            finally:
                s.autosave_enabled = keep
            s.negotiation.open_turn()   # the next turn's computer deals, made here under the lock (not by a reader)
            return self._build(self._teams_online())

        pub, built = await asyncio.to_thread(work)
        self._send(pub, built)
        self.resolved_at[s.view.played] = time.monotonic()
        await asyncio.sleep(0)                   # the writers send before the disk is touched

        def persist() -> None:
            s.autosave()
            self._save_store()

        await asyncio.to_thread(persist)

    async def tick(self, dt: float) -> None:
        """The planning clock (called by the server every fraction of a second)."""
        async with self.lock:
            s = self.session
            if s.tick(dt):
                s.expire()
                await self._resolve()

    # -- outbound ---------------------------------------------------------------------------------------------
    def broadcast(self, teams: set[int], public: bool, note: dict | None = None) -> None:
        """Send the public view to every socket (if `public`), each team in `teams` its own view (built once for all
        its devices), the facilitator pages theirs."""
        if note:
            text = json.dumps(note)
            for c in list(self.clients.values()):
                c.put(text)
        pub, built = self._build(teams & self._teams_online(), public)
        self._send(pub, built)

    def _teams_online(self) -> set[int]:
        return {int(c.nation) for c in self.clients.values() if c.role == "team" and c.nation is not None}

    def _build(self, teams: set[int], public: bool = True) -> tuple[str, dict[int, str]]:
        """The public view (also kept as the projector's snapshot) and each team's view, as JSON text."""
        pub = ""
        if public:
            snap = views.public(self.session)
            pub = json.dumps(snap)
            self.snapshot = snap
        return pub, {k: json.dumps(views.team(self.session, k, self.ledgers)) for k in sorted(teams)}

    def _send(self, pub: str, built: dict[int, str]) -> None:
        for c in list(self.clients.values()):
            if pub:
                c.put(pub)
            if c.role == "team" and c.nation in built:
                c.put(built[int(c.nation)])
        self._changed_fac()
        if self.on_change:
            self.on_change()

    def _client_rows(self) -> list[dict]:
        sc = self.session.view.scenario
        return [{"id": c.id, "role": c.role or "joining", "team": sc.nations[c.nation].name if c.nation is not None
                 else "", "device": c.device[:8]} for c in self.clients.values()]

    def _fac_view(self) -> dict:
        return views.facilitator(self.session, self._client_rows(), self.codes)

    def _changed_fac(self) -> None:
        facs = [c for c in self.clients.values() if c.role == "facilitator"]
        if facs:
            text = json.dumps(self._fac_view())
            for c in facs:
                c.put(text)
