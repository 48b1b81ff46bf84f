--[[ Writes one folded batch of hall events into the history, exactly once.
The batch was computed from the state after `expected`; if another node or an
earlier run has moved the cursor since, nothing is written and the caller folds
again from the new cursor. The cursor moves in the same atomic step as the
aggregates, so a crash leaves either the whole batch or none of it.
KEYS: 1 the fold cursor (all other keys share the hall's hash tag; named in ARGV)
ARGV: 1 expected cursor ('' before the first batch), 2 new cursor (the batch's last event id),
      3 JSON { incr = {key, field, n, ...}, set = {key, value, ...}, push = {key, value, ...} }
Returns: 1 written | 0 the cursor had moved (nothing written)
]]
local current = redis.call('GET', KEYS[1])
if current == false then current = '' end
if current ~= ARGV[1] then return 0 end
local ops = cjson.decode(ARGV[3])
local incr, set, push = ops.incr, ops.set, ops.push
for i = 1, #incr, 3 do
  redis.call('HINCRBY', incr[i], incr[i + 1], incr[i + 2])
end
for i = 1, #set, 2 do
  redis.call('SET', set[i], set[i + 1])
end
for i = 1, #push, 2 do
  redis.call('RPUSH', push[i], push[i + 1])
end
redis.call('SET', KEYS[1], ARGV[2])
return 1
