"""Regional Accord: ai package."""
