--[[ The next job a printer's agent should print, oldest first. Jobs queued before the hall's
age limit are marked 'expired', ticket jobs whose ticket no longer waits 'skipped' (the resident
was called, served or left), each with its print.updated event, and taken off the queue.
KEYS: 1 events, 2 printer's jobs (zset)
ARGV: 1 prefix, 2 printerId, 3 now ms, 4 jobs queued before this (ms) are expired
Returns: {'JOB', jobId, kind, ticketId, text JSON ('' for a ticket), sent '0'|'1'} | {'NONE'}
         | {'MORE'} when it dropped its limit of stale jobs and should be asked again.
]]
--@include common
local printerId, now, before = ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
for _ = 1, 50 do
  local head = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
  if #head == 0 then return { 'NONE' } end
  local jobId, queuedAt = head[1], tonumber(head[2])
  local jk = pjkey(jobId)
  local status, sent = hget(jk, 'status'), hget(jk, 'sent')
  if status == nil or status == 'printed' or status == 'expired' or status == 'skipped'
    or hget(jk, 'printerId') ~= printerId then
    redis.call('ZREM', KEYS[2], jobId)
  elseif sent == '1' then
    -- it may be on paper already: the agent's claim settles it without printing again
    return { 'JOB', jobId, hget(jk, 'kind'), hget(jk, 'ticketId'), hget(jk, 'data') or '', '1' }
  elseif queuedAt < before then
    redis.call('ZREM', KEYS[2], jobId)
    setPrintStatus(KEYS[1], jobId, 'expired', '', now)
  else
    local kind, ticketId = hget(jk, 'kind'), hget(jk, 'ticketId')
    local ts = hget(tkey(ticketId), 'status')
    if kind == 'ticket' and ts ~= 'waiting' and ts ~= 'transferred' then
      redis.call('ZREM', KEYS[2], jobId)
      setPrintStatus(KEYS[1], jobId, 'skipped', '', now)
    else
      return { 'JOB', jobId, kind, ticketId, hget(jk, 'data') or '', '0' }
    end
  end
end
return { 'MORE' }
