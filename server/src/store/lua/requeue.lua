--[[ A missed resident came back: the clerk puts the ticket N places behind the head of its lane.
KEYS: 1 events, 2 window, 3 ticket, 4 hall sequence
ARGV: 1 prefix, 2 windowId, 3 clerkId, 4 now ms, 5 places behind head, 6 business day,
      7 lane key prefix for the ticket's service ("{hall:ID}:q:SERVICE:")
Returns: {'OK', eventId, ticket} | {'ERR', code}
]]
--@include common
local windowId, clerkId, now, places, day = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6]
local bad = checkClerk(KEYS[2], clerkId)
if bad then return fail(bad) end
local status = hget(KEYS[3], 'status')
if status == nil then return fail('ticket_not_found') end
if status ~= 'no_show' then return fail('not_no_show') end
if hget(KEYS[3], 'day') ~= day then return fail('not_no_show') end

local ticketId = hget(KEYS[3], 'id')
local lane = hget(KEYS[3], 'priority') or 'normal'
if lane ~= 'green' and lane ~= 'appointment' then lane = 'normal' end
local laneKey = ARGV[7] .. lane
-- mirror of domain/queue.ts requeueScore
local r = redis.call('ZRANGE', laneKey, 0, places, 'WITHSCORES')
local count = #r / 2
local score
if count <= places then
  score = redis.call('INCR', KEYS[4])
elseif places == 0 then
  score = tonumber(r[2]) - 1
else
  score = (tonumber(r[2 * places]) + tonumber(r[2 * places + 2])) / 2
end
redis.call('ZADD', laneKey, score, ticketId)
-- back in the queue: no longer a no-show on the desk of the clerk who called it
deskCount(day, hget(KEYS[3], 'clerkId'), 'noShows', -1)
redis.call('HSET', KEYS[3], 'status', 'waiting', 'requeued', 1, 'queue', laneKey, 'lane', lane,
  'windowId', '', 'callCount', 0)
local eventId = emit(KEYS[1], 'ticket.requeued', now, {
  ticketId = ticketId, number = hget(KEYS[3], 'number'), serviceId = hget(KEYS[3], 'serviceId'),
  windowId = windowId, placesBehindHead = math.min(places, count) })
return ok(eventId, ticketId)
