-- wrk: each request asks for a path picked at random from the file named after `--`, one path
-- a line; after the run, one line of JSON with the latency percentiles and how many answers
-- came from the page cache (X-Queries: 0, fresh or the previous copy) or were rendered.
local paths = {}
local threads = {}
hits, rendered, failed = 0, 0, 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  math.randomseed(os.time() * 100 + id)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status >= 400 then
    failed = failed + 1
  elseif headers["X-Queries"] == "0" then
    hits = hits + 1
  else
    rendered = rendered + 1
  end
end

function done(summary, latency, requests)
  local h, r, f = 0, 0, 0
  for _, thread in ipairs(threads) do
    h = h + thread:get("hits")
    r = r + thread:get("rendered")
    f = f + thread:get("failed")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "errors": %d, '
      .. '"hits": %d, "rendered": %d, "failed": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    e.connect + e.read + e.write + e.timeout + e.status, h, r, f))
end
