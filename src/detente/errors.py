"""Every error detente raises on purpose.

Each message says what went wrong, why, and what to do. The CLI prints the
message on one line and exits with ``exit_code``; the API (later) maps the
same classes to 4xx responses.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class: all errors the library raises deliberately."""

    exit_code = 1
    code = "E000"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class InputError(DetenteError):
    """An input (file, line, text) cannot be analysed."""

    code = "E100"


class EmptyInputError(InputError):
    code = "E101"


class BinaryInputError(InputError):
    code = "E102"


class EncodingError(InputError):
    code = "E103"


class InputTooLargeError(InputError):
    code = "E104"


class RecordError(InputError):
    """A JSONL/CSV record is malformed (not JSON, missing ``text``, ...)."""

    code = "E105"


class InputNotFoundError(InputError):
    code = "E106"
    exit_code = 2


class NoArticleTextError(InputError):
    """An HTML page or feed item holds no article text."""

    code = "E107"


class FetchError(InputError):
    """A URL cannot be fetched (scheme, network, HTTP status, timeout, size cap)."""

    code = "E108"


class FeedError(InputError):
    """A feed is not XML, or not RSS/Atom."""

    code = "E109"


class LanguageError(InputError):
    """An article is confidently not in English, the only language detente codes."""

    code = "E110"


class DataFileError(DetenteError):
    """A data file (actor dictionary, lexicon, ontology) is malformed."""

    code = "E200"
    exit_code = 2


class ModelNotFoundError(DetenteError):
    """The spaCy model cannot be loaded."""

    code = "E300"
    exit_code = 3


class OntologyError(DetenteError):
    """A code is not a member of the ontology."""

    code = "E400"


class StoreError(DetenteError):
    """The store cannot be opened, created, migrated or written."""

    code = "E500"
    exit_code = 4


class StoreLockedError(StoreError):
    """Another process holds the database."""

    code = "E501"


class StoreVersionError(StoreError):
    """The database was written by a newer detente."""

    code = "E502"


class QueryError(DetenteError):
    """A query's filters are invalid (unknown code, bad date, bad format)."""

    code = "E600"
    exit_code = 2


class ExportError(DetenteError):
    """An export cannot be written (unknown format, missing folder, file
    exists, nothing matches the filters)."""

    code = "E700"
    exit_code = 2


class UnsafeXmlError(InputError):
    """A feed or page declares XML entities: a possible XML bomb or an
    external entity that would read local files; refused before parsing."""

    code = "E111"


class StoreFullError(StoreError):
    """The disk holding the store is full; the batch being written was rolled back."""

    code = "E503"


class ScaleError(DetenteError):
    """An engine cannot run (missing extra, unreachable cluster)."""

    code = "E900"
    exit_code = 2


class RayMissingError(ScaleError):
    code = "E901"


# The API's own refusals, each with its HTTP status (detente.api.errors).


class ApiError(DetenteError):
    """A refusal of the API itself, with its HTTP status."""

    code = "E800"
    status = 400


class InvalidRequest(ApiError):
    code, status = "E801", 422


class NotFound(ApiError):
    code, status = "E802", 404


class BodyTooLarge(ApiError):
    code, status = "E803", 413


class Busy(ApiError):
    code, status = "E804", 429


class Unauthorized(ApiError):
    code, status = "E805", 401


class ReadOnly(ApiError):
    code, status = "E806", 403
