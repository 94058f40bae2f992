-- GET /api/v1/public/grid-cards?lat=&lng= for one of 2,000 fixed random points of the city's bounding box: after the
-- warm-up (the same points) every card is kept on the node, so this measures a WARM public card by location
-- (issue 18: 0 statements, < 0.5 ms of CPU), where card_by_location.lua measures mostly cache misses.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local points = {}
local common_init = init
init = function(args)
  math.randomseed(20261207) -- the same points in every thread and in the warm-up run
  for i = 1, 2000 do
    points[i] = string.format("/api/v1/public/grid-cards?lat=%.6f&lng=%.6f",
      30.1 + math.random() * 1.4, 102.9 + math.random() * 2.0)
  end
  common_init(args) -- then each thread its own sequence of picks
end

request = function()
  return wrk.format("GET", points[math.random(#points)])
end
