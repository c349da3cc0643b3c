"""How the sample builders write their zips: fixed member times, so that the same seed gives
the same bytes, and owner-only like every other output."""

from __future__ import annotations

import zipfile
from pathlib import Path

ZIP_TIME = (2026, 7, 25, 12, 0, 0)


def write_zip(path: Path, files: dict[str, bytes]) -> None:
    from ..output import private_file

    with (
        private_file(path) as stream,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf,
    ):
        for name, data in files.items():
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data)
