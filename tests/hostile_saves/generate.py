"""Writes the hostile save corpus (tests/hostile_saves/*.json) from one genuine tutorial save; run it by hand:
`.venv/bin/python tests/hostile_saves/generate.py`. tests/test_robust_saves.py loads every file."""
from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from game.content import saves  # noqa: E402
from game.content.loader import load_scenario  # noqa: E402
from game.runner.headless import Game  # noqa: E402


def base() -> dict:
    sc = load_scenario(HERE.parents[1] / "game" / "data" / "scenarios" / "tutorial.yaml")
    g = Game.new(sc, 4)
    g.play(2)
    for r in g.history.reports:
        r["ledger"] = r["ledger"][:8]
    seats = {n: {"human": k == 0, "doctrine": sc.nations[k].doctrine} for k, n in enumerate(sc.nation_ids)}
    first = saves.history_to_dict(g.history)
    branch = {"from_turn": 1, "label": "a line", "turns": 0, "over": False, "outcome": None, "seats": seats,
              "history": {"states": first["states"][:1], "reports": []}}
    fac = {"timer": 120.0, "policy": "submit", "hide_private": False, "pin": None, "pending": [],
           "seat_log": [{"turn": 1, "nation": sc.nation_ids[1], "human": False, "doctrine": "hawk"}]}
    data = saves.make_save(name="Hostile base", scenario_path=sc.source, scenario=sc, seed=4, seats=seats,
                           difficulty="normal", history=g.history, branches=[branch], facilitator=fac,
                           class_id="0123456789abcdef")
    data["saved_at"] = "2026-01-01T00:00:00+00:00"     # the same corpus every time it is generated
    return data


def _state(d: dict, k: int = -1) -> dict:
    return d["states"][k]


def _with_pending(d: dict, **change: Any) -> None:
    p = {"turn": 9, "effect": {"do": "stock", "params": [["stock", "security"], ["amount", 1.0], ["who", "actor"]],
                               "delay": 1, "over": 1},
         "actor": 0, "targets": [1], "org": None, "scale": 1.0, "cause": ["action", d["reports"][0]["orders"][d["nations"][0]][0]["action"], 0, [1]],
         "repeat": False}
    for k, v in change.items():
        if k.startswith("effect_"):
            p["effect"][k[7:]] = v
        else:
            p[k] = v
    _state(d)["pending"].append(p)


def _ledger(d: dict, row: list) -> None:
    d["reports"][0]["ledger"].append(row)


Mut = Callable[[dict], Any]
M: list[tuple[str, Mut]] = []


def mut(name: str) -> Callable[[Mut], Mut]:
    def reg(fn: Mut) -> Mut:
        M.append((name, fn))
        return fn
    return reg


# -- raw bytes -------------------------------------------------------------------------------------
RAW: list[tuple[str, Callable[[bytes], bytes]]] = [
    ("empty", lambda b: b""), ("spaces", lambda b: b"   \n\t "), ("binary", lambda b: bytes(range(256)) * 4),
    ("latin1", lambda b: b.replace(b"Hostile", "H\xf6stile".encode("latin-1"))),
    ("bom-garbage", lambda b: b"\xef\xbb\xbf\xff\xfe" + b),
    ("truncated-10", lambda b: b[:10]), ("truncated-half", lambda b: b[: len(b) // 2]), ("truncated-last", lambda b: b[:-1]),
    ("trailing-garbage", lambda b: b + b"}}]]"), ("two-documents", lambda b: b + b + b"\n"),
    ("deep-lists", lambda b: b"[" * 20_000 + b"]" * 20_000), ("deep-dicts", lambda b: b'{"a":' * 3000 + b"1" + b"}" * 3000),
    ("deep-in-name", lambda b: b.replace(b'"name":"Hostile base"', b'"name":' + b"[" * 5000 + b"]" * 5000)),
    ("deep-unclosed", lambda b: b"[" * 20_000),
    ("int-5000-digits", lambda b: b.replace(b'"seed":4', b'"seed":' + b"9" * 5000)),
    ("int-50-digits", lambda b: b.replace(b'"seed":4', b'"seed":' + b"1" * 50)),
    ("float-1e400", lambda b: b.replace(b'"seed":4', b'"seed":1e400')),
    ("nan-token", lambda b: b.replace(b'"seed":4', b'"seed":NaN')),
    ("infinity-token", lambda b: b.replace(b'"stability":', b'"stability":-Infinity,"x":', 1)),
    ("nan-in-values", lambda b: b.replace(b'"security":[', b'"security":[NaN,', 1)),
    ("bracket-in-string", lambda b: b.replace(b'"Hostile base"', b'"' + b"[" * 100 + b'"')),
    ("null-bytes", lambda b: b.replace(b"Hostile", b"\x00\x00")),
    ("json-array", lambda b: b"[1, 2, 3]"), ("json-string", lambda b: b'"regional-accord-save"'),
    ("json-null", lambda b: b"null"), ("json-number", lambda b: b"42"),
]

# -- the top level ---------------------------------------------------------------------------------
SWAPS = {"null": None, "five": 5, "text": "six", "list": [], "mapping": {}, "true": True}
for key in ("format", "version", "scenario", "nations", "threats", "organizations", "seed", "seats", "turn", "over",
            "states", "reports", "branches", "facilitator", "difficulty", "name", "class_id"):
    for label, value in SWAPS.items():
        if (key, label) in (("name", "text"), ("difficulty", "text"), ("over", "true")):
            continue
        M.append((f"{key}-{label}", lambda d, key=key, value=value: d.__setitem__(key, copy.deepcopy(value))))
for key in ("format", "scenario", "seed", "seats", "states", "reports", "nations"):
    M.append((f"missing-{key}", lambda d, key=key: d.pop(key)))


@mut("version-99")
def _(d): d["version"] = 99
@mut("version-text")
def _(d): d["version"] = "2"
@mut("seed-minus-1")
def _(d): d["seed"] = -1
@mut("seed-2-pow-70")
def _(d): d["seed"] = 2 ** 70
@mut("seed-float")
def _(d): d["seed"] = 4.5
@mut("turn-six")
def _(d): d["turn"] = "six"
@mut("extra-seat")
def _(d): d["seats"]["atlantis"] = {"human": True, "doctrine": "hawk"}
@mut("missing-seat")
def _(d): d["seats"].pop(d["nations"][0])
@mut("seat-not-mapping")
def _(d): d["seats"][d["nations"][0]] = 5
@mut("seat-human-text")
def _(d): d["seats"][d["nations"][0]]["human"] = "yes"
@mut("nations-renamed")
def _(d): d["nations"][0] = "atlantis"
@mut("unknown-top-key")
def _(d): d["surprise"] = 1
@mut("name-too-long")
def _(d): d["name"] = "x" * 5000
# -- the scenario path -----------------------------------------------------------------------------
for label, path in (("proc-status", "/proc/self/status"), ("etc-passwd", "../../../../../../etc/passwd"),
                    ("dev-zero", "/dev/zero"), ("missing-yaml", "scenarios/no_such.yaml"), ("folder", "scenarios"),
                    ("proc-yaml", "/proc/self/status.yaml"), ("nul", "scenarios/tutorial.yaml\u0000x"),
                    ("empty", ""), ("dev-null-yaml", "/dev/null"), ("json-as-yaml", "scenarios/scenario.schema.json"),
                    ("other-scenario", "scenarios/meridian.yaml")):
    M.append((f"scenario-{label}", lambda d, path=path: d.__setitem__("scenario", path)))
# -- states ----------------------------------------------------------------------------------------
@mut("states-empty")
def _(d): d["states"] = []
@mut("states-extra")
def _(d): d["states"].append(copy.deepcopy(d["states"][-1]))
@mut("reports-dropped")
def _(d): d["reports"].pop()
@mut("state-turn-wrong")
def _(d): d["states"][1]["turn"] = 7
@mut("state-turn-text")
def _(d): d["states"][1]["turn"] = "two"
@mut("security-short")
def _(d): _state(d)["values"]["security"] = [50.0]
@mut("security-long")
def _(d): _state(d)["values"]["security"] += [50.0] * 5
@mut("security-500")
def _(d): _state(d)["values"]["security"][0] = 500.0
@mut("security-negative")
def _(d): _state(d)["values"]["security"][0] = -3.0
@mut("security-text")
def _(d): _state(d)["values"]["security"][0] = "high"
@mut("security-null")
def _(d): _state(d)["values"]["security"] = None
@mut("trust-ragged")
def _(d): _state(d)["values"]["trust"][1] = [0.5]
@mut("trust-5x5")
def _(d): _state(d)["values"]["trust"] = [[0.5] * 5 for _ in range(5)]
@mut("trust-flat")
def _(d): _state(d)["values"]["trust"] = [0.5] * 3
@mut("escalation-9")
def _(d): _state(d)["values"]["escalation"] = 9.0
@mut("escalation-list")
def _(d): _state(d)["values"]["escalation"] = [1.0, 2.0]
@mut("threat-missing-one")
def _(d): _state(d)["values"]["threat"].pop()
@mut("cohesion-extra")
def _(d): _state(d)["values"]["cohesion"].append(0.5)
@mut("values-missing-trust")
def _(d): _state(d)["values"].pop("trust")
@mut("values-unknown")
def _(d): _state(d)["values"]["mana"] = [1.0]
@mut("values-not-mapping")
def _(d): _state(d)["values"] = [1, 2]
@mut("trust0-wrong")
def _(d): _state(d)["trust0"] = [[0.1]]
@mut("trade0-text")
def _(d): _state(d)["trade0"] = "lots"
@mut("state-over-early")
def _(d): d["states"][0]["over"] = True
@mut("state-outcome-unknown")
def _(d): _state(d)["outcome"] = "victory"
@mut("pending-unknown-effect")
def _(d): _with_pending(d, effect_do="teleport")
@mut("pending-bad-param")
def _(d): _with_pending(d, effect_params=[["stock", "gold"], ["amount", 1.0]])
@mut("pending-param-not-pair")
def _(d): _with_pending(d, effect_params=[5])
@mut("pending-actor-99")
def _(d): _with_pending(d, actor=99)
@mut("pending-target-minus")
def _(d): _with_pending(d, targets=[-1])
@mut("pending-target-float")
def _(d): _with_pending(d, targets=[1.5])
@mut("pending-org-99")
def _(d): _with_pending(d, org=99)
@mut("pending-past")
def _(d): _with_pending(d, turn=1)
@mut("pending-scale-huge")
def _(d): _with_pending(d, scale=1e300)
@mut("pending-cause-short")
def _(d): _with_pending(d, cause=["action"])
@mut("pending-cause-unknown-action")
def _(d): _with_pending(d, cause=["action", "nuke", 0, [1]])
@mut("pending-not-mapping")
def _(d): _state(d)["pending"].append(5)
@mut("pending-unknown-threat")
def _(d): _with_pending(d, effect_do="threat", effect_params=[["threat", "dragons"], ["amount", -2.0]])
@mut("flags-nation-99")
def _(d): _state(d)["flags"].append(["dialogue", 99, 5])
@mut("flags-short")
def _(d): _state(d)["flags"].append(["dialogue"])
@mut("obligation-victim-99")
def _(d): _state(d)["obligations"].append([0, 99, 5, "border_incident"])
@mut("obligation-org-99")
def _(d): _state(d)["obligations"].append([99, 0, 5, "border_incident"])
@mut("obligation-text")
def _(d): _state(d)["obligations"].append("attack")
@mut("last-orders-key-text")
def _(d): _state(d)["last_orders"]["aurelia"] = []
@mut("last-orders-unknown-action")
def _(d): _state(d)["last_orders"]["0"] = [["nuke", [1]]]
@mut("last-orders-target-99")
def _(d): _state(d)["last_orders"]["0"] = [[d["reports"][0]["orders"][d["nations"][0]][0]["action"], [99]]]
@mut("last-orders-nation-99")
def _(d): _state(d)["last_orders"]["99"] = []
@mut("news-not-event")
def _(d): _state(d)["news"] = [5]
@mut("news-unknown-target")
def _(d): _state(d)["news"] = [{"id": "x", "name": "x", "text": "x", "targets": ["atlantis"]}]
# -- reports ---------------------------------------------------------------------------------------
for key in ("summary", "ledger", "orders", "events", "efforts", "turn", "over"):
    M.append((f"report-missing-{key}", lambda d, key=key: d["reports"][0].pop(key)))


@mut("report-unknown-action")
def _(d): d["reports"][0]["orders"][d["nations"][0]] = [{"action": "nuke", "targets": [], "reciprocated": False}]
@mut("report-unknown-nation-orders")
def _(d): d["reports"][0]["orders"]["atlantis"] = []
@mut("report-order-target-unknown")
def _(d): d["reports"][0]["orders"][d["nations"][0]][0]["targets"] = ["atlantis"]
@mut("report-event-unknown")
def _(d): d["reports"][0]["events"] = [{"id": "meteor", "name": "Meteor", "text": "!", "targets": []}]
@mut("report-turn-wrong")
def _(d): d["reports"][0]["turn"] = 3
@mut("report-summary-ni-missing")
def _(d): d["reports"][0]["summary"]["national_interest"].popitem()
@mut("report-summary-ni-text")
def _(d): d["reports"][0]["summary"]["national_interest"][d["nations"][0]] = "lots"
@mut("report-summary-stability-text")
def _(d): d["reports"][0]["summary"]["stability"] = "x"
@mut("report-efforts-short")
def _(d): d["reports"][0]["efforts"] = {k: v[:1] for k, v in d["reports"][0]["efforts"].items()}
@mut("report-obligation-bad")
def _(d): d["reports"][0]["obligations"] = [{"org": "nato", "victim": "x", "responses": {}}]
@mut("report-incident-bad")
def _(d): d["reports"][0]["incidents"] = [{"pair": ["x"], "chance": "high"}]
@mut("report-not-mapping")
def _(d): d["reports"][0] = [1, 2]
@mut("ledger-bad-field")
def _(d): _ledger(d, ["gold", 0, 1.0, "dynamic", "drift", None, []])
@mut("ledger-index-99")
def _(d): _ledger(d, ["security", 99, 1.0, "dynamic", "drift", None, []])
@mut("ledger-pair-index-short")
def _(d): _ledger(d, ["trust", [0], 1.0, "dynamic", "drift", None, []])
@mut("ledger-unknown-action")
def _(d): _ledger(d, ["security", 0, 1.0, "action", "nuke", 0, []])
@mut("ledger-actor-99")
def _(d): _ledger(d, ["security", 0, 1.0, "action", d["reports"][0]["orders"][d["nations"][0]][0]["action"], 99, []])
@mut("ledger-unknown-threat")
def _(d): _ledger(d, ["security", 0, -1.0, "threat", "dragons", None, []])
@mut("ledger-obligation-victim-99")
def _(d): _ledger(d, ["trust", [0, 1], -0.1, "obligation", "broken", 1, [99, 0]])
@mut("ledger-org-99")
def _(d): _ledger(d, ["cohesion", 0, 0.1, "organization", "burden-sharing", None, [99]])
@mut("ledger-short-row")
def _(d): _ledger(d, ["security", 0])
@mut("ledger-delta-text")
def _(d): _ledger(d, ["security", 0, "up", "dynamic", "drift", None, []])
@mut("ledger-whole-array-wrong-shape")
def _(d): _ledger(d, ["security", None, [1.0], "dynamic", "drift", None, []])
@mut("ledger-unknown-kind")
def _(d): _ledger(d, ["security", 0, 1.0, "magic", "x", None, []])
# -- branches and the facilitator ------------------------------------------------------------------
@mut("branch-from-turn-0")
def _(d): d["branches"][0]["from_turn"] = 0
@mut("branch-from-turn-99")
def _(d): d["branches"][0]["from_turn"] = 99
@mut("branch-history-null")
def _(d): d["branches"][0]["history"] = None
@mut("branch-state-short")
def _(d): d["branches"][0]["history"]["states"][0]["values"]["security"] = [1.0]
@mut("branch-not-mapping")
def _(d): d["branches"] = [5]
@mut("branch-seats-unknown")
def _(d): d["branches"][0]["seats"]["atlantis"] = {"human": True, "doctrine": "hawk"}
@mut("pin-number")
def _(d): d["facilitator"]["pin"] = 1234
@mut("pin-list")
def _(d): d["facilitator"]["pin"] = ["a"]
@mut("timer-negative")
def _(d): d["facilitator"]["timer"] = -5
@mut("timer-text")
def _(d): d["facilitator"]["timer"] = "soon"
@mut("policy-unknown")
def _(d): d["facilitator"]["policy"] = "panic"
@mut("queued-unknown-event")
def _(d): d["facilitator"]["pending"] = [{"event": "meteor", "targets": []}]
@mut("queued-custom-bad")
def _(d): d["facilitator"]["pending"] = [{"custom": {"name": 5}, "targets": []}]
@mut("queued-custom-not-mapping")
def _(d): d["facilitator"]["pending"] = [{"custom": [1], "targets": []}]
@mut("queued-both-and-neither")
def _(d): d["facilitator"]["pending"] = [{"targets": []}]
@mut("queued-target-unknown")
def _(d): d["facilitator"]["pending"] = [{"event": d["reports"][0]["events"][0]["id"] if d["reports"][0]["events"] else "x", "targets": ["atlantis"]}]
@mut("seat-log-number")
def _(d): d["facilitator"]["seat_log"] = [5]
@mut("seat-log-unknown-nation")
def _(d): d["facilitator"]["seat_log"] = [{"turn": 1, "nation": "atlantis", "human": True, "doctrine": "hawk"}]
@mut("facilitator-unknown-key")
def _(d): d["facilitator"]["backdoor"] = True
@mut("seat-doctrine-unknown")
def _(d): d["seats"][d["nations"][1]]["doctrine"] = "nuke_them_all"
@mut("seat-log-doctrine-unknown")
def _(d): d["facilitator"]["seat_log"][0]["doctrine"] = "nuke_them_all"
@mut("class-id-bad")
def _(d): d["class_id"] = "../../x"


def main() -> None:
    good = base()
    raw = json.dumps(good, separators=(",", ":")).encode("utf-8")
    for old in HERE.glob("*.json"):
        old.unlink()
    (HERE / "000-genuine.json").write_bytes(raw)
    n = 1
    for name, fn in RAW:
        (HERE / f"{n:03d}-{name}.json").write_bytes(fn(raw))
        n += 1
    for name, fn in M:
        d = copy.deepcopy(good)
        fn(d)
        (HERE / f"{n:03d}-{name}.json").write_text(json.dumps(d, separators=(",", ":")), encoding="utf-8")
        n += 1
    print(f"{n - 1} hostile saves (and 000-genuine.json) written to {HERE}")


if __name__ == "__main__":
    main()
