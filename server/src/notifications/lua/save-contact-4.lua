--[[ Stores or withdraws a ticket's notification contact (the kiosk's phone with its consent tick).
KEYS: 1 events, 2 the ticket, 3 the contact (hash: phone, consent, at), 4 contacts (zset ticket id -> ms)
ARGV: 1 ticket id, 2 phone, 3 '1' consent or '0' none, 4 now ms, 5 keep ms
Returns: {'OK', eventId} | {'ERR', 'ticket_not_found'}
Without consent no number is kept: the contact is deleted. The event never carries the number.
]]
if redis.call('EXISTS', KEYS[2]) == 0 then return { 'ERR', 'ticket_not_found' } end
local consent = ARGV[3] == '1'
if consent then
  redis.call('HSET', KEYS[3], 'phone', ARGV[2], 'consent', '1', 'at', ARGV[4])
  redis.call('PEXPIRE', KEYS[3], tonumber(ARGV[5]))
  redis.call('ZADD', KEYS[4], tonumber(ARGV[4]), ARGV[1])
else
  redis.call('DEL', KEYS[3])
  redis.call('ZREM', KEYS[4], ARGV[1])
end
local eventId = redis.call('XADD', KEYS[1], '*', 'type', 'contact.saved', 'at', ARGV[4], 'data',
  cjson.encode({ ticketId = ARGV[1], consent = consent }))
return { 'OK', eventId }
