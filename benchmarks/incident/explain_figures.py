#!/usr/bin/env python3
"""The figures statement of one kind of node as the application sent it, from the PostgreSQL log of the figures
section (log_min_duration_statement = 0): the first `execute` of the statement between the harness's
`bench-figures-<variant>-begin` and `-end` markers, with its logged parameters put back in, prefixed by EXPLAIN
(ANALYZE, BUFFERS), so the harness can show where PostgreSQL spends the statement's time.

usage: explain_figures.py LOG VARIANT [slowest] > explain.sql
       (slowest: the statement of that kind that took longest in the log, instead of the first)
"""
import re
import sys

log, variant = sys.argv[1], sys.argv[2]
slowest = len(sys.argv) > 3 and sys.argv[3] == 'slowest'
lines = open(log, encoding='utf-8', errors='replace').read().split('\n')
inside = False
statement = None
longest = -1.0
for i, line in enumerate(lines):
    if f"bench-figures-{variant}-begin" in line:
        inside = True
        continue
    if f"bench-figures-{variant}-end" in line:
        break
    found = re.search(r"LOG:  duration: ([0-9.]+) ms  execute [^:]*: select p\.received, p\.accepted24", line)
    if inside and found and float(found.group(1)) > longest:
        longest = float(found.group(1))
        text = [line.split(': ', 3)[-1].split(': ', 1)[-1]]
        j = i + 1
        while j < len(lines) and lines[j].startswith('\t'):
            text.append(lines[j][1:])
            j += 1
        detail = lines[j] if j < len(lines) else ''
        statement = ('\n'.join(text), detail)
        if not slowest:
            break
if statement is None:
    sys.exit(f"no figures statement for {variant} in {log}")
sql, detail = statement
params = {}
for m in re.finditer(r"\$(\d+) = ('(?:[^']|'')*'|NULL)", detail):
    params[int(m.group(1))] = m.group(2)
for n in sorted(params, reverse=True):
    sql = sql.replace(f"${n}", params[n])
print("explain (analyze, buffers)\n" + sql + ";")
