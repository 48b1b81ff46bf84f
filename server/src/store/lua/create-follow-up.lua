--[[ Creates the follow-up (回访) task of a bad rating. Idempotent: the job may run more than once.
KEYS: 1 events, 2 all follow-ups (zset by creation), 3 open follow-ups by due time (zset),
      4 follow-ups waiting to be created (set)
ARGV: 1 prefix, 2 ticketId, 3 now ms, 4 due ms, 5 due time as ISO 8601 in the hall's zone
Returns: {'OK', 1} created | {'OK', 0} it existed | {'ERR', code}
]]
--@include common
local ticketId, now, due, dueIso = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5]
local fk = P .. 'fu:' .. ticketId
if redis.call('EXISTS', fk) == 1 then
  redis.call('SREM', KEYS[4], ticketId)
  return { 'OK', 0 }
end
local tk = tkey(ticketId)
local score = tonumber(hget(tk, 'ratingScore') or '0') or 0
if score < 1 or score > 2 then
  -- not (or no longer) a bad rating: nothing to follow up
  redis.call('SREM', KEYS[4], ticketId)
  return fail('ticket_not_found')
end
local number, windowId, clerkId, serviceId =
  hget(tk, 'number'), hget(tk, 'windowId'), hget(tk, 'clerkId'), hget(tk, 'serviceId')
redis.call('HSET', fk, 'id', ticketId, 'ticketId', ticketId, 'number', number,
  'windowId', windowId, 'clerkId', clerkId, 'serviceId', serviceId, 'score', score,
  'ratedAt', hget(tk, 'ratingAt') or now, 'createdAt', now, 'dueAt', due, 'dueIso', dueIso,
  'status', 'open')
redis.call('ZADD', KEYS[2], now, ticketId)
redis.call('ZADD', KEYS[3], due, ticketId)
redis.call('SREM', KEYS[4], ticketId)
emit(KEYS[1], 'follow_up.created', now, {
  followUpId = ticketId, ticketId = ticketId, number = number, serviceId = serviceId,
  windowId = windowId, clerkId = clerkId, score = score, dueAt = dueIso })
return { 'OK', 1 }
