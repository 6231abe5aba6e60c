-- Postpones failed claims: the lease deadline becomes the retry time, at which the claim goes back to the
-- schedule (see claim.lua) and any deleter may take it.
-- KEYS[1] expiry:leases
-- ARGV[1] retry time (epoch ms), then object key, current lease deadline, repeated
-- Returns the number of claims postponed. A claim whose lease deadline has changed (it expired and another
-- deleter took the entry) is skipped.
local postponed = 0
for i = 2, #ARGV, 2 do
  local lease = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if lease and tonumber(lease) == tonumber(ARGV[i + 1]) then
    redis.call('ZADD', KEYS[1], ARGV[1], ARGV[i])
    postponed = postponed + 1
  end
end
return postponed
