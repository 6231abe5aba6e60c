-- Returns the object keys among ARGV[2..n] whose image has no metadata hash and that no deleter will delete
-- soon: there is no schedule or lease entry, or the schedule entry is due after ARGV[1]. Metadata that is gone
-- before the due time was removed by a deletion request (or the last allowed view) whose event never arrived.
-- KEYS[1] expiry:schedule   KEYS[2] expiry:leases   KEYS[3..n] img:{id} of each object, in ARGV order
-- ARGV[1] due-time threshold (epoch ms)   ARGV[2..n] object keys
local orphans = {}
for i = 2, #ARGV do
  local member = ARGV[i]
  if redis.call('EXISTS', KEYS[i + 1]) == 0 and not redis.call('ZSCORE', KEYS[2], member) then
    local due = redis.call('ZSCORE', KEYS[1], member)
    if not due or tonumber(due) > tonumber(ARGV[1]) then
      orphans[#orphans + 1] = member
    end
  end
end
return orphans
