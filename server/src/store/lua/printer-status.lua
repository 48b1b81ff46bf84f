--[[ A printer's state as its agent reports it (or 'not connected' when the agent leaves).
KEYS: 1 events, 2 printer (hash), 3 printer's pending jobs (set)
ARGV: 1 prefix, 2 printerId, 3 connected '1'|'0', 4 ready '1'|'0', 5 problem ('' none),
      6 paper near end '1'|'0', 7 now ms
Returns: {'OK', eventId} | {'SAME'}
Pending jobs follow the printer in the same step: held ('printer_problem') while it has a
problem, back to 'queued' when it is ready, each with its print.updated event.
]]
--@include common
local printerId, connected, ready, problem, nearEnd, now =
  ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local pk = KEYS[2]
if hget(pk, 'connected') == connected and hget(pk, 'ready') == ready
  and hget(pk, 'problem') == problem and hget(pk, 'nearEnd') == nearEnd then
  return { 'SAME' }
end
redis.call('HSET', pk, 'connected', connected, 'ready', ready, 'problem', problem,
  'nearEnd', nearEnd, 'updatedAt', now)
local data = { printerId = printerId, connected = connected == '1', ready = ready == '1',
  paperNearEnd = nearEnd == '1' }
if problem ~= '' then data.problem = problem end
local eventId = emit(KEYS[1], 'printer.status', now, data)

local effective = ''
if connected ~= '1' then
  effective = 'agent_offline'
elseif ready ~= '1' then
  effective = problem
  if effective == '' then effective = 'offline' end
end
for _, jobId in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local jk = P .. 'pj:' .. jobId
  local status = hget(jk, 'status')
  local nextStatus = nil
  if status == nil then
    redis.call('SREM', KEYS[3], jobId)
  elseif effective ~= '' and (status == 'queued'
      or (status == 'printer_problem' and hget(jk, 'problem') ~= effective)) then
    nextStatus = 'printer_problem'
  elseif effective == '' and status == 'printer_problem' then
    nextStatus = 'queued'
  end
  if nextStatus ~= nil then
    redis.call('HSET', jk, 'status', nextStatus, 'problem', effective)
    local ticketId, kind = hget(jk, 'ticketId'), hget(jk, 'kind')
    local tk = tkey(ticketId)
    if kind == 'ticket' and hget(tk, 'printJobId') == jobId then
      redis.call('HSET', tk, 'printStatus', nextStatus, 'printProblem', effective)
    elseif kind == 'notice' and hget(tk, 'noticeJobId') == jobId then
      redis.call('HSET', tk, 'noticeStatus', nextStatus, 'noticeProblem', effective)
    end
    local d = { jobId = jobId, ticketId = ticketId, kind = kind, printerId = printerId, status = nextStatus }
    if effective ~= '' then d.problem = effective end
    emit(KEYS[1], 'print.updated', now, d)
  end
end
return { 'OK', eventId }
