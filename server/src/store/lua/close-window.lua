--[[ The clerk signs out (or is signed out when idle). A ticket still called or in service must be dealt with first.
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 '1' when automatic
Returns: {'OK', eventId} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
if busyTicket(KEYS[2]) then return fail('window_busy') end
redis.call('HSET', KEYS[2], 'status', 'closed', 'clerkId', '', 'lastClerkId', clerkId, 'since', now,
  'pauseKind', '', 'pauseNote', '')
redis.call('DEL', P .. 'clerk:' .. clerkId)
local eventId = emit(KEYS[1], 'window.closed', now, { windowId = windowId, clerkId = clerkId, auto = ARGV[5] == '1' })
return { 'OK', eventId }
