"""The command line: `python main.py [COMMAND] …` (commands.py parses and
dispatches; one module per group of commands).

A shell: imports app, core, authoring, storage and delivery, never the window
or the terminal; those arrive as `Shells` loaders from `game.launch`.
"""
