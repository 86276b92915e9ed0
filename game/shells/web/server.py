"""`main.py serve`: uvicorn runs the app (one process, or `--workers N`,
each with its own connection to the same store)."""
from __future__ import annotations

import sys

APP = "game.shells.web.app:create_app"


def run(host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> int:
    import uvicorn
    from game.storage.files import StorageError
    from game.storage.web_secret import session_secret
    try:
        session_secret()  # made once here, so the workers do not race to make it
    except StorageError as exc:
        print(f"main.py serve: error: {exc}", file=sys.stderr)
        return 1
    shown = f"[{host}]" if ":" in host else host
    print(f"Five Levers is being served at http://{shown}:{port}/ (Ctrl-C stops it).", file=sys.stderr)
    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers if workers > 1 else None,
                proxy_headers=True, server_header=False, log_level="warning")
    return 0
