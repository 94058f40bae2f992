#!/usr/bin/env python3
"""Report points for the writes benchmark: N random points, each inside a random micro grid of the synthetic city
(its grids are axis-aligned rectangles), with a category drawn as wrk/report.lua draws it, seeded.
usage: points.py city.geojson N > points.csv   (code,lat,lng,category — no header)"""
import json
import random
import sys

CATEGORIES = ["ENVIRONMENT", "PUBLIC_FACILITY", "NEIGHBOUR_DISPUTE", "NOISE", "OTHER", "BUILDING_SAFETY",
              "FIRE_HAZARD", "GAS_HAZARD", "ELDERLY_HELP"]

path, n = sys.argv[1], int(sys.argv[2])
grids = []
with open(path, encoding="utf-8") as f:
    for line in f:
        line = line.strip().rstrip(",")
        if '"MICRO_GRID"' not in line:
            continue
        feature = json.loads(line)
        ring = feature["geometry"]["coordinates"][0]
        xs = [p[0] for p in ring]
        ys = [p[1] for p in ring]
        grids.append((feature["properties"]["code"], min(xs), min(ys), max(xs), max(ys)))
rng = random.Random(20261206)
chosen = rng.sample(grids, n) if n <= len(grids) else [rng.choice(grids) for _ in range(n)]
for code, x0, y0, x1, y1 in chosen:
    # inside, away from the edges: a point on a shared edge would locate in either neighbour
    lng = x0 + (x1 - x0) * rng.uniform(0.1, 0.9)
    lat = y0 + (y1 - y0) * rng.uniform(0.1, 0.9)
    print(f"{code},{lat:.6f},{lng:.6f},{rng.choice(CATEGORIES)}")
