// The page's shared wording decisions (js/labels.js) at the end of a drill.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sosLook, canAcknowledge } from '../../gateway/Beacons.Gateway/wwwroot/js/labels.js';

const T = 1_700_000_000_000;

test('an emergency is the alarm while the clock runs, "at the stop" after it, and one raised after the stop is not shown', () => {
  assert.equal(sosLook({ emergency: true, emergencySinceMs: T }, null), 'alarm');
  assert.equal(sosLook({ emergency: true, emergencySinceMs: T }, T + 1000), 'at-stop');
  assert.equal(sosLook({ emergency: true, emergencySinceMs: T + 2000 }, T + 1000), null);
  assert.equal(sosLook({ emergency: false, emergencySinceMs: null }, null), null);
  assert.equal(sosLook({ emergency: false, emergencySinceMs: null }, T + 1000), null);
});

test('an alert can be acknowledged until it is, and a cleared one only while the clock runs', () => {
  const running = { startedAtMs: T, stoppedAtMs: null };
  const stopped = { startedAtMs: T, stoppedAtMs: T + 60_000 };
  assert.equal(canAcknowledge({ acknowledgedAtMs: null, clearedAtMs: null }, running), true);
  assert.equal(canAcknowledge({ acknowledgedAtMs: null, clearedAtMs: T + 5000 }, running), true);
  assert.equal(canAcknowledge({ acknowledgedAtMs: T + 2000, clearedAtMs: null }, running), false);
  // The stop clears every alert: none of them is left to acknowledge.
  assert.equal(canAcknowledge({ acknowledgedAtMs: null, clearedAtMs: T + 60_000 }, stopped), false);
});
