--[[ Calls the window's current ticket again.
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 windowName, 6 max recalls
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, windowName, maxRecalls = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6])
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local cur, st = busyTicket(KEYS[2])
if cur == nil or st ~= 'called' then return fail('nothing_called') end
local tk = tkey(cur)
local calls = tonumber(hget(tk, 'callCount') or '1')
if calls - 1 >= maxRecalls then return fail('recall_limit') end
calls = redis.call('HINCRBY', tk, 'callCount', 1)
redis.call('HSET', tk, 'lastCalledAt', now)
redis.call('HSET', KEYS[2], 'lastActivity', now)
local eventId = emit(KEYS[1], 'ticket.recalled', now, {
  ticketId = cur, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'),
  windowId = windowId, windowName = windowName, recall = true, callCount = calls,
  reason = hget(tk, 'reasonCode') })
return ok(eventId, cur)
