#!/usr/bin/env python3
"""Sequential GETs over one keep-alive connection; prints count, p50, p95, p99, max in ms (key=value).

usage: latency.py PORT TOKEN PREFIX PATHS_FILE [BUDGET_SECONDS]
The first 20 requests are a warm-up and not counted; with a budget, the series stops after that many seconds and
reports how many requests it measured (a slow search must not outlive the 15-minute access token)."""
import http.client
import sys
import time
import urllib.parse

port, token, prefix = int(sys.argv[1]), sys.argv[2], sys.argv[3]
budget = float(sys.argv[5]) if len(sys.argv) > 5 else float("inf")
WARMUP = 20
paths = [line.strip() for line in open(sys.argv[4], encoding="utf-8") if line.strip()]
conn = http.client.HTTPConnection("127.0.0.1", port)
headers = {"Authorization": "Bearer " + token}
times = []
found = 0
all_times = []
all_found = 0
began = time.perf_counter()
for i, path in enumerate(paths):
    if time.perf_counter() - began > budget:
        print("%s: time budget of %.0f s used up after %d requests" % (prefix, budget, i), file=sys.stderr)
        break
    start = time.perf_counter()
    conn.request("GET", urllib.parse.quote(path, safe="/?=&"), headers=headers)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    if response.status != 200:
        print("unexpected", response.status, body[:300], file=sys.stderr)
        sys.exit(1)
    all_times.append(elapsed)
    if b'"items":[]' not in body:
        all_found += 1
    if i >= WARMUP:
        times.append(elapsed)
        if b'"items":[]' not in body:
            found += 1
warmup_included = 0
if not times:
    # the budget ran out during the warm-up (a search of many seconds): report the warm-up requests, labelled so
    times, found, warmup_included = all_times, all_found, 1
    print("%s: budget ran out during the warm-up; reporting the %d warm-up requests" % (prefix, len(times)),
          file=sys.stderr)
if not times:
    print("%s: no request measured" % prefix, file=sys.stderr)
    sys.exit(1)
times.sort()
def pct(p):
    return times[min(len(times) - 1, int(len(times) * p))]
print("%s_requests=%d" % (prefix, len(times)))
print("%s_with_results=%d" % (prefix, found))
print("%s_warmup_included=%d" % (prefix, warmup_included))
print("%s_p50_ms=%.1f" % (prefix, pct(0.50)))
print("%s_p95_ms=%.1f" % (prefix, pct(0.95)))
print("%s_p99_ms=%.1f" % (prefix, pct(0.99)))
print("%s_max_ms=%.1f" % (prefix, times[-1]))
