"""The compact per-turn table a headless game prints, and the final outcome."""
from __future__ import annotations

from typing import TextIO

from game.sim.contract import TurnReport


def print_game(game, turns: int | None, out: TextIO, duplicate: bool = False) -> None:
    sc = game.scenario
    ids = sc.nation_ids
    width = max(6, *(len(i) for i in ids[:12]))
    out.write(f"{sc.name}: {sc.n} nations, {sc.turns} turns, seed {game.seed}\n")
    out.write("doctrines: " + ", ".join(f"{sc.nations[k].id}={d}" for k, d in sorted(game.doctrines.items())) + "\n\n")
    head = f"{'turn':>4} {'stab':>5} {'esc':>3} {'trade':>6}  " + " ".join(f"{i[:width]:>{width}}" for i in ids[:12])
    out.write(head + "  events\n")

    def row(r: TurnReport) -> None:
        s = r["summary"]
        ni = " ".join(f"{s['national_interest'][i]:>{width}.1f}" for i in ids[:12])
        evs = ", ".join(e["name"] + (f" ({'/'.join(e['targets'])})" if e["targets"] else "") for e in r["events"])
        out.write(f"{r['turn']:>4} {s['stability']:>5.1f} {s['escalation']:>3} {s['trade']:>6.1f}  {ni}  {evs}\n")

    game.play(turns, on_turn=row)
    st = game.state
    from game.sim.scoring import outcome, ranking

    result = st.outcome or f"{outcome(st)} (after {len(game.history.reports)} of {sc.turns} turns)"
    out.write(f"\noutcome: {result}\n")
    from game.runner.par import known, standing, vs_par
    from game.sim.scoring import national_interest

    got = known(sc)
    if got is not None:   # teams are ranked by their standing (docs/rules.md R9.5)
        score = vs_par(national_interest(st), got[0], len(game.history.reports))
        stand = standing(score, got[1])
        order = sorted(range(sc.n), key=lambda k: (-stand[k], k))
        out.write("ranking (standing; score vs par in brackets): "
                  + ", ".join(f"{ids[k]} {stand[k]:+.1f} ({score[k]:+.1f})" for k in order) + "\n")
    else:
        out.write("score vs par: this scenario's par is not computed yet (tools/par.py, or the game window, computes it)\n")
    if duplicate:   # each seat against the strategist in that seat of the same game (docs/rules.md R9.6)
        from game.runner.duplicate import from_game, reference_scores

        score = national_interest(st) - reference_scores(from_game(game))
        order = sorted(range(sc.n), key=lambda k: (-score[k], k))
        out.write("ranking (duplicate: vs the strategist in the same seat, same game): "
                  + ", ".join(f"{ids[k]} {score[k]:+.1f}" for k in order) + "\n")
    out.write("ranking (National Interest): " + ", ".join(f"{i} {v:.1f}" for i, v in ranking(st)) + "\n")
