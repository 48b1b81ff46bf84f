--[[ Closes a follow-up (回访) task with the supervisor's note.
KEYS: 1 events, 2 open follow-ups by due time (zset)
ARGV: 1 prefix, 2 follow-up id, 3 now ms, 4 closed by (staff id), 5 note
Returns: {'OK', eventId, task} | {'ERR', code}
]]
--@include common
local id, now, by, note = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
local fk = P .. 'fu:' .. id
if redis.call('EXISTS', fk) == 0 then return fail('follow_up_not_found') end
if hget(fk, 'status') == 'closed' then return fail('follow_up_closed') end
redis.call('HSET', fk, 'status', 'closed', 'closedAt', now, 'closedBy', by, 'note', note)
redis.call('ZREM', KEYS[2], id)
local eventId = emit(KEYS[1], 'follow_up.closed', now, {
  followUpId = id, ticketId = hget(fk, 'ticketId'), closedBy = by })
return { 'OK', eventId, redis.call('HGETALL', fk) }
