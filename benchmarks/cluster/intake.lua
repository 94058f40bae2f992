-- wrk script: one incident report per request, each with its own Idempotency-Key (TOKEN from the environment)
local token = os.getenv("TOKEN")
local counter = 0
-- each wrk thread has its own Lua state: a per-state salt keeps the threads' keys apart
local salt = tostring({}):gsub("[^%w]", "")
math.randomseed(os.time())
request = function()
  counter = counter + 1
  local key = string.format("bench-%s-%d-%d", salt, counter, math.random(0, 1000000000))
  local lat = 30.5700 + math.random() * 0.005
  local lng = 103.9330 + math.random() * 0.004
  local body = string.format('{"category":"BUILDING_SAFETY","description":"集群基准测试 %d","lat":%.6f,"lng":%.6f}', counter, lat, lng)
  return wrk.format("POST", "/api/v1/incidents", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key
  }, body)
end
