"""The shells a person uses: the game window (`window`), the terminal
version (`terminal`), the command line (`cli`), the browser version (`web`)
and the language server for editors (`lsp`).

A shell may import `game.app`, `game.core`, `game.authoring`, `game.storage`
and `game.delivery`, and its own package; never another shell. Only the
composition root (`game.launch`) imports a shell.
"""
