-- GET one of the request paths of PATHS_FILE (one per line, e.g. /api/v1/incidents/figures?nodeId=123), picked at
-- random, with the admin's bearer token from the environment variable TOKEN. Run with -c1: one request at a time.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local paths = lines("PATHS_FILE")
local token = os.getenv("TOKEN")

request = function()
  return wrk.format("GET", paths[math.random(#paths)], { ["Authorization"] = "Bearer " .. token })
end
