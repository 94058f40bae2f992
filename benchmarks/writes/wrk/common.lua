-- Shared by the wrk scripts: per-thread random seeds and a machine-readable summary (key=value, latencies in
-- milliseconds) printed by done(), with the key prefix from the environment variable WRK_PREFIX. (As
-- benchmarks/grid/wrk/common.lua, plus p95 — the incident figures target is a p95.)
local threads = {}
local thread_no = 0

function setup(thread)
  thread_no = thread_no + 1
  thread:set("thread_no", thread_no)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(tonumber(os.getenv("WRK_SEED") or "20261201") + 7919 * (thread_no or 0))
end

-- every file line as a table entry (tokens, points, paths), asserted non-empty
function lines(env)
  local t = {}
  for line in io.lines(os.getenv(env)) do
    if line ~= "" then t[#t + 1] = line end
  end
  assert(#t > 0, "no lines in " .. tostring(os.getenv(env)))
  return t
end

function done(summary, latency, requests)
  local p = os.getenv("WRK_PREFIX") or "wrk"
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("%s_requests=%d\n", p, summary.requests))
  io.write(string.format("%s_seconds=%.1f\n", p, seconds))
  io.write(string.format("%s_rps=%.0f\n", p, summary.requests / seconds))
  io.write(string.format("%s_p50_ms=%.2f\n", p, latency:percentile(50) / 1000))
  io.write(string.format("%s_p90_ms=%.2f\n", p, latency:percentile(90) / 1000))
  io.write(string.format("%s_p95_ms=%.2f\n", p, latency:percentile(95) / 1000))
  io.write(string.format("%s_p99_ms=%.2f\n", p, latency:percentile(99) / 1000))
  io.write(string.format("%s_max_ms=%.2f\n", p, latency.max / 1000))
  io.write(string.format("%s_non2xx=%d\n", p, e.status))
  io.write(string.format("%s_socket_errors=%d\n", p, e.connect + e.read + e.write + e.timeout))
end
