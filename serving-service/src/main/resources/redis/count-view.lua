-- Counts one view of an image whose bytes are about to be sent, atomically with the limit check,
-- so that concurrent requests for a maxViews=N image get at most N successes.
--
-- KEYS[1]  img:{id}
-- ARGV[1]  the caller's current time in epoch milliseconds
-- ARGV[2]  name of the expiresAt field (epoch milliseconds)
-- ARGV[3]  name of the maxViews field (absent when views are unlimited)
-- ARGV[4]  name of the views counter field
--
-- Returns {outcome, views}. Outcome 0: rejected because the key is missing, expired by the caller's
-- clock or out of views. Outcome 1: counted. Outcome 2: counted, and it was the last allowed view, so
-- the key has been deleted.

local expiresAt = redis.call('HGET', KEYS[1], ARGV[2])
if not expiresAt then
  -- Checked before HINCRBY, which would otherwise create a key without a TTL.
  return {0, 0}
end
if tonumber(ARGV[1]) >= tonumber(expiresAt) then
  return {0, 0}
end

local views = redis.call('HINCRBY', KEYS[1], ARGV[4], 1)
local maxViews = redis.call('HGET', KEYS[1], ARGV[3])
if not maxViews then
  return {1, views}
end

local limit = tonumber(maxViews)
if views > limit then
  -- Only reachable if the key outlived its last view; remove it now.
  redis.call('DEL', KEYS[1])
  return {0, views}
end
if views == limit then
  redis.call('DEL', KEYS[1])
  return {2, views}
end
return {1, views}
