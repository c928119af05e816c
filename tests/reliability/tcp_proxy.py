"""A TCP proxy the tests switch between three states of a server: answering,
refusing connections, and black-holed (connections accepted, never answered).

It stands in front of a real server (the shared Elasticsearch) so a test can
break the network path without touching the server other tests use.
"""

import contextlib
import select
import socket
import threading

FORWARD, REFUSE, BLACK_HOLE = "forward", "refuse", "black-hole"
POLL_SECONDS = 0.05


class SwitchableProxy:
    def __init__(self, upstream_host: str, upstream_port: int):
        self.upstream = (upstream_host, upstream_port)
        self.mode = FORWARD
        self.port = 0
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "SwitchableProxy":
        self.listen()
        return self

    def stop(self):
        self.stopped.set()
        self.close_everything()

    def forward(self):
        self.mode = FORWARD
        self.listen()

    def black_hole(self):
        """Accept connections and never answer; open connections go silent too."""
        self.mode = BLACK_HOLE
        self.listen()

    def refuse(self):
        """Nothing listens any more: connecting is refused at once."""
        self.mode = REFUSE
        self.close_everything()

    # --- sockets ----------------------------------------------------------------------

    def listen(self):
        with self.lock:
            if self.listener is not None:
                return
            listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self.port = listener.getsockname()[1]
            self.listener = listener
        threading.Thread(target=self.accept_loop, args=(listener,), daemon=True).start()

    def close_everything(self):
        with self.lock:
            listener, self.listener = self.listener, None
            connections, self.connections = self.connections, []
        for sock in [listener, *connections]:
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    def accept_loop(self, listener: socket.socket):
        while not self.stopped.is_set():
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed: refusing
            with self.lock:
                self.connections.append(client)
            threading.Thread(target=self.relay, args=(client,), daemon=True).start()

    def relay(self, client: socket.socket):
        upstream = None
        try:
            while not self.stopped.is_set():
                if self.mode == BLACK_HOLE:
                    self.stopped.wait(POLL_SECONDS)  # hold the connection, read nothing
                    continue
                if self.mode == REFUSE:
                    return
                if upstream is None:
                    upstream = socket.create_connection(self.upstream)
                    with self.lock:
                        self.connections.append(upstream)
                readable, _, _ = select.select([client, upstream], [], [], POLL_SECONDS)
                for source in readable:
                    data = source.recv(65536)
                    if not data:
                        return
                    (upstream if source is client else client).sendall(data)
        except OSError:
            return
        finally:
            for sock in (client, upstream):
                if sock is not None:
                    with contextlib.suppress(OSError):
                        sock.close()
