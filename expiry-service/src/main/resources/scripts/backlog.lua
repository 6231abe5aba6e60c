-- Returns the backlog as strings: the number of due entries in the schedule, the number of claimed entries,
-- and the earliest due time among both (epoch ms, '' when there is none).
-- KEYS[1] expiry:schedule   KEYS[2] expiry:leases   KEYS[3] expiry:lease-due
-- ARGV[1] now (epoch ms)
-- HVALS reads every claim; the lease set holds only claims in progress, at most one batch per deleter.
local due = redis.call('ZCOUNT', KEYS[1], '-inf', ARGV[1])
local leased = redis.call('ZCARD', KEYS[2])
local earliest = ''
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if first[2] and tonumber(first[2]) <= tonumber(ARGV[1]) then
  earliest = first[2]
end
for _, value in ipairs(redis.call('HVALS', KEYS[3])) do
  if earliest == '' or tonumber(value) < tonumber(earliest) then
    earliest = value
  end
end
return { tostring(due), tostring(leased), earliest }
