--[[ Issues a ticket: number, queue place, print job and events in one step; with an
appointment (预约签到) it also checks the appointment in, so one code gives one ticket.
KEYS: 1 events, 2 hall sequence, 3 day numbers (hash service -> last number),
      4 day tickets (zset), 5 own lane as asked (green or normal), 6 front lane, 7 green lane,
      8 request-id key (idempotency), 9 printer (hash), 10 printer's jobs (zset),
      11 the caller's ticket requests this minute (rate limit), 12 the service's appointment lane,
      13 the appointment (hash; any absent key when not checking in),
      then the estimate's inputs: ARGV[17] window hashes, ARGV[18] service hashes,
      and 4 lanes (front, appointment, green, normal) per service in the same order
ARGV: 1 prefix, 2 ticketId, 3 hallId, 4 serviceId, 5 number prefix, 6 priority asked (normal|green),
      7 now ms, 8 business day, 9 daily quota (0: none), 10 requestId ('' none),
      11 '1': check in with the appointment of KEYS[13], 12 phone, 13 request-id ttl s,
      14 printerId ('' no paper), 15 print job id, 16 print jobs queued before this (ms) are expired,
      17 number of windows, 18 number of services, 19 ticket requests allowed per minute (0: no limit),
      20 check-in opens this many ms before the slot, 21 and closes this many ms after its start,
      22 staff member (or service-desk kiosk) issuing for a resident ('' none), 23 their reason
Returns: {'OK', eventId, ticket, waitingAhead, {window status...}, {service estMs...},
          {lane size...}} | {'DUP', '', ticket}
       | {'ERR', 'quota_exhausted' | 'rate_limited' | 'appointment_not_found' | 'appointment_used'
                | 'appointment_cancelled' | 'appointment_other_service' | 'appointment_too_early'}
The ticket's print job is written in the same step as the ticket, so no ticket is ever
without one (and a retry with the same requestId finds it on the ticket). The check-in
verdict mirrors domain/check-in.ts; the appointment's code never enters the ticket or an event.
]]
--@include common
local ticketId, hallId, serviceId, letter, priority = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local now, day, quota, requestId = tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9]), ARGV[10]
local printerId, jobId, staleBefore = ARGV[14], ARGV[15], tonumber(ARGV[16])
local nw, ns, perMinute = tonumber(ARGV[17]), tonumber(ARGV[18]), tonumber(ARGV[19])
local byStaff, reason = ARGV[22], ARGV[23]

-- the rate limit first, in this same round trip: a refused request changes nothing else
if perMinute > 0 then
  local used = redis.call('INCR', KEYS[11])
  if used == 1 then redis.call('PEXPIRE', KEYS[11], 60000) end
  if used > perMinute then return fail('rate_limited') end
end

if requestId ~= '' then
  local existing = redis.call('GET', KEYS[8])
  if existing then return { 'DUP', '', redis.call('HGETALL', tkey(existing)) } end
end

-- check-in: every check before the first write (mirror of domain/check-in.ts checkInVerdict)
local checkIn, appointmentId, slotIso = '', '', ''
local ownLane = KEYS[5]
if ARGV[11] == '1' then
  local a = redis.call('HMGET', KEYS[13], 'status', 'slotMs', 'serviceId', 'id', 'slotIso')
  local status = a[1]
  if not status then return fail('appointment_not_found') end
  if a[3] ~= serviceId then return fail('appointment_other_service') end
  if status == 'checked_in' then return fail('appointment_used') end
  if status == 'cancelled' then return fail('appointment_cancelled') end
  local slotMs = tonumber(a[2])
  if status == 'no_show' or now >= slotMs + tonumber(ARGV[21]) then
    checkIn = 'late'
  elseif now < slotMs - tonumber(ARGV[20]) then
    return fail('appointment_too_early')
  else
    checkIn = 'on_time'
    priority = 'appointment'
    ownLane = KEYS[12]
  end
  appointmentId, slotIso = a[4], a[5]
end

-- an appointment kept on time is a promise: the daily quota does not refuse it
local issued = tonumber(redis.call('HGET', KEYS[3], serviceId) or '0')
if quota > 0 and issued >= quota and checkIn ~= 'on_time' then return fail('quota_exhausted') end

local n = redis.call('HINCRBY', KEYS[3], serviceId, 1)
local number = letter .. string.format('%03d', n)
local ord = redis.call('INCR', KEYS[2])
local tk = tkey(ticketId)
redis.call('HSET', tk,
  'id', ticketId, 'hallId', hallId, 'number', number, 'serviceId', serviceId,
  'status', 'waiting', 'priority', priority, 'day', day, 'ord', ord, 'issuedAt', now,
  'callCount', 0, 'requeued', 0, 'queue', ownLane, 'lane', priority,
  'phone', ARGV[12], 'requestId', requestId)
if appointmentId ~= '' then redis.call('HSET', tk, 'appointmentId', appointmentId, 'checkIn', checkIn) end
if byStaff ~= '' then redis.call('HSET', tk, 'byStaff', byStaff, 'staffReason', reason) end
redis.call('PEXPIRE', tk, TICKET_TTL_MS)
redis.call('ZADD', ownLane, ord, ticketId)
redis.call('ZADD', KEYS[4], ord, ticketId)
redis.call('PEXPIRE', KEYS[3], TICKET_TTL_MS)
redis.call('PEXPIRE', KEYS[4], TICKET_TTL_MS)
if requestId ~= '' then redis.call('SET', KEYS[8], ticketId, 'EX', tonumber(ARGV[13])) end

-- people ahead: transferred-in first, then the own lane; green and normal tickets also wait
-- behind appointments, normal ones behind green ones
local ahead = redis.call('ZCARD', KEYS[6]) + redis.call('ZRANK', ownLane, ticketId)
if priority ~= 'appointment' then ahead = ahead + redis.call('ZCARD', KEYS[12]) end
if priority == 'normal' then ahead = ahead + redis.call('ZCARD', KEYS[7]) end

if appointmentId ~= '' then
  redis.call('HSET', KEYS[13], 'status', 'checked_in', 'ticketId', ticketId, 'checkedInAt', now,
    'checkIn', checkIn)
  emit(KEYS[1], 'appointment.checked_in', now, {
    appointmentId = appointmentId, serviceId = serviceId, slotStart = slotIso, ticketId = ticketId,
    checkIn = checkIn })
end

-- who issued it for a resident and why (reason: the ledger's, never public: decision 038)
local issuedData = {
  ticketId = ticketId, number = number, serviceId = serviceId, priority = priority, waitingAhead = ahead }
if appointmentId ~= '' then
  issuedData.appointmentId = appointmentId
  issuedData.checkIn = checkIn
end
if byStaff ~= '' then
  issuedData.byStaff = byStaff
  if reason ~= '' then issuedData.reason = reason end
end
local eventId = emit(KEYS[1], 'ticket.issued', now, issuedData)

if printerId ~= '' then
  -- a printer nobody serves keeps a bounded queue: a few stale jobs go with each new one
  expireStalePrints(KEYS[1], KEYS[10], staleBefore, now, 4)
  queuePrint(KEYS[1], KEYS[9], KEYS[10], jobId, ticketId, 'ticket', printerId, now, nil)
end

-- what the response's wait estimate needs, read in the same step instead of another round trip
local windows, means, lanes = {}, {}, {}
for i = 14, 13 + nw do windows[#windows + 1] = hget(KEYS[i], 'status') or 'closed' end
for i = 14 + nw, 13 + nw + ns do means[#means + 1] = hget(KEYS[i], 'estMs') or '' end
for i = 14 + nw + ns, #KEYS do lanes[#lanes + 1] = redis.call('ZCARD', KEYS[i]) end
return { 'OK', eventId, redis.call('HGETALL', tk), ahead, windows, means, lanes }
