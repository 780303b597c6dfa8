-- wrk's script for the mixed load (bench/mixed.py):  wrk -s bench/mixed.lua URL -- ADDRESSES.tsv SEED
--
-- Each request goes to an address drawn from ADDRESSES.tsv (bench/mixed_addresses.py: one line per address,
-- "weight<TAB>fragment 0|1<TAB>path"), with the probability of its weight, so a few addresses get most of the
-- requests; a fragment address is asked for as static/js/filters.js does, with X-Requested-With: fetch.
-- Each response's X-Page-Cache header (hit, miss, stale; none: not a cacheable page) and status class are counted,
-- and done() prints them with the latencies as one line of JSON: "MIXED {...}".

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

local requests = {}
local cumulative = {}

function init(args)
  local file = assert(io.open(args[1], "r"), "no addresses file: " .. tostring(args[1]))
  local total = 0
  for line in file:lines() do
    local weight, fragment, path = line:match("^(%S+)\t(%d)\t(.+)$")
    if path then
      local headers = {}
      if fragment == "1" then
        headers["X-Requested-With"] = "fetch"
      end
      total = total + tonumber(weight)
      table.insert(requests, wrk.format("GET", path, headers))
      table.insert(cumulative, total)
    end
  end
  file:close()
  for i = 1, #cumulative do
    cumulative[i] = cumulative[i] / total
  end
  -- Each thread its own sequence, the same in every run with the same seed.
  math.randomseed(tonumber(args[2] or "331") * 100 + thread_number)
  hit, miss, stale, uncached = 0, 0, 0, 0
  status_2xx, status_3xx, status_4xx, status_5xx = 0, 0, 0, 0
end

function request()
  local r = math.random()
  local low, high = 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < r then
      low = middle + 1
    else
      high = middle
    end
  end
  return requests[low]
end

function response(status, headers, body)
  local cache = headers["X-Page-Cache"] or headers["x-page-cache"]
  if cache == "hit" then
    hit = hit + 1
  elseif cache == "miss" then
    miss = miss + 1
  elseif cache == "stale" then
    stale = stale + 1
  else
    uncached = uncached + 1
  end
  if status < 300 then
    status_2xx = status_2xx + 1
  elseif status < 400 then
    status_3xx = status_3xx + 1
  elseif status < 500 then
    status_4xx = status_4xx + 1
  else
    status_5xx = status_5xx + 1
  end
end

function done(summary, latency, requests)
  local counts = {
    hit = 0, miss = 0, stale = 0, uncached = 0,
    status_2xx = 0, status_3xx = 0, status_4xx = 0, status_5xx = 0,
  }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(counts) do
      counts[name] = counts[name] + (thread:get(name) or 0)
    end
  end
  local errors = summary.errors
  io.write(string.format(
    'MIXED {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
      .. '"hit": %d, "miss": %d, "stale": %d, "uncached": %d, '
      .. '"status_2xx": %d, "status_3xx": %d, "status_4xx": %d, "status_5xx": %d, '
      .. '"connect_errors": %d, "read_errors": %d, "write_errors": %d, "timeouts": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, counts.hit, counts.miss, counts.stale, counts.uncached,
    counts.status_2xx, counts.status_3xx, counts.status_4xx, counts.status_5xx,
    errors.connect, errors.read, errors.write, errors.timeout
  ))
end
