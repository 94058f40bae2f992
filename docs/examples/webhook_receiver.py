#!/usr/bin/env python3
"""A minimal GridGov webhook receiver: verifies X-GridGov-Signature, refuses replays, deduplicates on the event id.

usage: WEBHOOK_SECRET=whsec_... python3 webhook_receiver.py [port]     (standard library only)
"""
import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

SECRET = os.environ["WEBHOOK_SECRET"].encode()
TOLERANCE_SECONDS = 300
seen = set()  # a real receiver keeps this in its database, next to what it does with the event


def valid(header, body):
    parts = dict(p.split("=", 1) for p in (header or "").split(",") if "=" in p)
    if "t" not in parts or "v1" not in parts or not parts["t"].isdigit():
        return False
    if abs(time.time() - int(parts["t"])) > TOLERANCE_SECONDS:
        return False  # too old: a replay
    expected = hmac.new(SECRET, parts["t"].encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not valid(self.headers.get("X-GridGov-Signature"), body):
            self.send_response(401)
            self.end_headers()
            return
        event = json.loads(body)
        if event["id"] in seen:
            print("duplicate", event["id"], "- already handled", flush=True)
        else:
            seen.add(event["id"])
            data = event["data"]
            print(event["type"], data.get("trackingCode"), data.get("fromState"), "->", data.get("state"), flush=True)
        self.send_response(204)  # any 2xx acknowledges; anything else is retried with backoff
        self.end_headers()

    def log_message(self, *args):
        pass


HTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 9000), Receiver).serve_forever()
