// The floor plan's layout without a browser: where people go, what a crowded zone hides, which receivers show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layoutFloor, wrapText, fitText, floorActivity } from '../../gateway/Beacons.Gateway/wwwroot/js/floorlayout.js';

/** An estimate of the browser's text width: every character 0.6 of the size (bold a little wider). */
const measure = (text, size, bold) => text.length * size * (bold ? 0.62 : 0.6);

const venue = {
  floors: [{ id: 0, width: 60, height: 30 }, { id: 1, width: 60, height: 30 }],
  zones: [
    { id: 1, name: 'East corridor', floor: 0, outline: [[0, 0], [20, 0], [20, 10], [0, 10]], status: 'hot' },
    { id: 2, name: 'Library', floor: 0, outline: [[20, 0], [40, 0], [40, 10], [20, 10]], status: 'warm' },
    { id: 3, name: 'Car park', floor: 0, outline: [[40, 0], [60, 0], [60, 30], [40, 30]], status: 'cold', ccp: true, outside: true },
    { id: 4, name: 'Upper hall', floor: 1, outline: [[0, 0], [20, 0], [20, 10], [0, 10]] },
  ],
  receivers: [
    { id: 1, name: 'R1', zone: 1, position: [5, 5] },
    { id: 2, name: 'R2', zone: 2, floor: 0, position: [30, 5] },
    { id: 3, zone: 3, position: [50, 20] },
  ],
};

const T = 1_700_000_000_000;
const officer = (badge, zone, more = {}) => ({ badge, name: null, role: 'unknown', zone, emergency: false, lastHeardMs: T, ...more });

const zone = (layout, id) => layout.zones.find((z) => z.id === id);
const items = (layout, id, ...types) => zone(layout, id).placed.map((p) => p.item).filter((i) => types.includes(i.type));

test('an officer is a chip in its zone, marked stale once not heard for 15 s', () => {
  const picture = { officers: [officer(101, 2, { name: 'Sgt. A. Ruiz', role: 'contact' })] };
  const fresh = layoutFloor(venue, 0, picture, { width: 900, height: 450, measure, nowMs: T + 10_000 });
  const stale = layoutFloor(venue, 0, picture, { width: 900, height: 450, measure, nowMs: T + 16_000 });
  assert.deepEqual(items(fresh, 2, 'officer').map((i) => i.text), ['CT Ruiz']);
  assert.deepEqual(items(stale, 2, 'officer').map((i) => i.text), ['CT Ruiz · stale']);
  assert.deepEqual(items(fresh, 1, 'officer'), []);
});

test('each zone says its live status in a pill, and the CCP says so too', () => {
  const layout = layoutFloor(venue, 0, { zones: [{ id: 1, status: 'cold' }] }, { width: 900, height: 450, measure });
  assert.deepEqual(items(layout, 1, 'pill').map((i) => i.text), ['COLD']);
  assert.deepEqual(items(layout, 2, 'pill').map((i) => i.text), ['WARM']); // the venue's, no live status given
  assert.deepEqual(items(layout, 3, 'pill').map((i) => i.text), ['COLD', 'CCP']);
  assert.equal(zone(layout, 1).label, 'East corridor: COLD');
  assert.deepEqual(layout.zones.map((z) => z.id), [1, 2, 3]); // floor 0 only
});

test('a casualty being assessed is marked so, and casualties come most urgent first', () => {
  const casualties = [
    { tag: 502, colour: 'green', committed: true, zone: 2 },
    { tag: 501, colour: 'yellow', committed: false, zone: 2 },
    { tag: 503, colour: 'red', committed: true, zone: 2 },
  ];
  const layout = layoutFloor(venue, 0, { casualties }, { width: 900, height: 450, measure });
  const markers = items(layout, 2, 'casualty');
  assert.deepEqual(markers.map((m) => [m.tag, m.text, m.assessing]), [[503, 'R', false], [501, 'Y', true], [502, 'G', false]]);
});

test('a crowded zone groups people by role, then hides the rest behind a count, never silently', () => {
  const picture = { officers: Array.from({ length: 12 }, (_, i) => officer(200 + i, 1)) };
  const roomy = layoutFloor(venue, 0, picture, { width: 600, height: 300, measure, nowMs: T });
  assert.deepEqual(items(roomy, 1, 'officer', 'officer-group').map((i) => i.text), ['12× ?']);
  assert.equal(roomy.hidden.get(1), undefined);

  const tiny = layoutFloor(venue, 0, picture, { width: 240, height: 160, measure, nowMs: T });
  assert.deepEqual(items(tiny, 1, 'officer', 'officer-group'), []);
  const [more] = items(tiny, 1, 'more');
  assert.equal(more.hidden, 12);
  assert.equal(tiny.hidden.get(1), 12);
});

test('an emergency keeps its own chip when others are grouped', () => {
  const picture = {
    officers: [...Array.from({ length: 12 }, (_, i) => officer(200 + i, 1)), officer(300, 1, { emergency: true })],
  };
  const layout = layoutFloor(venue, 0, picture, { width: 600, height: 300, measure, nowMs: T });
  assert.deepEqual(items(layout, 1, 'officer', 'officer-group').map((i) => i.text), ['SOS ? #300', '12× ?']);
});

test('an emergency is drawn with its name in a zone crowded beyond its room, the others folded into a count', () => {
  const picture = {
    officers: [...Array.from({ length: 12 }, (_, i) => officer(200 + i, 1, { role: 'contact' })),
      officer(300, 1, { name: 'Ofc. B. Lee', role: 'rtf-officer', emergency: true })],
    casualties: Array.from({ length: 5 }, (_, i) => ({ tag: 500 + i, colour: 'untagged', committed: false, zone: 1 })),
  };
  for (const [width, height] of [[240, 160], [1366 * 0.6, 768 * 0.5], [390, 140]]) {
    const layout = layoutFloor(venue, 0, picture, { width, height, measure, nowMs: T });
    const placed = zone(layout, 1).placed;
    const sos = placed.filter((p) => p.item.type === 'officer' && p.item.emergency);
    assert.deepEqual(sos.map((p) => p.item.text), ['SOS RTF Lee'], `${width}x${height}`);
    const [{ x, y, item }] = sos;
    assert.ok(x >= 0 && y >= 0 && x + item.w <= layout.width && y + item.h <= layout.height, `inside the drawing at ${width}x${height}`);
    const more = placed.filter((p) => p.item.type === 'more');
    const shown = placed.reduce((n, p) => n + (p.item.type === 'officer' || p.item.type === 'casualty' ? 1 : p.item.people ?? 0), 0);
    assert.equal(shown + (zone(layout, 1).hidden), 18, `everyone drawn or counted at ${width}x${height}`);
    for (const m of more) assert.ok(m.x >= x + item.w || m.x + m.item.w <= x || m.y >= y + item.h || m.y + m.item.h <= y, 'the count does not cover the SOS');
  }
});

test('receivers: only the silent and never-heard ones by default, all when asked, none for the replay', () => {
  const picture = { receivers: [{ id: 1, lastHeartbeatMs: T }, { id: 2, lastHeartbeatMs: T - 60_000 }] };
  const options = { width: 900, height: 450, measure, nowMs: T };
  const shown = (showReceivers) => layoutFloor(venue, 0, picture, { ...options, showReceivers }).receivers
    .map((r) => `${r.id}${r.silent ? ' silent' : ''}${r.never ? ' never' : ''}`);
  assert.deepEqual(shown(undefined), ['2 silent', '3 never']);
  assert.deepEqual(shown('all'), ['1', '2 silent', '3 never']);
  assert.deepEqual(shown('none'), []);
});

test('the drawing fits the part of the floor its zones cover, or the whole plan when asked', () => {
  // Upstairs, one 20 m x 10 m zone at the corner: with a metre's margin kept on the plan, 21 m x 11 m, in a
  // 900 x 450 drawing less 6 px of padding each side.
  const zones = layoutFloor(venue, 1, {}, { width: 900, height: 450, measure });
  assert.equal(zones.plan, null);
  assert.equal(zones.scale, Math.min(888 / 21, 438 / 11));
  const whole = layoutFloor(venue, 1, {}, { width: 900, height: 450, measure, fit: 'floor' });
  assert.equal(whole.scale, Math.min(888 / 60, 438 / 30));
  assert.equal(whole.plan?.width, 60 * whole.scale);
});

test('long names wrap on words and are cut with an ellipsis', () => {
  assert.deepEqual(wrapText(measure, 'North east stair well', 10, 70, 2), ['North east', 'stair well']);
  assert.deepEqual(wrapText(measure, 'North east stair well', 10, 70, 1), ['North east…']);
  assert.equal(fitText(measure, 'Library', 10, true, 100), 'Library');
});

test('once the clock stops, everyone stays where last placed, judged as at the stop, and no receiver is news', () => {
  const picture = {
    officers: [officer(101, 2, { name: 'Sgt. A. Ruiz', role: 'contact' })],
    receivers: [{ id: 1, lastHeartbeatMs: T }, { id: 2, lastHeartbeatMs: T }],
  };
  const options = { width: 900, height: 450, measure, nowMs: T + 600_000 };
  const running = layoutFloor(venue, 0, picture, options);
  const stopped = layoutFloor(venue, 0, picture, { ...options, stoppedAtMs: T + 5_000 });

  assert.equal(running.stopped, false);
  assert.deepEqual(items(running, 2, 'officer').map((i) => i.text), ['CT Ruiz · stale']);
  assert.ok(running.receivers.length > 0);
  assert.equal(stopped.stopped, true);
  assert.deepEqual(items(stopped, 2, 'officer').map((i) => [i.text, i.stale]), [['CT Ruiz', false]]);
  assert.deepEqual(stopped.receivers, []);
});

test('after the stop an emergency still raised shows "SOS at the stop" without the alarm look, and no floor is an alarm', () => {
  const stoppedAtMs = T + 60_000;
  const picture = {
    clock: { startedAtMs: T, stoppedAtMs },
    officers: [officer(300, 1, { name: 'Ofc. B. Lee', role: 'rtf-officer', emergency: true, emergencySinceMs: T + 1000 })],
  };
  const live = layoutFloor(venue, 0, { ...picture, clock: { startedAtMs: T, stoppedAtMs: null } }, { width: 900, height: 450, measure, nowMs: T + 2000 });
  const after = layoutFloor(venue, 0, picture, { width: 900, height: 450, measure, nowMs: T + 90_000, stoppedAtMs });

  const [alarm] = items(live, 1, 'officer');
  assert.deepEqual([alarm.text, alarm.emergency, alarm.sosAtStop], ['SOS RTF Lee', true, false]);
  const [atStop] = items(after, 1, 'officer');
  assert.deepEqual([atStop.text, atStop.emergency, atStop.sosAtStop], ['SOS at the stop RTF Lee', false, true]);
  assert.match(atStop.tip, /emergency still raised when the clock stopped/);
  assert.equal(floorActivity(venue, { ...picture, clock: { startedAtMs: T, stoppedAtMs: null } }).get(0).emergencies, 1);
  assert.equal(floorActivity(venue, picture).get(0).emergencies, 0);
});
