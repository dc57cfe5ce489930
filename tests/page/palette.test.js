// One palette: the stylesheets' colour properties are the floor plan's colours (js/palette.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CSS_COLOURS } from '../../gateway/Beacons.Gateway/wwwroot/js/palette.js';

for (const sheet of ['dashboard.css', 'review.css']) {
  test(`${sheet} colours its statuses and triage colours as the floor plan does`, () => {
    const css = readFileSync(new URL(`../../gateway/Beacons.Gateway/wwwroot/css/${sheet}`, import.meta.url), 'utf8');
    const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';
    const declared = Object.fromEntries([...root.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim().toLowerCase()]));
    for (const [property, colour] of Object.entries(CSS_COLOURS)) {
      assert.equal(declared[property], colour, `${sheet} ${property}`);
    }
  });
}
