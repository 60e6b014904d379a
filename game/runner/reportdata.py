"""The plain data a debrief report shows, computed once from a game: numbers, names and colours, no pygame, no HTML.

`build()` reads the game (and a what-if, if one was run) into a `Report`; game.runner.htmlreport renders it and
game.runner.figures draws its charts, so neither computes anything of the game itself.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from game.runner import analysis, promises
from game.runner.headless import Game
from game.runner.palette import FAN, LINES, Color, hex_color, nation_colors, trust_colour
from game.sim.scoring import national_interest, ranking

OUTCOME_WORDS = {
    "secure": "Secure: the region held together - stable and calm.",
    "fragile": "Fragile: no war, but the region ends tense or unstable.",
    "conflict": "Conflict: the region collapsed into open conflict - everybody lost.",
}


@dataclass
class Seats:
    """Who played each nation: human or the computer (and its doctrine)."""
    human: dict[int, bool]
    doctrine: dict[int, str]

    @classmethod
    def of(cls, seats: Mapping[int, Any] | None, game: Game) -> Seats:
        if not seats:
            return cls({k: False for k in range(game.scenario.n)}, dict(game.doctrines))
        human, doctrine = {}, {}
        for k, s in seats.items():
            human[k] = bool(s["human"] if isinstance(s, dict) else s.human)
            doctrine[k] = str(s["doctrine"] if isinstance(s, dict) else s.doctrine)
        return cls(human, doctrine)

    def words(self, k: int) -> str:
        return "human team" if self.human.get(k) else f"computer ({self.doctrine.get(k, '')})"


@dataclass(frozen=True)
class Chart:
    """A line chart (game.runner.figures.lines_figure draws it): values at the start of every turn."""
    alt: str
    title: str
    series: dict[str, list[float]]
    ylo: float
    yhi: float
    colors: dict[str, Color]
    legend: bool


@dataclass(frozen=True)
class Fan:
    """Stability over the what-if's computer games (percentile bands) with this game's own line."""
    title: str
    bands: list[list[float]]
    actual: list[float]
    runs: int
    color: Color


@dataclass(frozen=True)
class Ranked:
    rank: int
    name: str
    color: str          # '#rrggbb'
    seat: str
    start: float
    end: float
    vs_par: float | None = None      # None: the scenario's par is not at hand (R9.5)
    standing: float | None = None


@dataclass(frozen=True)
class Outcome:
    name: str
    rate: float         # share of the computer games, 0..1
    this_game: bool


@dataclass(frozen=True)
class WhatIfPart:
    from_turn: int
    done: int
    seed: int
    fan: Fan
    outcomes: list[Outcome]


@dataclass(frozen=True)
class TurningPoint:
    """A turn that moved stability, escalation or trust the most (analysis.turning_points)."""
    turn: int
    value: str                        # stability, escalation or trust
    change: float
    causes: list[tuple[str, float]]   # the biggest causes and their part of the change
    events: list[str]                 # the events that struck that turn


@dataclass(frozen=True)
class Member:
    name: str
    given: float
    expected: float
    share: float        # 1 - free-rider index
    free_rider: float


@dataclass(frozen=True)
class Org:
    name: str
    kind: str           # in words: 'collective defence'
    cohesion: float
    members: list[Member]


@dataclass(frozen=True)
class Cell:
    value: float | None   # None on the diagonal
    color: str


@dataclass(frozen=True)
class Trust:
    label: str                                # Start, End or Now
    rows: list[tuple[str, list[Cell]]]        # a nation's name and its trust in each nation


@dataclass(frozen=True)
class Concept:
    title: str
    source: str
    prompt: str


@dataclass(frozen=True)
class Promiser:
    """One nation's line of the promises-kept table."""
    name: str
    color: str          # '#rrggbb'
    made: int           # agreements signed
    kept: int           # agreements it kept its word in to their end (also where another party broke them)
    broken: int         # agreements broken
    kept_turns: int     # promise-turns kept, of
    checked: int        # promise-turns checked
    index: float | None   # kept_turns / checked (None: it promised nothing)


@dataclass(frozen=True)
class Said:
    """One message between teams, as the facilitator's copy shows it."""
    turn: int
    sender: str
    to: str
    text: str


@dataclass(frozen=True)
class Promises:
    """The negotiation's part: the promises-kept index per nation and the archive of proposals with their fate."""
    enabled: bool                     # the scenario lets nations negotiate
    nations: list[Promiser]
    archive: list[promises.Row]
    from_proposals: bool              # the archive has every proposal (a save), not only the agreements signed
    prompts: list[str]                # questions quoting the game's own broken promises
    left_out: int = 0                 # private proposals not shown (the report is the class's: R12.6)
    messages: list[Said] = field(default_factory=list)   # between teams: in the facilitator's copy only
    messages_left_out: int = 0        # messages there were (a class's copy shows only how many)


@dataclass(frozen=True)
class Report:
    title: str
    scenario: str
    seed: int
    played: int
    turns: int
    over: bool
    outcome: str | None            # secure / fragile / conflict once the game is over
    outcome_words: str
    stability: float               # now, for a game still going
    escalation: int
    ranking: list[Ranked]
    charts: list[Chart]
    whatif: WhatIfPart | None
    turning_points: list[TurningPoint]
    orgs: list[Org]
    heads: list[tuple[str, str]]   # the trust tables' columns: each nation's name and its short label
    trust: list[Trust]
    discussion: list[str]
    concepts: list[Concept]
    promises: Promises


def short_names(names: Sequence[str]) -> list[str]:
    """Labels of a few letters that tell the nations apart: 'Aur', 'Bor' ... or 'N0', 'N10' for 'Nation 0', 'Nation 10'."""
    def initials(name: str) -> str:
        words = name.split()
        return "".join(w[0] for w in words if not w.isdigit()) + "".join(w for w in words if w.isdigit())
    for labels in ([n[:3] for n in names], [initials(n) for n in names]):
        if len(set(labels)) == len(labels) and all(labels):
            return labels
    return [str(k + 1) for k in range(len(names))]


def ni_range(values: Sequence[float]) -> tuple[float, float]:
    """The National Interest chart's axis: the values' tens, within 0..100."""
    lo, hi = min(values, default=0.0), max(values, default=100.0)
    lo, hi = max(0.0, (int(lo) // 10) * 10.0), min(100.0, (int(hi) // 10 + 1) * 10.0)
    return (lo, hi) if hi > lo else (0.0, 100.0)


def upper(values: Sequence[float], step: float = 10.0) -> float:
    """An axis top above every value, a whole number of steps."""
    top = max(values, default=0.0)
    return max(step, (int(top / step) + 1) * step)


def codex_prompts(history) -> list[dict]:
    """The codex entries of the concepts this game touched (most often first), each with its discussion prompt."""
    from game.content.loader import codex

    entries = {c["id"]: c for c in codex() if isinstance(c, dict) and "id" in c}
    return [entries[c] for c in analysis.concepts_touched(history) if c in entries and entries[c].get("prompt")]


def _charts(s: Mapping[str, Any], names: list[str], cols: list[Color], nation_ids: list[str]) -> list[Chart]:
    ni = {names[k]: s["ni"][nid] for k, nid in enumerate(nation_ids)}
    return [
        Chart("Regional stability (0-100)", "Regional stability", {"stability": s["stability"]}, 0, 100,
              {"stability": LINES["stability"]}, False),
        Chart("Escalation ladder (0 calm - 5 open conflict)", "Escalation ladder", {"escalation": s["escalation"]},
              0, 5, {"escalation": LINES["escalation"]}, False),
        Chart("Regional trade", "Regional trade", {"trade": s["trade"]}, 0, upper(s["trade"]),
              {"trade": LINES["trade"]}, False),
        Chart("National Interest of every nation", "National Interest", ni,
              *ni_range([v for vs in ni.values() for v in vs]), dict(zip(names, cols)), True),
    ]


def _whatif(whatif: Any, stability: list[float], outcome: str | None) -> WhatIfPart | None:
    """The what-if's part (a WhatIf or a running WhatIfRun: anything with done, rates(), bands()), once it has games."""
    if whatif is None or not whatif.done:
        return None
    fan = Fan("Stability: this game against the computer games", whatif.bands(), list(stability), whatif.done, FAN)
    rates = [Outcome(o, v, outcome == o) for o, v in whatif.rates().items()]
    return WhatIfPart(whatif.from_turn, whatif.done, whatif.seed, fan, rates)


def _orgs(history, index: Mapping[str, int], names: list[str]) -> list[Org]:
    return [Org(o["name"], o["kind"].replace("_", " "), o["cohesion"],
                [Member(names[index[m["nation"]]], m["given"], m["expected"], 1.0 - m["free_rider"], m["free_rider"])
                 for m in o["members"]])
            for o in analysis.burden_sharing(history)]


def _turning_points(history) -> list[TurningPoint]:
    return [TurningPoint(p["turn"], p["value"], p["change"], [(c["cause"], c["delta"]) for c in p["causes"]],
                         list(p["events"])) for p in analysis.turning_points(history)]


def _trust(label: str, matrix: list[list[float]], names: list[str]) -> Trust:
    return Trust(label, [(names[i], [Cell(None if i == j else v, hex_color(trust_colour(v)))
                                     for j, v in enumerate(row)]) for i, row in enumerate(matrix)])


def _promises(game: Game, negotiation: Mapping[str, Any] | None, cols: list[Color], private: bool) -> Promises:
    """`private`: private deals shown with their terms (the facilitator's copy); else left out, as on a shared
    screen that hides private information, and the prompts quote public agreements only."""
    sc, reports = game.scenario, game.history.reports
    saved = list((negotiation or {}).get("proposals", ()))
    nations = [Promiser(k.nation, hex_color(cols[i]), k.made, k.ended_kept, k.broken, k.kept, k.checked, k.index)
               for i, k in enumerate(promises.promises_kept(sc, reports))]
    rows = promises.archive(game.state, reports, saved)
    shown = [r for r in rows if private or r.public]
    names = {nd.id: nd.name for nd in sc.nations}
    said = [Said(int(m["turn"]), names.get(m["sender"], m["sender"]), ", ".join(names.get(q, q) for q in m["to"]),
                 str(m["text"])) for m in (negotiation or {}).get("messages", ())]
    return Promises(bool(sc.negotiation.enabled), nations, shown, bool(saved),
                    promises.discussion_prompts(sc, reports, nation=None if private else promises.CLASS),
                    len(rows) - len(shown), said if private else [], 0 if private else len(said))


def _ranked(game: Game, who: Seats, names: list[str], cols: list, s: dict) -> list[Ranked]:
    """Every nation, ranked by its standing (R9.5) when the scenario's par is at hand (shipped or cached: never
    computed for a report), else by National Interest."""
    from game.runner.par import known, standing, vs_par

    sc, st = game.scenario, game.state
    index = {nd.id: k for k, nd in enumerate(sc.nations)}
    got = known(sc)
    if got is None:
        return [Ranked(rank, names[index[nid]], hex_color(cols[index[nid]]), who.words(index[nid]), s["ni"][nid][0],
                       score) for rank, (nid, score) in enumerate(ranking(st), 1)]
    ni = national_interest(st)
    vs = vs_par(ni, got[0], len(game.history.reports))
    stand = standing(vs, got[1])
    order = sorted(range(sc.n), key=lambda k: (-float(stand[k]), k))
    return [Ranked(rank, names[k], hex_color(cols[k]), who.words(k), s["ni"][sc.nations[k].id][0], float(ni[k]),
                   float(vs[k]), float(stand[k])) for rank, k in enumerate(order, 1)]


def build(game: Game, seats: Mapping[int, Any] | None = None, whatif: Any = None, colorblind: bool = False,
          title: str | None = None, negotiation: Mapping[str, Any] | None = None, private: bool = False) -> Report:
    """Everything the debrief report shows of this game, each value computed once; `negotiation` is the session's
    as saved (its proposals and answers; without it the archive holds the agreements the turn reports checked);
    `private`: the private deals too (else the report is one a class may see: R12.6)."""
    sc, hist, st = game.scenario, game.history, game.state
    who = Seats.of(seats, game)
    names = [nd.name for nd in sc.nations]
    cols = nation_colors(sc, colorblind)
    s = analysis.series(hist)
    index = {nd.id: k for k, nd in enumerate(sc.nations)}
    outcome = st.outcome if st.over else None
    ranked = _ranked(game, who, names, cols, s)
    concepts = [Concept(c.get("title", c["id"]), c.get("source_section", ""), c["prompt"])
                for c in codex_prompts(hist)]
    return Report(
        title=title or sc.name, scenario=sc.name, seed=game.seed, played=len(hist.reports), turns=sc.turns,
        over=bool(st.over), outcome=outcome, outcome_words=OUTCOME_WORDS.get(outcome or "", ""),
        stability=s["stability"][-1], escalation=s["escalation"][-1], ranking=ranked,
        charts=_charts(s, names, cols, [nd.id for nd in sc.nations]), whatif=_whatif(whatif, s["stability"], outcome),
        turning_points=_turning_points(hist), orgs=_orgs(hist, index, names),
        heads=list(zip(names, short_names(names))),
        trust=[_trust("Start", analysis.trust_matrix(hist, 1), names),
               _trust("End" if st.over else "Now", analysis.trust_matrix(hist), names)],
        discussion=list(sc.discussion), concepts=concepts, promises=_promises(game, negotiation, cols, private))
