"""The codex (game/data/scenarios/base/codex.yaml): every concept of DESIGN.md section 2, tied to the catalog's tags and the source text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CODEX = ROOT / "game" / "data" / "scenarios" / "base" / "codex.yaml"
CATALOG = ROOT / "game" / "data" / "scenarios" / "base" / "catalog.yaml"
SOURCE = Path(__file__).resolve().parents[2] / "shared" / "source" / "military-diplomacy-and-regional-cooperation.txt"

# DESIGN.md section 2, word for word.
DESIGN_CONCEPTS = (
    "joint military exercises",
    "personnel exchange",
    "expertise sharing and capacity building",
    "intelligence sharing (Five Eyes)",
    "peacekeeping (Kosovo)",
    "defence ministers' dialogue (ADMM)",
    "regional security forum (ARF)",
    "collective defence (Article 5)",
    "transparency in defence policy",
    "crisis communication hotline",
    "counter-terrorism",
    "cyber defence",
    "espionage",
    "communication systems",
    "intelligence gathering and situational awareness",
    "UAV reconnaissance",
    "trade agreements",
    "joint infrastructure",
    "investment attracted by stability",
    "sustainable development",
    "national interest vs collective obligations",
    "civil–military relations and governance",
    "perception of militarization",
    "special forces integration",
    "humanitarian assistance and disaster relief (HADR)",
    "climate resilience",
    "deterrence by joint exercises (US–ROK)",
    "the four principles (dialogue, reciprocity, inclusivity, adaptability)",
    "misunderstanding and miscalculation",
    "interoperability",
)
FIELDS = ("id", "title", "design_name", "source_section", "text", "in_game", "prompt")


@pytest.fixture(scope="module")
def codex() -> list[dict]:
    with open(CODEX, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict) and isinstance(data.get("concepts"), list), "codex.yaml needs a top-level 'concepts:' list"
    return data["concepts"]


def _tags(path: Path) -> set[str]:
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return {tag for kind in ("actions", "events") for item in data.get(kind) or [] for tag in item.get("concepts") or []}


def test_first_line_says_what_the_file_holds():
    first = CODEX.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ") and "codex" in first.lower()


def test_every_entry_has_every_field(codex):
    for k, entry in enumerate(codex):
        for f in FIELDS:
            assert isinstance(entry.get(f), str) and entry[f].strip(), f"concepts[{k}] ({entry.get('id')}): empty or missing '{f}'"
        assert set(entry) <= set(FIELDS), f"concepts[{k}]: unknown keys {set(entry) - set(FIELDS)}"


def test_ids_and_design_names_are_unique(codex):
    ids = [e["id"] for e in codex]
    names = [e["design_name"] for e in codex]
    assert len(ids) == len(set(ids)), "duplicate codex ids"
    assert len(names) == len(set(names)), "duplicate design names"


def test_every_design_concept_has_an_entry(codex):
    names = {e["design_name"] for e in codex}
    missing = [c for c in DESIGN_CONCEPTS if c not in names]
    assert not missing, f"DESIGN.md section 2 concepts without a codex entry: {missing}"
    extra = sorted(names - set(DESIGN_CONCEPTS))
    assert not extra, f"codex design_names not in DESIGN.md section 2: {extra}"


def test_every_catalog_tag_has_an_entry(codex):
    ids = {e["id"] for e in codex}
    tags = _tags(CATALOG)
    assert tags, "the catalog has no concepts: tags"
    assert not tags - ids, f"catalog concept tags without a codex entry: {sorted(tags - ids)}"


def test_every_scenario_tag_has_an_entry(codex):
    ids = {e["id"] for e in codex}
    for path in sorted((ROOT / "game" / "data" / "scenarios").glob("*.yaml")):
        unknown = _tags(path) - ids
        assert not unknown, f"{path.name}: concept tags without a codex entry: {sorted(unknown)}"


def test_source_sections_are_headings_of_the_source(codex):
    if not SOURCE.exists():
        pytest.skip(f"the shared source text is not here ({SOURCE}); cannot check source_section headings")
    lines = {line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines()}
    for e in codex:
        assert e["source_section"] in lines, f"{e['id']}: source_section {e['source_section']!r} is not a line of the source text"


def test_design_list_matches_design_md():
    """If the design brief is at hand, the hard-coded list above is still its section 2."""
    design = SOURCE.parents[1] / "DESIGN.md"
    if not design.exists():
        pytest.skip(f"the shared design brief is not here ({design})")
    text = " ".join(design.read_text(encoding="utf-8").split())
    for c in DESIGN_CONCEPTS:
        assert c in text, f"{c!r} is no longer in DESIGN.md"


# -- codex numbers come from the catalog ------------------------------------------------------------
_FIELD_WORDS = {"security": "security", "economy": "economy", "support": "support", "influence": "influence",
                "militarization": "militarization", "trust": "trust", "tension": "tension",
                "interoperability": "interop", "intel": "intel", "hotline": "hotline", "agreement": "agreement",
                "infrastructure": "infra", "trade": "trade", "stability": "stability", "cohesion": "cohesion"}
_NUM = r"([+-]?\d+(?:\.\d+)?)"
_WORDS = "|".join(sorted(_FIELD_WORDS, key=len, reverse=True))
_CLAIMS = (re.compile(rf"{_NUM}\s+(?:regional\s+)?({_WORDS})\b"),          # "+4 security", "0.8 economy"
           re.compile(rf"\b({_WORDS})\s+(?:by\s+)?{_NUM}(?![\d.]*\s*x)"))   # "security by 3", "hotline +0.5"
_EFFORT = re.compile(rf"{_NUM}\s+(?:\w+\s+)?effort\b")                       # "0.9 piracy effort", "1.2 effort"
_ALIASES = {"HADR mission": "hadr_mission", "UAV cooperation": "uav_cooperation"}


def _amounts(effects) -> dict[str, set[float]]:
    """Every amount an action's or event's effects write, by the field they change (signed)."""
    out: dict[str, set[float]] = {}
    for e in effects:
        amt = e.param("amount")
        if amt is None:
            continue
        field = {"stock": e.param("stock"), "pair": e.param("field"), "region": e.param("field"),
                 "militarization": "militarization", "cohesion": "cohesion", "effort": "effort"}.get(e.do)
        if field:
            out.setdefault(field, set()).add(round(float(amt), 6))
    return out


def _segments(text: str, names: dict[str, object]) -> list[tuple[object, str]]:
    """The text after each catalog name it mentions (capitalized, as the codex names cards), up to the next name:
    what it says about that card."""
    pat = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    hits = list(pat.finditer(text))
    return [(names[m.group(0)], text[m.end():hits[k + 1].start() if k + 1 < len(hits) else len(text)])
            for k, m in enumerate(hits)]


def test_codex_numbers_are_the_catalogs(codex):
    """Every number the codex states about a base action or event (its cost, reciprocity, requirement, and the amount
    it changes a stock, relation, stability, cohesion or effort by) is what the base catalog plays; economy a card
    costs may also be the money it spends (spend_cost x budget, docs/rules.md R3.11)."""
    from rules_fixtures import (
        base_ruleset,  # the base catalog exactly as shipped (tests/ is on the path, as for test_rules)
    )

    sc = base_ruleset()
    spend = sc.params.spend_cost
    names: dict[str, object] = {}
    for d in (*sc.actions, *sc.events):
        names[re.sub(r"\s*\(.*?\)", "", d.name)] = d
    for alias, aid in _ALIASES.items():
        names[alias] = sc.action(aid)
    wrong, checked = [], 0
    for entry in codex:
        text = " ".join(entry["in_game"].split())
        for d, seg in _segments(text, names):
            allowed = _amounts(d.effects)
            if hasattr(d, "budget"):   # an action: it also spends money (per budget point, in all)
                if d.budget:
                    allowed.setdefault("economy", set()).update({round(-spend * d.budget, 6), round(-spend, 6)})
                for m in re.finditer(r"\((\d+) AP, (\d+) budget", seg[:40]):
                    checked += 1
                    if (int(m.group(1)), int(m.group(2))) != (d.ap, d.budget):
                        wrong.append(f"{entry['id']}: {d.name} costs {d.ap} AP, {d.budget} budget, not {m.group(0)})")
                for m in re.finditer(r"reciprocity " + _NUM, seg):
                    checked += 1
                    if float(m.group(1)) != d.reciprocity:
                        wrong.append(f"{entry['id']}: {d.name} has reciprocity {d.reciprocity}, not {m.group(1)}")
                for m in re.finditer(rf"\b({_WORDS}) of at least {_NUM}", seg):
                    checked += 1
                    if (_FIELD_WORDS[m.group(1)], float(m.group(2))) not in set(d.requires):
                        wrong.append(f"{entry['id']}: {d.name} requires {dict(d.requires)}, not {m.group(0)}")
            claims = [(m.group(1), m.group(2)) for m in _CLAIMS[0].finditer(seg)]
            claims += [(m.group(2), m.group(1)) for m in _CLAIMS[1].finditer(seg)]
            claims += [(m.group(1), "effort") for m in _EFFORT.finditer(seg)]
            for num, word in claims:
                field = _FIELD_WORDS.get(word, word)
                x = float(num)
                values = allowed.get(field, set())
                ok = x in values if num[0] in "+-" else abs(x) in {abs(v) for v in values}
                checked += 1
                if not ok:
                    wrong.append(f"{entry['id']}: {d.name}: '{num} {word}' but the catalog has {sorted(values) or 'none'}")
        for m in re.finditer(rf"(\w[\w ]*?) is a [\w-]+ threat \(base start {_NUM}, growth {_NUM}\)", text):
            th = next(t for t in sc.threats if t.name.lower().startswith(m.group(1).split()[-1].lower()))
            checked += 1
            if (float(m.group(2)), float(m.group(3))) != (th.start, th.growth):
                wrong.append(f"{entry['id']}: {th.name} starts at {th.start} and grows {th.growth}")
    assert checked >= 60, f"only {checked} numbers checked: the patterns no longer read the codex"
    assert not wrong, "codex numbers the engine does not use:\n" + "\n".join(wrong)
