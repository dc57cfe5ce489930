// One palette: css/palette.css owns the colours; the floor plan's js/palette.js carries the same values under
// the same names, and the stylesheets take theirs from the palette instead of declaring their own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { COLOURS, ZONE_LOOK, TRIAGE_LOOK } from '../../gateway/Beacons.Gateway/wwwroot/js/palette.js';

/** @param {string} name */
const sheet = (name) => readFileSync(new URL(`../../gateway/Beacons.Gateway/wwwroot/css/${name}`, import.meta.url), 'utf8');

/** @param {string} css */
function declared(css) {
  const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
  return Object.fromEntries([...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim().toLowerCase()]));
}

test('the floor plan colours with the palette', () => {
  const palette = declared(sheet('palette.css'));
  for (const [property, colour] of Object.entries(COLOURS)) {
    assert.equal(colour, palette[property], property);
  }
  for (const look of [...Object.values(ZONE_LOOK), ...Object.values(TRIAGE_LOOK)]) {
    for (const colour of Object.values(look)) {
      assert.ok(Object.values(COLOURS).includes(colour), colour);
    }
  }
});

for (const name of ['dashboard.css', 'review.css', 'setup.css', 'controls.css']) {
  test(`${name} takes its colours from the palette`, () => {
    const css = sheet(name);
    assert.match(css, /^@import url\("palette\.css"\);$/m);
    assert.deepEqual(Object.keys(declared(css)), [], 'a colour declared again');
    for (const [, used] of css.matchAll(/var\((--[\w-]+)\)/g)) {
      assert.ok(used in declared(sheet('palette.css')), `${name} uses ${used}, which palette.css lacks`);
    }
  });
}
