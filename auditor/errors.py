"""One exception family; the CLI turns it into a one-line message and an exit code."""


class AuditorError(Exception):
    """Base: `str(error)` is one line saying what is wrong and what to do."""

    exit_code = 1


class UsageError(AuditorError):
    exit_code = 2


class ArchiveError(AuditorError):
    """The input is not a readable X archive."""

    exit_code = 3


class LimitError(ArchiveError):
    """A safety limit was hit (size, ratio, member count)."""

    exit_code = 4


class DecodeError(AuditorError):
    """One data file could not be decoded; the reader records it and goes on."""

    exit_code = 3


class PolicyError(AuditorError):
    """A rule file is invalid: a packaging bug, never the user's fault."""

    exit_code = 6


class SettingsError(UsageError):
    """A declared setting has an invalid value."""


class RenderError(AuditorError):
    exit_code = 5


class WorkerDiedError(AuditorError):
    """A worker process was killed (most likely by the system, out of memory)."""

    exit_code = 8
