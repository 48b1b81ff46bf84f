--[[ Escalates open follow-ups past their due time, once each: the supervisor's alert.
KEYS: 1 events, 2 open follow-ups by due time (zset)
ARGV: 1 prefix, 2 now ms, 3 at most this many in one run
Returns: {'OK', escalated ids}
]]
--@include common
local now, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local due = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', '(' .. now, 'LIMIT', 0, limit)
local escalated = {}
for _, id in ipairs(due) do
  local fk = P .. 'fu:' .. id
  redis.call('ZREM', KEYS[2], id)
  if hget(fk, 'status') == 'open' and not hget(fk, 'escalatedAt') then
    redis.call('HSET', fk, 'escalatedAt', now)
    emit(KEYS[1], 'follow_up.escalated', now, {
      followUpId = id, ticketId = hget(fk, 'ticketId'), number = hget(fk, 'number'),
      serviceId = hget(fk, 'serviceId'), windowId = hget(fk, 'windowId'),
      clerkId = hget(fk, 'clerkId'), dueAt = hget(fk, 'dueIso') })
    escalated[#escalated + 1] = id
  end
end
return { 'OK', escalated }
