"""Where the bundled templates, CSS and fonts are (wheel copy or checkout)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from ..errors import RenderError


def templates_dir() -> Path:
    candidates = (
        Path(str(files("auditor") / "templates")),  # wheel: force-included copy
        Path(__file__).resolve().parents[2] / "templates",  # checkout or editable install
    )
    for candidate in candidates:
        if (candidate / "report.html.j2").is_file():
            return candidate
    raise RenderError("the report templates are missing; reinstall auditor")
