--[[ Hands the window's current ticket on; it goes to the front of its target and keeps its first window (首问).
KEYS: 1 events, 2 window, 3 target lane (a service's front lane or a window's own lane), 4 hall sequence
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 toServiceId ('' if to a window), 6 toWindowId ('' if to a service),
      7 note
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, toService, toWindow = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local cur = busyTicket(KEYS[2])
if cur == nil then return fail('nothing_called') end
local tk = tkey(cur)
local seq = redis.call('INCR', KEYS[4])
redis.call('ZADD', KEYS[3], seq, cur)
local fields = { 'status', 'transferred', 'queue', KEYS[3], 'transferredFrom', windowId,
  'transferredAt', now, 'transferNote', ARGV[7], 'reasonNote', ARGV[7], 'windowId', '', 'callCount', 0,
  'lane', toWindow ~= '' and 'window' or 'front', 'toWindowId', toWindow }
if toService ~= '' then
  table.insert(fields, 'serviceId')
  table.insert(fields, toService)
end
redis.call('HSET', tk, unpack(fields))
redis.call('HSET', KEYS[2], 'current', '', 'lastActivity', now)
local data = { ticketId = cur, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'),
  fromWindowId = windowId, firstWindowId = hget(tk, 'firstWindowId') }
if toService ~= '' then data.toServiceId = toService else data.toWindowId = toWindow end
-- the clerk's note, for the ledger (台帐); never public (realtime sends schema fields only)
if ARGV[7] ~= '' then data.note = ARGV[7] end
local eventId = emit(KEYS[1], 'ticket.transferred', now, data)
if ARGV[7] ~= '' then
  -- the clerk's note for the case record: supervisors only (the transfer event is public)
  emit(KEYS[1], 'ticket.transfer_noted', now, { ticketId = cur, number = data.number,
    serviceId = data.serviceId, fromWindowId = windowId, toServiceId = data.toServiceId,
    toWindowId = data.toWindowId, clerkId = clerkId, note = ARGV[7] })
end
return ok(eventId, cur)
