"""checker: finds evidence for national drug-treatment commissioning frameworks in local plans."""

__version__ = "0.1.0"
