--[[ How far behind the hall's stream a subscriber is: decides replay or snapshot. Read-only.
KEYS: 1 events, 2 events:trimmed-before
ARGV: 1 since (a stream id the subscriber has), 2 the most events a replay may carry
Returns: the number of events after `since` (0 .. max), or -1 when a replay cannot serve the
         subscriber: some of those events are trimmed, `since` lies beyond the stream's end (a
         Redis that lost its data), or more than max events follow it.
Reads at most max + 1 entries and returns one number, so a far-behind subscriber costs Redis
and the node no more than a short one.
]]
local since, max = ARGV[1], tonumber(ARGV[2])

local function parse(id)
  local ms, seq = string.match(id, '^(%d+)-(%d+)$')
  return tonumber(ms) or 0, tonumber(seq) or 0
end
local function less(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  if am ~= bm then return am < bm end
  return as < bs
end

local trimmed = redis.call('GET', KEYS[2])
if trimmed and less(since, trimmed) then return -1 end
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if last[1] then lastId = last[1][1] end
if less(lastId, since) then return -1 end
local after = redis.call('XRANGE', KEYS[1], '(' .. since, '+', 'COUNT', max + 1)
if #after > max then return -1 end
return #after
