"""The core: the scenario model, the YAML reader, loader and validator with
their checks, conditions, the state machines, the playthrough (engine, turns,
result), scoring, the explorer (and `dag_values`, its exact search on
loop-free state spaces), quality and analysis, the house rules, personas/flex and
styles, did-you-mean, errors, and the portfolio model (`core.portfolio`).

Pure: imports only `game.core` (and the standard library, `yaml` in the
reader, `transitions` in the machines). No pygame, storage, network or
threads; everything a test or a script needs runs without a display.
"""
