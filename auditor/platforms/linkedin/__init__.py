"""LinkedIn as an auditor platform: `PLATFORM` is what the registry lists."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from ...container import Container
from .. import Lazy, ReadOptions, SampleRequest, Vocabulary
from .vocabulary import VOCABULARY

if TYPE_CHECKING:
    from ..neutral import PlatformData

_detect = Lazy(f"{__name__}.detect")
_reader = Lazy(f"{__name__}.reader")
_sample = Lazy(f"{__name__}.sample")


@dataclass(frozen=True)
class LinkedIn:
    name: str = "linkedin"
    vocabulary: Vocabulary = VOCABULARY

    @property
    def rules_dir(self) -> Traversable:
        return files("auditor.platforms.linkedin") / "rules"

    def detect(self, container: Container) -> float:
        return _detect.detect(container)

    def read(self, container: Container, options: ReadOptions | None = None) -> PlatformData:
        return _reader.read(container, options)

    def build_sample(
        self, path: Path, options: _sample.SampleOptions | SampleRequest | None = None
    ) -> _sample.SampleTruth:
        if isinstance(options, SampleRequest):
            options = _sample.from_request(path, options)
        return _sample.build_sample(path, options or _sample.SampleOptions())


PLATFORM = LinkedIn()
