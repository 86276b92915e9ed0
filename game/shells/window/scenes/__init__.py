"""The window's scenes, one screen each (part of the window shell)."""
