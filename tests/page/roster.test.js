// The page's roster: the stream's entities replace its own by ID (js/roster.js, docs/gateway-api.md "Live stream").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rosterFromJson, applyChanged, rosterToJson } from '../../gateway/Beacons.Gateway/wwwroot/js/roster.js';

const read = () => ({
  lastEventId: 7,
  clock: { startedAtMs: null, stoppedAtMs: null },
  zones: [{ id: 1, name: 'Hall', status: 'hot' }, { id: 2, name: 'Gym', status: 'hot' }],
  officers: [{ badge: 101, zone: 1, zoneStatus: 'hot' }, { badge: 102, zone: 0, zoneStatus: null }],
  casualties: [],
  receivers: [{ id: 1, lastHeartbeatMs: null }],
  anchors: [],
  alerts: [],
  notes: [{ id: 3, text: 'first' }],
});

test('a message\'s entities replace the roster\'s by ID, new ones join in ID order', () => {
  const roster = rosterFromJson(read());
  applyChanged(roster, 8, {
    clock: { startedAtMs: 1000, stoppedAtMs: null },
    zones: [{ id: 1, name: 'Hall', status: 'warm' }],
    officers: [{ badge: 101, zone: 1, zoneStatus: 'warm' }, { badge: 100, zone: 2, zoneStatus: 'hot' }],
    notes: [{ id: 8, text: 'second' }],
  });

  const json = rosterToJson(roster);
  assert.equal(json.lastEventId, 8);
  assert.deepEqual(json.clock, { startedAtMs: 1000, stoppedAtMs: null });
  assert.deepEqual(json.zones.map((z) => z.status), ['warm', 'hot']);
  assert.deepEqual(json.officers, [
    { badge: 100, zone: 2, zoneStatus: 'hot' }, { badge: 101, zone: 1, zoneStatus: 'warm' }, { badge: 102, zone: 0, zoneStatus: null },
  ]);
  assert.deepEqual(json.notes.map((n) => n.text), ['first', 'second']);
  assert.deepEqual(json.receivers, read().receivers);
});

test('an event the roster already includes changes nothing', () => {
  const roster = rosterFromJson(read());
  applyChanged(roster, 7, { officers: [{ badge: 101, zone: 2, zoneStatus: 'hot' }] });

  assert.deepEqual(rosterToJson(roster), read());
});
