// The readiness board's wording (js/readiness.js, docs/dashboard.md "Readiness before T0").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { headline, deviceFacts, devicesOf } from '../../gateway/Beacons.Gateway/wwwroot/js/readiness.js';

const device = (kind, id, ready, more = {}) => ({
  kind, id, name: `${kind} ${id}`, ready, lastHeardMs: null, battery: null, dropped: null, problem: ready ? null : 'not heard', ...more,
});

const report = (devices) => ({
  atMs: 100_000,
  ready: devices.filter((d) => d.ready).length,
  total: devices.length,
  devices,
  missing: devices.filter((d) => !d.ready).map((d) => `${d.kind} ${d.id} (${d.name}): ${d.problem}`),
});

test('the headline counts ready of all, and an empty drill is not ready', () => {
  assert.deepEqual(headline(report([device('receiver', 1, true), device('badge', 101, false)])), { text: 'Ready 1 of 2', allReady: false });
  assert.deepEqual(headline(report([device('receiver', 1, true)])), { text: 'Ready 1 of 1', allReady: true });
  assert.equal(headline(report([])).allReady, false);
});

test('a device says when it was heard, its battery and its dropped count', () => {
  assert.equal(deviceFacts(device('receiver', 1, true, { lastHeardMs: 95_000, dropped: 3 }), 100_000), 'heartbeat 5 s ago · 3 dropped');
  assert.equal(deviceFacts(device('tag', 501, false, { battery: 15 }), 100_000), 'never heard · battery 15%');
});

test('each kind lists its not-ready devices first, then by ID', () => {
  const r = report([device('badge', 103, true), device('badge', 102, false), device('badge', 101, true), device('tag', 501, false)]);
  assert.deepEqual(devicesOf(r, 'badge').map((d) => d.id), [102, 101, 103]);
});
