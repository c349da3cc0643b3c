"""X (Twitter) as an auditor platform: layout detection, decoding, typed tables, inventory,
rules, vocabulary and the sample builder. `PLATFORM` is what the registry lists."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...container import Container
from ...errors import ArchiveError
from .. import ReadOptions, SampleRequest, Vocabulary
from .vocabulary import VOCABULARY

if TYPE_CHECKING:
    from ..neutral import PlatformData


@dataclass(frozen=True)
class X:
    name: str = "x"
    vocabulary: Vocabulary = VOCABULARY

    @property
    def rules_dir(self) -> Traversable:
        return files("auditor.platforms.x") / "rules"

    def detect(self, container: Container) -> float:
        """1 when a marker file of some layout is there (names only), else 0."""
        from .layout import detect

        try:
            detect([m.path for m in container.members if not m.path.endswith("/")])
        except ArchiveError:
            return 0.0
        return 1.0

    def read(self, container: Container, options: ReadOptions | None = None) -> PlatformData:
        from .convert import platform_data
        from .reader import read_archive

        options = options or ReadOptions()
        return platform_data(read_archive(container, options.on_file, options.jobs))

    def build_sample(self, path: Path, options: Any = None) -> Any:
        from .sample import build_sample

        if isinstance(options, SampleRequest):
            options = dataclasses.asdict(options)
        return build_sample(path, **(options or {}))


PLATFORM = X()
