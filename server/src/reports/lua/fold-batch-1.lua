--[[ Writes one folded batch of hall events into the history, exactly once.
The batch was computed from the state after `expected`; if another node or an
earlier run has moved the cursor since, nothing is written and the caller folds
again from the new cursor. The cursor moves in the same atomic step as the
aggregates, so a crash leaves either the whole batch or none of it.
The writes come as plain arguments, grouped so that a batch of thousands of case
records is a few commands (MSET, one RPUSH per list), not one command each.
KEYS: 1 the fold cursor (all other keys share the hall's hash tag; named in ARGV)
ARGV: 1 expected cursor ('' before the first batch), 2 new cursor (the last event id read),
      3 number of increments I, 4 number of values to set S, 5 number of lists L, then
      I triples: hash key, field, increment (HINCRBY)
      S pairs: key, value (SET)
      L groups: list key, number of values N, N values (RPUSH, in order)
Returns: 1 written | 0 the cursor had moved (nothing written)
]]
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
-- Lua's unpack takes a few thousand values at most: longer runs go in chunks
local CHUNK = 2000
local i = 6
for _ = 1, tonumber(ARGV[3]) do
  redis.call('HINCRBY', ARGV[i], ARGV[i + 1], ARGV[i + 2])
  i = i + 3
end
local last = i + 2 * tonumber(ARGV[4]) - 1
while i <= last do
  local stop = math.min(i + CHUNK - 1, last)
  redis.call('MSET', unpack(ARGV, i, stop))
  i = stop + 1
end
for _ = 1, tonumber(ARGV[5]) do
  local key, n = ARGV[i], tonumber(ARGV[i + 1])
  i = i + 2
  local stop = i + n - 1
  while i <= stop do
    local chunkStop = math.min(i + CHUNK - 1, stop)
    redis.call('RPUSH', key, unpack(ARGV, i, chunkStop))
    i = chunkStop + 1
  end
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
