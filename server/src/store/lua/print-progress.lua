--[[ The printer agent's progress on one job.
KEYS: 1 events, 2 print job (hash), 3 printer's pending jobs (set)
ARGV: 1 prefix, 2 jobId, 3 printerId, 4 action 'claim' | 'printed' | 'problem', 5 problem, 6 now ms
Returns: claim: {'GO', eventId} | {'ALREADY'}; printed, problem: {'OK', eventId or ''};
         {'ERR', 'not_found'} when the job is not this printer's.
'claim' comes just before the bytes go to the printer: only the first delivery of a job
gets GO, so a job BullMQ delivers again after a crash never prints twice.
]]
--@include common
local jobId, printerId, action, problem, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local jk = KEYS[2]
if hget(jk, 'printerId') ~= printerId then return fail('not_found') end

--- Sets the job's status, mirrors it on the ticket, appends print.updated.
local function setJob(status, prob)
  redis.call('HSET', jk, 'status', status, 'problem', prob)
  local ticketId, kind = hget(jk, 'ticketId'), hget(jk, 'kind')
  local tk = tkey(ticketId)
  if kind == 'ticket' and hget(tk, 'printJobId') == jobId then
    redis.call('HSET', tk, 'printStatus', status, 'printProblem', prob)
  elseif kind == 'notice' and hget(tk, 'noticeJobId') == jobId then
    redis.call('HSET', tk, 'noticeStatus', status, 'noticeProblem', prob)
  end
  local data = { jobId = jobId, ticketId = ticketId, kind = kind, printerId = printerId, status = status }
  if prob ~= '' then data.problem = prob end
  return emit(KEYS[1], 'print.updated', now, data)
end

local status = hget(jk, 'status')
if action == 'claim' then
  if hget(jk, 'sent') == '1' then return { 'ALREADY' } end
  redis.call('HSET', jk, 'sent', '1', 'sentAt', now)
  return { 'GO', setJob('printing', '') }
elseif action == 'printed' then
  if status == 'printed' then return { 'OK', '' } end
  redis.call('SREM', KEYS[3], jobId)
  redis.call('HSET', jk, 'printedAt', now)
  return { 'OK', setJob('printed', '') }
else
  if status == 'printed' or (status == 'printer_problem' and hget(jk, 'problem') == problem) then
    return { 'OK', '' }
  end
  return { 'OK', setJob('printer_problem', problem) }
end
