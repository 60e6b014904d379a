"""The codex (scenarios/base/codex.yaml): every concept of DESIGN.md section 2, tied to the catalog's tags and the source text."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CODEX = ROOT / "scenarios" / "base" / "codex.yaml"
CATALOG = ROOT / "scenarios" / "base" / "catalog.yaml"
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
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
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
