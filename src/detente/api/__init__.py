"""The REST API (``detente serve``, docs/api.md): a thin layer over the library.

    from detente.api import create_app
    app = create_app("detente.duckdb", token=None, max_body=8_000_000, analyze_slots=2)

Reads go to ``detente.query`` and ``detente.analytics``, ``POST /analyze`` to
``detente.analyze``, ``POST /ingest`` to ``detente.pipeline.ingest_items``.
Importing this package imports FastAPI but opens nothing: the store is opened
on the first request, the spaCy model on the first analysis.
"""

from detente.api.app import create_app

__all__ = ["create_app"]
