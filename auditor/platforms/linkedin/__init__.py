"""LinkedIn as an auditor platform: `PLATFORM` is what the registry lists."""

from .. import PackagePlatform
from .vocabulary import VOCABULARY

PLATFORM = PackagePlatform("linkedin", VOCABULARY, __name__, detector="detect")
