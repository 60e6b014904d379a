"""Effects in plain words, for the catalog reference and warnings (what the engine does with each primitive)."""
from __future__ import annotations

from typing import Any

WHO = {"actor": "the actor", "target": "the target", "involved": "actor and target", "members": "the members",
       "others": "every other nation", "all": "every nation"}
DIR = {"mutual": "both ways", "from_target": "target toward actor", "to_target": "actor toward target",
       "all_to_actor": "everyone toward actor", "among": "among the members"}


def _n(v: Any) -> str:
    return f"{v:+g}" if isinstance(v, (int, float)) and not isinstance(v, bool) else str(v)


def effect_words(e: dict) -> str:
    """One effect (a dict as written in YAML) in a few words: 'security +2 (the actor)'."""
    do, who = e.get("do"), WHO.get(e.get("who", "actor"), e.get("who", "actor"))
    amt = _n(e.get("amount"))
    if do == "stock":
        text = f"{e.get('stock')} {amt} ({who})"
    elif do == "militarization":
        text = f"militarization {amt} ({who})"
    elif do == "pair":
        text = f"{e.get('field')} {amt} ({DIR.get(e.get('dir', 'mutual'), e.get('dir'))})"
    elif do == "region":
        text = f"{e.get('field')} {amt}" + (" step" if e.get("field") == "escalation" else "")
    elif do == "threat":
        text = f"threat {e.get('threat')} {amt}"
    elif do == "effort":
        text = f"effort {e.get('amount'):g} against {e.get('threat')} ({who})"
    elif do == "cohesion":
        text = f"cohesion {amt} ({e.get('org') or 'the targeted organization, or the actor’s'})"
    elif do == "contribute":
        kind = e.get("kind", "any")
        text = f"contributes {e.get('amount'):g} to " + ("its organizations" if kind == "any" else f"its {kind}")
    elif do == "withhold":
        text = "withholds its contribution from the targeted organization"
    elif do == "flag":
        text = f"flag {e.get('flag')} for {e.get('turns', 1)} turn(s) ({who})"
    elif do == "dialogue":
        text = f"dialogue {amt} (de-escalation likelier this turn)"
    elif do == "incident":
        text = f"incident, chance {e.get('chance'):g} of an escalation step"
    else:
        text = str(do)
    delay, over = int(e.get("delay", 0)), int(e.get("over", 1))
    if delay or over > 1:
        text += " [" + ", ".join(([f"after {delay} turn(s)"] if delay else []) + ([f"over {over} turns"] if over > 1 else [])) + "]"
    return text


def effects_words(effects: list) -> str:
    return "; ".join(effect_words(e) for e in effects if isinstance(e, dict)) or "nothing"
