-- POST /api/v1/incidents (随手报) as one of the benchmark residents (bearer tokens, one per line in TOKENS_FILE), at a
-- random point inside a random micro grid (lat lng per line in POINTS_FILE, from points.py), a random category, and
-- a unique Idempotency-Key per request (run, thread, counter, random).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local tokens = lines("TOKENS_FILE")
local points = lines("POINTS_FILE")
local categories = { "ENVIRONMENT", "PUBLIC_FACILITY", "NEIGHBOUR_DISPUTE", "NOISE", "OTHER", "BUILDING_SAFETY",
                     "FIRE_HAZARD", "GAS_HAZARD", "ELDERLY_HELP" }
local run = os.getenv("WRK_PREFIX") or "wrk"
local counter = 0

request = function()
  counter = counter + 1
  local lat, lng = points[math.random(#points)]:match("^(%S+) (%S+)$")
  local body = string.format('{"category":"%s","description":"wrk benchmark report %d of thread %d","lat":%s,"lng":%s}',
    categories[math.random(#categories)], counter, thread_no or 0, lat, lng)
  return wrk.format("POST", "/api/v1/incidents", {
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("%s-%d-%d-%d", run, thread_no or 0, counter, math.random(1, 2147483647)),
  }, body)
end
