#!/usr/bin/env python3
"""Where the app's CPU goes in a JFR recording: execution samples (jdk.ExecutionSample, `jfr print`), per thread
group, the hottest frames by self time, and the share of request-thread samples under each layer (a sample counts
once for every layer that appears in its stack, so the shares overlap).
usage: jfr_top.py recording.jfr"""
import collections
import re
import subprocess
import sys

LAYERS = [  # (name, regular expression on a frame)
    ("HTTP server (Tomcat, coyote, NIO)", r"^org\.apache\.(coyote|tomcat|catalina)\."),
    ("Spring Security filter chain", r"^org\.springframework\.security\."),
    ("JWT decode/verify (nimbus, RSA)", r"^(com\.nimbusds\.|sun\.security\.rsa\.|java\.security\.Signature)"),
    ("Micrometer / observation", r"^io\.micrometer\."),
    ("DispatcherServlet and MVC", r"^org\.springframework\.web\.servlet\."),
    ("Jackson (read + write)", r"^(tools\.jackson\.|com\.fasterxml\.jackson\.)"),
    ("Idempotency filter", r"^org\.gridgov\.shared\.web\.Idempotency"),
    ("transactions (Spring tx)", r"^org\.springframework\.transaction\."),
    ("Hibernate", r"^org\.hibernate\."),
    ("JdbcTemplate", r"^org\.springframework\.jdbc\."),
    ("PostgreSQL JDBC driver", r"^org\.postgresql\."),
    ("Hikari pool", r"^com\.zaxxer\.hikari\."),
    ("locate (JTS)", r"^org\.locationtech\.jts\."),
    ("public rate limit (Bucket4j)", r"^(io\.github\.bucket4j\.|com\.bucket4j\.|org\.gridgov\.shared\.web\.PublicRateLimit)"),
    ("grid card (service, cache)", r"^org\.gridgov\.grid\.(GridCard|internal\.GridCardCache|web\.GridCard)"),
    ("logging", r"^(ch\.qos\.logback|org\.slf4j)\."),
    ("gridgov code (any frame)", r"^org\.gridgov\."),
]

path = sys.argv[1]
text = subprocess.run(["jfr", "print", "--stack-depth", "200", "--events", "jdk.ExecutionSample", path],
                      capture_output=True, text=True, check=True).stdout
samples = []  # (thread, [frames top first])
thread, frames, in_stack = None, [], False
for line in text.splitlines():
    s = line.strip()
    if s.startswith("sampledThread = "):
        thread = s.split('"')[1] if '"' in s else s
    elif s.startswith("stackTrace = ["):
        in_stack, frames = True, []
    elif in_stack and s == "]":
        in_stack = False
        samples.append((thread, frames))
    elif in_stack and s and s != "...":
        frames.append(re.sub(r"\s+line:.*$", "", s))

def group(name):
    name = re.sub(r"[-#]?\d+$", "", name or "?")
    return re.sub(r"-\d+-", "-", name)

print(f"samples: {len(samples)}")
print("\nby thread group:")
for g, c in collections.Counter(group(t) for t, _ in samples).most_common(12):
    print(f"  {c:6d} {100 * c / len(samples):5.1f} %  {g}")
req = [f for t, f in samples if t and t.startswith("http-nio")]
print(f"\nrequest threads (http-nio-*): {len(req)} samples")
if req:
    print("\nshare of request-thread samples under each layer (overlapping):")
    for name, rx in LAYERS:
        c = sum(1 for f in req if any(re.search(rx, fr) for fr in f))
        print(f"  {100 * c / len(req):5.1f} %  {name}")
    print("\nhottest frames, self (request threads):")
    for fr, c in collections.Counter(f[0] for f in req if f).most_common(25):
        print(f"  {c:6d} {100 * c / len(req):5.1f} %  {fr}")
    print("\nhottest org.gridgov frames, inclusive (request threads):")
    inc = collections.Counter()
    for f in req:
        for fr in set(x for x in f if x.startswith("org.gridgov.")):
            inc[fr] += 1
    for fr, c in inc.most_common(25):
        print(f"  {c:6d} {100 * c / len(req):5.1f} %  {fr}")
print("\nhottest frames, self (all threads):")
for fr, c in collections.Counter(f[0] for _, f in samples if f).most_common(15):
    print(f"  {c:6d} {100 * c / len(samples):5.1f} %  {fr}")
