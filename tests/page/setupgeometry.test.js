// The plan editor's geometry without a browser: snapping, the scale from two clicks, the zone under a click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  snapPoint, scaleFactor, scalePoint, zoneAt, crossesItself, nextId, problemTarget,
} from '../../gateway/Beacons.Gateway/wwwroot/js/setupgeometry.js';

test('a click near a corner snaps to the nearest one within the radius, and no further', () => {
  const corners = [[10, 10], [10.3, 10], [20, 0]];
  assert.deepEqual(snapPoint([10.25, 10.05], corners, 0.5), { point: [10.3, 10], snapped: true });
  assert.deepEqual(snapPoint([11, 11], corners, 0.5), { point: [11, 11], snapped: false });
  assert.deepEqual(snapPoint([10.5, 10], corners, 0.2), { point: [10.3, 10], snapped: true });
});

test('the scale is the typed distance over the clicked one; the field refuses what cannot be a distance', () => {
  assert.deepEqual(scaleFactor([0, 0], [3, 4], '10'), { factor: 2 });
  assert.deepEqual(scaleFactor([0, 0], [3, 4], ' 2,5 '), { factor: 0.5 });
  for (const typed of ['0', '-3', 'abc', '', 'NaN', 'Infinity']) {
    assert.ok('error' in scaleFactor([0, 0], [3, 4], typed), typed);
  }
  assert.match(/** @type {any} */ (scaleFactor([1, 1], [1, 1], '5')).error, /same/);
  assert.match(/** @type {any} */ (scaleFactor([1, 1], null, '5')).error, /two points/);
  assert.deepEqual(scalePoint([1.5, 2], 3.3333333), [5, 6.67]);
});

test('a click belongs to the zone whose outline holds it', () => {
  const zones = [
    { id: 1, outline: [[0, 0], [10, 0], [10, 10], [0, 10]] },
    { id: 2, outline: [[10, 0], [20, 0], [20, 10], [15, 5], [10, 10]] },
  ];
  assert.equal(zoneAt([5, 5], zones)?.id, 1);
  assert.equal(zoneAt([18, 5], zones)?.id, 2);
  assert.equal(zoneAt([15, 8], zones), null); // in the notch of the concave zone 2
  assert.equal(zoneAt([25, 5], zones), null);
});

test('an outline that crosses itself is told at once; a concave one is fine', () => {
  assert.equal(crossesItself([[0, 0], [10, 10], [10, 0], [0, 10]]), true);
  assert.equal(crossesItself([[0, 0], [10, 0], [5, 0], [5, 5]]), true); // a corner back on an edge
  assert.equal(crossesItself([[0, 0], [10, 0], [10, 10], [5, 5], [0, 10]]), false);
  assert.equal(crossesItself([[0, 0], [10, 0], [10, 10]]), false);
});

test('new IDs take the lowest free one in range', () => {
  assert.equal(nextId([{ id: 1 }, { id: 3 }], 1, 255), 2);
  assert.equal(nextId([], 0, 255), 0);
  assert.equal(nextId([{ id: 1 }], 1, 1), null);
});

test('a problem path names the list, the index and the field', () => {
  assert.deepEqual(problemTarget('$.zones[2].outline'), { list: 'zones', index: 2, field: 'outline' });
  assert.deepEqual(problemTarget('$.receivers[0]'), { list: 'receivers', index: 0, field: '' });
  assert.equal(problemTarget('$.name'), null);
});
