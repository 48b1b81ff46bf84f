--[[ A printer's state as its agent reports it (or 'not connected' when the agent leaves).
KEYS: 1 events, 2 printer (hash), 3 printer's jobs (zset)
ARGV: 1 prefix, 2 printerId, 3 connected '1'|'0', 4 ready '1'|'0', 5 problem ('' none),
      6 paper near end '1'|'0', 7 now ms, 8 jobs queued before this (ms) are expired
Returns: {'OK', eventId} | {'SAME'}
Pending jobs follow the printer in the same step: held ('printer_problem') while it has a
problem, back to 'queued' when it is ready, each with its print.updated event. Jobs past the
hall's age limit are expired first, so a returning printer never announces them as queued.
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

while expireStalePrints(KEYS[1], KEYS[3], tonumber(ARGV[8]), now, 100) == 100 do end

local effective = printerProblem(pk)
for _, jobId in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
  local jk = pjkey(jobId)
  local status = hget(jk, 'status')
  local nextStatus = nil
  if status == nil then
    redis.call('ZREM', KEYS[3], jobId)
  elseif effective ~= '' and (status == 'queued'
      or (status == 'printer_problem' and hget(jk, 'problem') ~= effective)) then
    nextStatus = 'printer_problem'
  elseif effective == '' and status == 'printer_problem' then
    nextStatus = 'queued'
  end
  if nextStatus ~= nil then setPrintStatus(KEYS[1], jobId, nextStatus, effective, now) end
end
if effective == '' then redis.call('PUBLISH', KEYS[3], '') end
return { 'OK', eventId }
