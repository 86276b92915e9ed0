"""Write a package (a zip of named files) as a regular file, replaced only
when complete (`files.atomic_open`). An existing link, folder, pipe or
device is refused, as exports do."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from game.storage.files import StorageError, atomic_open

FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # the same content gives the same bytes


def write_zip(path: Path, members: dict[str, bytes]) -> None:
    path = Path(path)
    if os.path.islink(path) or (path.exists() and not path.is_file()):
        raise StorageError(f"{path} exists and is not a regular file (a link, a pipe, a device or a folder); "
                           "name a regular file or a new path")
    with atomic_open(path, binary=True) as handle:
        with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as package:
            for name, data in members.items():
                info = zipfile.ZipInfo(name, FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                package.writestr(info, data)
