-- Drops the claims of finished deletions.
-- KEYS[1] expiry:leases   KEYS[2] expiry:lease-due   KEYS[3] expiry:reasons   KEYS[4] expiry:schedule
-- ARGV: object key, lease deadline of the claim, repeated
-- A claim still held under its deadline is dropped. A claim whose lease ran out and that went back to the
-- schedule is removed from the schedule too, since the object is gone. A claim that another deleter has taken
-- since is left to that deleter.
-- Returns the number of claims dropped or removed.
local done = 0
for i = 1, #ARGV, 2 do
  local member = ARGV[i]
  local lease = redis.call('ZSCORE', KEYS[1], member)
  if lease and tonumber(lease) == tonumber(ARGV[i + 1]) then
    redis.call('ZREM', KEYS[1], member)
    redis.call('HDEL', KEYS[2], member)
    redis.call('HDEL', KEYS[3], member)
    done = done + 1
  elseif not lease and redis.call('ZREM', KEYS[4], member) == 1 then
    redis.call('HDEL', KEYS[3], member)
    done = done + 1
  end
end
return done
