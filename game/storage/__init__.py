"""Storage: saves, settings and the scoreboard. A shell around the core."""
