--[[ Closes or reopens a day, a service's day or one slot for appointments.
KEYS: 1 events, 2 closures (hash: <day>|<serviceId or *>|<slotMs or *> -> 1)
ARGV: 1 field, 2 '1' close or '0' reopen, 3 now ms, 4 the event's data as JSON, 5 expire-at ms of the field's day
Returns: {'OK', eventId} | {'SAME', ''} when nothing changed. Bookings already made stay.
Closures whose day is long past (their value, an expire-at ms, is before now) are dropped.
]]
local flat = redis.call('HGETALL', KEYS[2])
for i = 1, #flat, 2 do
  if tonumber(flat[i + 1]) < tonumber(ARGV[3]) then redis.call('HDEL', KEYS[2], flat[i]) end
end
local changed
if ARGV[2] == '1' then
  changed = redis.call('HSET', KEYS[2], ARGV[1], ARGV[5])
else
  changed = redis.call('HDEL', KEYS[2], ARGV[1])
end
if changed == 0 then return { 'SAME', '' } end
local eventId = redis.call('XADD', KEYS[1], '*', 'type', 'appointment.slots_changed', 'at', ARGV[3],
  'data', ARGV[4])
return { 'OK', eventId }
