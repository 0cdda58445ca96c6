"""The Characters sidebar tab: cast with mention counts, suggestions, highlights and a chart per chapter."""
