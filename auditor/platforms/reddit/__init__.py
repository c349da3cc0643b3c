"""Reddit as an auditor platform: `PLATFORM` is what the registry lists."""

from .. import PackagePlatform
from .vocabulary import VOCABULARY

PLATFORM = PackagePlatform("reddit", VOCABULARY, __name__, detector="detect")
