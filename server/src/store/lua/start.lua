--[[ The called resident arrived: service starts.
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local cur, st = busyTicket(KEYS[2])
if cur == nil or st ~= 'called' then return fail('nothing_called') end
local tk = tkey(cur)
redis.call('HSET', tk, 'status', 'serving', 'startedAt', now)
redis.call('HSET', KEYS[2], 'lastActivity', now)
local eventId = emit(KEYS[1], 'ticket.started', now, {
  ticketId = cur, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'), windowId = windowId })
return ok(eventId, cur)
