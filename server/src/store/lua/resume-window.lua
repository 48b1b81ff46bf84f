--[[ Ends a pause.
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms
Returns: {'OK', eventId} ('' when it was not paused) | {'ERR', code}
]]
--@include common
local windowId, clerkId, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
if hget(KEYS[2], 'status') == 'open' then return { 'OK', '' } end
redis.call('HSET', KEYS[2], 'status', 'open', 'pauseKind', '', 'pauseNote', '', 'lastActivity', now)
local eventId = emit(KEYS[1], 'window.resumed', now, { windowId = windowId })
return { 'OK', eventId }
