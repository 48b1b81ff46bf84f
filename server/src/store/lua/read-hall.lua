--[[ A consistent read of a hall for snapshots: every window, every lane's size and the newest event id,
all at one instant (no change can fall between them).
KEYS: 1 events, then the window hashes, then the lane zsets
ARGV: 1 prefix, 2 number of windows
Returns: {lastEventId, {window hash + currentNumber/currentStatus}..., {lane size}...}
]]
--@include common
local nw = tonumber(ARGV[2])
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
local lastId = '0-0'
if #last > 0 then lastId = last[1][1] end
local windows, lanes = {}, {}
for i = 2, nw + 1 do
  local w = redis.call('HGETALL', KEYS[i])
  local cur = hget(KEYS[i], 'current')
  if cur ~= nil and cur ~= '' then
    local t = redis.call('HMGET', tkey(cur), 'number', 'status')
    if t[1] then
      table.insert(w, 'currentNumber')
      table.insert(w, t[1])
      table.insert(w, 'currentStatus')
      table.insert(w, t[2])
    end
  end
  table.insert(windows, w)
end
for i = nw + 2, #KEYS do table.insert(lanes, redis.call('ZCARD', KEYS[i])) end
return { lastId, windows, lanes }
