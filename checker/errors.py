"""The checker's own exceptions: each carries a one-line message a user can act on."""


class CheckerError(Exception):
    """Base class for errors reported to the user as one line."""


class UnreadableDocument(CheckerError):
    """A document could not be read (corrupt, encrypted, scanned, empty, unsupported)."""


class RuleError(CheckerError):
    """A rule file or concept lexicon is malformed."""


class UsageError(CheckerError):
    """A bad flag, framework or item id."""
