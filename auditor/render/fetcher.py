"""The only door WeasyPrint has to the outside: bundled template assets, nothing else.

Anything else (http, data:, file paths outside templates/) aborts the render, because our
templates never turn archive text into URLs: a refused fetch means a bug, never a feature.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class AssetsOnlyFetcher(URLFetcher):
    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self._root = root.resolve()
        self.denied: list[str] = []

    def fetch(self, url, headers=None):
        asset = self._asset_path(url)
        if asset is None:
            self.denied.append(url[:100])
            raise FatalURLFetchingError(f"blocked resource {url[:60]!r}")
        mime = mimetypes.guess_type(asset.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, asset.read_bytes(), {"Content-Type": mime})

    def _asset_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost") or parts.query:
            return None
        candidate = Path(unquote(parts.path)).resolve()
        if candidate.is_relative_to(self._root) and candidate.is_file():
            return candidate
        return None
