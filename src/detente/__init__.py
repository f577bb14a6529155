"""detente: news in, political event data out.

    >>> import detente
    >>> analysis = detente.analyze(text, date="2024-04-25")
    >>> for event in analysis.events: ...

Importing detente loads nothing heavy: the spaCy model, the gazetteer and
the dictionaries are loaded on first use, once per process.
"""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "Options", "Analysis", "Article", "Event", "Actor", "Place"]


def __getattr__(name: str):
    if name in ("analyze", "analyze_many", "Options"):
        from detente import analysis

        return getattr(analysis, name)
    if name in ("Analysis", "Article", "Event", "Actor", "Place"):
        from detente import schema

        return getattr(schema, name)
    raise AttributeError(f"module 'detente' has no attribute {name!r}")
