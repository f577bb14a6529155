"""Analytics over the store (docs/analytics.md):

    from detente.analytics.relations import relations, counterparts
    from detente.analytics.network import network
    from detente.analytics.alerts import alerts
    from detente.analytics.plot import plot_relations, sparkline

Every query takes ``db`` (a DuckDB path, a postgresql:// URL, None for the
default store, or an open ``Store``) and returns pandas DataFrames; invalid
filters raise ``QueryError``. pandas and matplotlib load on first call.
"""
