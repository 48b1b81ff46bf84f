--[[ Window sign: 对不起，请稍候 (brief) or 此窗口暂停服务 (closed). Not while a ticket is called or served.
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 kind (brief|closed), 6 note
Returns: {'OK', eventId} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, kind = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
if busyTicket(KEYS[2]) then return fail('window_busy') end
local status = kind == 'brief' and 'brief_pause' or 'paused'
if hget(KEYS[2], 'status') == status then return { 'OK', '' } end
redis.call('HSET', KEYS[2], 'status', status, 'pauseKind', kind, 'pauseNote', ARGV[6], 'pausedAt', now)
local eventId = emit(KEYS[1], 'window.paused', now, { windowId = windowId, kind = kind })
return { 'OK', eventId }
