"""Regional Accord: sim package."""
