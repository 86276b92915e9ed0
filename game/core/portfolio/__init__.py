"""The account portfolio campaign ("protect your turf"): rank the accounts,
plan contact within a weekly time budget, play the quarter, read the debrief.

Core code (part of `game.core`): no pygame, no UI, no storage. Formulas: docs/portfolio-model.md.
"""
