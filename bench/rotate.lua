-- wrk script: rotate over the request paths listed in a file (one per line) and print a
-- JSON summary when the run ends.
--   wrk -t1 -c4 -d5s -s bench/rotate.lua http://127.0.0.1:8765 -- /tmp/paths.txt
-- Each wrk thread starts at a different offset so that the connections spread over the
-- list. Errors are socket errors (connect, read, write, timeout) and responses with a
-- status of 400 or more (wrk's "status" count), which is "not 2xx/3xx".

local paths = {}
local index = 0
local counter = 0

function setup(thread)
  thread:set("thread_id", counter)
  counter = counter + 1
end

function init(args)
  local file = assert(io.open(args[1], "r"), "cannot open the paths file")
  for line in file:lines() do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  file:close()
  assert(#paths > 0, "the paths file is empty")
  index = ((thread_id or 0) * 7) % #paths
end

function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end

function done(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    '{"requests": %d, "duration_s": %.3f, "rps": %.2f, "bytes": %d, '
      .. '"latency_ms": {"p50": %.3f, "p90": %.3f, "p95": %.3f, "p99": %.3f, '
      .. '"max": %.3f, "mean": %.3f}, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout
  ))
end
