--[[ Records as no-shows the booked appointments of a day whose check-in window has closed.
KEYS: 1 events, 2 the day's appointments (zset code -> slot ms)
ARGV: 1 the hall's key prefix "{hall:ID}:", 2 the latest slot start whose window has closed (ms),
      3 now ms
Returns: {'OK', count}. Idempotent: an appointment is marked once, with one appointment.no_show event.
Appointment keys are built from the prefix (keys.ts: appointment), in the hall's hash slot.
]]
local marked = 0
for _, code in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])) do
  local key = ARGV[1] .. 'ap:' .. code
  if redis.call('HGET', key, 'status') == 'booked' then
    redis.call('HSET', key, 'status', 'no_show', 'noShowAt', ARGV[3])
    local f = redis.call('HMGET', key, 'id', 'serviceId', 'slotIso')
    redis.call('XADD', KEYS[1], '*', 'type', 'appointment.no_show', 'at', ARGV[3], 'data',
      cjson.encode({ appointmentId = f[1], serviceId = f[2], slotStart = f[3] }))
    marked = marked + 1
  end
end
return { 'OK', marked }
