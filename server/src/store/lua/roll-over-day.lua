--[[ The business day ended: tickets of that day still waiting become 'expired' (counted, each with an event),
then one day.rolled_over event. Works in chunks so Redis is never blocked for long: each call
handles the next `chunk` tickets of the ended day and keeps its place in the new day's marker;
the caller calls again while it answers MORE. Several nodes may call at once: each call is one
atomic step from where the last one stopped, so every ticket is handled once and the day rolls
over once. Tickets already called or in service are left alone: they finish normally.
KEYS: 1 events, 2 the ended day's tickets (zset), 3 marker for the new day (hash: cursor, expired, done)
ARGV: 1 prefix, 2 ended day, 3 new day, 4 now ms, 5 keep events since (stream id; '' = no trim:
      the reports module trims the stream behind its fold and archive, server/src/reports),
      6 chunk size
Returns: {'OK', eventId, expiredCount} | {'MORE', cursor, expiredSoFar} | {'DONE'} when it already ran
]]
--@include common
local endedDay, newDay, now, chunk = ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[6])
local kind = redis.call('TYPE', KEYS[3]).ok
-- a marker written as a plain value by an earlier version also means the day rolled over
if kind == 'string' or (kind == 'hash' and hget(KEYS[3], 'done') == '1') then return { 'DONE' } end
local cursor = tonumber(hget(KEYS[3], 'cursor') or '0')
local expired = tonumber(hget(KEYS[3], 'expired') or '0')
local ids = redis.call('ZRANGE', KEYS[2], cursor, cursor + chunk - 1)
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
cursor = cursor + #ids
redis.call('HSET', KEYS[3], 'cursor', cursor, 'expired', expired, 'at', now)
redis.call('PEXPIRE', KEYS[3], TICKET_TTL_MS)
if #ids == chunk then return { 'MORE', cursor, expired } end

redis.call('HSET', KEYS[3], 'done', '1')
local eventId = emit(KEYS[1], 'day.rolled_over', now, { businessDay = newDay, expired = expired })
if ARGV[5] ~= '' then
  redis.call('XTRIM', KEYS[1], 'MINID', ARGV[5])
  -- realtime clients asking for events before this get a snapshot instead of a gap
  redis.call('SET', KEYS[1] .. ':trimmed-before', ARGV[5])
end
return { 'OK', eventId, expired }
