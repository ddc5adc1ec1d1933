-- wrk script for POST /api/arcade/v1/transactions: one play (amount -1) per request, a student drawn at random from
-- ARCADE_FIRST..ARCADE_LAST, and a clientTransactionId unique to this wrk thread and request, so every request is a
-- new transaction the engine journals (no retries answered from memory). Non-2xx answers are counted by wrk.
local counter = 0
local thread_tag
local first = tonumber(os.getenv("ARCADE_FIRST"))
local last = tonumber(os.getenv("ARCADE_LAST"))

function setup(thread)
  thread:set("tag", tostring(math.random(1, 2^31)) .. "-" .. tostring(os.time()))
end

function init(args)
  thread_tag = tag
  math.randomseed(os.time() + #tag)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"student":"%d","amount":-1,"game":"load","clientTransactionId":"%s-%d"}',
    math.random(first, last), thread_tag, counter)
  return wrk.format("POST", "/api/arcade/v1/transactions", {
    ["Content-Type"] = "application/json",
    ["X-Arcade-Key"] = os.getenv("ARCADE_KEY"),
  }, body)
end
