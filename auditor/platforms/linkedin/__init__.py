"""LinkedIn as an auditor platform: `PLATFORM` is what the registry lists."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from ...container import Container
from .. import ReadOptions, SampleRequest, Vocabulary
from ..neutral import PlatformData
from . import detect as _detect
from . import reader as _reader
from . import sample as _sample
from .vocabulary import VOCABULARY


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
