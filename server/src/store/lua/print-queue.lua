--[[ Queues a print job (a ticket or a one-time notice) and records it on the ticket.
KEYS: 1 events, 2 print job (hash), 3 printer (hash), 4 printer's pending jobs (set)
ARGV: 1 prefix, 2 jobId, 3 ticketId, 4 kind 'ticket' | 'notice', 5 printerId, 6 now ms,
      7 notice: windowId, 8 notice: missing materials (JSON array)
Returns: {'OK', eventId, status, problem} | {'DUP', '', status, problem} | {'ERR', 'ticket_not_found'}
A job starts 'printer_problem' when its printer has no agent or is not ready, so the kiosk
can say so at once.
]]
--@include common
local jobId, ticketId, kind, printerId, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local tk = tkey(ticketId)
if redis.call('EXISTS', tk) == 0 then return fail('ticket_not_found') end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return { 'DUP', '', hget(KEYS[2], 'status') or '', hget(KEYS[2], 'problem') or '' }
end
local problem = ''
if hget(KEYS[3], 'connected') ~= '1' then
  problem = 'agent_offline'
elseif hget(KEYS[3], 'ready') ~= '1' then
  problem = hget(KEYS[3], 'problem') or 'offline'
  if problem == '' then problem = 'offline' end
end
local status = 'queued'
if problem ~= '' then status = 'printer_problem' end
redis.call('HSET', KEYS[2], 'jobId', jobId, 'ticketId', ticketId, 'kind', kind,
  'printerId', printerId, 'status', status, 'problem', problem, 'sent', '0', 'queuedAt', now)
redis.call('PEXPIRE', KEYS[2], TICKET_TTL_MS)
redis.call('SADD', KEYS[4], jobId)
if kind == 'ticket' then
  redis.call('HSET', tk, 'printJobId', jobId, 'printerId', printerId, 'printStatus', status,
    'printProblem', problem)
else
  redis.call('HSET', tk, 'noticeJobId', jobId, 'noticePrinterId', printerId,
    'noticeStatus', status, 'noticeProblem', problem, 'noticeAt', now,
    'noticeWindowId', ARGV[7], 'noticeMaterials', ARGV[8])
end
local data = { jobId = jobId, ticketId = ticketId, kind = kind, printerId = printerId, status = status }
if problem ~= '' then data.problem = problem end
return { 'OK', emit(KEYS[1], 'print.updated', now, data), status, problem }
