"""Optional sound: a few soft tones made in memory (no files to ship).

Off by default. If audio cannot start (no device, no driver), sound turns
itself off and the game carries on.
"""
from __future__ import annotations

import io
import math
import struct
import wave

import pygame

RATE = 22050
TONES = {  # name -> [(frequency Hz, seconds)]
    "select": [(660, 0.05)],
    "soothe": [(523, 0.09), (784, 0.14)],
    "escalate": [(330, 0.12), (247, 0.18)],
    "end": [(523, 0.1), (659, 0.1), (784, 0.22)],
}


def _wav(notes) -> bytes:
    frames = bytearray()
    for freq, seconds in notes:
        count = int(RATE * seconds)
        for i in range(count):
            fade = min(1.0, i / (RATE * 0.01), (count - i) / (RATE * 0.03))
            frames += struct.pack("<h", int(9000 * fade * math.sin(2 * math.pi * freq * i / RATE)))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(bytes(frames))
    return out.getvalue()


class Sounds:
    def __init__(self):
        self._sounds: dict[str, pygame.mixer.Sound] | None = None
        self.failed: str | None = None

    def _load(self) -> bool:
        if self._sounds is not None:
            return True
        if self.failed:
            return False
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=RATE, size=-16, channels=1)
            self._sounds = {name: pygame.mixer.Sound(file=io.BytesIO(_wav(notes))) for name, notes in TONES.items()}
            return True
        except (pygame.error, OSError, ValueError) as exc:
            self.failed = str(exc) or "no audio device"
            return False

    def play(self, name: str, enabled: bool) -> None:
        if not enabled or not self._load():
            return
        try:
            self._sounds[name].play()
        except (pygame.error, KeyError):
            pass
