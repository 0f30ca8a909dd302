"""Request bodies must arrive within a deadline, so a slow client cannot hold a server thread.

gunicorn's gthread workers read a request body on the thread that answers it: a client that
announces `Content-Length: 500000` and sends one byte holds that thread for as long as it
likes. `BodyDeadline` (WSGI middleware) reads the announced body first, at most `seconds` in
all per wait on the socket, then hands the app an in-memory copy; a body that does not arrive
in time is dropped, the socket's reading side is shut (gunicorn then closes the connection
instead of waiting for the rest), and the app answers 408 (`atlas.web`). Bodies above the
app's limit are not read at all: Flask answers them 413 from the header alone.
"""

from __future__ import annotations

import contextlib
import io
import socket
import time
from collections.abc import Callable, Iterable

TIMED_OUT = "atlas.body_timed_out"  # environ key the app answers 408 for
_CHUNK = 64 * 1024


class BodyDeadline:
    """Read each request body within `seconds` before `app` runs (gunicorn only)."""

    def __init__(self, app: Callable, seconds: float, max_bytes: int) -> None:
        self.app, self.seconds, self.max_bytes = app, seconds, max_bytes

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        sock = environ.get("gunicorn.socket")
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # the app's own parser refuses it
        if sock is not None and 0 < length <= self.max_bytes:
            try:
                body = self._read(environ["wsgi.input"], sock, length)
            except TimeoutError:
                environ[TIMED_OUT] = True
                body = b""
                _stop_reading(sock)
            finally:
                sock.settimeout(None)
            environ["wsgi.input"] = io.BytesIO(body)
            environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)

    def _read(self, stream, sock: socket.socket, length: int) -> bytes:
        deadline = time.monotonic() + self.seconds
        chunks: list[bytes] = []
        got = 0
        while got < length:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError
            sock.settimeout(left)
            chunk = stream.read(min(_CHUNK, length - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        return b"".join(chunks)


def _stop_reading(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RD)
