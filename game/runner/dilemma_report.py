"""Issue 11's targets as verdict rows (measure, value, goal, met) from game/runner/dilemma.py's plain data, and as text."""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .dilemma import base_cards

CARD_MIN = 0.01


def pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def pm(ci: float) -> str:
    """' ± x' for a confidence half-width, nothing when the sample was too small to give one."""
    return f" ± {ci:.2f}" if ci == ci and ci != float("inf") else ""


def _row(target: int, measure: str, value: str, goal: str, met: bool | None) -> dict:
    return {"target": target, "measure": measure, "value": value, "goal": goal, "met": met}


def verdicts(m: dict) -> list[dict]:
    """The rows of one scenario's measurement (only the targets it holds)."""
    rows: list[dict] = []
    if "t1" in m:
        t1 = m["t1"]
        yard = t1.get("strategist", "planner")
        strat = next(r for r in t1["rows"] if r["player"] == yard)
        rivals = [r for r in t1["rows"] if r["player"] != yard]
        top = max(rivals, key=lambda r: r["lead"])
        rows.append(_row(1, "best exploit or policy against the strategist (score lead, same seat and seeds)",
                         f"{top['player']} {top['lead']:+.2f}{pm(top.get('lead_ci', float('nan')))} (its score {top['score']:+.2f}, strategist "
                         f"{strat['score']:+.2f}; {sum(r['lead'] > 0 for r in rivals)} of {len(rivals)} ahead)",
                         "<= 0 for every one", top["lead"] <= 0))
        most = max(rivals, key=lambda r: r["first"])
        duped = [r for r in rivals if r.get("dup_games")]
        if duped:   # ranked as a class is: each seat's duplicate score (game/runner/duplicate.py)
            dmost = max(duped, key=lambda r: r["dup_first"])
            rows.append(_row(1, "most first places of an exploit or policy, by duplicate score",
                             f"{dmost['player']} {pct(dmost['dup_first'])} of {dmost['dup_games']} (strategist "
                             f"{pct(strat.get('dup_first', float('nan')))}; by score vs par: {most['player']} "
                             f"{pct(most['first'])})", f"<= {pct(t1['cap'])}", dmost["dup_first"] <= t1["cap"]))
        else:
            rows.append(_row(1, "most first places of an exploit or policy", f"{most['player']} {pct(most['first'])} "
                             f"(strategist {pct(strat['first'])})", f"<= {pct(t1['cap'])}", most["first"] <= t1["cap"]))
        if t1.get("field"):   # asked for: the same cap among strategists (dilemma.strong_field)
            name, (share, games, *dup) = max(t1["field"].items(), key=lambda kv: kv[1][0])
            rows.append(_row(1, "most first places of an exploit or policy among strategists (by standing)",
                             f"{name} {pct(share)} of {games} (a fair share: {pct(1 / m['nations'])})",
                             f"<= {pct(t1['cap'])}", share <= t1["cap"]))
            if dup:   # by duplicate score: first exactly when it beats the strategist in its own seat
                name, (_, games, beat) = max(t1["field"].items(), key=lambda kv: kv[1][2])
                rows.append(_row(1, "most first places of an exploit or policy among strategists (by duplicate score: "
                                 "it beats the strategist in its seat)", f"{name} {pct(beat)} of {games}",
                                 f"<= {pct(t1['cap'])}", beat <= t1["cap"]))
    if "t2" in m:
        for p, label in (("turtle", "lone turtle"), ("free_rider", "lone free-rider")):
            gap = m["t2"][p]
            rows.append(_row(2, f"{label} vs the seat cooperating, among naive cooperators", f"{gap['cooperators']:+.2f}",
                             "> 0", gap["cooperators"] > 0))
            rows.append(_row(2, f"{label} vs the seat cooperating, among reciprocators", f"{gap['reciprocators']:+.2f}",
                             "< 0", gap["reciprocators"] < 0))
    if "t3" in m:
        t3 = m["t3"]
        top = max(t3["first"].items(), key=lambda x: x[1])
        d3 = t3.get("duplicate")
        if d3:
            rows.append(_row(3, "variance of the duplicate score explained by its own doctrine (random mixes)",
                             f"{pct(d3['own'])} (others' doctrines {pct(d3['others'])}; by score vs par: own "
                             f"{pct(t3['own'])}, others {pct(t3['others'])}, most first {top[0]} {pct(top[1])})",
                             ">= 30 %", d3["own"] >= 0.30))
        else:
            rows.append(_row(3, "variance of the seat-relative score explained by its own doctrine (random mixes)",
                             f"{pct(t3['own'])} (others' doctrines {pct(t3['others'])}; most first: {top[0]} {pct(top[1])})",
                             ">= 30 %", t3["own"] >= 0.30))
    if "t4" in m:
        t4 = m["t4"]
        lo, hi = t4["band"]
        low = min(t4["first"].items(), key=lambda x: x[1])
        high = max(t4["first"].items(), key=lambda x: x[1])
        fair = f" of {t4['games']} (a fair game passes at this size in {pct(t4['fair_pass'])})" if "fair_pass" in t4 else ""
        rows.append(_row(4, "all strategist: first-place share per seat",
                         f"{low[0]} {pct(low[1])} .. {high[0]} {pct(high[1])}{fair}",
                         f"each in [{pct(lo)}, {pct(hi)}]", lo <= low[1] and high[1] <= hi))
    if "t5" in m:
        t5 = m["t5"]
        coh = t5["cooperative"]["cohesion"]
        worst = min(coh.items(), key=lambda x: x[1])
        rows.append(_row(5, "all cooperative: lowest final cohesion (mean over games)", f"{worst[0]} {worst[1]:.2f}",
                         ">= 0.60 for every organization", worst[1] >= 0.6))
        dead = max(t5["default"]["dead"].items(), key=lambda x: x[1])
        rows.append(_row(5, "default mix: most games ending with an organization below 0.1", f"{dead[0]} {pct(dead[1])}",
                         "<= 25 %", dead[1] <= 0.25))
        rows.append(_row(5, "all cooperative: collapse", pct(t5["cooperative"]["conflict"]), "<= 5 %",
                         t5["cooperative"]["conflict"] <= 0.05))
        rows.append(_row(5, "all hawk: conflict", pct(t5["hawk"]["conflict"]), ">= 50 %", t5["hawk"]["conflict"] >= 0.5))
    if "t6" in m and "secure" in m["t6"]:
        s6 = m["t6"]["secure"]
        rows.append(_row(6, f"here (diagnostic): secure rate with {m['t6']['threat']} by sum / weakest link / best shot",
                         f"{pct(s6['sum'])} / {pct(s6['weakest_link'])} / {pct(s6['best_shot'])} (spread "
                         f"{100 * m['t6']['spread']:.1f} points)", "diagnostic: the target is measured on the test scenario", None))
    if "t7" in m:
        shares = m["t7"]["shares"]
        rare = sorted(a for a, x in shares.items() if x < CARD_MIN)
        rows.append(_row(7, "base cards under 1 % of the strategist's orders here",
                         f"{len(rare)} of {len(shares)}" + (f": {', '.join(rare)}" if rare else ""),
                         "diagnostic: the target is across scenarios", None))
    if "t8" in m:
        t8 = m["t8"]
        top = t8["rows"][0]
        rows.append(_row(8, "tournament ranked by mean seat-relative score with a 95 % CI",
                         f"1st {top['doctrine']} {top['score']:+.2f} ± {top['ci']:.2f} (wins {pct(top['wins'])})",
                         "ranked by score, CI shown", t8["ranked_by_score"] and t8["has_ci"]))
    for r in rows:
        r["scenario"] = Path(m["file"]).stem
    return rows


def cards_across(measures: Sequence[dict]) -> dict:
    """Target 7 over the scenarios measured: each base card's best share of the strategist's orders, and where."""
    best = {a: (0.0, "") for a in base_cards()}
    for m in measures:
        for a, x in m.get("t7", {}).get("shares", {}).items():
            if x > best[a][0]:
                best[a] = (x, Path(m["file"]).stem)
    rare = sorted(a for a, (x, _) in best.items() if x < CARD_MIN)
    return {"best": best, "rare": rare, "met": not rare}


def summary_rows(measures: Sequence[dict], aggregation: dict | None) -> list[dict]:
    rows: list[dict] = []
    if any("t7" in m for m in measures):
        c = cards_across(measures)
        rows.append(_row(7, "base cards under 1 % of the strategist's orders in every scenario measured",
                         f"{len(c['rare'])} of {len(c['best'])}" + (f": {', '.join(c['rare'])}" if c["rare"] else ""),
                         "none", c["met"]))
        rows[-1]["scenario"] = "across"
    if aggregation is not None:
        s = aggregation["secure"]
        rows.append(_row(6, f"test scenario: secure rate with {aggregation['threat']} by sum / weakest link / best shot",
                         f"{pct(s['sum'])} / {pct(s['weakest_link'])} / {pct(s['best_shot'])} "
                         f"(spread {100 * aggregation['spread']:.1f} points)", ">= 10 points", aggregation["spread"] >= 0.10))
        rows[-1]["scenario"] = "test_aggregation"
    return rows


def mark(met: bool | None) -> str:
    return "-" if met is None else ("met" if met else "MISSED")


def row_key(r: dict) -> tuple:
    return (r.get("scenario", ""), r["target"], r["measure"])


def text_table(rows: Sequence[dict], command: str, before: dict | None = None) -> str:
    """Plain text for the terminal: two lines per check (its verdict and value, then the command to reproduce it),
    and a third with the value of an earlier run (`before`: row_key -> row) when there is one."""
    out = []
    for r in rows:
        goal = r["goal"] if r["met"] is None else f"target {r['goal']}"
        out.append(f"  [{r['target']}] {mark(r['met']):6s} {r['measure']}: {r['value']}   ({goal})")
        old = (before or {}).get(row_key(r))
        if old is not None:
            out.append(f"             before: {old['value']} ({mark(old['met'])})")
        out.append(f"             reproduce: {command} --only {r['target']}")
    return "\n".join(out)
