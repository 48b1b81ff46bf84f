--[[ A/B posts (AB岗): one of a window's two post clerks takes the window with one action.
The partner post, if still signed in there, is signed out; the taker is signed out of any
other window first (not while a ticket is called or in service there). The ticket in hand
at the window, if any, stays with the window. The handover is recorded on window.opened
(handoverFrom) and, when the partner was still signed in, on window.closed (handoverTo).
KEYS: 1 events, 2 window, 3 taker's sign-in key
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 staff name, 6 job number, 7 partner post's clerk id ('' if none)
Returns: {'OK', eventId, handoverFrom} (eventId '' when already signed in there) | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, partner = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[7]
local status = hget(KEYS[2], 'status') or 'closed'
local holder = hget(KEYS[2], 'clerkId') or ''
if status ~= 'closed' and holder == clerkId then return { 'OK', '', '' } end
if status ~= 'closed' and holder ~= '' and holder ~= partner then return fail('window_taken') end

-- signed in elsewhere: leave that window first, unless a ticket is still open there
local at = redis.call('GET', KEYS[3])
if at and at ~= windowId then
  local other = P .. 'w:' .. at
  if busyTicket(other) then return fail('clerk_elsewhere') end
  if hget(other, 'clerkId') == clerkId and (hget(other, 'status') or 'closed') ~= 'closed' then
    redis.call('HSET', other, 'status', 'closed', 'clerkId', '', 'lastClerkId', clerkId, 'since', now,
      'pauseKind', '', 'pauseNote', '')
    emit(KEYS[1], 'window.closed', now, { windowId = at, clerkId = clerkId, auto = false })
  end
end

local from = ''
if status ~= 'closed' and holder ~= '' then
  from = holder
  redis.call('DEL', P .. 'clerk:' .. holder)
  emit(KEYS[1], 'window.closed', now, { windowId = windowId, clerkId = holder, auto = false, handoverTo = clerkId })
elseif partner ~= '' and hget(KEYS[2], 'lastClerkId') == partner then
  from = partner
end

redis.call('HSET', KEYS[2], 'status', 'open', 'clerkId', clerkId, 'since', now, 'lastActivity', now,
  'pauseKind', '', 'pauseNote', '')
redis.call('SET', KEYS[3], windowId)
local data = { windowId = windowId, clerkId = clerkId, staffName = ARGV[5], staffJobNo = ARGV[6] }
if from ~= '' then data.handoverFrom = from end
local eventId = emit(KEYS[1], 'window.opened', now, data)
return { 'OK', eventId, from }
