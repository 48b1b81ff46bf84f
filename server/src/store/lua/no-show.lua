--[[ The called resident did not come (过号).
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 calls required first
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, needed = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local cur, st = busyTicket(KEYS[2])
if cur == nil or st ~= 'called' then return fail('nothing_called') end
local tk = tkey(cur)
if tonumber(hget(tk, 'callCount') or '0') < needed then return fail('no_show_too_early') end
redis.call('HSET', tk, 'status', 'no_show', 'noShowAt', now, 'noShowWindowId', windowId)
deskCount(hget(tk, 'day'), hget(tk, 'clerkId') or clerkId, 'noShows', 1)
redis.call('HSET', KEYS[2], 'current', '', 'lastActivity', now)
local eventId = emit(KEYS[1], 'ticket.no_show', now, {
  ticketId = cur, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'), windowId = windowId })
return ok(eventId, cur)
