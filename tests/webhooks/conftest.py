"""A receiver for webhooks on this machine (127.0.0.1, in a thread: never the network),
and partners with tokens."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from rest_framework.authtoken.models import Token

from tests.factories import UserFactory


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    """Records each request as it arrives, then answers the next of ``answers`` (a
    status, and how long to wait first), or 200 once they run out."""

    url: str = ""
    requests: list[Received] = field(default_factory=list)
    answers: list[tuple[int, float]] = field(default_factory=list)
    release: threading.Event | None = None  # if set: wait for it before answering

    def answer(self, *statuses: int, delay: float = 0.0) -> None:
        self.answers.extend((status, delay) for status in statuses)

    @property
    def ids(self) -> list[str]:
        return [request.headers["Webhook-Id"] for request in self.requests]


def _handler(receiver: Receiver):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            receiver.requests.append(Received(dict(self.headers.items()), body))
            status, delay = receiver.answers.pop(0) if receiver.answers else (200, 0.0)
            if receiver.release is not None:
                receiver.release.wait(10)
            time.sleep(delay)
            try:
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", receiver.url + "elsewhere/")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:  # the client gave up waiting (a timeout)
                pass

        def log_message(self, *args):
            pass

    return Handler


@pytest.fixture
def receiver():
    hook = Receiver()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(hook))
    server.daemon_threads = True
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/hook/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield hook
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _webhook_settings(settings):
    settings.WEBHOOKS_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    settings.WEBHOOKS_TIMEOUT = 2


def auth(user) -> dict[str, str]:
    token, _created = Token.objects.get_or_create(user=user)
    return {"Authorization": f"Token {token.key}"}


@pytest.fixture
def partner(db):
    return UserFactory()
