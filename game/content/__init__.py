"""Regional Accord: content package."""
