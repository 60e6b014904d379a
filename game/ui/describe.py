"""Words for the UI: values and changes ("trust Borealis→Aurelia +0.04"), previews, turn reports and their biggest changes."""
from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np

from game.sim.contract import PlayedOrder, TurnReport
from game.sim.defs import PAIR_FIELDS, STOCKS
from game.sim.ledger import Cause
from game.sim.report import describe_cause, ledger_from_report

from .addup import SMALL, add_up, signed, step_of
from .text import esc

LADDER = ("calm", "tension", "crisis", "confrontation", "clashes", "open conflict")
OUTCOME_WORDS = {
    "secure": "Secure: the region held together - stable and calm.",
    "fragile": "Fragile: no war, but the region ends tense or unstable.",
    "conflict": "Conflict: the region collapsed into open conflict - everybody lost.",
}
SHORT = {"security": "Sec", "economy": "Eco", "support": "Sup", "influence": "Inf", "militarization": "Mil"}


def ladder_label(level: float) -> str:
    return LADDER[max(0, min(5, int(round(level))))]


def fmt(field: str, value: float, signed: bool = False) -> str:
    if field in SMALL:
        s = f"{value:+.2f}" if signed else f"{value:.2f}"
        if signed and abs(value) < 0.005:
            s = f"{value:+.3f}"
        return s
    if field == "escalation":
        return f"{value:+.0f}" if signed else f"{value:.0f}"
    return f"{value:+.1f}" if signed else f"{value:.1f}"


def value_label(sc: Any, field: str, index: Any, me: int | None = None) -> str:
    """What a (field, index) of the state is, in words; `me` drops the name of the planner's own nation."""
    nations = sc.nations
    if field in STOCKS or field == "militarization":
        k = int(index)
        return field if k == me else f"{nations[k].name} {field}"
    if field in PAIR_FIELDS:
        i, j = (int(x) for x in index)
        return f"{field} {nations[i].name}→{nations[j].name}"
    if field == "threat":
        return f"{sc.threats[int(index)].name} (threat)"
    if field == "cohesion":
        return f"{sc.orgs[int(index)].name} cohesion"
    if field == "contribution":
        o, k = (int(x) for x in index)
        return f"{nations[k].name} contribution to {sc.orgs[o].name}"
    if field == "escalation":
        return "escalation ladder"
    return field


def cause_text(sc: Any, cause: Cause) -> str:
    try:
        return describe_cause(sc, cause)
    except (KeyError, IndexError, StopIteration, TypeError):
        return f"{cause.kind}: {cause.id}"


# -- preview -----------------------------------------------------------------------------------
def preview_lines(sc: Any, me: int, result: dict) -> list[tuple[str, list[str]]]:
    """The engine's preview as groups of lines: [("now", [...]), ("in 2 turns", [...]), ("also", [...])]."""
    groups: dict[int, list[tuple[float, str]]] = defaultdict(list)
    changes = list(result.get("changes", []))
    seen: set[tuple] = set()
    for c in changes:
        f, ix, d, when = c["field"], c["index"], c["delta"], c["in_turns"]
        if (f, _key(ix), when) in seen:
            continue
        label = value_label(sc, f, ix, me)
        if f in PAIR_FIELDS:
            i, j = (int(x) for x in ix)
            twin = next((o for o in changes if o["field"] == f and _key(o["index"]) == (j, i) and o["in_turns"] == when
                         and abs(o["delta"] - d) < 1e-9), None)
            if twin is not None:
                seen.add((f, (j, i), when))
                label = f"{f} {sc.nations[i].name}↔{sc.nations[j].name}"
        weight = abs(d) * (100.0 if f in SMALL else 1.0)
        groups[when].append((weight, f"{label} {fmt(f, d, True)}"))
    out = []
    for when in sorted(groups):
        lines = [t for _, t in sorted(groups[when], key=lambda x: -x[0])]
        out.append(("now" if when <= 0 else f"in {when} turn{'s' if when > 1 else ''}", lines))
    extra = []
    for tid, amount in result.get("effort", {}).items():
        name = next((t.name for t in sc.threats if t.id == tid), tid)
        extra.append(f"effort against {name} +{amount:.2f}")
    for inc in result.get("incidents", []):
        i, j = inc["pair"]
        extra.append(f"chance of an incident {sc.nations[i].name}–{sc.nations[j].name}: {inc['chance'] * 100:.0f}%")
    if extra:
        out.append(("also", extra))
    return out


def preview_html(sc: Any, me: int, orders: list, result: dict | None, bad_color: str,
                 promised: dict[int, list] | None = None) -> str:
    """A plan's expected effects as pygame_gui HTML: grouped by when they arrive, plus reciprocity hints (`promised`:
    the gestures partners promised toward `me` this turn, counted as answered in `result`)."""
    head = "<b>Expected effects</b> <i>(if nothing else happens this turn)</i><br>"
    if not orders or result is None:
        return head + "Choose actions to see what they are expected to do."
    if result["problems"]:
        return head + f"<font color='{bad_color}'>" + esc("; ".join(result["problems"])) + "</font>"
    parts = [head]
    for when, lines in preview_lines(sc, me, result):
        parts.append(f"<b>{esc(when)}:</b><br>")
        parts.extend(f"  {esc(line)}<br>" for line in lines[:12])
        if len(lines) > 12:
            parts.append(f"  … and {len(lines) - 12} smaller changes<br>")
    recip = [o for o in orders if sc.action(o.action).reciprocity > 0 and o.targets
             and sc.action(o.action).target in ("partner", "partners")]
    if recip:
        parts.append("<b>Reciprocity:</b><br>")
        answered = {(o.action, q) for q, os in (promised or {}).items() for o in os}
        for o in recip:
            sure = [t for t in o.targets if (o.action, t) in answered]
            hope = [t for t in o.targets if t not in sure]
            name = esc(sc.action(o.action).name)
            if sure:
                parts.append(f"  {name}: {esc(', '.join(sc.nations[t].name for t in sure))} promised it toward you "
                             f"(counted above)<br>")
            if hope:
                parts.append(f"  {name} is worth more if {esc(', '.join(sc.nations[t].name for t in hope))} also "
                             f"chooses it toward you<br>")
    return "".join(parts)


def _key(ix: Any) -> Any:
    return tuple(int(x) for x in ix) if isinstance(ix, (list, tuple)) else ix


# -- the turn report ------------------------------------------------------------------------------
def _names(sc: Any, ids: list[str]) -> str:
    by_id = {n.id: n.name for n in sc.nations}
    return ", ".join(by_id.get(i, i) for i in ids)


def order_text(sc: Any, order: PlayedOrder) -> str:
    a = sc.action(order["action"])
    if a.target == "organization":
        tg = ", ".join(sc.orgs[sc.org_index(t)].name for t in order["targets"])
    else:
        tg = _names(sc, order["targets"])
    return a.name + (f" → {tg}" if tg else "")


def report_html(sc: Any, report: TurnReport, color: dict[str, str], size: dict[str, int]) -> str:
    """The public account of one resolved turn as pygame_gui HTML (colours and pixel sizes given by the theme)."""
    h = f"<font pixel_size='{size['heading']}'><b>"
    he = "</b></font><br>"
    nid = {n.id: k for k, n in enumerate(sc.nations)}
    parts = [f"{h}Events{he}"]
    if report["events"]:
        for ev in report["events"]:
            tg = f" ({esc(_names(sc, ev['targets']))})" if ev["targets"] else ""
            parts.append(f"<b>{esc(ev['name'])}</b>{tg}: {esc(ev['text'])}<br>")
    else:
        parts.append("A quiet half-year: no events.<br>")
    parts.append(f"<br>{h}Orders (public after resolution){he}")
    for n_id, orders in report["orders"].items():
        k = nid.get(n_id)
        name = sc.nations[k].name if k is not None else n_id
        col = color.get(f"nation{k}", color["text"])
        items = []
        for o in orders:
            t = esc(order_text(sc, o))
            if o.get("reciprocated"):
                t += f" <font color='{color['good']}'>(reciprocated)</font>"
            items.append(t)
        parts.append(f"<font color='{col}'><b>{esc(name)}</b></font>: {'; '.join(items) if items else 'nothing'}<br>")
    recips = [(n_id, o) for n_id, os in report["orders"].items() for o in os if o.get("reciprocated")]
    if recips:
        parts.append(f"<br>{h}Reciprocated gestures{he}")
        for n_id, o in recips:
            parts.append(f"{esc(_names(sc, [n_id]))}: {esc(order_text(sc, o))} - answered in kind<br>")
    if report["obligations"]:
        parts.append(f"<br>{h}Obligations{he}")
        for ob in report["obligations"]:
            org = sc.orgs[sc.org_index(ob["org"])].name
            kept = [n for n, ok in ob["responses"].items() if ok]
            broken = [n for n, ok in ob["responses"].items() if not ok]
            line = f"{esc(org)}: {esc(_names(sc, [ob['victim']]))} called on its allies."
            if kept:
                line += f" <font color='{color['good']}'>Answered: {esc(_names(sc, kept))}.</font>"
            if broken:
                line += f" <font color='{color['bad']}'>Failed: {esc(_names(sc, broken))}.</font>"
            parts.append(line + "<br>")
    public = [a for a in report.get("agreements", []) if a["public"]]   # the shared screen: private ones stay out
    if public:
        parts.append(f"<br>{h}Agreements{he}")
        for a in public:
            broke = [n for n, ok in a["kept"].items() if not ok]
            if broke:
                how = f"<font color='{color['bad']}'>broken by {esc(_names(sc, broke))}</font>"
            else:
                how = f"<font color='{color['good']}'>{'kept' if a['status'] == 'kept' else 'kept this turn'}</font>"
            parts.append(f"{esc(a['name'][:1].upper() + a['name'][1:])}: {how}<br>")
    parts.append(f"<br>{h}Incidents and the ladder{he}")
    if report["incidents"]:
        for inc in report["incidents"]:
            what = f"<font color='{color['bad']}'>escalated</font>" if inc["escalated"] else "contained"
            parts.append(f"Incident {esc(_names(sc, inc['pair']).replace(', ', '–'))} "
                         f"(chance of escalating {inc['chance'] * 100:.0f}%): {what}<br>")
    else:
        parts.append("No incidents.<br>")
    esc_now = report["summary"]["escalation"]
    moved = {"up": "climbed to", "down": "stepped down to"}.get(report.get("ladder") or "", "stays at")
    parts.append(f"The escalation ladder {moved} {esc_now} ({ladder_label(esc_now)}).<br>")
    return "".join(parts)


def biggest_changes(sc: Any, report: TurnReport, n: int = 8) -> list[dict]:
    """The turn's largest changes (stocks, trust, region, threats, cohesion) with their main causes in words."""
    ledger = ledger_from_report(report)
    fields = set(STOCKS) | {"militarization", "trust", "stability", "escalation", "threat", "cohesion"}
    total: dict[tuple, float] = defaultdict(float)
    causes: dict[tuple, dict[Cause, float]] = defaultdict(lambda: defaultdict(float))
    for e in ledger:
        if e.field not in fields:
            continue
        if e.index is None:
            arr = np.asarray(e.delta, dtype=float)
            for nz in zip(*np.nonzero(arr)):
                key = (e.field, tuple(int(x) for x in nz) if arr.ndim > 1 else int(nz[0]))
                d = float(arr[nz])
                total[key] += d
                causes[key][e.cause] += d
        else:
            at = e.index if not isinstance(e.index, tuple) or e.index == () else tuple(int(x) for x in e.index)
            key = (e.field, at)
            total[key] += float(e.delta)
            causes[key][e.cause] += float(e.delta)

    def weight(key: tuple) -> float:
        f = key[0]
        scale = 1.0 if f in SMALL else 5.0 if f == "escalation" else 100.0
        return abs(total[key]) / scale

    out = []
    for key in sorted(total, key=lambda k: -weight(k))[:n]:
        if weight(key) < 1e-4:
            break
        f, ix = key
        top = sorted(causes[key].items(), key=lambda cd: -abs(cd[1]))[:3]
        worse_up = f in ("threat", "escalation", "tension")
        tone = "text" if f == "militarization" else "good" if (total[key] > 0) != worse_up else "bad"
        # the shown causes and 'other causes' are rounded so that they add up to the change shown
        q = step_of(f)
        *parts, rest = add_up([d for _, d in top] + [total[key] - sum(d for _, d in top)], q)
        out.append({"label": value_label(sc, f, ix), "delta": signed(sum(parts) + rest, q), "tone": tone,
                    "causes": [(cause_text(sc, c), signed(d, q)) for (c, _), d in zip(top, parts)],
                    "raw": top, "field": f, "index": ix, "rest": signed(rest, q) if rest else None})
    return out


def changes_html(items: list[dict], color: dict[str, str], explain: Any = None) -> str:
    """The biggest changes with their causes; `explain(item, cause)` gives the parts behind a model cause (lines
    shown under it). A last line 'other causes' makes the shown causes add up to the change."""
    if not items:
        return "Nothing changed noticeably."
    parts = []
    for it in items:
        col = color[it["tone"]]
        parts.append(f"<b>{esc(it['label'])}</b> <font color='{col}'>{esc(it['delta'])}</font><br>")
        for k, (text, d) in enumerate(it["causes"]):
            parts.append(f"   {esc(d)}  {esc(text)}<br>")
            if explain is not None and k < len(it.get("raw", ())):
                for line in explain(it, it["raw"][k][0]):
                    parts.append(f"<font color='{color['muted']}'>        {esc(line)}</font><br>")
        if it.get("rest"):
            parts.append(f"<font color='{color['muted']}'>   {esc(it['rest'])}  other causes</font><br>")
    return "".join(parts)
