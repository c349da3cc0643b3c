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


class IncompleteError(AuditorError):
    """The output was written, but some files or records could not be read: it is complete
    as marked (the inventory says what is missing), and the exit code says so."""

    exit_code = 7


class InterruptedError_(AuditorError):
    """Ctrl-C: the conventional 128 + SIGINT. (The trailing _ keeps Python's own name free.)"""

    exit_code = 130


class WorkerDiedError(AuditorError):
    """A worker process was killed (most likely by the system, out of memory)."""

    exit_code = 8
