--[[ Records the rating of a finished ticket at a window: one per ticket, within its rating window.
A bad rating (1 or 2) also raises the supervisor's alert and queues the ticket for its follow-up.
KEYS: 1 events, 2 window, 3 rating stats (hash), 4 follow-ups waiting to be created (set)
ARGV: 1 prefix, 2 windowId, 3 now ms, 4 score, 5 source, 6 ticketId ('' for "the window's last"),
      7 when the key was pressed, ms ('' for now: a device's resend of a rating queued offline)
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, now, score, source, wanted = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4]), ARGV[5], ARGV[6]
local at = now
if ARGV[7] ~= '' then at = tonumber(ARGV[7]) end
local ticketId = wanted
if ticketId == '' then ticketId = hget(KEYS[2], 'rateTicket') or '' end
if ticketId == '' then return fail('nothing_to_rate') end
local tk = tkey(ticketId)
if redis.call('EXISTS', tk) == 0 then return fail('nothing_to_rate') end
if hget(tk, 'ratingScore') then return fail('already_rated') end
if hget(tk, 'status') ~= 'done' or hget(tk, 'windowId') ~= windowId then return fail('nothing_to_rate') end
local deadline = tonumber(hget(tk, 'ratingDeadline') or '0') or 0
local finishedAt = tonumber(hget(tk, 'finishedAt') or '0') or 0
-- a device's clock may be behind: a press reported before the finish counts as at the finish
if at < finishedAt then at = finishedAt end
if at > deadline then return fail('nothing_to_rate') end

redis.call('HSET', tk, 'ratingScore', score, 'ratingSource', source, 'ratingAt', at)
if hget(KEYS[2], 'rateTicket') == ticketId then
  redis.call('HSET', KEYS[2], 'rateTicket', '', 'rateDeadline', '')
end
local clerkId, serviceId, number = hget(tk, 'clerkId') or '', hget(tk, 'serviceId'), hget(tk, 'number')
-- DOMAIN rule 8: counted per business day and clerk, next to the offers finish.lua counts
local field = (hget(tk, 'day') or '') .. ':' .. clerkId .. ':'
redis.call('HINCRBY', KEYS[3], field .. 'rated', 1)
redis.call('HINCRBY', KEYS[3], field .. 'scoreSum', score)
deskCount(hget(tk, 'day'), clerkId, 's' .. score, 1)
local eventId = emit(KEYS[1], 'rating.recorded', now, {
  ticketId = ticketId, windowId = windowId, clerkId = clerkId,
  serviceId = serviceId, score = score, source = source })
if score <= 2 then
  redis.call('HINCRBY', KEYS[3], field .. 'bad', 1)
  redis.call('SADD', KEYS[4], ticketId)
  eventId = emit(KEYS[1], 'rating.alert', now, {
    ticketId = ticketId, number = number, serviceId = serviceId, windowId = windowId,
    clerkId = clerkId, score = score })
end
return ok(eventId, ticketId)
