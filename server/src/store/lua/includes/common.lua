-- Shared by every hall script. ARGV[1] is always the hall's key prefix
-- "{hall:ID}:" (see store/keys.ts); keys a script reaches through a ticket id
-- share that hash tag, so the scripts run unchanged on Redis Cluster.
local P = ARGV[1]
local TICKET_TTL_MS = 40 * 24 * 3600 * 1000

local function tkey(id)
  return P .. 't:' .. id
end

--- Key names a script builds from the prefix instead of taking them as KEYS (every key of a
--- hall shares its hash tag, so they are in the slot the call was routed to). store/keys.ts
--- (hallKeys) is where each name is defined; this mirrors it name for name, and
--- server/src/store/issue-ticket.test.ts checks that the two agree: keep them in step. One
--- function rather than one per name: each function here is made again on every script call.
local function hallKey(name, a, b)
  if name == 'lane' then return P .. 'q:' .. a .. ':' .. b end
  if name == 'window' then return P .. 'w:' .. a end
  if name == 'service' then return P .. 'svc:' .. a end
  if name == 'seq' then return P .. 'seq' end
  if name == 'dayNumbers' then return P .. 'day:' .. a .. ':num' end
  if name == 'dayTickets' then return P .. 'day:' .. a .. ':tickets' end
  if name == 'request' then return P .. 'req:' .. a .. ':' .. b end
  if name == 'ticketRate' then return P .. 'rl:tickets:' .. a end
  if name == 'printer' then return P .. 'printer:' .. a end
  if name == 'printerJobs' then return P .. 'printer:' .. a .. ':jobs' end
  if name == 'appointment' then return P .. 'ap:' .. a end
  error('hallKey: unknown name ' .. tostring(name))
end

--- A tagged failure: the TypeScript side maps the code to an HTTP error.
local function fail(code)
  return { 'ERR', code }
end

--- Appends the event in the same atomic step as the change it describes.
local function emit(stream, kind, now, data)
  return redis.call('XADD', stream, '*', 'type', kind, 'at', tostring(now), 'data', cjson.encode(data))
end

local function ok(eventId, ticketId)
  return { 'OK', eventId, redis.call('HGETALL', tkey(ticketId)) }
end

local function hget(key, field)
  local v = redis.call('HGET', key, field)
  if v == false then return nil end
  return v
end

--- The window's ticket that is still called or in service, if any.
local function busyTicket(windowKey)
  local cur = hget(windowKey, 'current')
  if cur == nil or cur == '' then return nil end
  local st = hget(tkey(cur), 'status')
  if st == 'called' or st == 'serving' then return cur, st end
  return nil
end

--- Only the clerk signed in at an open window may act there.
local function checkClerk(windowKey, clerkId)
  local status = hget(windowKey, 'status')
  if status == nil or status == 'closed' then return 'window_not_open' end
  if hget(windowKey, 'clerkId') ~= clerkId then return 'forbidden' end
  return nil
end

--- Calls a waiting ticket to a window: shared by call-next and call (指定叫号).
local function callTicket(eventsKey, windowKey, ticketId, windowId, windowName, clerkId, now, reason)
  local tk = tkey(ticketId)
  local queue = hget(tk, 'queue')
  if queue ~= nil and queue ~= '' then redis.call('ZREM', queue, ticketId) end
  redis.call('HSET', tk,
    'status', 'called', 'windowId', windowId, 'clerkId', clerkId, 'calledAt', now,
    'callCount', 1, 'queue', '', 'reasonCode', reason.code,
    'reasonFrom', reason.from or '', 'reasonGreenInRow', reason.greenInRow or '',
    'reasonApptInRow', reason.apptInRow or '', 'reasonNote', reason.note or '')
  if redis.call('HEXISTS', tk, 'firstWindowId') == 0 then
    redis.call('HSET', tk, 'firstWindowId', windowId)
  end
  redis.call('HSET', windowKey, 'current', ticketId, 'lastActivity', now)
  -- note: the clerk's reason for a chosen call; kept in the stream for the ledger, never public
  return emit(eventsKey, 'ticket.called', now, {
    ticketId = ticketId, number = hget(tk, 'number'), serviceId = hget(tk, 'serviceId'),
    windowId = windowId, windowName = windowName, recall = false, callCount = 1, reason = reason.code,
    note = reason.note })
end

-- ---- print jobs (server/src/printing) ----------------------------------------------------------
local PRINT_JOB_TTL_MS = 2 * 24 * 3600 * 1000

local function pjkey(jobId)
  return P .. 'pj:' .. jobId
end

--- Sets a print job's status, mirrors it on its ticket, appends print.updated.
local function setPrintStatus(eventsKey, jobId, status, prob, now)
  local jk = pjkey(jobId)
  redis.call('HSET', jk, 'status', status, 'problem', prob)
  local ticketId, kind, printerId = hget(jk, 'ticketId'), hget(jk, 'kind'), hget(jk, 'printerId')
  local tk = tkey(ticketId)
  if kind == 'ticket' and hget(tk, 'printJobId') == jobId then
    redis.call('HSET', tk, 'printStatus', status, 'printProblem', prob)
  elseif kind == 'notice' and hget(tk, 'noticeJobId') == jobId then
    redis.call('HSET', tk, 'noticeStatus', status, 'noticeProblem', prob)
  end
  local data = { jobId = jobId, ticketId = ticketId, kind = kind, printerId = printerId, status = status }
  if prob ~= '' then data.problem = prob end
  return emit(eventsKey, 'print.updated', now, data)
end

--- The problem a new job meets at its printer ('' when the printer is ready).
local function printerProblem(printerKey)
  local p = redis.call('HMGET', printerKey, 'connected', 'ready', 'problem')
  if p[1] ~= '1' then return 'agent_offline' end
  if p[2] ~= '1' then
    local problem = p[3] or 'offline'
    if problem == '' then problem = 'offline' end
    return problem
  end
  return ''
end

--- Drops up to `limit` jobs queued before `before` from a printer's queue, each marked
--- 'expired' (so a printer whose agent never comes back holds a bounded queue).
local function expireStalePrints(eventsKey, jobsKey, before, now, limit)
  local ids = redis.call('ZRANGEBYSCORE', jobsKey, '-inf', '(' .. before, 'LIMIT', 0, limit)
  for _, jobId in ipairs(ids) do
    redis.call('ZREM', jobsKey, jobId)
    local st = hget(pjkey(jobId), 'status')
    if st ~= nil and st ~= 'printed' and st ~= 'expired' and st ~= 'skipped' then
      setPrintStatus(eventsKey, jobId, 'expired', '', now)
    end
  end
  return #ids
end

--- Queues a print job on its printer in the caller's atomic step and wakes the agent path.
--- `fields`: extra job fields (the notice's text). `known`: the printer's problem as the caller
--- already read it, and the ticket's print fields already written by the caller (issue-ticket
--- writes the whole ticket in one HSET). Returns status, problem, eventId.
local function queuePrint(eventsKey, printerKey, jobsKey, jobId, ticketId, kind, printerId, now, fields,
    known)
  local jk = pjkey(jobId)
  local problem = known
  if problem == nil then problem = printerProblem(printerKey) end
  local status = 'queued'
  if problem ~= '' then status = 'printer_problem' end
  redis.call('HSET', jk, 'jobId', jobId, 'ticketId', ticketId, 'kind', kind,
    'printerId', printerId, 'status', status, 'problem', problem, 'sent', '0', 'queuedAt', now)
  if fields and #fields > 0 then redis.call('HSET', jk, unpack(fields)) end
  redis.call('PEXPIRE', jk, PRINT_JOB_TTL_MS)
  redis.call('ZADD', jobsKey, now, jobId)
  -- the queue of a printer nobody serves goes 47 to 48 hours after its last job: the TTL is
  -- renewed when an hour of it has passed, not with every job (a PTTL costs less than a write)
  if redis.call('PTTL', jobsKey) < PRINT_JOB_TTL_MS - 3600 * 1000 then
    redis.call('PEXPIRE', jobsKey, PRINT_JOB_TTL_MS)
  end
  local tk = tkey(ticketId)
  if kind == 'ticket' and known == nil then
    redis.call('HSET', tk, 'printJobId', jobId, 'printerId', printerId, 'printStatus', status,
      'printProblem', problem)
  end
  local data = { jobId = jobId, ticketId = ticketId, kind = kind, printerId = printerId, status = status }
  if problem ~= '' then data.problem = problem end
  local eventId = emit(eventsKey, 'print.updated', now, data)
  redis.call('PUBLISH', jobsKey, jobId)
  return status, problem, eventId
end

-- ---- the clerk's own counts of the day (GET /staff/me), kept as they happen ---------------------
--- Adds `by` to a field of the clerk's day (store/keys.ts: clerkDay), so reading it never
--- walks the day's tickets.
local function deskCount(day, clerkId, field, by)
  local k = P .. 'clerkday:' .. (day or '') .. ':' .. (clerkId or '')
  redis.call('HINCRBY', k, field, by)
  redis.call('PEXPIRE', k, TICKET_TTL_MS)
  return k
end
