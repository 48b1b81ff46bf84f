--[[ Moves a booked appointment to another slot (or service) if that slot is open and has room.
KEYS: 1 events, 2 the appointment, 3 its old day's appointments, 4 its old day's counts,
      5 the new day's appointments, 6 the new day's counts, 7 closures,
      8 the new day's phone index (check-in by phone; the old day's entry is ignored by check-in),
      9 appointments holding a phone, by slot end (the phone retention sweep)
ARGV: 1 new count field, 2 capacity, 3 closure field of the new day, 4 of the service's day,
      5 of the slot, 6 code, 7 new slot start ms, 8 new slot end ms, 9 new slot ISO, 10 new service,
      11 new day, 12 now ms, 13 expire-at ms, 14 expire-at ms of the new day's phone index
Returns: {'OK', eventId} | {'ERR', code}
]]
local function get(f)
  local v = redis.call('HGET', KEYS[2], f)
  if v == false then return nil end
  return v
end
local status = get('status')
if status == nil then return { 'ERR', 'appointment_not_found' } end
if status ~= 'booked' then return { 'ERR', 'appointment_not_active' } end
local field, oldField = ARGV[1], get('countField')
if field == oldField then return { 'ERR', 'invalid_request' } end
for i = 3, 5 do
  if redis.call('HEXISTS', KEYS[7], ARGV[i]) == 1 then return { 'ERR', 'slot_closed' } end
end
local booked = tonumber(redis.call('HGET', KEYS[6], field) or '0')
if booked >= tonumber(ARGV[2]) then return { 'ERR', 'slot_full' } end

local from = { serviceId = get('serviceId'), slotIso = get('slotIso') }
redis.call('HINCRBY', KEYS[4], oldField, -1)
redis.call('ZREM', KEYS[3], ARGV[6])
redis.call('HINCRBY', KEYS[6], field, 1)
redis.call('ZADD', KEYS[5], tonumber(ARGV[7]), ARGV[6])
redis.call('HSET', KEYS[2], 'countField', field, 'slotMs', ARGV[7], 'slotEndMs', ARGV[8],
  'slotIso', ARGV[9], 'serviceId', ARGV[10], 'day', ARGV[11], 'rescheduledFrom', from.slotIso)
local expireAt = tonumber(ARGV[13])
for _, k in ipairs({ KEYS[2], KEYS[5], KEYS[6] }) do redis.call('PEXPIREAT', k, expireAt) end
local phone = get('phone')
if phone then
  redis.call('ZADD', KEYS[9], tonumber(ARGV[8]), ARGV[6])
  local codes = redis.call('HGET', KEYS[8], phone)
  if not codes or not (',' .. codes .. ','):find(',' .. ARGV[6] .. ',', 1, true) then
    redis.call('HSET', KEYS[8], phone, codes and (codes .. ',' .. ARGV[6]) or ARGV[6])
  end
  -- relative to the hall's clock, so its life does not depend on the wall clock
  local indexTtl = tonumber(ARGV[14]) - tonumber(ARGV[12])
  if indexTtl > 0 and redis.call('PTTL', KEYS[8]) < indexTtl then
    redis.call('PEXPIRE', KEYS[8], indexTtl)
  end
end
local data = {
  appointmentId = get('id'), serviceId = ARGV[10], slotStart = ARGV[9],
  fromServiceId = from.serviceId, fromSlotStart = from.slotIso,
}
local eventId = redis.call('XADD', KEYS[1], '*', 'type', 'appointment.rescheduled', 'at', ARGV[12],
  'data', cjson.encode(data))
return { 'OK', eventId }
