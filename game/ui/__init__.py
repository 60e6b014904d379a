"""Regional Accord: ui package."""
