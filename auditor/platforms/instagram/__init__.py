"""Instagram (with Threads) as an auditor platform: `PLATFORM` is what the registry lists."""

from .. import PackagePlatform
from .vocabulary import VOCABULARY

PLATFORM = PackagePlatform("instagram", VOCABULARY, __name__)
