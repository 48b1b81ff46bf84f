--[[ Queues a print job (a one-time notice; a ticket's job comes with issue-ticket) and records
it on the ticket.
KEYS: 1 events, 2 print job (hash), 3 printer (hash), 4 printer's jobs (zset)
ARGV: 1 prefix, 2 jobId, 3 ticketId, 4 kind 'ticket' | 'notice', 5 printerId, 6 now ms,
      7 notice: windowId, 8 notice: missing materials (JSON array), 9 the job's text (JSON),
      10 jobs queued before this (ms) are expired
Returns: {'OK', eventId, status, problem} | {'DUP', '', status, problem} | {'ERR', 'ticket_not_found'}
A job starts 'printer_problem' when its printer has no agent or is not ready, so the caller
can say so at once.
]]
--@include common
local jobId, ticketId, kind, printerId, now = ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local tk = tkey(ticketId)
if redis.call('EXISTS', tk) == 0 then return fail('ticket_not_found') end
if redis.call('EXISTS', KEYS[2]) == 1 then
  return { 'DUP', '', hget(KEYS[2], 'status') or '', hget(KEYS[2], 'problem') or '' }
end
expireStalePrints(KEYS[1], KEYS[4], tonumber(ARGV[10]), now, 4)
local status, problem, eventId = queuePrint(KEYS[1], KEYS[3], KEYS[4], jobId, ticketId, kind,
  printerId, now, { 'data', ARGV[9] })
if kind == 'notice' then
  redis.call('HSET', tk, 'noticeJobId', jobId, 'noticePrinterId', printerId,
    'noticeStatus', status, 'noticeProblem', problem, 'noticeAt', now,
    'noticeWindowId', ARGV[7], 'noticeMaterials', ARGV[8])
end
return { 'OK', eventId, status, problem }
