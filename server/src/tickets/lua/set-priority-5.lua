--[[ A clerk or supervisor moves a waiting ticket into or out of the green channel (绿色通道),
keeping its place in time (its score, the hall's issue sequence), with the event.
KEYS: 1 events, 2 the ticket (hash), then the lanes of its service: 3 appointment, 4 green, 5 normal
ARGV: 1 '1': into the green lane, '0': into the normal lane, 2 who (staff id), 3 reason, 4 now ms
Returns: {'OK', eventId, ticket}
       | {'ERR', 'ticket_not_found' | 'not_waiting' | 'priority_unchanged'}
Only a ticket waiting in one of its service's lanes moves; a transferred one waits at the front
of its new queue (首问) and is not in these lanes. The reason stays in the stored event for the
ledger and never leaves the server (decision 038).
]]
local status = redis.call('HGET', KEYS[2], 'status')
if not status then return { 'ERR', 'ticket_not_found' } end
local queue = redis.call('HGET', KEYS[2], 'queue')
if status ~= 'waiting' or (queue ~= KEYS[3] and queue ~= KEYS[4] and queue ~= KEYS[5]) then
  return { 'ERR', 'not_waiting' }
end
local from = redis.call('HGET', KEYS[2], 'priority') or 'normal'
local to, target = 'normal', KEYS[5]
if ARGV[1] == '1' then to, target = 'green', KEYS[4] end
if queue == target or (to == 'normal' and from ~= 'green') then return { 'ERR', 'priority_unchanged' } end

local id = redis.call('HGET', KEYS[2], 'id')
local score = redis.call('ZSCORE', queue, id)
redis.call('ZREM', queue, id)
redis.call('ZADD', target, score, id)
redis.call('HSET', KEYS[2], 'priority', to, 'lane', to, 'queue', target)
local eventId = redis.call('XADD', KEYS[1], '*', 'type', 'ticket.priority_changed', 'at', ARGV[4],
  'data', cjson.encode({
    ticketId = id, number = redis.call('HGET', KEYS[2], 'number'),
    serviceId = redis.call('HGET', KEYS[2], 'serviceId'), from = from, to = to, by = ARGV[2],
    reason = ARGV[3] }))
return { 'OK', eventId, redis.call('HGETALL', KEYS[2]) }
