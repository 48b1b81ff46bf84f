--[[ The clerk is at the console (keyboard or mouse used lately): keeps the idle sign-out away.
Only the presence key changes, nothing anyone else sees, so no event is appended.
KEYS: 1 window, 2 the window's console presence key
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 expiry ms
Returns: {'OK'} | {'ERR', code}
]]
--@include common
local bad = checkClerk(KEYS[1], ARGV[3])
if bad then return fail(bad) end
redis.call('SET', KEYS[2], ARGV[4], 'PX', tonumber(ARGV[5]))
return { 'OK' }
