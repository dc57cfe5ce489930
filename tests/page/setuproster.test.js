// The Setup page's Roster and Devices helpers (js/setuproster.js, docs/setup.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wholeOrText, rosterBody, placeOf, problemText, bundleQuery, downloadName, devicesLine } from '../../gateway/Beacons.Gateway/wwwroot/js/setuproster.js';

test('a typed whole number goes as a number, anything else as typed for the gateway to name', () => {
  assert.equal(wholeOrText(' 101 '), 101);
  assert.equal(wholeOrText('70000'), 70000); // out of range: the gateway says so at its cell
  assert.equal(wholeOrText('10a'), '10a');
  assert.equal(wholeOrText(''), '');
  assert.equal(wholeOrText('-3'), '-3');
});

test('the table goes as the exercise file has it, without keys, a blank label left to the gateway', () => {
  const body = rosterBody({ exerciseId: '42', name: ' Spring drill ' },
    [{ badge: '101', name: ' Ana Ruiz ', agency: 'Metro PD', role: 'contact' }],
    [{ tag: '501', label: '' }, { tag: '502', label: 'Casualty 2' }]);
  assert.deepEqual(body, {
    exerciseId: 42, name: 'Spring drill',
    officers: [{ badge: 101, name: 'Ana Ruiz', agency: 'Metro PD', role: 'contact' }],
    tags: [{ tag: 501 }, { tag: 502, label: 'Casualty 2' }],
  });
  assert.ok(!('key' in body) && !('receivers' in body));
});

test('a problem belongs to its cell, its row, an exercise field, or the whole roster', () => {
  assert.deepEqual(placeOf('$.officers[3].badge'), { list: 'officers', row: 3, field: 'badge' });
  assert.deepEqual(placeOf('$.tags[0]'), { list: 'tags', row: 0, field: null });
  assert.deepEqual(placeOf('$.exerciseId'), { field: 'exerciseId' });
  assert.deepEqual(placeOf('$.name'), { field: 'name' });
  assert.equal(placeOf('row 3'), null);
  assert.equal(placeOf('$.receivers'), null);
});

test('a spreadsheet problem names its file and row; the table\'s are said bare', () => {
  assert.equal(problemText({ file: 'officers.csv', path: 'row 4', problem: 'duplicate badge ID 101 (row 2 has it too)' }),
    'officers.csv, row 4: duplicate badge ID 101 (row 2 has it too)');
  assert.equal(problemText({ file: 'roster', path: '$.name', problem: 'required' }), 'required');
});

test('the download\'s query carries the site but never the password', () => {
  const q = bundleQuery({ wifiSsid: ' Drill Net ', gateway: '192.168.4.10', gatewayPort: '47800', locate: true });
  assert.equal(q, 'wifiSsid=Drill+Net&gateway=192.168.4.10&gatewayPort=47800&locate=true');
  assert.equal(bundleQuery({ wifiSsid: '', gateway: '', gatewayPort: '', locate: false }), '');
});

test('the download keeps the name the gateway gives it', () => {
  assert.equal(downloadName('attachment; filename=devices-exercise-42.zip; filename*=UTF-8\'\'devices-exercise-42.zip', 'x.zip'), 'devices-exercise-42.zip');
  assert.equal(downloadName('attachment; filename="devices.zip"', 'x.zip'), 'devices.zip');
  assert.equal(downloadName(null, 'x.zip'), 'x.zip');
});

test('what the download provisions is counted in words', () => {
  assert.equal(devicesLine({ exercise: { exerciseId: 42, name: 'Spring drill' }, badges: 3, tags: 1, anchors: 0, receivers: 1 }),
    'Exercise 42 (Spring drill): 3 badges, 1 tag, 0 anchors, 1 receiver to provision.');
});
