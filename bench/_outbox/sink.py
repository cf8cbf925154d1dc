"""bench/outbox.py's mail server: a small SMTP sink on 127.0.0.1 that counts what it accepts."""

import asyncio
import email.parser
import email.policy
import threading
import time
from dataclasses import dataclass


@dataclass
class Received:
    message_id: str
    rcpt: tuple  # the envelope's RCPT TO addresses
    to: str  # the To header
    subject: str
    at: float  # time.monotonic() when the 250 was sent


class SmtpSink:
    """A minimal SMTP server on 127.0.0.1 in a thread of its own (asyncio). Each DATA is
    answered after `latency` seconds; a message counts as delivered when its 250 is written
    (if the client went away during the wait, it is counted as aborted instead)."""

    def __init__(self, latency: float):
        self.latency = latency
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.aborted = 0
        self.connections = 0
        self.server = None
        self.port = 0
        self.writers = set()
        self.headers = email.parser.BytesHeaderParser(policy=email.policy.default)

    def _call(self, coroutine, timeout=10):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def start(self):
        self.thread.start()
        self.up()

    def up(self):
        self._call(self._up())

    def down(self):
        self._call(self._down())

    def stop(self):
        try:
            self.down()
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=5)

    async def _up(self):
        if self.server is not None:
            return
        self.server = await asyncio.start_server(
            self._handle, "127.0.0.1", self.port, reuse_address=True, limit=2**20
        )
        self.port = self.server.sockets[0].getsockname()[1]

    async def _down(self):
        """Unreachable: no socket listens (connection refused); open sessions are cut."""
        if self.server is None:
            return
        self.server.close()
        await self.server.wait_closed()
        self.server = None
        for writer in list(self.writers):
            writer.transport.abort()

    def reset(self):
        with self.lock:
            self.received, self.aborted, self.connections = [], 0, 0

    def snapshot(self) -> list[Received]:
        with self.lock:
            return list(self.received)

    def delivered(self) -> int:
        with self.lock:
            return len({r.message_id for r in self.received})

    async def _handle(self, reader, writer):
        self.writers.add(writer)
        with self.lock:
            self.connections += 1
        rcpt = []
        try:
            writer.write(b"220 127.0.0.1 bench sink ESMTP\r\n")
            await writer.drain()
            while True:
                line = await asyncio.wait_for(reader.readline(), 60)
                if not line:
                    return
                verb = line[:4].upper()
                if verb == b"EHLO":
                    writer.write(b"250-127.0.0.1\r\n250-8BITMIME\r\n250 HELP\r\n")
                elif verb == b"MAIL":
                    rcpt = []
                    writer.write(b"250 OK\r\n")
                elif verb == b"RCPT":
                    address = line.split(b":", 1)[1].strip().split(b" ")[0].strip(b"<>")
                    rcpt.append(address.decode("utf-8", "replace"))
                    writer.write(b"250 OK\r\n")
                elif verb == b"DATA":
                    writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    await writer.drain()
                    lines = []
                    while True:
                        data_line = await asyncio.wait_for(reader.readline(), 60)
                        if not data_line:
                            return
                        if data_line in (b".\r\n", b".\n"):
                            break
                        lines.append(data_line[1:] if data_line.startswith(b".") else data_line)
                    await asyncio.sleep(self.latency)
                    if reader.at_eof() or writer.transport.is_closing():
                        with self.lock:
                            self.aborted += 1  # the client went away before the 250
                        return
                    headers = self.headers.parsebytes(b"".join(lines))
                    received = Received(
                        message_id=str(headers.get("Message-ID", "")).strip(),
                        rcpt=tuple(rcpt),
                        to=str(headers.get("To", "")),
                        subject=str(headers.get("Subject", "")),
                        at=time.monotonic(),
                    )
                    with self.lock:
                        self.received.append(received)
                    writer.write(b"250 OK queued\r\n")
                    rcpt = []
                elif verb in (b"RSET", b"NOOP"):
                    writer.write(b"250 OK\r\n")
                elif verb == b"HELO":
                    writer.write(b"250 127.0.0.1\r\n")
                elif verb == b"QUIT":
                    writer.write(b"221 Bye\r\n")
                    await writer.drain()
                    return
                else:
                    writer.write(b"502 Command not implemented\r\n")
                await writer.drain()
        except (ConnectionError, TimeoutError, asyncio.IncompleteReadError):
            return
        finally:
            self.writers.discard(writer)
            writer.close()
