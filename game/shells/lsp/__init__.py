"""The language server (`main.py lsp`): speaks the Language Server Protocol
over standard input and output with pygls, for any editor with an LSP
client. It decides nothing itself: what a scenario's diagnostics are, what
to complete, where a node is and what its ceiling is all come from
`game.authoring.editor`, which runs the real validator.

Like every shell it may import `game.app`, `game.core`, `game.authoring`,
`game.storage` and `game.delivery`, never another shell; only
`game.launch` imports it.
"""
