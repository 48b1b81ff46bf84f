--[[ Books one appointment if its slot is open and has room (预约), with its event.
KEYS: 1 events, 2 the appointment (by code), 3 the day's appointments (zset code -> slot ms),
      4 the day's booked counts (hash), 5 closures (hash),
      6 the day's phone index (hash phone -> codes, comma-separated: check-in by phone),
      7 appointments holding a phone, by slot end (zset: the phone retention sweep)
ARGV: 1 count field (<serviceId>|<slotMs>, or after|<clerkId>|<slotMs>), 2 capacity,
      3 closure field of the day, 4 of the service's day, 5 of the slot,
      6 the appointment's fields as a JSON object of strings, 7 code, 8 slot start ms, 9 now ms,
      10 expire-at ms of the keys, 11 the event's data as JSON,
      12 expire-at ms of the phone index (a day after the slot: it serves check-in only)
Returns: {'OK', eventId} | {'TAKEN'} (the code exists: draw another) | {'ERR', code}
Nothing is written before every check has passed.
]]
local field, capacity = ARGV[1], tonumber(ARGV[2])
if redis.call('EXISTS', KEYS[2]) == 1 then return { 'TAKEN' } end
for i = 3, 5 do
  if redis.call('HEXISTS', KEYS[5], ARGV[i]) == 1 then return { 'ERR', 'slot_closed' } end
end
local booked = tonumber(redis.call('HGET', KEYS[4], field) or '0')
if booked >= capacity then return { 'ERR', 'slot_full' } end

local fields = cjson.decode(ARGV[6])
for k, v in pairs(fields) do redis.call('HSET', KEYS[2], k, tostring(v)) end
redis.call('HSET', KEYS[2], 'countField', field, 'status', 'booked')
redis.call('ZADD', KEYS[3], tonumber(ARGV[8]), ARGV[7])
redis.call('HINCRBY', KEYS[4], field, 1)
local expireAt = tonumber(ARGV[10])
for i = 2, 4 do redis.call('PEXPIREAT', KEYS[i], expireAt) end
if fields.phone then
  redis.call('ZADD', KEYS[7], tonumber(fields.slotEndMs), ARGV[7])
  local codes = redis.call('HGET', KEYS[6], fields.phone)
  redis.call('HSET', KEYS[6], fields.phone, codes and (codes .. ',' .. ARGV[7]) or ARGV[7])
  -- relative to the hall's clock, so its life does not depend on the wall clock
  local indexTtl = tonumber(ARGV[12]) - tonumber(ARGV[9])
  if indexTtl > 0 and redis.call('PTTL', KEYS[6]) < indexTtl then
    redis.call('PEXPIRE', KEYS[6], indexTtl)
  end
end
local eventId = redis.call('XADD', KEYS[1], '*', 'type', 'appointment.booked', 'at', ARGV[9], 'data', ARGV[11])
return { 'OK', eventId }
