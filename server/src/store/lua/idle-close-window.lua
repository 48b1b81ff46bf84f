--[[ Signs out a clerk who left the window without signing out: nothing done at the window and
no sign of the clerk at the console for the hall's idle time. Not while a ticket is called or
in service (that stays for the supervisor to see). Recorded as window.closed with auto = true.
KEYS: 1 events, 2 window, 3 the window's console presence key
ARGV: 1 prefix, 2 windowId, 3 now ms, 4 idle time ms
Returns: {'OK', eventId, clerkId} | {'SKIP'}
]]
--@include common
local windowId, now, idle = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local status = hget(KEYS[2], 'status') or 'closed'
local clerkId = hget(KEYS[2], 'clerkId') or ''
if status == 'closed' or clerkId == '' then return { 'SKIP' } end
if busyTicket(KEYS[2]) then return { 'SKIP' } end
local last = math.max(tonumber(hget(KEYS[2], 'lastActivity') or '0') or 0,
  tonumber(hget(KEYS[2], 'since') or '0') or 0, tonumber(redis.call('GET', KEYS[3]) or '0') or 0)
if now - last < idle then return { 'SKIP' } end
redis.call('HSET', KEYS[2], 'status', 'closed', 'clerkId', '', 'lastClerkId', clerkId, 'since', now,
  'pauseKind', '', 'pauseNote', '')
redis.call('DEL', P .. 'clerk:' .. clerkId)
local eventId = emit(KEYS[1], 'window.closed', now, { windowId = windowId, clerkId = clerkId, auto = true })
return { 'OK', eventId, clerkId }
