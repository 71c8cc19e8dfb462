#!/usr/bin/env python3
"""A loopback HTTP(S) server for the feed tests: serves fixtures and injects faults.

    feed_server.py --fixtures DIR [--tls CERT KEY]

Listens on 127.0.0.1 on a port the system picks and prints that port, alone, as the first
line on stdout. Python's standard library only. Runs until killed.

Routes (GET; a HEAD is answered like a GET without the body):
  /feed/NAME            fixture NAME from DIR (or a folder of it: /feed/cap/x.xml), with an ETag and a Last-Modified; answers a
                        matching If-None-Match or If-Modified-Since with 304.
                        ?etag=0 / ?lm=0 leave a validator out; ?type=T sets the Content-Type.
  /gzip/NAME            the same, sent with Content-Encoding: gzip
  /text/TYPE?body=B     B (URL-encoded) as TYPE (e.g. /text/html?body=...)
  /empty-feed           a valid RSS 2.0 feed without items
  /slow/S/REST          sleeps S seconds before the headers, then serves /REST
  /trickle/S/NAME       fixture NAME, headers at once, then 16 bytes every S seconds
                        (?bytes=K: K bytes every S seconds)
  /sized/N/NAME         fixture NAME padded (an XML comment before its last element's end tag)
                        to exactly N bytes; ?length=0 leaves Content-Length out, ?gzip=1 sends
                        it gzipped (N is then the size after decompression)
  /junk/KEY             garbage that changes with every request to KEY: random bytes, an HTML
                        page, XML that is no feed, JSON, an empty body, a 500, a reset, in turn
  /status/CODE          that status with a short text body; ?retry_after=N adds Retry-After
  /gone                 410 Gone
  /reset                closes the connection with a TCP reset (SO_LINGER 0), no response
  /close                closes the connection without a response
  /truncate/NAME        fixture NAME with a Content-Length 1000 bytes longer, cut in half, closed
  /r/CODE/REST          a CODE redirect to /REST (chains: /r/301/r/302/feed/x.xml)
  /loop/CODE            a CODE redirect to itself
  /to?url=U&code=C      a C (default 302) redirect to the absolute URL U
  /huge/N               a 200 body of N bytes (declared with Content-Length unless ?length=0)
  /bomb/N               a small gzip body that inflates to N bytes
  /seq/KEY/S1,S2,...    request n (from 1) to KEY runs step Sn, the last step repeating; a step
                        is a route without its leading slash with ":" for "/" (feed:NAME,
                        status:503, reset, gone, empty-feed)
  /log                  JSON: every request so far except /log ones, oldest first:
                        [{"path", "request_line", "headers": {lower-case name: value},
                          "status": the status sent, or null}]
  /log/clear            forgets them

A request line with an absolute URI (what a client sends to a proxy) is served like its path,
and logged with the request line as sent.
"""

import argparse
import gzip
import hashlib
import json
import os
import random
import socket
import ssl
import struct
import sys
import threading
import time
import urllib.parse
import zlib
from email.utils import parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn

LAST_MODIFIED = "Mon, 04 Jun 2018 09:00:00 GMT"
EMPTY_FEED = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
              b'<rss version="2.0"><channel><title>Empty</title><link>http://example.invalid/</link>'
              b'<description>No notices</description></channel></rss>\n')


_bombs = {}
_bombs_lock = threading.Lock()


def gzip_bomb(size):
    """Gzip of `size` zero bytes: about a thousandth of that on the wire. Made once per size."""
    with _bombs_lock:
        if size not in _bombs:
            compressor = zlib.compressobj(6, zlib.DEFLATED, 31)  # 31: gzip framing
            zeros = b"\0" * (1 << 20)
            _bombs[size] = b"".join(compressor.compress(zeros[: min(len(zeros), size - at)])
                                    for at in range(0, size, len(zeros))) + compressor.flush()
        return _bombs[size]


class State:
    def __init__(self, fixtures):
        self.fixtures = fixtures
        self.lock = threading.Lock()
        self.log = []
        self.sequence_counts = {}


class Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address, handler, state, tls_context):
        self.state = state
        self.tls_context = tls_context
        super().__init__(address, handler)

    def handle_error(self, request, client_address):
        pass  # a client that hung up mid-response is what several tests do on purpose


def content_type_for(name):
    if name.endswith(".html"):
        return "text/html; charset=utf-8"
    if name.endswith(".json"):
        return "application/feed+json"
    return "application/xml"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "feed-server/1"

    handshake_failed = False

    def setup(self):
        # The TLS handshake runs here, in the connection's own thread, so a client that never
        # completes it (plain HTTP sent to this port) holds up no one else.
        if self.server.tls_context is not None:
            self.request.settimeout(10)
            try:
                self.request = self.server.tls_context.wrap_socket(self.request, server_side=True)
                self.request.settimeout(None)
            except (ssl.SSLError, OSError):
                self.request.close()
                self.handshake_failed = True
                return
        super().setup()

    def handle(self):
        if self.handshake_failed:
            return
        try:
            super().handle()
        except (ConnectionError, ssl.SSLError, OSError):
            pass

    def finish(self):
        if self.handshake_failed:
            return
        try:
            super().finish()
        except (ConnectionError, ssl.SSLError, OSError):
            pass

    def log_message(self, format, *args):
        pass

    # ---- helpers ------------------------------------------------------------------------

    def send_body(self, status, body, content_type="text/plain; charset=utf-8", headers=(), head=False):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def send_empty(self, status, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def fixture(self, name):
        # NAME may name a file in a folder of DIR ("cap/x.xml"), never one outside it.
        relative = os.path.normpath(urllib.parse.unquote(name))
        name = os.path.basename(relative)
        if relative.startswith("..") or os.path.isabs(relative):
            return name, None
        path = os.path.join(self.server.state.fixtures, relative)
        try:
            with open(path, "rb") as f:
                return name, f.read()
        except OSError:
            return name, None

    def reset_connection(self):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def not_modified(self, etag, use_etag, use_lm):
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = [t.strip() for t in if_none_match.split(",")]
            return use_etag and ("*" in tags or etag in tags or ("W/" + etag) in tags)
        since = self.headers.get("If-Modified-Since")
        if since and use_lm:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(LAST_MODIFIED)
            except (TypeError, ValueError):
                return False
        return False

    def serve_feed(self, name, query, head, compress=False):
        name, body = self.fixture(name)
        if body is None:
            return self.send_body(404, b"no such fixture\n", head=head)
        use_etag = query.get("etag", "1") != "0"
        use_lm = query.get("lm", "1") != "0"
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        validators = []
        if use_etag:
            validators.append(("ETag", etag))
        if use_lm:
            validators.append(("Last-Modified", LAST_MODIFIED))
        if self.not_modified(etag, use_etag, use_lm):
            return self.send_empty(304, validators)
        content_type = query.get("type", content_type_for(name))
        extra = list(validators)
        if compress:
            body = gzip.compress(body)
            extra.append(("Content-Encoding", "gzip"))
        self.send_body(200, body, content_type, extra, head)

    def serve_sized(self, size, name, query, head):
        name, body = self.fixture(name)
        if body is None:
            return self.send_body(404, b"no such fixture\n", head=head)
        end = body.rstrip().rfind(b"</")
        padding = size - len(body) - len(b"<!---->")
        if end < 0 or padding < 0:
            return self.send_body(400, b"fixture longer than the size asked for\n", head=head)
        body = body[:end] + b"<!--" + b"p" * padding + b"-->" + body[end:]
        compress = query.get("gzip", "0") == "1"
        if compress:
            body = gzip.compress(body)
        self.send_response(200)
        self.send_header("Content-Type", content_type_for(name))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        if query.get("length", "1") != "0":
            self.send_header("Content-Length", str(len(body)))
        else:
            self.close_connection = True
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def serve_junk(self, count, head):
        rng = random.Random(count)
        kind = count % 7
        if kind == 0:
            body = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 4096)))
        elif kind == 1:
            body = b"<html><body><h1>Service Unavailable</h1>request %d</body></html>" % count
        elif kind == 2:
            body = b'<?xml version="1.0"?><error><code>503</code><request>%d</request></error>' % count
        elif kind == 3:
            body = b'{"error": "upstream timeout", "request": %d}' % count
        elif kind == 4:
            body = b""
        elif kind == 5:
            return self.send_body(500, b"internal error %d\n" % count, head=head)
        else:
            return self.reset_connection()
        self.send_body(200, body, "application/xml", head=head)

    # ---- routing ------------------------------------------------------------------------

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head=False):
        target = self.path
        if target.startswith("http://") or target.startswith("https://"):
            parts = urllib.parse.urlsplit(target)
            target = parts.path + ("?" + parts.query if parts.query else "")
        split = urllib.parse.urlsplit(target)
        path = split.path
        query = dict(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        state = self.server.state

        if path == "/log":
            with state.lock:
                body = json.dumps(state.log).encode()
            self.close_connection = True
            return self.send_body(200, body, "application/json", [("Connection", "close")])
        if path == "/log/clear":
            with state.lock:
                state.log.clear()
            self.close_connection = True
            return self.send_body(200, b"cleared\n", headers=[("Connection", "close")])

        # "status" is filled in when the response starts; None if none was sent (a reset).
        self.log_entry = {
            "path": target,
            "request_line": self.requestline,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "status": None,
        }
        with state.lock:
            state.log.append(self.log_entry)
        self.route(path, query, head)

    def send_response(self, code, message=None):
        entry = getattr(self, "log_entry", None)
        if entry is not None and entry["status"] is None:
            entry["status"] = code
        super().send_response(code, message)

    def route(self, path, query, head):
        state = self.server.state
        parts = path.lstrip("/").split("/")
        kind = parts[0]
        rest = "/".join(parts[1:])

        if kind == "feed" and rest:
            return self.serve_feed(rest, query, head)
        if kind == "gzip" and rest:
            return self.serve_feed(rest, query, head, compress=True)
        if kind == "text" and rest:
            return self.send_body(200, query.get("body", "").encode(), rest, head=head)
        if kind == "empty-feed":
            return self.send_body(200, EMPTY_FEED, "application/rss+xml", head=head)
        if kind == "slow" and len(parts) >= 3:
            time.sleep(float(parts[1]))
            return self.route("/" + "/".join(parts[2:]), query, head)
        if kind == "trickle" and len(parts) >= 3:
            name, body = self.fixture(parts[2])
            if body is None:
                return self.send_body(404, b"no such fixture\n", head=head)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = int(query.get("bytes", "16"))
            for at in range(0, len(body), step):
                self.wfile.write(body[at:at + step])
                self.wfile.flush()
                time.sleep(float(parts[1]))
            return
        if kind == "sized" and len(parts) >= 3:
            return self.serve_sized(int(parts[1]), "/".join(parts[2:]), query, head)
        if kind == "junk" and len(parts) >= 2:
            with state.lock:
                count = state.sequence_counts.get("junk/" + parts[1], 0) + 1
                state.sequence_counts["junk/" + parts[1]] = count
            return self.serve_junk(count, head)
        if kind == "status" and len(parts) >= 2:
            headers = []
            if "retry_after" in query:
                headers.append(("Retry-After", query["retry_after"]))
            code = int(parts[1])
            if code == 304:
                return self.send_empty(304, headers)
            return self.send_body(code, ("status %d\n" % code).encode(), headers=headers, head=head)
        if kind == "gone":
            return self.send_body(410, b"gone\n", head=head)
        if kind == "reset":
            return self.reset_connection()
        if kind == "close":
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if kind == "truncate" and rest:
            name, body = self.fixture(rest)
            if body is None:
                return self.send_body(404, b"no such fixture\n", head=head)
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body) + 1000))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
            self.close_connection = True
            return
        if kind == "r" and len(parts) >= 3:
            location = "/" + "/".join(parts[2:])
            return self.send_body(int(parts[1]), b"moved\n", headers=[("Location", location)], head=head)
        if kind == "loop" and len(parts) >= 2:
            return self.send_body(int(parts[1]), b"moved\n", headers=[("Location", path)], head=head)
        if kind == "to":
            code = int(query.get("code", "302"))
            return self.send_body(code, b"moved\n", headers=[("Location", query.get("url", "/"))], head=head)
        if kind == "huge" and len(parts) >= 2:
            size = int(parts[1])
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            if query.get("length", "1") != "0":
                self.send_header("Content-Length", str(size))
            else:
                self.close_connection = True
            self.end_headers()
            if head:
                return
            chunk = b"<!-- padding -->" * 4096
            sent = 0
            while sent < size:
                piece = chunk[: min(len(chunk), size - sent)]
                self.wfile.write(piece)
                sent += len(piece)
            return
        if kind == "bomb" and len(parts) >= 2:
            body = gzip_bomb(int(parts[1]))
            return self.send_body(200, body, "application/xml", [("Content-Encoding", "gzip")], head)
        if kind == "seq" and len(parts) >= 3:
            key = parts[1]
            steps = urllib.parse.unquote("/".join(parts[2:])).split(",")  # a resolved link may escape ":"
            with state.lock:
                count = state.sequence_counts.get(key, 0) + 1
                state.sequence_counts[key] = count
            step = steps[min(count, len(steps)) - 1]
            return self.route("/" + step.replace(":", "/"), query, head)
        return self.send_body(404, b"no such route\n", head=head)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    args = parser.parse_args()

    tls_context = None
    if args.tls:
        tls_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls_context.load_cert_chain(args.tls[0], args.tls[1])

    server = Server(("127.0.0.1", 0), Handler, State(args.fixtures), tls_context)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever(poll_interval=0.05)
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
