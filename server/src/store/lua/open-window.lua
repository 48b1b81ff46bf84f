--[[ A clerk signs in at a window. One clerk per window, one window per clerk.
KEYS: 1 events, 2 window, 3 clerk's sign-in key
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 staff name, 6 job number
Returns: {'OK', eventId} (eventId '' when already signed in there) | {'ERR', code}
]]
--@include common
local windowId, clerkId, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
local status = hget(KEYS[2], 'status') or 'closed'
local holder = hget(KEYS[2], 'clerkId')
if status ~= 'closed' and holder ~= nil and holder ~= '' and holder ~= clerkId then return fail('window_taken') end
local at = redis.call('GET', KEYS[3])
if at and at ~= windowId then return fail('clerk_elsewhere') end
if status ~= 'closed' and holder == clerkId then return { 'OK', '' } end
redis.call('HSET', KEYS[2], 'status', 'open', 'clerkId', clerkId, 'since', now, 'lastActivity', now,
  'pauseKind', '', 'pauseNote', '')
redis.call('SET', KEYS[3], windowId)
local eventId = emit(KEYS[1], 'window.opened', now, {
  windowId = windowId, clerkId = clerkId, staffName = ARGV[5], staffJobNo = ARGV[6] })
return { 'OK', eventId }
