// @ts-check
// The roster as the gateway sends it (GET /api/roster), its lists kept as Maps by ID. The page never works out
// what an event does to the roster: each stream message carries the entities it changed, whole, and they
// replace the page's by ID (docs/gateway-api.md, "Live stream").

/** The ID field of each of the roster's lists. */
const KEYS = /** @type {const} */ ({
  zones: 'id', officers: 'badge', casualties: 'tag', receivers: 'id', anchors: 'id', alerts: 'id', notes: 'id',
});

/**
 * @typedef {Record<string, any>} Entity
 * @typedef {{ lastEventId: number, clock: { startedAtMs: number | null, stoppedAtMs: number | null },
 *   zones: Map<number, Entity>, officers: Map<number, Entity>, casualties: Map<number, Entity>,
 *   receivers: Map<number, Entity>, anchors: Map<number, Entity>, alerts: Map<number, Entity>,
 *   notes: Map<number, Entity> }} Roster
 * @typedef {Partial<Record<keyof typeof KEYS, Entity[]>> & { clock?: Roster['clock'] }} Changed
 */

/**
 * @param {any} json GET /api/roster's answer
 * @returns {Roster}
 */
export function rosterFromJson(json) {
  /** @type {Record<string, any>} */
  const roster = { lastEventId: json.lastEventId, clock: json.clock };
  for (const [list, key] of Object.entries(KEYS)) {
    roster[list] = new Map((json[list] ?? []).map((/** @type {Entity} */ item) => [item[key], item]));
  }
  return /** @type {Roster} */ (roster);
}

/**
 * Brings the roster to event `eventId` with what that event changed (a stream message's `changed`). An event the
 * roster already includes changes nothing.
 * @param {Roster} roster
 * @param {number} eventId
 * @param {Changed} changed
 */
export function applyChanged(roster, eventId, changed) {
  if (eventId <= roster.lastEventId) return;
  roster.lastEventId = eventId;
  if (changed.clock) roster.clock = changed.clock;
  for (const [list, key] of Object.entries(KEYS)) {
    const map = /** @type {Map<number, Entity>} */ (roster[/** @type {keyof typeof KEYS} */ (list)]);
    for (const item of changed[/** @type {keyof typeof KEYS} */ (list)] ?? []) map.set(item[key], item);
  }
}

/**
 * The roster in GET /api/roster's shape (lists sorted by ID), for diagnostics and tests.
 * @param {Roster} roster
 */
export function rosterToJson(roster) {
  /** @type {Record<string, any>} */
  const json = { lastEventId: roster.lastEventId, clock: roster.clock };
  for (const [list, key] of Object.entries(KEYS)) {
    json[list] = [...roster[/** @type {keyof typeof KEYS} */ (list)].values()].sort((a, b) => a[key] - b[key]);
  }
  return json;
}
