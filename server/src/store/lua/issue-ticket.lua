--[[ Issues a ticket: number, queue place, print job and events in one step; with an
appointment (预约签到) it also checks the appointment in, so one code gives one ticket.
KEYS: 1 events: the one key passed, so the call goes to the hall's slot; every other key is built
      here from the prefix with hallKey (includes/common.lua, a mirror of store/keys.ts)
ARGV: 1 prefix, 2 ticketId, 3 hallId, 4 serviceId, 5 number prefix, 6 priority asked (normal|green),
      7 now ms, 8 business day, 9 daily quota (0: none), 10 requestId ('' none),
      11 caller (kiosk device id, or staff-<user id>: its request ids and rate limit),
      12 appointment code to check in with ('' none), 13 phone, 14 request-id ttl s,
      15 printerId ('' no paper), 16 print jobs queued before this (ms) are expired,
      17 ticket requests allowed per minute (0: no limit),
      18 check-in opens this many ms before the slot, 19 and closes this many ms after its start,
      20 staff member (or service-desk kiosk) issuing for a resident ('' none), 21 their reason,
      22 ns, 23 nw, then the estimate's plan (tickets/estimator.ts estimatePlan): ns service ids,
      this ticket's first; then for each of the nw windows serving it: its id, k, and k indexes
      into those services (the services its work is shared with, its own included; k = 0 for a
      window that serves this service alone)
Returns: {'OK', eventId, number, ord, priority, checkIn, appointmentId, printStatus, printProblem,
          waitingAhead, {window status...}, {service estMs ('' none or not read)...},
          {service waiting (-1 not read)...}}
       | {'DUP', '', ticket}
       | {'ERR', 'quota_exhausted' | 'rate_limited' | 'appointment_not_found' | 'appointment_used'
                | 'appointment_cancelled' | 'appointment_other_service' | 'appointment_too_early'}
The ticket is written by one HSET and not read back: the reply carries what the caller cannot
know, and store/issue-ticket.ts builds the same record (issue-ticket.test.ts compares the two).
The ticket's print job (id 't.<ticketId>') is written in the same step as the ticket, so no
ticket is ever without one (and a retry with the same requestId finds it on the ticket). The
check-in verdict mirrors domain/check-in.ts; the appointment's code never enters the ticket or
an event.
]]
--@include common
local ticketId, hallId, serviceId, letter, priority = ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
local now, day, quota, requestId, caller = tonumber(ARGV[7]), ARGV[8], tonumber(ARGV[9]), ARGV[10], ARGV[11]
local code, printerId, staleBefore, perMinute = ARGV[12], ARGV[15], tonumber(ARGV[16]), tonumber(ARGV[17])
local byStaff, reason = ARGV[20], ARGV[21]
local events = KEYS[1]

-- the rate limit first, in this same round trip: a refused request changes nothing else
if perMinute > 0 then
  local rateKey = hallKey('ticketRate', caller)
  local used = redis.call('INCR', rateKey)
  if used == 1 then redis.call('PEXPIRE', rateKey, 60000) end
  if used > perMinute then return fail('rate_limited') end
end

local requestKey = nil
if requestId ~= '' then
  requestKey = hallKey('request', caller, requestId)
  local existing = redis.call('GET', requestKey)
  if existing then return { 'DUP', '', redis.call('HGETALL', tkey(existing)) } end
end

-- check-in: every check before the first write (mirror of domain/check-in.ts checkInVerdict)
local checkIn, appointmentId, slotIso = '', '', ''
local appointmentKey = nil
if code ~= '' then
  appointmentKey = hallKey('appointment', code)
  local a = redis.call('HMGET', appointmentKey, 'status', 'slotMs', 'serviceId', 'id', 'slotIso')
  local status = a[1]
  if not status then return fail('appointment_not_found') end
  if a[3] ~= serviceId then return fail('appointment_other_service') end
  if status == 'checked_in' then return fail('appointment_used') end
  if status == 'cancelled' then return fail('appointment_cancelled') end
  local slotMs = tonumber(a[2])
  if status == 'no_show' or now >= slotMs + tonumber(ARGV[19]) then
    checkIn = 'late'
  elseif now < slotMs - tonumber(ARGV[18]) then
    return fail('appointment_too_early')
  else
    checkIn = 'on_time'
    priority = 'appointment'
  end
  appointmentId, slotIso = a[4], a[5]
end

local ownLane = hallKey('lane', serviceId, priority)
local numbersKey = hallKey('dayNumbers', day)

-- an appointment kept on time is a promise: the daily quota does not refuse it
if quota > 0 and checkIn ~= 'on_time' then
  if tonumber(redis.call('HGET', numbersKey, serviceId) or '0') >= quota then
    return fail('quota_exhausted')
  end
end

-- the printer's state before the first write, so the ticket is written whole in one HSET
local jobId, printStatus, printProblem = '', '', ''
if printerId ~= '' then
  jobId = 't.' .. ticketId
  printProblem = printerProblem(hallKey('printer', printerId))
  printStatus = printProblem == '' and 'queued' or 'printer_problem'
end

local n = redis.call('HINCRBY', numbersKey, serviceId, 1)
local number = letter .. string.format('%03d', n)
local ord = redis.call('INCR', hallKey('seq'))
local tk = tkey(ticketId)
-- strings where the value is one already: Redis turns each Lua number into text, at a cost
local fields = {
  'id', ticketId, 'hallId', hallId, 'number', number, 'serviceId', serviceId,
  'status', 'waiting', 'priority', priority, 'day', day, 'ord', ord, 'issuedAt', ARGV[7],
  'callCount', '0', 'requeued', '0', 'queue', ownLane, 'lane', priority,
  'phone', ARGV[13], 'requestId', requestId }
local function field(name, value)
  fields[#fields + 1] = name
  fields[#fields + 1] = value
end
if appointmentId ~= '' then
  field('appointmentId', appointmentId)
  field('checkIn', checkIn)
end
if byStaff ~= '' then
  field('byStaff', byStaff)
  field('staffReason', reason)
end
if printerId ~= '' then
  field('printJobId', jobId)
  field('printerId', printerId)
  field('printStatus', printStatus)
  field('printProblem', printProblem)
end
redis.call('HSET', tk, unpack(fields))
redis.call('PEXPIRE', tk, TICKET_TTL_MS)
redis.call('ZADD', ownLane, ord, ticketId)
local dayTickets = hallKey('dayTickets', day)
redis.call('ZADD', dayTickets, ord, ticketId)
-- a day's keys go 40 days after its first numbers (not refreshed with every ticket): both are
-- made by the day's first ticket, whose service's number is 1; nothing reads them that long after
if n == 1 then
  redis.call('PEXPIRE', numbersKey, TICKET_TTL_MS)
  redis.call('PEXPIRE', dayTickets, TICKET_TTL_MS)
end
if requestKey then redis.call('SET', requestKey, ticketId, 'EX', tonumber(ARGV[14])) end

-- people ahead: transferred-in first, then the own lane; green and normal tickets also wait
-- behind appointments, normal ones behind green ones
local ahead = redis.call('ZCARD', hallKey('lane', serviceId, 'front'))
  + redis.call('ZRANK', ownLane, ticketId)
if priority ~= 'appointment' then
  ahead = ahead + redis.call('ZCARD', hallKey('lane', serviceId, 'appointment'))
end
if priority == 'normal' then ahead = ahead + redis.call('ZCARD', hallKey('lane', serviceId, 'green')) end

if appointmentId ~= '' then
  redis.call('HSET', appointmentKey, 'status', 'checked_in', 'ticketId', ticketId, 'checkedInAt', now,
    'checkIn', checkIn)
  emit(events, 'appointment.checked_in', now, {
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
local eventId = emit(events, 'ticket.issued', now, issuedData)

if printerId ~= '' then
  -- a printer nobody serves keeps a bounded queue: a few stale jobs go with each new one
  local jobsKey = hallKey('printerJobs', printerId)
  expireStalePrints(events, jobsKey, staleBefore, now, 4)
  queuePrint(events, nil, jobsKey, jobId, ticketId, 'ticket', printerId, now, nil, printProblem)
end

-- what the response's wait estimate needs, read in the same step instead of another round trip:
-- the windows serving this service, and the services an open window shares its work with
-- (tickets/estimator.ts counts 'open' and 'brief_pause' windows as serving)
local ns, nw = tonumber(ARGV[22]), tonumber(ARGV[23])
local at = 24 + ns
local statuses, need = {}, {}
for w = 1, nw do
  local status = hget(hallKey('window', ARGV[at]), 'status') or 'closed'
  local k = tonumber(ARGV[at + 1])
  statuses[w] = status
  if k > 0 and (status == 'open' or status == 'brief_pause') then
    for j = at + 2, at + 1 + k do need[tonumber(ARGV[j])] = true end
  end
  at = at + 2 + k
end
local means, waiting = {}, {}
for i = 1, ns do
  local id = ARGV[23 + i]
  means[i], waiting[i] = '', -1
  if i == 1 or need[i] then means[i] = hget(hallKey('service', id), 'estMs') or '' end
  if need[i] then
    waiting[i] = redis.call('ZCARD', hallKey('lane', id, 'front'))
      + redis.call('ZCARD', hallKey('lane', id, 'appointment'))
      + redis.call('ZCARD', hallKey('lane', id, 'green'))
      + redis.call('ZCARD', hallKey('lane', id, 'normal'))
  end
end
return { 'OK', eventId, number, ord, priority, checkIn, appointmentId, printStatus, printProblem, ahead,
  statuses, means, waiting }
