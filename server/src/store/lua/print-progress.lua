--[[ The printer agent's progress on one job.
KEYS: 1 events, 2 print job (hash), 3 printer's jobs (zset)
ARGV: 1 prefix, 2 jobId, 3 printerId, 4 action 'claim' | 'printed' | 'problem' | 'failed',
      5 problem, 6 now ms
Returns: claim: {'GO', eventId} | {'ALREADY'}; printed, problem, failed: {'OK', eventId or ''};
         {'ERR', 'not_found'} when the job is not this printer's.
'claim' comes just before the bytes go to the printer: only the first delivery of a job
gets GO, so a job sent again after a crash never prints twice. 'failed' (the printer
refused the job for good) takes it off the printer's queue.
]]
--@include common
local jobId, printerId, action, problem, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local jk = KEYS[2]
if hget(jk, 'printerId') ~= printerId then return fail('not_found') end

local status = hget(jk, 'status')
if action == 'claim' then
  if hget(jk, 'sent') == '1' then return { 'ALREADY' } end
  redis.call('HSET', jk, 'sent', '1', 'sentAt', now)
  return { 'GO', setPrintStatus(KEYS[1], jobId, 'printing', '', now) }
elseif action == 'printed' then
  redis.call('ZREM', KEYS[3], jobId)
  if status == 'printed' then return { 'OK', '' } end
  redis.call('HSET', jk, 'printedAt', now)
  return { 'OK', setPrintStatus(KEYS[1], jobId, 'printed', '', now) }
elseif action == 'failed' then
  redis.call('ZREM', KEYS[3], jobId)
  return { 'OK', setPrintStatus(KEYS[1], jobId, 'printer_problem', 'error', now) }
else
  if status == 'printed' or (status == 'printer_problem' and hget(jk, 'problem') == problem) then
    return { 'OK', '' }
  end
  return { 'OK', setPrintStatus(KEYS[1], jobId, 'printer_problem', problem, now) }
end
