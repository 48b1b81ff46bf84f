--[[ The business day ended: tickets of that day still waiting become 'expired' (counted, each with an event),
then one day.rolled_over event. Runs once per day however often it is called.
Tickets already called or in service are left alone: they finish normally.
KEYS: 1 events, 2 the ended day's tickets (zset), 3 marker for the new day
ARGV: 1 prefix, 2 ended day, 3 new day, 4 now ms, 5 keep events since (stream id; '' = no trim:
      the reports module trims the stream behind its fold and archive, server/src/reports)
Returns: {'OK', eventId, expiredCount} | {'DONE'} when it already ran
]]
--@include common
local endedDay, newDay, now = ARGV[2], ARGV[3], tonumber(ARGV[4])
if redis.call('SET', KEYS[3], now, 'NX', 'PX', TICKET_TTL_MS) == false then return { 'DONE' } end
local expired = 0
local ids = redis.call('ZRANGE', KEYS[2], 0, -1)
for _, id in ipairs(ids) do
  local tk = tkey(id)
  local st = hget(tk, 'status')
  if st == 'waiting' or st == 'transferred' then
    local queue = hget(tk, 'queue')
    if queue ~= nil and queue ~= '' then redis.call('ZREM', queue, id) end
    redis.call('HSET', tk, 'status', 'expired', 'queue', '', 'expiredAt', now)
    emit(KEYS[1], 'ticket.expired', now, {
      ticketId = id, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'), businessDay = endedDay })
    expired = expired + 1
  end
end
local eventId = emit(KEYS[1], 'day.rolled_over', now, { businessDay = newDay, expired = expired })
if ARGV[5] ~= '' then
  redis.call('XTRIM', KEYS[1], 'MINID', ARGV[5])
  -- realtime clients asking for events before this get a snapshot instead of a gap
  redis.call('SET', KEYS[1] .. ':trimmed-before', ARGV[5])
end
return { 'OK', eventId, expired }
