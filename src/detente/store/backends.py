"""DuckDB and PostgreSQL behind one small interface.

The store writes SQL once, with ``?`` placeholders and double-quoted
identifiers, which both databases accept (psycopg's ``%s`` is substituted
here). Values are always passed as parameters, never formatted into SQL.
What differs is column types and bulk loading: DuckDB inserts a whole batch
from an Arrow table in one statement (row-by-row inserts are about 100 times
slower there), PostgreSQL takes ``executemany`` in psycopg's pipeline mode.
"""

from __future__ import annotations

import errno
from abc import ABC, abstractmethod
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from detente.errors import StoreError, StoreFullError, StoreLockedError
from detente.store.tables import Table

TYPES = {
    "duckdb": {"text": "VARCHAR", "int": "BIGINT", "float": "DOUBLE", "bool": "BOOLEAN", "date": "DATE",
               "timestamp": "TIMESTAMP", "bytes": "BLOB", "json": "VARCHAR"},
    "postgres": {"text": "TEXT", "int": "BIGINT", "float": "DOUBLE PRECISION", "bool": "BOOLEAN", "date": "DATE",
                 "timestamp": "TIMESTAMP", "bytes": "BYTEA", "json": "TEXT"},
}


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Backend(ABC):
    """A connection with the few operations the store needs."""

    dialect: str

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one statement with ``?`` parameters."""

    @abstractmethod
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """A query's rows as tuples."""

    @abstractmethod
    def frame(self, sql: str, params: Sequence[Any] = ()):
        """A query's result as a pandas DataFrame."""

    @abstractmethod
    def insert(self, table: Table, rows: list[tuple], *, fresh: bool = False) -> None:
        """Bulk-insert rows in the table's column order, skipping existing keys.
        ``fresh``: the caller vouches that no row's key is stored yet and that
        the rows' keys are unique (``unique_rows``), so a backend may skip the
        conflict check."""

    @abstractmethod
    def table_columns(self, table: str) -> list[str]:
        """The table's column names in order; [] when it does not exist."""

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.execute("BEGIN")
        try:
            yield
        except BaseException:
            self._rollback()
            raise
        self.execute("COMMIT")

    def _rollback(self) -> None:
        # After a full disk or a lost connection the database has already
        # aborted the transaction and ROLLBACK fails too; the error that
        # caused it is the one to report, so this one is dropped.
        try:
            self.execute("ROLLBACK")
        except StoreError:
            pass

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""


def unique_rows(table: Table, rows: list[tuple]) -> list[tuple]:
    """The first row of each key, as ON CONFLICT DO NOTHING would keep."""
    at = [table.names.index(k) for k in table.key]
    seen: set[tuple] = set()
    kept = []
    for row in rows:
        key = tuple(row[i] for i in at)
        if key not in seen:
            seen.add(key)
            kept.append(row)
    return kept


class DuckDBBackend(Backend):
    dialect = "duckdb"

    def __init__(self, path: str):
        import duckdb

        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(path)
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise StoreLockedError(
                    f"{path}: the database is in use by another process (DuckDB allows one writer); "
                    "wait for it to finish, or give another --db") from None
            if _no_space(exc):
                raise _full(path) from None
            raise StoreError(f"{path}: cannot open the DuckDB database ({exc}); check the path") from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._errors():
            self.con.execute(sql, list(params))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._errors():
            return self.con.execute(sql, list(params)).fetchall()

    def frame(self, sql: str, params: Sequence[Any] = ()):
        with self._errors():
            return self.con.execute(sql, list(params)).df()

    def insert(self, table: Table, rows: list[tuple], *, fresh: bool = False) -> None:
        if not rows:
            return
        import pyarrow as pa

        batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(table.names)})
        names = ", ".join(quote(n) for n in table.names)
        # DuckDB's conflict check costs ~5 ms per statement whatever its size
        # (measured: 8.3 against 2.7 ms for 448 rows): most of a 64-article
        # batch's write time. Fresh rows (one writer, keys checked) skip it.
        conflict = "" if fresh else " ON CONFLICT DO NOTHING"
        with self._errors(), self._fresh_conflict(table):
            self.con.register("_detente_batch", batch)
            try:
                self.con.execute(f"INSERT INTO {quote(table.name)} ({names}) SELECT {names} FROM _detente_batch"
                                 + conflict)
            finally:
                self._unregister()

    def _unregister(self) -> None:
        import duckdb

        # After a failed statement DuckDB refuses everything but ROLLBACK; the
        # statement's error is the one to report (the next register replaces it).
        with suppress(duckdb.TransactionException):
            self.con.unregister("_detente_batch")

    @contextmanager
    def _fresh_conflict(self, table: Table) -> Iterator[None]:
        """Fresh rows meeting stored ones: only when two Store objects write
        one file at once in a process (DuckDB locks it against other
        processes). The batch is rolled back; a rerun stores what is missing."""
        import duckdb

        try:
            yield
        except duckdb.ConstraintException:
            raise StoreError(f"{self.path}: rows of this batch were stored meanwhile by another writer in this "
                             f"process (table {table.name}); nothing of the batch was kept: run the ingest again, "
                             "it stores what is missing, and write through one Store at a time") from None

    def table_columns(self, table: str) -> list[str]:
        return [r[0] for r in self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            (table,))]

    def close(self) -> None:
        with self._errors():
            self.con.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        import duckdb

        try:
            yield
        except duckdb.Error as exc:
            error = _translated(self.path, exc, lost=False)
            if error is None:
                raise
            raise error from exc


class PostgresBackend(Backend):
    dialect = "postgres"

    def __init__(self, url: str):
        import psycopg

        self.url = url
        try:
            self.con = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "connection refused"
            raise StoreError(f"{_safe(url)}: cannot connect to PostgreSQL ({reason}); "
                             "check that the server runs and the URL, user and password are right") from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._errors():
            self.con.execute(_pg(sql), list(params))

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self._errors():
            return self.con.execute(_pg(sql), list(params)).fetchall()

    def frame(self, sql: str, params: Sequence[Any] = ()):
        import pandas as pd

        with self._errors():
            cursor = self.con.execute(_pg(sql), list(params))
            names = [d.name for d in cursor.description]
            return pd.DataFrame(cursor.fetchall(), columns=names)

    def insert(self, table: Table, rows: list[tuple], *, fresh: bool = False) -> None:
        """COPY into a session-private staging table, then one INSERT ...
        SELECT with the conflict check (kept even for fresh rows: PostgreSQL
        allows other writers). An INSERT per row (executemany) stored about
        10,000 rows/s; COPY is PostgreSQL's bulk path."""
        if not rows:
            return
        names = ", ".join(quote(n) for n in table.names)
        staging = quote(f"_detente_staging_{table.name}")
        with self._errors(), self.con.cursor() as cursor:
            # Made (if missing) and emptied every time: a rolled-back batch
            # takes a staging table made inside it along, and an insert that
            # failed outside a transaction leaves its rows behind.
            cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS {staging} (LIKE {quote(table.name)})")
            cursor.execute(f"TRUNCATE {staging}")
            with cursor.copy(f"COPY {staging} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(f"INSERT INTO {quote(table.name)} ({names}) SELECT {names} FROM {staging} "
                           "ON CONFLICT DO NOTHING")

    def table_columns(self, table: str) -> list[str]:
        return [r[0] for r in self.rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = current_schema() ORDER BY ordinal_position", (table,))]

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        import psycopg

        try:
            yield
        except psycopg.OperationalError as exc:  # the server or its disk, not the SQL
            error = _translated(_safe(self.url), exc, lost=self.con.broken)
            if error is None:
                raise
            raise error from exc


def _pg(sql: str) -> str:
    # '?' placeholders to psycopg's '%s'; a literal '%' must be doubled first.
    return sql.replace("%", "%%").replace("?", "%s")


def _no_space(exc: Exception) -> bool:
    """Whether a driver error means the disk is full (DuckDB reports the OS
    error in its message, PostgreSQL the SQLSTATE disk_full)."""
    text = str(exc).lower()
    return ("no space left on device" in text or getattr(exc, "sqlstate", None) == "53100"
            or getattr(exc, "errno", None) == errno.ENOSPC)


def _full(where: str) -> StoreFullError:
    return StoreFullError(f"{where}: no space left on the device holding the store; "
                          "free space or use --db elsewhere (the batch being written was rolled back)")


def _translated(where: str, exc: Exception, lost: bool) -> StoreError | None:
    """A driver error as the StoreError that says what to do: a full disk, a
    lost server (``lost``), a database DuckDB stopped after an I/O error;
    None for anything else (a bug in the SQL keeps its own error)."""
    if _no_space(exc):
        return _full(where)
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
    if lost:
        return StoreError(f"{where}: lost the connection to PostgreSQL ({reason}); the batch being written was "
                          "rolled back: check that the server runs, then run again")
    if type(exc).__name__ in ("IOException", "FatalException"):
        return StoreError(f"{where}: the database could not be read or written ({reason}); the batch being "
                          "written was rolled back: check the disk, then run again")
    return None


def _safe(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def connect(db: str) -> Backend:
    if is_postgres(db):
        return PostgresBackend(db)
    return DuckDBBackend(db)
