"""Regional Accord: runner package."""
