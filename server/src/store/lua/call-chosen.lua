--[[ Calls a chosen waiting ticket out of order (指定叫号); the reason is recorded.
KEYS: 1 events, 2 window, 3 ticket
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 windowName, 6 reason note,
      7 served service ids, comma-separated, 8 the window's own lane key
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, windowName, note = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]

local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
if hget(KEYS[2], 'status') ~= 'open' then return fail('window_paused') end
if busyTicket(KEYS[2]) then return fail('window_busy') end
local status = hget(KEYS[3], 'status')
if status == nil then return fail('ticket_not_found') end
if status ~= 'waiting' and status ~= 'transferred' then return fail('not_waiting') end
local serviceId = hget(KEYS[3], 'serviceId')
local served = (',' .. ARGV[7] .. ','):find(',' .. serviceId .. ',', 1, true) ~= nil
if not served and hget(KEYS[3], 'queue') ~= ARGV[8] then return fail('not_served_here') end

local ticketId = hget(KEYS[3], 'id')
local eventId = callTicket(KEYS[1], KEYS[2], ticketId, windowId, windowName, clerkId, now,
  { code = 'chosen', note = note })
return ok(eventId, ticketId)
