-- GET /api/v1/public/grid-cards/{code} for a uniformly random micro-grid code (one code per line in the file
-- named by the environment variable CODES_FILE, written from the database by run.sh).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local codes = {}
for line in io.lines(os.getenv("CODES_FILE")) do
  codes[#codes + 1] = line
end
assert(#codes > 0, "no codes in " .. tostring(os.getenv("CODES_FILE")))

request = function()
  return wrk.format("GET", "/api/v1/public/grid-cards/" .. codes[math.random(#codes)])
end
