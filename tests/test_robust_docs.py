"""docs/limits.md states the limits the code enforces (each number read from the code), and README links it."""
from __future__ import annotations

from pathlib import Path

from game.app import pins
from game.content import savemodel, yamlsafe
from game.content.loader import LOOKAHEAD_NATIONS
from game.sim import orders

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")


def test_limits_page_matches_the_code():
    expected = [
        f"{yamlsafe.MAX_BYTES:,} bytes", f"{yamlsafe.MAX_NODES:,}", f"| nesting depth | {yamlsafe.MAX_DEPTH} |",
        f"{savemodel.MAX_BYTES // 2 ** 20} MB", f"{savemodel.MAX_DEPTH} levels", f"| digits in one number | {savemodel.MAX_DIGITS} ",
        f"{savemodel.MAX_TURNS} states", f"more than {LOOKAHEAD_NATIONS} nations", f"After {pins.MAX_FREE} wrong",
        f"{pins.WAIT_FIRST:.0f} s", f"at most {pins.WAIT_MAX / 60:.0f} minutes", f"at most {orders.MAX_ORDERS} orders",
        "`--workers` 1 to 256", "`--turns` 1 to 200",
    ]
    for words in expected:
        assert words in TEXT, f"docs/limits.md does not say: {words}"


def test_readme_links_the_limits_page():
    assert "(docs/limits.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
