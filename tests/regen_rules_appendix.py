"""Rewrites the appendix tables of docs/rules.md from the base ruleset (run after changing game/data/scenarios/base/catalog.yaml)."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rules_fixtures import ROOT, appendix_tables, base_ruleset


def main() -> None:
    path = ROOT / "docs" / "rules.md"
    text = path.read_text(encoding="utf-8")
    tables = appendix_tables(base_ruleset())
    for heading, key, first in (("## Appendix A", "actions", "| action |"), ("## Appendix B", "events", "| event |"),
                                ("## Appendix C", "threats", "| threat |")):
        i = text.index(heading)
        j = text.index(first, i)
        k = text.find("\n\n", j)
        k = len(text.rstrip("\n")) if k < 0 else k
        text = text[:j] + tables[key] + text[k:]
    path.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
