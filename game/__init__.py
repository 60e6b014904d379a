"""Regional Accord: game package."""
