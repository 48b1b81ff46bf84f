--[[ A supervisor acknowledges an alert with a note; it leaves the open list (a later red card
opens it again).
KEYS: 1 events, 2 the alert, 3 open alerts (zset)
ARGV: 1 prefix, 2 alertId, 3 now ms, 4 by (user id), 5 note
Returns: {'OK', eventId, alert fields} | {'ERR', code}
]]
--@include common
--@include alerts
local aid, now, by, note = ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5]
if redis.call('EXISTS', KEYS[2]) == 0 then return fail('alert_not_found') end
if hget(KEYS[2], 'acknowledgedAt') then return fail('alert_acknowledged') end
redis.call('HSET', KEYS[2], 'acknowledgedAt', now, 'acknowledgedBy', by, 'note', note, 'open', '0')
addStep(KEYS[2], { action = 'acknowledged', at = now, by = by, note = note })
redis.call('ZREM', KEYS[3], aid)
local eventId = emit(KEYS[1], 'alert.acknowledged', now, { alertId = aid, by = by, note = note })
return { 'OK', eventId, redis.call('HGETALL', KEYS[2]) }
