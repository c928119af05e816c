"""A frontend's revalidation endpoint for webhook tests: a real HTTP server in a thread.

The `receiver` and `closed_port_url` fixtures in tests/conftest.py hand these out, so the
delivery tests (tests/home) and the fault tests (tests/reliability) talk to the same server.
"""

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class ReceivedRequest:
    path: str
    headers: dict[str, str]
    body: bytes
    arrived: float  # time.monotonic() when it came in, to measure retry waits

    def json(self) -> dict:
        return json.loads(self.body)


@dataclass
class Receiver:
    """Records every POST; answers `statuses` in turn (the last one again once they run out),
    each after `delay` seconds."""

    url: str = ""
    statuses: list[int] = field(default_factory=lambda: [200])
    delay: float = 0
    requests: list[ReceivedRequest] = field(default_factory=list)

    def events(self) -> list[str]:
        return [r.headers["X-Govcms-Event"] for r in self.requests]

    @property
    def arrivals(self) -> list[float]:
        return [r.arrived for r in self.requests]

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> int:
        self.requests.append(ReceivedRequest(path, headers, body, time.monotonic()))
        status = self.statuses[min(len(self.requests), len(self.statuses)) - 1]
        time.sleep(self.delay)
        return status


@contextmanager
def running_receiver() -> Iterator[Receiver]:
    receiver = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (the HTTP method's name)
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = receiver.answer(self.path, dict(self.headers), body)
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b"revalidated" if status == 200 else b"frontend broke")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/api/revalidate"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """A URL nothing listens on: the port of a socket that was bound and closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/api/revalidate"
