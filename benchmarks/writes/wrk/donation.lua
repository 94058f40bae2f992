-- POST /api/v1/points/me/donations: 1 point into the hot pool (COMMUNITY_ID, 32 sub-accounts) as a random one of the
-- benchmark residents (bearer tokens, one per line in TOKENS_FILE), a unique Idempotency-Key per request.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(dir .. "common.lua")

local tokens = lines("TOKENS_FILE")
local body = string.format('{"amount":1,"communityId":%s}', assert(os.getenv("COMMUNITY_ID"), "COMMUNITY_ID"))
local run = os.getenv("WRK_PREFIX") or "wrk"
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("POST", "/api/v1/points/me/donations", {
    ["Authorization"] = "Bearer " .. tokens[math.random(#tokens)],
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = string.format("%s-%d-%d-%d", run, thread_no or 0, counter, math.random(1, 2147483647)),
  }, body)
end
