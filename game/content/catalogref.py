"""The catalog reference: every action, event, threat and concept a scenario has (after extends, overrides and
disables), with costs, targets, effects in words and where each was defined; docs/catalog.md is the base one."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from game.data import checkout
from game.fileio import atomic_write_text
from game.sim import defs

from .words import effects_words

_TOP = checkout()
DOC = _TOP / "docs" / "catalog.md" if _TOP else None   # a clone's docs/catalog.md (an installed copy has none)
REGEN = "python main.py catalog --docs"
# the smallest scenario: it has every base item, so its catalog is the base catalog
BARE = "name: Base catalog\nnations:\n  - {id: a, name: A, position: [1, 1]}\n  - {id: b, name: B, position: [2, 1]}\n"


def _spec(e: defs.EffectSpec) -> dict[str, Any]:
    return {"do": e.do, **dict(e.params), "delay": e.delay, "over": e.over}


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def origins(path: str | Path | None) -> dict[tuple[str, str], str]:
    """(kind, id) -> where it was defined: 'base', 'base; FILE changes f, g' or 'FILE' (a file's own item)."""
    if path is None:
        return {}
    from .extends import MergedYaml, resolve_extends
    from .yamlsafe import load_yaml_file

    doc = resolve_extends(load_yaml_file(str(path)))
    files = [doc.parent, doc.child] if isinstance(doc, MergedYaml) else [doc]
    out: dict[tuple[str, str], str] = {}
    for f in files:
        name = Path(f.path).name
        for kind in ("actions", "events", "threats"):
            for it in (f.data.get(kind) or []) if isinstance(f.data, dict) else []:
                if not isinstance(it, dict) or not isinstance(it.get("id"), str):
                    continue
                key, fields = (kind, it["id"]), ", ".join(k for k in it if k != "id")
                before = out.get(key, "base")
                out[key] = f"{before}; {name} changes {fields}" if key in out or _is_base(kind, it["id"]) else name
    return out


def _is_base(kind: str, ident: str) -> bool:
    from .schemactx import base

    return ident in getattr(base(), kind)


def reference(sc: defs.Scenario, where: dict[tuple[str, str], str]) -> str:
    """The catalog of a loaded scenario as Markdown."""
    from .loader import codex

    def src(kind: str, ident: str) -> str:
        return _cell(where.get((kind, ident), "base"))

    rows = [f"## Actions ({len(sc.actions)})", "",
            "Costs are action points (ap) and budget points a turn; `partner` actions aim at one nation, `partners` "
            "at up to max_targets, `organization` at one the actor belongs to. Effects are per target; reciprocity "
            "is the bonus when the partner plays the same action toward the actor the same turn.", "",
            "| id | name | kind | target | ap | budget | conditions | effects | defined |", "|---|---|---|---|---|---|---|---|---|"]
    for a in sc.actions:
        target = a.target + (f" (up to {a.max_targets})" if a.target == "partners" else "") + \
            (f" ({a.org_kind})" if a.org_kind else "")
        cond = [f"{k} >= {v:g}" for k, v in a.requires] + ([f"reciprocity {a.reciprocity:g}"] if a.reciprocity else []) \
            + (["hostile"] if a.hostile else []) \
            + ([f"allies only ({'any organization' if a.shared_org == 'any' else a.shared_org})"] if a.shared_org else []) \
            + ([f"ai_weight {a.ai_weight:g}"] if a.ai_weight != 1.0 else []) + ([f"ai_target {a.ai_target}"] if a.ai_target else [])
        rows.append(f"| `{a.id}` | {_cell(a.name)} | {a.category} | {target} | {a.ap} | {a.budget} | "
                    f"{', '.join(cond) or '-'} | {_cell(effects_words([_spec(e) for e in a.effects]))} | {src('actions', a.id)} |")
    rows += ["", f"## Events ({len(sc.events)})", "",
             "Weight is the base chance per turn before `scale_by`; an attack calls the victim's collective-defence "
             "allies to respond next turn.", "",
             "| id | name | strikes | weight | scale_by | effects | defined |", "|---|---|---|---|---|---|---|"]
    for e in sc.events:
        strikes = e.target + (" (an attack)" if e.attack else "") + (f", less if {e.shield}" if e.shield else "")
        rows.append(f"| `{e.id}` | {_cell(e.name)} | {strikes} | {e.weight:g} | {e.scale_by or '-'} | "
                    f"{_cell(effects_words([_spec(x) for x in e.effects]))} | {src('events', e.id)} |")
    rows += ["", f"## Threats ({len(sc.threats)})", "",
             "| id | name | aggregation | start | growth a turn | damage at level 100 | intel bonus | guard (R5.8) | defined |",
             "|---|---|---|---|---|---|---|---|---|"]
    for t in sc.threats:
        dmg = ", ".join(f"{s} {v:g}" for s, v in t.damage)
        rows.append(f"| `{t.id}` | {_cell(t.name)} | {t.aggregation} | {t.start:g} | {t.growth:g} | {dmg} | "
                    f"{'yes' if t.intel_bonus else 'no'} | {t.guard or '-'} | {src('threats', t.id)} |")
    used: dict[str, list[str]] = {}
    items: list[defs.ActionDef | defs.EventDef] = [*sc.actions, *sc.events]
    for item in items:
        for concept in item.concepts:
            used.setdefault(concept, []).append(item.id)
    entries = [c for c in codex() if isinstance(c, dict)]
    rows += ["", f"## Concepts ({len(entries)})", "",
             "The ids `concepts:` may name (game/data/scenarios/base/codex.yaml); each has a codex entry players can "
             "read.", "",
             "| id | title | illustrated here by |", "|---|---|---|"]
    for c in entries:
        rows.append(f"| `{c.get('id')}` | {_cell(c.get('title', ''))} | {', '.join(used.get(c.get('id', ''), [])) or '-'} |")
    return "\n".join(rows) + "\n"


def base_reference() -> str:
    from .loader import load_scenario_text

    return reference(load_scenario_text(BARE, "base.yaml"), {})


def docs_text() -> str:
    return ("# The base catalog\n\n"
            f"<!-- generated by `{REGEN}` from game/data/scenarios/base/catalog.yaml and codex.yaml; do not edit by "
            "hand -->\n\n"
            "Every scenario starts with these actions, events and threats (docs/authoring.md says how to change, add "
            "or disable them). `python main.py catalog SCENARIO` prints the same for one scenario, after its "
            "`extends:`, overrides and `disable:`, with the file that defined or changed each item.\n\n"
            + base_reference())


def write_docs(path: Path | None = DOC) -> bool:
    """Rewrite docs/catalog.md; True when it changed."""
    if path is None:
        raise FileNotFoundError("docs/catalog.md belongs to a clone of the repository; an installed copy has none")
    text = docs_text()
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    atomic_write_text(path, text)
    return True
