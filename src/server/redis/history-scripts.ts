import { LuaScript } from './script.js';

/** Entries one trim removes at most, so that no script holds Redis for long; the rest goes next time. */
export const TRIM_BUDGET = 1000;

/**
 * Lua shared by the scripts below. A room's Stream entry is `m` (the payload), `t` (serverAt) and,
 * when the message has a clientId, `k` (its key in the room's hash of idempotency keys). Entries
 * written before `t` and `k` were, carry the payload alone, whose clientId was then the whole key.
 *
 * `trim` removes from the head of the Stream the entries past `maxLen` (0: no bound) and those
 * written before `cutoff` (0: none), at most `budget`, with XTRIM MINID; it forgets their keys and
 * takes the room out of the set of rooms that keep history when nothing is left. Reading stops at
 * the first entry kept, so a trim costs what it removes, never a scan of the room.
 */
const TRIM = `
local function field(entry, name)
  local fields = entry[2]
  for i = 1, #fields, 2 do
    if fields[i] == name then return fields[i + 1] end
  end
  return nil
end
local function payload(entry)
  local ok, value = pcall(cjson.decode, field(entry, 'm') or '')
  if ok and type(value) == 'table' then return value end
  return {}
end
local function written_at(entry)
  local t = field(entry, 't')
  if t then return tonumber(t) end
  local at = payload(entry).serverAt
  if type(at) == 'number' then return at end
  return nil
end
local function key_of(entry)
  local k = field(entry, 'k')
  if k then return k end
  local clientId = payload(entry).clientId
  if type(clientId) == 'string' then return clientId end
  return nil
end
local function trim(log, keys, rooms, room, maxLen, cutoff, budget)
  local excess = 0
  if maxLen > 0 then excess = redis.call('XLEN', log) - maxLen end
  if excess <= 0 and cutoff <= 0 then return 0 end
  local removed, last = 0, nil
  while removed < budget do
    local want = excess - removed
    if want < 1 then
      if cutoff <= 0 then break end
      want = 1
    end
    if want > budget - removed then want = budget - removed end
    local from = '-'
    if last then from = '(' .. last end
    local entries = redis.call('XRANGE', log, from, '+', 'COUNT', want)
    if #entries == 0 then break end
    local kept = false
    for _, entry in ipairs(entries) do
      if removed >= excess then
        local at = written_at(entry)
        if cutoff <= 0 or at == nil or at >= cutoff then
          kept = true
          break
        end
      end
      last = entry[1]
      removed = removed + 1
      local k = key_of(entry)
      if k then redis.call('HDEL', keys, k) end
    end
    if kept then break end
  end
  if last then
    redis.call('XTRIM', log, 'MINID', string.format('%d-0', tonumber(string.match(last, '^%d+')) + 1))
    if redis.call('XLEN', log) == 0 then redis.call('SREM', rooms, room) end
  end
  return removed
end
`;

/**
 * Stores a message atomically: checks the epoch, answers a known idempotency key with its first
 * message, refuses a room past the most that may keep history, else takes the next id, appends to
 * the room's Stream, records the key and the room, trims the room and publishes the message — all
 * in one script, so two instances posting at once never share an id or store a key twice, and no
 * message is committed without its news going out.
 *
 * KEYS: epoch, seq, log, keys, rooms. ARGV: expected epoch, dedupeKey(user, clientId) ('' for none),
 * payload, channel, room, serverAt, max rooms, max length, cutoff (each 0 for none).
 * Returns {1, id} when stored, {0, id, payload} for a repeated key; fails with ROOMS when refused.
 */
export const APPEND = new LuaScript(`${TRIM}
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return redis.error_reply('EPOCH the history was reset')
end
if ARGV[2] ~= '' then
  local first = redis.call('HGET', KEYS[4], ARGV[2])
  if first then
    local entry = redis.call('XRANGE', KEYS[3], first .. '-0', first .. '-0')[1]
    if entry then return {0, tonumber(first), field(entry, 'm')} end
  end
end
local maxRooms = tonumber(ARGV[7])
if maxRooms > 0 and redis.call('SISMEMBER', KEYS[5], ARGV[5]) == 0 and redis.call('SCARD', KEYS[5]) >= maxRooms then
  return redis.error_reply('ROOMS too many rooms')
end
local id = redis.call('INCR', KEYS[2])
if ARGV[2] == '' then
  redis.call('XADD', KEYS[3], id .. '-0', 'm', ARGV[3], 't', ARGV[6])
else
  redis.call('XADD', KEYS[3], id .. '-0', 'm', ARGV[3], 't', ARGV[6], 'k', ARGV[2])
  redis.call('HSET', KEYS[4], ARGV[2], id)
end
redis.call('SADD', KEYS[5], ARGV[5])
trim(KEYS[3], KEYS[4], KEYS[5], ARGV[5], tonumber(ARGV[8]), tonumber(ARGV[9]), ${TRIM_BUDGET})
redis.call('PUBLISH', ARGV[4], ARGV[5] .. ' ' .. id .. ' ' .. ARGV[3])
return {1, id}
`);

/**
 * Trims rooms nobody may be writing to. KEYS: the set of rooms, then each room's log and keys.
 * ARGV: max length, cutoff (each 0 for none), then the rooms. Returns how many entries went.
 */
export const TRIM_ROOMS = new LuaScript(`${TRIM}
local removed = 0
for i = 3, #ARGV do
  local k = 2 + (i - 3) * 2
  removed = removed + trim(KEYS[k], KEYS[k + 1], KEYS[1], ARGV[i], tonumber(ARGV[1]), tonumber(ARGV[2]), ${TRIM_BUDGET})
end
return removed
`);

/**
 * A page of a room's Stream and the room's last id, in one round trip: an empty page says whether
 * the reader is up to date or everything after it was trimmed.
 * KEYS: log, seq. ARGV: the first id wanted, how many at most. Returns {entries, last id}.
 */
export const PAGE = new LuaScript(`
return {redis.call('XRANGE', KEYS[1], ARGV[1] .. '-0', '+', 'COUNT', ARGV[2]), redis.call('GET', KEYS[2]) or '0'}
`);
