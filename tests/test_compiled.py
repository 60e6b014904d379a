"""The compiled-scenario cache: a cached shipped scenario is the one a fresh compilation builds, any edit of a
scenario file changes its key, a damaged entry is compiled again, and a cache hit needs neither pydantic nor the schema."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from game.content import compiled
from game.content.loader import SCENARIOS, _load_doc, load_scenario, load_yaml_file

ROOT = Path(__file__).resolve().parents[1]


def test_a_cached_scenario_is_what_a_fresh_compilation_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("REGIONAL_ACCORD_CACHE", str(tmp_path))
    path = SCENARIOS / "meridian.yaml"
    first = load_scenario(path)                      # compiled and stored
    assert list((tmp_path / "scenarios").glob("*.pickle"))
    again = load_scenario(path)                      # read back
    fresh = _load_doc(load_yaml_file(str(path)), path.stem)
    assert again == first == fresh and again.source == fresh.source
    assert again.action("joint_exercise").effects[0].param("amount") == fresh.action("joint_exercise").effects[0].param("amount")


def test_any_edit_of_a_scenario_file_changes_the_key(tmp_path):
    shipped = tmp_path / "scenarios"
    shutil.copytree(SCENARIOS, shipped)
    target = shipped / "meridian.yaml"
    k0 = compiled.key(target, shipped)
    (shipped / "base" / "catalog.yaml").write_text((shipped / "base" / "catalog.yaml").read_text() + "\n# edit\n")
    k1 = compiled.key(target, shipped)
    target.write_text(target.read_text() + "\n# edit\n")
    assert len({k0, k1, compiled.key(target, shipped)}) == 3
    assert compiled.key(tmp_path / "elsewhere.yaml", shipped) is None    # only shipped scenarios are cached


def test_a_damaged_entry_is_compiled_again(tmp_path, monkeypatch):
    monkeypatch.setenv("REGIONAL_ACCORD_CACHE", str(tmp_path))
    path = SCENARIOS / "tutorial.yaml"
    good = load_scenario(path)
    for f in (tmp_path / "scenarios").glob("*.pickle"):
        f.write_bytes(f.read_bytes()[:40])
    assert load_scenario(path) == good


SCHEMA_LOADED = "print(sorted(m for m in sys.modules if m.startswith('pydantic') or m == 'game.content.schema')[:3])"


def _cold_and_warm(tmp_path, code: str) -> tuple[list[str], list[str]]:
    """What `code` (then SCHEMA_LOADED) prints in a fresh process with an empty cache folder, then again warm."""
    env = {"REGIONAL_ACCORD_CACHE": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = [subprocess.run([sys.executable, "-c", f"import sys; {code}; {SCHEMA_LOADED}"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True).stdout.splitlines() for _ in range(2)]
    return out[0], out[1]


def test_a_cache_hit_imports_neither_pydantic_nor_the_schema(tmp_path):
    cold, warm = _cold_and_warm(tmp_path, "from game.content.loader import load_scenario, SCENARIOS; "
                                          "load_scenario(SCENARIOS / 'meridian.yaml')")
    assert cold[-1] != "[]" and warm[-1] == "[]"


def test_validating_the_shipped_scenarios_with_a_warm_cache_imports_no_pydantic_and_warns_the_same(tmp_path):
    """validate's warnings read the base catalog's plain fields from the cache too (loader.catalog_dicts)."""
    cold, warm = _cold_and_warm(tmp_path, "from game.cli import main; assert main(['validate']) == 0")
    assert cold[-1] != "[]" and warm[-1] == "[]"
    assert cold[:-1] == warm[:-1] and any(line.endswith(": ok") for line in warm)   # the same report, word for word


def test_the_catalogs_cached_fields_are_the_catalogs_own(tmp_path, monkeypatch):
    from game.content import loader
    monkeypatch.setenv("REGIONAL_ACCORD_CACHE", str(tmp_path))
    loader.catalog_dicts.cache_clear()
    first = loader.catalog_dicts()                   # from the catalog, then stored
    loader.catalog_dicts.cache_clear()
    again = loader.catalog_dicts()                   # read back from the cache
    cat = loader.load_catalog()
    assert first == again == {k: [b.model_dump(exclude_none=True) for b in getattr(cat, k)]
                              for k in ("threats", "actions", "events")}
    loader.catalog_dicts.cache_clear()
