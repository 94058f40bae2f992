-- GET /api/v1/public/grid-cards?lat=&lng= for a uniformly random point of the city's bounding box
-- (lng 102.9–104.9, lat 30.1–31.5): locate in memory, then the card of the grid found.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

request = function()
  local lat = 30.1 + math.random() * 1.4
  local lng = 102.9 + math.random() * 2.0
  return wrk.format("GET", string.format("/api/v1/public/grid-cards?lat=%.6f&lng=%.6f", lat, lng))
end
