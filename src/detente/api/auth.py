"""Who may write: a bearer token, or nobody.

Without a configured token the server is read-only and write endpoints
answer 403; with one, a request must carry ``Authorization: Bearer <token>``,
compared in constant time so response timing tells nothing about it.
"""

from __future__ import annotations

import hmac
import os
from pathlib import Path
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from detente.api.context import Context, context
from detente.errors import ReadOnly, Unauthorized
from detente.errors import InputError, InputNotFoundError

TOKEN_ENV = "DETENTE_API_TOKEN"
MIN_TOKEN = 16
bearer = HTTPBearer(auto_error=False, description="the token of DETENTE_API_TOKEN or --token-file")


def load_token(token_file: str | Path | None = None) -> str | None:
    """The write token: the file's first line if given, else DETENTE_API_TOKEN;
    None (read-only) when neither is set."""
    if token_file is not None:
        path = Path(token_file)
        if not path.is_file():
            raise InputNotFoundError(f"{path}: no such token file; check the path")
        lines = path.read_text(encoding="utf-8").splitlines()
        token = lines[0].strip() if lines else ""
        if not token:
            raise InputError(f"{path}: the token file is empty; write the token on its first line")
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
        if not token:
            return None
    if len(token) < MIN_TOKEN or not token.isascii() or not token.isprintable():
        raise InputError(f"the API token must be at least {MIN_TOKEN} printable ASCII characters; "
                         "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'")
    return token


def require_token(ctx: Annotated[Context, Depends(context)],
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    if ctx.token is None:
        raise ReadOnly(f"read-only server: set {TOKEN_ENV} (or start it with --token-file) to enable writes")
    given = credentials.credentials if credentials is not None else ""
    if not hmac.compare_digest(given.encode("utf-8"), ctx.token.encode("utf-8")):
        raise Unauthorized("missing or wrong token; send the header 'Authorization: Bearer <token>'")
