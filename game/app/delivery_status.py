"""What a lead and a trainee are told about delivery to the LRS: why
attempts wait and when the next try is, as plain text (the window's title
line and `main.py lrs status` say the same)."""
from __future__ import annotations

import time
from datetime import datetime


def next_try_words(next_try: float | None, now: float | None = None) -> str:
    """'next try at 10:42:05 (in 35 s)', 'next try now', or '' when none is planned."""
    if not next_try:
        return ""
    now = time.time() if now is None else now
    wait = next_try - now
    if wait <= 1:
        return "next try now"
    at = datetime.fromtimestamp(next_try).strftime("%H:%M:%S")
    if wait < 120:
        return f"next try at {at} (in {int(wait)} s)"
    return f"next try at {at} (in {int(wait // 60)} min)"


def waiting_line(waiting: int | None, problem: str | None, next_try: float | None = None,
                 now: float | None = None) -> str:
    """'3 attempts waiting to send: <why>; next try at …', or '' when nothing waits."""
    if not waiting:
        return ""
    line = f"{waiting} attempt{'s' if waiting != 1 else ''} waiting to send"
    why = problem or "not sent yet"
    when = next_try_words(next_try, now)
    return f"{line}: {why}" + (f"; {when}" if when else "")
