// Survey mode's wording (js/survey.js, docs/dashboard.md "Survey mode"): what each receiver gave, what it taught.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDb, walkReceiverText, learnedText, surveyNote } from '../../gateway/Beacons.Gateway/wwwroot/js/survey.js';

test('offsets carry their sign and one decimal', () => {
  assert.equal(formatDb(2.46), '+2.5 dB');
  assert.equal(formatDb(-10), '-10.0 dB');
  assert.equal(formatDb(0), '0.0 dB');
});

test('a receiver during the walk says how many readings it gave and how many more its own zone needs', () => {
  assert.equal(walkReceiverText({ id: 1, name: 'R1', zone: 1, readings: 12, ownZone: 4 }, 10), '12 readings, 4 from its own zone: 6 more from its own zone needed');
  assert.equal(walkReceiverText({ id: 1, name: 'R1', zone: 1, readings: 1, ownZone: 10 }, 10), '1 reading, 10 from its own zone: enough to learn its offset');
});

test('a receiver with too few readings says so plainly, and that it is left at 0 dB', () => {
  assert.equal(learnedText({ id: 3, name: 'R3', zone: 3, readings: 3, learned: false, db: 0 }, 10),
    'too few readings to learn an offset (3 from its own zone, 10 needed): left at 0 dB');
  assert.equal(learnedText({ id: 1, name: 'R1', zone: 1, readings: 40, learned: true, db: -2.5 }, 10), '-2.5 dB (from 40 readings in its own zone)');
});

test('the note names the offsets in force and, when the gateway refuses a walk now, why', () => {
  assert.equal(surveyNote({ inForce: null, startRefused: null }), 'No offsets in force yet.');
  assert.equal(surveyNote({ inForce: { walk: 'walk-20261203-091000', receivers: [] }, startRefused: 'the drill is running' }),
    'Offsets in force: walk-20261203-091000. A walk cannot start now: the drill is running.');
  assert.equal(surveyNote({ inForce: null, startRefused: 'the drill is running' }),
    'No offsets in force yet. A walk cannot start now: the drill is running.');
});

test('with offsets in force and a walk allowed, the note says a new walk replaces them all', () => {
  assert.equal(surveyNote({ inForce: { walk: 'walk-20261203-091000', receivers: [] }, startRefused: null }),
    'Offsets in force: walk-20261203-091000. A new walk that teaches something replaces them all, so walk every zone that has a receiver.');
});
