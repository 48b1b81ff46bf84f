--[[ Records the rating of the last finished ticket at a window; one per ticket, within the rating window.
KEYS: 1 events, 2 window
ARGV: 1 prefix, 2 windowId, 3 now ms, 4 score, 5 source, 6 ticketId ('' for "the window's last")
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, now, score, source, wanted = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
if wanted ~= '' then
  local tk = tkey(wanted)
  if redis.call('EXISTS', tk) == 0 then return fail('nothing_to_rate') end
  if hget(tk, 'ratingScore') then return fail('already_rated') end
end
local ticketId = hget(KEYS[2], 'rateTicket')
if ticketId == nil or ticketId == '' then return fail('nothing_to_rate') end
if wanted ~= '' and wanted ~= ticketId then return fail('nothing_to_rate') end
local tk = tkey(ticketId)
if hget(tk, 'ratingScore') then return fail('already_rated') end
if now > tonumber(hget(KEYS[2], 'rateDeadline') or '0') then return fail('nothing_to_rate') end
redis.call('HSET', tk, 'ratingScore', score, 'ratingSource', source, 'ratingAt', now)
redis.call('HSET', KEYS[2], 'rateTicket', '', 'rateDeadline', '')
local eventId = emit(KEYS[1], 'rating.recorded', now, {
  ticketId = ticketId, windowId = windowId, clerkId = hget(tk, 'clerkId'),
  serviceId = hget(tk, 'serviceId'), score = score, source = source })
return ok(eventId, ticketId)
