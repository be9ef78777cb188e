"""Saring: finds personal data and exempted information before a public body publishes a file."""

__version__ = "0.1.0"
