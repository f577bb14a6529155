"""Request size limit, enforced before the body is read.

A declared ``Content-Length`` over the limit is refused at once; a body
without one (chunked) is read up to the limit and refused as soon as it
passes it. The accepted body is handed to the app as one message, so the
app never holds more than ``max_body`` bytes of a request.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.api.errors import error_response, status_of
from detente.errors import BodyTooLarge, InvalidRequest


class BodyLimit:
    def __init__(self, app: ASGIApp, max_body: int):
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or ()).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await self._refuse(scope, receive, send, InvalidRequest("Content-Length is not a number"))
                return
            if int(declared) > self.max_body:
                await self._refuse(scope, receive, send, self._too_large(int(declared)))
                return
        body = await self._read(receive)
        if body is None:
            await self._refuse(scope, receive, send, self._too_large(None))
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return b"".join(chunks)  # the client left; the app will see an empty body
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                return None
            if not message.get("more_body", False):
                return b"".join(chunks)

    def _too_large(self, size: int | None) -> BodyTooLarge:
        what = f"{size:,} bytes, " if size is not None else ""
        return BodyTooLarge(f"the request body is {what}over this server's limit of {self.max_body:,} bytes; "
                            "send less (split the articles), or start the server with a larger --max-body")

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, error) -> None:
        response = error_response(status_of(error), error.code, error.message, {"Connection": "close"})
        await response(scope, receive, send)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the disconnect, as the server would

    return replay
