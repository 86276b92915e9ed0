"""Trainer tools over the core: the JSON schemas, the starter scenario
(`new`), graph export and layout, the analysis report, reload on F5, the
portfolio report, the library's house rules (`library_rules`: content map,
trainer's packs, with the core's `house_rules`) and what an editor's
language server knows (`editor`).

May import `game.core` only.
"""
