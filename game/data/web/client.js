// The classroom host's browser client: a team's device (join, dashboard, planning, resolution, debrief) and the
// facilitator page (/facilitator). Plain DOM, no framework, no build step; text is set with textContent only.
"use strict";

const FAC = location.pathname === "/facilitator";
const S = { ws: null, pub: null, team: null, fac: null, role: "", tab: "plan", sel: null, picked: [],
            deal: { to: [], terms: [], pub: true, counter: null },
            retry: 500, seenTurn: 0, resolving: false, leftAt: 0, left: null };
const store = { get: (k) => { try { return localStorage.getItem(k); } catch (e) { return null; } },
                set: (k, v) => { try { v === null ? localStorage.removeItem(k) : localStorage.setItem(k, v); } catch (e) {} } };

function deviceId() {
  let d = store.get("ra-device");
  if (!d || !/^[A-Za-z0-9_-]{8,64}$/.test(d)) {
    const a = new Uint8Array(12); crypto.getRandomValues(a);
    d = Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("");
    store.set("ra-device", d);
  }
  return d;
}

// -- the connection: reconnects by itself (drafts live on the host) ------------------------------------------
function connect() {
  const ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws");
  S.ws = ws;
  ws.onopen = () => {
    S.retry = 500; status("connected");
    if (FAC) { const pin = sessionStorage.getItem("ra-fac"); if (pin) send({ type: "fac_login", pin, device: deviceId() }); }
    else { const code = store.get("ra-code"); if (code) send({ type: "join", code, device: deviceId() }); }
  };
  ws.onmessage = (e) => { let m; try { m = JSON.parse(e.data); } catch (x) { return; } onMessage(m); };
  ws.onclose = () => {
    status("connection lost - reconnecting…", true);
    setTimeout(connect, S.retry); S.retry = Math.min(5000, S.retry * 2);
  };
}
function send(m) { if (S.ws && S.ws.readyState === 1) S.ws.send(JSON.stringify(m)); }
function status(text, off) { const el = $("status"); el.textContent = text; el.className = "status" + (off ? " off" : ""); }

function onMessage(m) {
  if (m.type === "public") { S.pub = m; S.resolving = false; S.left = m.timer.left; S.leftAt = Date.now(); }
  else if (m.type === "team") {
    if (S.team && m.turn > S.team.turn && m.resolution) S.tab = "result";   // a new resolution: show it
    if (m.over && (!S.team || !S.team.over)) S.tab = "debrief";
    S.team = m;
    if (S.sel && !(m.cards || []).some((c) => c.id === S.sel)) { S.sel = null; S.picked = []; }
  }
  else if (m.type === "welcome") { S.role = m.role; if (!FAC) $("title").textContent = m.name; }
  else if (m.type === "facilitator") S.fac = m;
  else if (m.type === "resolving") S.resolving = true;
  else if (m.type === "error") {
    toast(m.message);
    if (["bad_code", "removed"].includes(m.code)) { store.set("ra-code", null); S.role = ""; S.team = null; }
    if (m.code === "bad_secret") sessionStorage.removeItem("ra-fac");
  }
  render();
}

let toastTimer = 0;
function toast(text) {
  const t = $("toast"); t.textContent = text; t.hidden = false;
  clearTimeout(toastTimer); toastTimer = setTimeout(() => { t.hidden = true; }, 4000);
}

// -- tiny DOM helpers -------------------------------------------------------------------------------------
function $(id) { return document.getElementById(id); }
function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined && kid !== false)
    el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}
function signed(x, nd = 2) { return (x > 0 ? "+" : "") + Number(x).toFixed(nd); }
function clock() {
  if (!S.pub || S.pub.timer.left === null || S.pub.timer.left === undefined) return "";
  const run = S.pub.timer.running ? (Date.now() - S.leftAt) / 1000 : 0;
  const left = Math.max(0, Math.round(S.left - run));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
}

// -- rendering --------------------------------------------------------------------------------------------
function render() {
  const app = $("app");
  const back = refocus(app);
  app.replaceChildren(); app.className = "";
  try { draw(app); } finally { back(); }
}

function draw(app) {
  const p = S.pub;
  const banner = $("banner");
  const notes = [];
  if (p && p.paused) notes.push("Paused by the facilitator");
  if (S.resolving) notes.push("The turn is resolving…");
  if (S.team && !S.team.human && !S.team.over) notes.push("Your seat is played by a computer nation for now");
  banner.hidden = !notes.length; banner.textContent = notes.join(" · ");
  if (FAC) return renderFac(app);
  if (!S.role) return renderJoin(app);
  const t = S.team; if (!t || !p) return;
  status(statusLine());
  const tabs = [["plan", "Plan"], ["me", "Dashboard"], ["result", "Resolution"], ["region", "Region"]];
  if (t.deals) {
    const n = t.deals.proposals.filter((x) => x.waiting).length;
    tabs.splice(1, 0, ["deals", n ? `Deals (${n})` : "Deals"]);
  }
  if (t.over) tabs.unshift(["debrief", "Debrief"]);
  app.append(h("nav", { class: "tabs" }, tabs.map(([id, label]) =>
    h("button", { class: S.tab === id ? "on" : "", "data-tab": id, onclick: () => { S.tab = id; render(); } }, label))));
  const view = { plan: renderPlan, deals: renderDeals, me: renderMe, result: renderResult, region: renderRegion,
                 debrief: renderDebrief }[S.tab]
    || renderPlan;
  app.className = "two";
  view(app, t, p);
}

function statusLine() {
  const p = S.pub, c = clock();
  if (FAC) return S.fac ? `Facilitator · turn ${S.fac.turn}` + (c ? ` · ${c} left` : "") : "Facilitator";
  if (p && p.over) return `Game over after ${p.played} turns: the region is ${p.outcome}`;
  return p ? `Turn ${p.turn} of ${p.turns}` + (c ? ` · ${c} left` : "") + ` · ${waitingText(p)}` : "";
}

function waitingText(p) {
  const teams = p.nations.filter((n) => n.team);
  const done = teams.filter((n) => n.status === "planned").length;
  return `${done} of ${teams.length} teams planned`;
}

// inputs kept across renders, so a view arriving while someone types keeps what is typed (and the focus)
const kept = {};
function keep(id, make) {
  if (!kept[id]) kept[id] = make();
  return kept[id];
}
function refocus(app) {
  const el = Object.values(kept).find((x) => x === document.activeElement);
  return () => { if (el && app.contains(el)) el.focus(); };
}

function renderJoin(app) {
  status(S.ws && S.ws.readyState === 1 ? "connected" : "connecting…");
  const input = keep("code", () => h("input", { id: "code", class: "code", autocomplete: "off", autocapitalize: "characters",
                              placeholder: "ABCD-EFGH", maxlength: "12", "aria-label": "team code" }));
  const go = () => {
    const code = input.value.trim(); if (!code) return;
    store.set("ra-code", code); send({ type: "join", code, device: deviceId() });
  };
  input.onkeydown = (e) => { if (e.key === "Enter") go(); };
  app.append(h("section", {}, h("h2", { text: "Join your team" }),
    h("p", { class: "muted", text: "Type the code your teacher gave your team." }), input,
    h("div", { class: "row" }, h("button", { id: "join", class: "primary", onclick: go }, "Join"))));
  if (S.pub) app.append(regionSection(S.pub));
}

function renderMe(app, t) {
  const m = h("div", { class: "meters" },
    ["security", "economy", "support", "influence"].map((s) => h("div", { class: "meter" }, s, h("b", { text: t.stocks[s] }))),
    h("div", { class: "meter" }, "militarization", h("b", { text: t.militarization })),
    h("div", { class: "meter" }, "National Interest", h("b", { text: t.ni })),
    h("div", { class: "meter" }, "budget", h("b", { text: t.budget })),
    h("div", { class: "meter" }, "action points", h("b", { text: t.ap })));
  app.append(h("section", { id: "dashboard" }, h("h2", { text: `${t.name}: your nation` }), m,
    t.orgs.length ? h("p", { class: "muted", text: "Member of: " + t.orgs.join(", ") }) : null));
  app.append(h("section", {}, h("h2", { text: "Relations" }), h("div", { class: "scroll" }, h("table", {},
    h("tr", {}, ["", "your trust", "their trust", "interop", "trade", "intel", "hotline"].map((x, i) =>
      h("th", { class: i ? "num" : "", text: x }))),
    t.relations.map((r) => h("tr", {}, h("td", { text: r.name }), h("td", { class: "num", text: r.trust_mine }),
      h("td", { class: "num", text: r.trust_theirs }), h("td", { class: "num", text: r.interop }),
      h("td", { class: "num", text: r.trade }), h("td", { class: "num", text: r.intel }),
      h("td", { class: "num", text: r.hotline ? "yes" : "-" })))))));
}

function renderPlan(app, t, p) {
  if (t.over) { app.append(h("section", {}, h("p", { text: "The game is over: see the debrief." }))); return; }
  if (!t.human || !t.draft) { app.append(h("section", {}, h("p", { text: "Your seat is played by the computer." }))); return; }
  const d = t.draft;
  const locked = t.submitted || p.paused;
  const left = h("section", { id: "cards" }, h("h2", { text: "Action cards" }),
    h("p", { class: "muted", text: `${d.ap_left} action points and ${d.budget_left} budget left` }));
  const grid = h("div", { class: "cards" });
  for (const c of t.cards) {
    grid.append(h("button", { class: "card" + (S.sel === c.id ? " sel" : ""), "data-id": c.id, title: c.text,
      disabled: locked || !!c.blocked, onclick: () => { S.sel = S.sel === c.id ? null : c.id; S.picked = []; render(); } },
      h("strong", { text: c.name }), h("small", { text: `${c.ap} AP · ${c.budget} budget · ${c.category}` }),
      c.blocked ? h("small", { text: c.blocked }) : null));
    if (S.sel === c.id && !locked) grid.append(targetPicker(c));   // right under its card (a phone scrolls far)
  }
  left.append(grid);
  const right = h("section", { id: "plan" }, h("h2", { text: "Your plan" + (t.submitted ? " (submitted)" : "") }));
  const list = h("ul", { class: "plain", id: "orders" });
  d.orders.forEach((o) => list.append(h("li", { "data-action": o.action },
    h("span", {}, o.name, o.target_names ? h("span", { class: "muted", text: " → " + o.target_names }) : null),
    h("button", { disabled: locked, "aria-label": "remove", onclick: () => send({ type: "remove_order", index: o.index }) }, "✕"))));
  if (!d.orders.length) list.append(h("li", { class: "muted", text: "No orders yet: choose a card." }));
  right.append(list);
  if (d.problems.length) right.append(h("p", { class: "problems", text: d.problems.join("; ") }));
  if (d.promises.length) {            // each agreement binding the team now: kept by this plan, or what it lacks
    right.append(h("ul", { class: "plain", id: "promises" }, d.promises.map((a) => a.lacking.length
      ? h("li", { class: "bad", text: `Agreement ${a.id} is broken unless you ${a.lacking.join("; ")} (${a.stake})` })
      : h("li", { class: "good", text: `Agreement ${a.id} kept by this plan: ${a.words} (${a.stake})` }))));
    if (d.promises.some((a) => a.lacking.length)) right.append(h("button", { id: "keep", disabled: locked,
      onclick: () => send({ type: "keep_promises" }) }, "Keep my promises"));
  }
  right.append(h("h3", { text: "Expected effects (if nothing else happens)" }));
  right.append(h("ul", { class: "plain", id: "preview" }, d.preview.length ? d.preview.map((l) => h("li", { text: l }))
    : h("li", { class: "muted", text: "Add orders to see what they are expected to do." })));
  const row = h("div", { class: "row" });
  if (t.submitted) row.append(h("button", { id: "revise", disabled: p.paused, onclick: () => send({ type: "revise" }) }, "Revise plan"),
    h("span", { class: "muted", text: "Submitted. You can revise until planning ends." }));
  else row.append(h("button", { id: "submit", class: "primary", disabled: p.paused || d.problems.length > 0,
    onclick: () => send({ type: "submit" }) }, "Submit plan"),
    h("button", { id: "clear", disabled: !d.orders.length, onclick: () => send({ type: "clear_plan" }) }, "Clear"));
  right.append(row);
  app.append(right, left);             // the plan first: on a phone it is on top, the cards below
}

function targetPicker(card) {
  const box = h("div", { class: "targets", id: "targets" });
  if (card.targets === null) {
    box.append(h("button", { id: "add", class: "primary", onclick: () => addOrder(card, []) }, `Add ${card.name}`));
    return box;
  }
  box.append(h("strong", { text: card.max_targets > 1 ? `Choose up to ${card.max_targets} targets` : "Choose a target" }));
  for (const tg of card.targets) {
    const on = S.picked.includes(tg.index);
    box.append(h("button", { class: "target" + (on ? " sel" : ""), "data-index": tg.index, disabled: !tg.ok,
      onclick: () => {
        if (card.max_targets <= 1) return addOrder(card, [tg.index]);
        S.picked = on ? S.picked.filter((x) => x !== tg.index) : S.picked.concat([tg.index]).slice(0, card.max_targets);
        render();
      } }, h("span", { text: tg.name }), h("small", { class: "muted", text: " " + tg.detail })));
  }
  if (card.max_targets > 1) box.append(h("button", { id: "add", class: "primary", disabled: !S.picked.length,
    onclick: () => addOrder(card, S.picked) }, "Add"));
  return box;
}
function addOrder(card, targets) { send({ type: "add_order", action: card.id, targets }); S.sel = null; S.picked = []; }

function renderResult(app, t, p) {
  const last = p.last;
  if (!last || !t.resolution) { app.append(h("section", {}, h("p", { text: "No turn has been resolved yet." }))); return; }
  const r = t.resolution;
  app.append(h("section", { id: "resolution" }, h("h2", { text: `Turn ${r.turn}: what happened` }),
    last.events.map((e) => h("p", {}, h("strong", { text: e.name + (e.targets.length ? ` (${e.targets.join(", ")})` : "") }),
      h("br"), h("span", { class: "muted", text: e.text }))),
    h("h3", { text: "You played" }), h("ul", { class: "plain" }, r.mine.length ? r.mine.map((o) =>
      h("li", { text: o.action + (o.targets ? " → " + o.targets : "") + (o.reciprocated ? " (answered in kind)" : "") }))
      : h("li", { class: "muted", text: "nothing" })),
    h("p", { class: "muted", text: `Stability ${last.stability} · ladder step ${last.escalation}` +
      (last.ladder ? ` (moved ${last.ladder})` : "") })));
  app.append(h("section", { id: "ledger" }, h("h2", { text: "Why your values changed" }),
    r.ledger.length ? r.ledger.map((row) => h("details", {}, h("summary", {}, row.value + " ",
      h("span", { class: row.change >= 0 ? "up" : "down", text: signed(row.change) })),
      h("ul", { class: "plain" }, row.causes.map((c) => h("li", {}, h("span", { text: c.cause }),
        h("span", { class: c.change >= 0 ? "up" : "down", text: signed(c.change) }))))))
      : h("p", { class: "muted", text: "None of your values changed." })));
  if ((r.agreements || []).length) app.append(h("section", { id: "res-agreements" }, h("h2", { text: "Agreements checked" }),
    h("ul", { class: "plain" }, r.agreements.map((a) => h("li", {}, h("span", { text: a.name + (a.public ? "" : " · private") }),
      h("b", { class: a.status === "broken" ? "down" : "up", title: Object.entries(a.kept).map(([n, ok]) => `${n}: ${ok ? "kept" : "broke"}`).join(", "),
        text: a.status }))))));
}

// -- negotiation: deals waiting for an answer, a new proposal (or a counter), agreements, messages ------------------
const termKey = (x) => [x.kind, x.action, x.pledge, x.org, x.turns].join("|");
const termMsg = (x) => ({ kind: x.kind, action: x.action, pledge: x.pledge, org: x.org, turns: x.turns });

function renderDeals(app, t, p) {
  const d = t.deals, D = S.deal;
  const locked = t.submitted || p.paused || t.over || !t.human || !d.on;
  const waiting = d.proposals.filter((x) => x.waiting);
  const box = h("section", { id: "deals-waiting" }, h("h2", { text: "Waiting for your answer" }));
  if (!waiting.length) box.append(h("p", { class: "muted", text: "No deal waits for your answer." }));
  for (const x of waiting) box.append(h("div", { class: "deal", "data-proposal": x.id },
    h("strong", { text: x.words }), h("small", { class: "muted", text: ` from ${x.proposer} · ${x.public ? "public" : "private"}` }),
    h("div", { class: "row" },
      h("button", { class: "primary", "data-answer": "accept", disabled: locked,
        onclick: () => send({ type: "answer", proposal: x.id, verdict: "accept" }) }, "Accept"),
      h("button", { "data-answer": "decline", disabled: locked,
        onclick: () => send({ type: "answer", proposal: x.id, verdict: "decline" }) }, "Decline"),
      h("button", { "data-answer": "counter", disabled: locked, onclick: () => {
        D.counter = x.id; D.terms = x.terms.map(termKey); D.to = []; render(); } }, "Counter…"))));
  if (t.submitted) box.append(h("p", { class: "muted", text: "Your plan is submitted: revise it to negotiate." }));
  app.append(box);

  const counter = D.counter && d.proposals.find((x) => x.id === D.counter && x.waiting);
  if (!counter) D.counter = null;
  const form = h("section", { id: "deals-propose" }, h("h2", { text: counter ? `Counter: ${counter.words}` : "Propose a deal" }));
  if (!d.on) form.append(h("p", { class: "muted", text: "Negotiation is off in this scenario." }));
  else {
    if (!counter) {
      form.append(h("h3", { text: "To" }));
      form.append(h("div", { class: "row" }, d.partners.map((q) => h("button", { class: "target" + (D.to.includes(q.index) ? " sel" : ""),
        "data-partner": q.index, disabled: locked, onclick: () => {
          D.to = D.to.includes(q.index) ? D.to.filter((i) => i !== q.index) : D.to.concat([q.index]).slice(0, 3); render(); } },
        q.name + (q.team ? "" : " (computer)")))));
    }
    form.append(h("h3", { text: "Terms (up to 3)" }));
    form.append(h("div", { class: "row" }, d.terms.map((x) => {
      const k = termKey(x), on = D.terms.includes(k);
      return h("button", { class: "target" + (on ? " sel" : ""), "data-term": k, disabled: locked, onclick: () => {
        D.terms = on ? D.terms.filter((i) => i !== k) : D.terms.concat([k]).slice(0, 3); render(); } }, x.words);
    })));
    const terms = D.terms.map((k) => d.terms.find((x) => termKey(x) === k) || (counter && counter.terms.find((x) => termKey(x) === k)))
      .filter(Boolean).map(termMsg);
    const row = h("div", { class: "row" });
    if (!counter) row.append(h("button", { id: "deal-public", disabled: locked, onclick: () => { D.pub = !D.pub; render(); } },
      D.pub ? "Public (on the projector)" : "Private (its parties only)"));
    row.append(h("button", { id: "deal-send", class: "primary", disabled: locked || !terms.length || (!counter && !D.to.length),
      onclick: () => {
        send(counter ? { type: "counter", proposal: counter.id, terms } : { type: "propose", to: D.to, terms, public: D.pub });
        S.deal = { to: [], terms: [], pub: D.pub, counter: null };
      } }, counter ? "Send counter" : "Propose"));
    if (counter) row.append(h("button", { onclick: () => { S.deal = { to: [], terms: [], pub: D.pub, counter: null }; render(); } }, "Cancel"));
    form.append(row);
  }
  const mine = d.proposals.filter((x) => !x.waiting);
  if (mine.length) form.append(h("h3", { text: "This turn's proposals" }), h("ul", { class: "plain", id: "deals-sent" },
    mine.map((x) => h("li", { "data-proposal": x.id }, h("span", { text: x.words + (x.public ? "" : " · private") }),
      h("b", { class: x.status === "signed" ? "up" : x.status === "declined" ? "down" : "", text: x.status })))));
  app.append(form);

  app.append(h("section", { id: "deals-agreements" }, h("h2", { text: "Agreements binding this turn" }),
    d.agreements.length ? h("ul", { class: "plain" }, d.agreements.map((a) => h("li", { "data-agreement": a.id },
      h("span", { text: `${a.words}${a.public ? "" : " · private"}` }), h("small", { class: "muted", text: a.state }))))
      : h("p", { class: "muted", text: "None: a signed deal binds both sides' plans and is checked when the turn resolves." })));

  const to = keep("msg-to", () => h("select", { id: "msg-to", "aria-label": "message to" }));
  const cur = to.value;
  to.replaceChildren(...d.partners.map((q) => h("option", { value: q.index, selected: String(q.index) === cur }, q.name)));
  const text = keep("msg-text", () => h("input", { id: "msg-text", maxlength: "500", autocomplete: "off",
                                                   placeholder: "a message (500 characters at most)" }));
  const go = () => { const v = text.value.trim(); if (!v) return; send({ type: "message", to: [Number(to.value)], text: v }); text.value = ""; };
  text.onkeydown = (e) => { if (e.key === "Enter") go(); };
  app.append(h("section", { id: "deals-messages" }, h("h2", { text: "Messages" }),
    h("ul", { class: "plain", id: "messages" }, d.messages.length ? d.messages.slice(-30).map((m) => h("li", { class: m.mine ? "mine" : "" },
      h("span", {}, h("strong", { text: m.mine ? `You → ${m.to.join(", ")}: ` : `${m.from}: ` }), m.text),
      h("small", { class: "muted", text: `turn ${m.turn}` })))
      : h("li", { class: "muted", text: "No messages yet." })),
    h("div", { class: "row" }, to, text, h("button", { id: "msg-send", class: "primary", disabled: p.paused || t.over, onclick: go }, "Send"))));
}

// SVG elements live in their own namespace (document.createElement would make inert HTML elements)
function svg(tag, attrs, ...kids) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) el.setAttribute(k, v);
  for (const kid of kids.flat()) if (kid) el.append(kid instanceof Node ? kid : document.createTextNode(String(kid)));
  return el;
}
const ORG_CLASSES = 5;   // style.css colours .org0 .. .org4 (rings and legend alike)
function trustColour(t) {   // low red, high green, as the projector's map draws it
  const u = Math.max(0, Math.min(1, (t - 0.2) / 0.6)), mix = (a, b) => Math.round(a + (b - a) * u);
  return `rgb(${mix(220, 80)},${mix(90, 190)},${mix(90, 120)})`;
}

function regionMap(p) {
  // the shared screen's map: each pair's trust (mean of both ways), the organizations as rings, the teams marked
  const ns = p.nations, reg = p.region;
  if (!reg.trust || !ns.every((n) => n.pos)) return null;
  const xs = ns.map((n) => n.pos[0]), ys = ns.map((n) => n.pos[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const W = 360, H = 240, m = 34, sc = Math.min((W - 2 * m) / Math.max(x1 - x0, 1e-6), (H - 2 * m) / Math.max(y1 - y0, 1e-6));
  const at = (n) => [m + (n.pos[0] - x0) * sc + ((W - 2 * m) - (x1 - x0) * sc) / 2,
                     m + (n.pos[1] - y0) * sc + ((H - 2 * m) - (y1 - y0) * sc) / 2];
  const lines = [], marks = [];
  ns.forEach((a, i) => ns.forEach((b, j) => {
    if (j <= i) return;
    const t = reg.trust[i][j], [ax, ay] = at(a), [bx, by] = at(b);
    lines.push(svg("line", { x1: ax, y1: ay, x2: bx, y2: by, stroke: trustColour(t), "stroke-width": 1 + 5 * Math.max(0, t - 0.25),
                           "data-pair": `${a.name}-${b.name}`, "data-trust": t }));
  }));
  ns.forEach((n, k) => {
    const [x, y] = at(n);
    (reg.orgs || []).forEach((og, o) => { if (og.members.includes(k))
      marks.push(svg("circle", { cx: x, cy: y, r: 10 + 3 * (o + 1), class: `ring org${o % ORG_CLASSES}` })); });
    marks.push(svg("circle", { cx: x, cy: y, r: 9, fill: n.team ? "#f2b33d" : "#6b7f93", stroke: "#e8eef3", "stroke-width": n.team ? 2 : 1,
                             class: "nation", "data-nation": n.name }));
    marks.push(svg("text", { x, y: y + 26, "text-anchor": "middle", fill: "#e8eef3", "font-size": 12 }, n.name));
  });
  const legend = (reg.orgs || []).map((og, o) => h("span", { class: "muted" }, h("span", { class: `org${o % ORG_CLASSES}` }, "◯ "),
    `${og.name} (${reg.cohesion[o].toFixed(2)})  `));
  return h("figure", { id: "region-map", class: "map" },
    svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "the region: trust between each pair of nations" }, lines, marks),
    h("figcaption", {}, legend, h("span", { class: "muted", text: "· lines: trust, red low to green high · gold: a team" })));
}

function regionSection(p) {
  return h("section", { id: "region" }, h("h2", { text: `${p.scenario}: the region` }),
    h("p", {}, `Stability ${Number(p.region.stability).toFixed(1)} · escalation ladder ${p.region.escalation} of 5`),
    regionMap(p),
    h("div", { class: "scroll" }, h("table", {}, h("tr", {}, h("th", { text: "nation" }), h("th", { text: "seat" }),
      h("th", { text: "this turn" }), h("th", { class: "num", text: p.hidden ? "rank" : "National Interest" }),
      !p.hidden && p.nations.some((n) => n.standing !== undefined) ? h("th", { class: "num", text: "standing" }) : null),
      p.nations.map((n) => h("tr", {}, h("td", { text: n.name }), h("td", { text: n.team ? "team" : "computer" }),
        h("td", { text: n.status }), h("td", { class: "num", text: p.hidden ? n.rank : n.ni }),
        !p.hidden && n.standing !== undefined ? h("td", { class: "num", text: n.standing }) : null)))),
    p.hidden ? h("p", { class: "muted", text: p.band_key }) : null,
    p.news.length ? h("div", {}, h("h3", { text: "News" }), p.news.map((e) => h("p", {}, h("strong", { text: e.name }),
      " ", h("span", { class: "muted", text: e.text })))) : null);
}
function renderRegion(app, t, p) { app.append(regionSection(p)); }

function renderDebrief(app, t) {
  const d = t.debrief; if (!d) return;
  app.append(h("section", { id: "debrief" }, h("h2", { text: `The end: the region is ${d.outcome}` }),
    h("p", { class: "muted", text: `Ranked by ${d.by}` + (d.by === "standing"
      ? ": vs par is National Interest minus what the computer strategist scores in the same seat; the standing is "
        + "the field's mean vs par plus the seat's lead over it times its seat's factor" : "") }),
    h("table", {}, h("tr", {}, h("th", { text: "#" }), h("th", { text: "Nation" }), h("th", { text: "Standing" }),
      h("th", { text: "vs par" }), h("th", { text: "National Interest" })),
      d.ranking.map((r) => h("tr", {}, h("td", { text: r.rank }), h("td", { text: r.name }),
        h("td", { class: "num", text: r.standing === undefined ? "" : r.standing }),
        h("td", { class: "num", text: r.vs_par === undefined ? "" : r.vs_par }),
        h("td", { class: "num", text: r.ni === undefined ? "" : r.ni }))))));
  app.append(h("section", {}, h("h2", { text: "Your turns" }), h("ul", { class: "plain" }, d.mine.map((m) =>
    h("li", {}, h("span", { text: `Turn ${m.turn}: ${m.orders.join(", ") || "nothing"}` }), h("b", { text: m.score }))))));
}

// -- the facilitator page --------------------------------------------------------------------------------
function renderFac(app) {
  if (S.role !== "facilitator") {
    const pin = keep("fac-pin", () => h("input", { id: "fac-pin", type: "password", autocomplete: "off",
                                                   placeholder: "facilitator secret or PIN" }));
    const go = () => { sessionStorage.setItem("ra-fac", pin.value); send({ type: "fac_login", pin: pin.value, device: deviceId() }); };
    pin.onkeydown = (e) => { if (e.key === "Enter") go(); };
    app.append(h("section", {}, h("h2", { text: "Facilitator" }),
      h("p", { class: "muted", text: "The secret is printed where the host was started and shown on the projector under F9." }),
      pin, h("div", { class: "row" }, h("button", { id: "fac-login", class: "primary", onclick: go }, "Open"))));
    return;
  }
  const f = S.fac; if (!f) return;
  app.className = "two";
  status(statusLine());
  app.append(h("section", { id: "fac-teams" }, h("h2", { text: f.over ? "The game is over" : `Turn ${f.turn}` }),
    h("div", { class: "row" },
      h("button", { id: "fac-pause", onclick: () => send({ type: "fac_pause", paused: !f.paused }) }, f.paused ? "Resume" : "Pause"),
      h("button", { id: "fac-hide", onclick: () => send({ type: "fac_hide", hide: !f.hidden }) },
        f.hidden ? "Private info: hidden (show)" : "Private info: shown (hide)"),
      h("button", { id: "fac-end", class: "primary", disabled: f.over, onclick: () => send({ type: "fac_end_planning" }) }, "End planning now")),
    h("div", { class: "scroll" }, h("table", {}, h("tr", {}, ["nation", "seat", "this turn", "code", ""].map((x) => h("th", { text: x }))),
      f.seats.map((s) => {
        const doc = h("select", { "data-seat": s.index }, f.doctrines.map((d) => h("option", { value: d.id, selected: d.id === s.doctrine }, d.title)));
        return h("tr", {}, h("td", { text: s.name }), h("td", {}, s.human ? "team" : "computer"), h("td", { text: s.status }),
          h("td", { text: s.code }), h("td", {}, doc, h("button", { "data-seat-toggle": s.index,
            onclick: () => send({ type: "fac_seat", nation: s.index, human: !s.human, doctrine: doc.value }) },
            s.human ? "To computer" : "To team")));
      })))));
  const secs = h("select", { id: "timer-seconds" }, [0, 60, 120, 180, 300, 480].map((x) =>
    h("option", { value: x, selected: (f.timer.limit || 0) === x }, x ? `${x / 60} min` : "off")));
  const pol = h("select", { id: "timer-policy" }, [["submit", "submit the plan so far"], ["computer", "a computer plan fills in"]].map(([v, l]) =>
    h("option", { value: v, selected: f.timer.policy === v }, l)));
  app.append(h("section", { id: "fac-timer" }, h("h2", { text: "Timer" }), h("div", { class: "row" }, secs, pol,
    h("button", { onclick: () => send({ type: "fac_timer", seconds: Number(secs.value), policy: pol.value }) }, "Set"),
    h("button", { disabled: f.timer.left === null, onclick: () => send({ type: "fac_add_time", seconds: 60 }) }, "+1 minute"))));
  const ev = h("select", { id: "inject-event" }, f.deck.map((e) => h("option", { value: e.id, "data-target": e.target }, `${e.name} (${e.target})`)));
  const nationOpts = () => f.seats.map((s) => h("option", { value: s.index }, s.name));
  const t1 = h("select", { id: "inject-t1" }, nationOpts()), t2 = h("select", { id: "inject-t2" }, nationOpts());
  const inject = () => {
    const kind = (f.deck.find((e) => e.id === ev.value) || {}).target;
    const targets = kind === "nation" ? [Number(t1.value)] : kind === "pair" ? [Number(t1.value), Number(t2.value)] : [];
    send({ type: "fac_inject", event: ev.value, targets });
  };
  app.append(h("section", { id: "fac-inject" }, h("h2", { text: "Inject an event" }), ev,
    h("div", { class: "row" }, h("span", { class: "muted", text: "targets (nation, pair):" }), t1, t2,
      h("button", { id: "inject", class: "primary", onclick: inject }, "Queue it")),
    h("ul", { class: "plain" }, f.pending.map((x, i) => h("li", {}, h("span", { text: x }),
      h("button", { onclick: () => send({ type: "fac_remove_injection", index: i }) }, "remove"))))));
  const turn = h("select", { id: "rewind-turn" }, f.rewind.map((x) => h("option", { value: x }, `start of turn ${x}`)));
  const label = keep("rewind-label", () => h("input", { id: "rewind-label", placeholder: "name of the line you leave (optional)",
                                                        maxlength: "200" }));
  app.append(h("section", { id: "fac-rewind" }, h("h2", { text: "Rewind" }), h("div", { class: "row" }, turn, label,
    h("button", { id: "rewind", disabled: !f.rewind.length,
      onclick: () => send({ type: "fac_rewind", turn: Number(turn.value), label: label.value }) }, "Rewind")),
    f.branches.length ? h("ul", { class: "plain" }, f.branches.map((b) => h("li", { text: b }))) : null));
  app.append(h("section", { id: "fac-agreements" }, h("h2", { text: "Agreements this turn" }),
    h("ul", { class: "plain" }, f.agreements.map((a) => h("li", {}, h("span", { text: a.words }), h("small", { class: "muted", text: a.state }))),
      f.agreements.length ? null : h("li", { class: "muted", text: "No public agreement." })),
    h("p", { class: "muted", id: "fac-private", text: `${f.private_agreements} private agreement${f.private_agreements === 1 ? "" : "s"} (terms known to their parties only)` })));
  app.append(h("section", { id: "fac-devices" }, h("h2", { text: "Devices" }), h("ul", { class: "plain" },
    f.clients.filter((c) => c.role === "team").map((c) => h("li", {}, h("span", { text: `${c.team} · device ${c.device}` }),
      h("button", { "data-kick": c.id, onclick: () => send({ type: "fac_kick", client: c.id }) }, "Remove"))))));
}

// the clock counts down between the host's views; only the status line is redrawn
setInterval(() => { if (S.pub && S.pub.timer.running && S.ws && S.ws.readyState === 1 && (S.role || FAC)) status(statusLine()); }, 1000);
setInterval(() => send({ type: "ping" }), 20000);
connect();
render();
