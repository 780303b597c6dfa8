-- wrk's script for page-view counting (bench/page_views.py):  wrk -s bench/page_views.lua URL -- FIRST_CLIENT
--
-- Visitors as the counting sees them behind nginx: each request comes from a client (X-Forwarded-For, which the
-- bench's gunicorn trusts from 127.0.0.1 as production trusts its proxies, and one of four browsers' User-Agent).
-- Four requests in five are from a new client, the fifth from a client this thread already sent, reloading the
-- page: one view a day each, so the server must count exactly the new clients. Client numbers start at
-- FIRST_CLIENT, each thread with its own range, so no two runs share a client (an address 10.x.y.z: 16.7 million). done() prints "CLIENTS <n>": the
-- distinct clients whose request was sent.

local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

local browsers = {
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    .. "Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126 Mobile Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0",
}

local sent = {} -- the client numbers this thread has sent
CLIENTS_PER_THREAD = 100000 -- more than a thread sends in a run; bench/page_views.py spaces the runs by 2 × this

function init(args)
  first = tonumber(args[1] or "0") + (thread_number - 1) * CLIENTS_PER_THREAD
  clients = 0
  math.randomseed(first + 331)
end

local function client_request(number)
  local address = string.format("10.%d.%d.%d", math.floor(number / 65536) % 256, math.floor(number / 256) % 256,
    number % 256)
  return wrk.format("GET", nil, {
    ["X-Forwarded-For"] = address,
    ["User-Agent"] = browsers[number % #browsers + 1],
  })
end

function request()
  if clients > 0 and (math.random() < 0.2 or clients >= CLIENTS_PER_THREAD - 1) then
    return client_request(sent[math.random(clients)])
  end
  clients = clients + 1
  sent[clients] = first + clients
  return client_request(first + clients)
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("clients") or 0)
  end
  io.write(string.format("CLIENTS %d\n", total))
end
