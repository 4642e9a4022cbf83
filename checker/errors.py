"""The checker's own exceptions and exit codes: each error is one line a user can act on."""

EXIT_OK, EXIT_THRESHOLD, EXIT_USAGE, EXIT_UNREADABLE = 0, 1, 2, 3


class CheckerError(Exception):
    """Base class for errors reported to the user as one line."""


class UnreadableDocument(CheckerError):
    """A document could not be read (corrupt, encrypted, scanned, empty, unsupported)."""


class RuleError(CheckerError):
    """A rule file or concept lexicon is malformed."""


class UsageError(CheckerError):
    """A bad flag, framework or item id."""


class WorkerFailed(UnreadableDocument):
    """A worker process reading or analysing a document died (a crash in a reader library,
    the out-of-memory killer): the document is reported unreadable, the run goes on."""
