--[[ Cancels a booked appointment: its place in the slot is free again.
KEYS: 1 events, 2 the appointment, 3 its day's booked counts
ARGV: 1 now ms, 2 who cancels (staff id or device:<id>),
      3 the booker a device may cancel for ('' for staff: any appointment)
Returns: {'OK', eventId} | {'ERR', 'appointment_not_found' | 'appointment_not_active'}
A device asking for another booker's appointment is told it does not exist.
]]
local function get(f)
  local v = redis.call('HGET', KEYS[2], f)
  if v == false then return nil end
  return v
end
local status = get('status')
if status == nil then return { 'ERR', 'appointment_not_found' } end
if ARGV[3] ~= '' and get('bookedBy') ~= ARGV[3] then return { 'ERR', 'appointment_not_found' } end
if status ~= 'booked' then return { 'ERR', 'appointment_not_active' } end
redis.call('HINCRBY', KEYS[3], get('countField'), -1)
redis.call('HSET', KEYS[2], 'status', 'cancelled', 'cancelledAt', ARGV[1], 'cancelledBy', ARGV[2])
local data = { appointmentId = get('id'), serviceId = get('serviceId'), slotStart = get('slotIso') }
local eventId = redis.call('XADD', KEYS[1], '*', 'type', 'appointment.cancelled', 'at', ARGV[1],
  'data', cjson.encode(data))
return { 'OK', eventId }
