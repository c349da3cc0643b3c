"""auditor: which of your X posts and interactions may be used to train AI."""

__version__ = "0.1.0"
