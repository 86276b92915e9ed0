"""Trainer tools over the core: the JSON schemas, the starter scenario
(`new`), graph export and layout, the analysis report, reload on F5, and the
portfolio report.

May import `game.core` only.
"""
