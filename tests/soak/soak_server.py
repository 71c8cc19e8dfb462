#!/usr/bin/env python3
"""The soak harness's feed server: the feeds the harness writes, and the faults it asks for.

    soak_server.py DIR

Listens on 127.0.0.1 on a port the system picks and prints that port, alone, as the first line
on stdout. Python's standard library only. Runs until killed.

GET /feed/NAME answers by the one word in DIR/mode, read at each request (the harness replaces
the file atomically):
  ok       DIR/NAME.xml with an ETag (its SHA-1); a matching If-None-Match gets 304. Each title
           in a 200 body is appended to DIR/served.log as "<unix time, float>\t<title>".
  503      a 503 with a short text body
  garbage  a 200 of random bytes as application/xml
  reset    the connection closed with a TCP reset (SO_LINGER 0), no response
  stall    nothing for 20 s, then the connection closed
"""

import hashlib
import os
import re
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn

DIR = sys.argv[1]
TITLE = re.compile(rb"<item><title>([^<]*)</title>")
served_lock = threading.Lock()


def read(name, default=b""):
    try:
        with open(os.path.join(DIR, name), "rb") as file:
            return file.read()
    except OSError:
        return default


class Server(ThreadingMixIn, HTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def handle_error(self, request, client_address):
        pass  # the player hangs up on a stall: that is the point


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass

    def answer(self, status, body, content_type, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()

    def do_GET(self):
        mode = read("mode", b"ok").strip().decode()
        name = self.path.rsplit("/", 1)[-1]
        if mode == "503":
            self.answer(503, b"soak: unavailable\n", "text/plain")
        elif mode == "garbage":
            self.answer(200, os.urandom(2000), "application/xml")
        elif mode == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
        elif mode == "stall":
            time.sleep(20)
            self.close_connection = True
        else:
            body = read(name + ".xml")
            if not body:
                self.answer(404, b"no such feed\n", "text/plain")
                return
            etag = '"' + hashlib.sha1(body).hexdigest() + '"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.answer(200, body, "application/rss+xml", [("ETag", etag)])
            now = time.time()
            lines = "".join("%.3f\t%s\n" % (now, title.decode()) for title in TITLE.findall(body))
            with served_lock, open(os.path.join(DIR, "served.log"), "a") as log:
                log.write(lines)


server = Server(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
