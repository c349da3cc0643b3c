"""Facebook as an auditor platform: `PLATFORM` is what the registry lists."""

from .. import PackagePlatform
from .vocabulary import VOCABULARY

PLATFORM = PackagePlatform("facebook", VOCABULARY, __name__)
