--[[ Service ends with an outcome; the evaluation prompt opens for the window.
KEYS: 1 events, 2 window, 3 rating stats (hash: <day>:<clerkId>:offered, see rate.lua)
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 outcome, 6 missing materials (JSON array),
      7 rating deadline ms, 8 EWMA weight of the new service time
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, outcome = ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5]
local deadline, alpha = tonumber(ARGV[7]), tonumber(ARGV[8])
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local cur, st = busyTicket(KEYS[2])
if cur == nil or st ~= 'serving' then return fail('nothing_in_service') end
local tk = tkey(cur)
redis.call('HSET', tk, 'status', 'done', 'finishedAt', now, 'outcome', outcome,
  'missingMaterials', ARGV[6], 'ratingDeadline', deadline)
redis.call('HSET', KEYS[2], 'current', '', 'rateTicket', cur, 'rateDeadline', deadline, 'lastActivity', now)
-- DOMAIN rule 8: every finished service is offered an evaluation, counted per day and clerk
redis.call('HINCRBY', KEYS[3], (hget(tk, 'day') or '') .. ':' .. (hget(tk, 'clerkId') or clerkId) .. ':offered', 1)
-- the clerk's desk: served, timed service, and which ticket was finished last
local desk = deskCount(hget(tk, 'day'), hget(tk, 'clerkId') or clerkId, 'served', 1)
local startedAt = tonumber(hget(tk, 'startedAt') or '0') or 0
if startedAt > 0 and now >= startedAt then
  redis.call('HINCRBY', desk, 'serviceMs', now - startedAt)
  redis.call('HINCRBY', desk, 'timed', 1)
end
redis.call('HSET', desk, 'lastId', cur)

-- the window time this ticket took (call to finish) feeds the service's mean for wait estimates
local serviceId = hget(tk, 'serviceId')
local svcKey = P .. 'svc:' .. serviceId
local took = now - tonumber(hget(tk, 'calledAt') or now)
local mean = tonumber(hget(svcKey, 'meanMs') or '0')
if mean <= 0 then mean = took else mean = mean + alpha * (took - mean) end
-- how many finished tickets the mean has seen: the estimate trusts it (estMs) only after
-- MIN_MEAN_SAMPLES (domain/estimate.ts) of them; before, it uses the configured average
local seen = redis.call('HINCRBY', svcKey, 'meanN', 1)
redis.call('HSET', svcKey, 'meanMs', mean, 'estMs', seen >= 5 and mean or '')

local eventId = emit(KEYS[1], 'ticket.finished', now, {
  ticketId = cur, number = hget(tk, 'number'), serviceId = serviceId, windowId = windowId,
  outcome = outcome, ratingDeadline = deadline, missingMaterials = ARGV[6] })
return ok(eventId, cur)
