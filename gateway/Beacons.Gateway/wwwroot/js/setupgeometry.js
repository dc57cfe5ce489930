// @ts-check
// The plan editor's geometry, without a browser (tests/page/setupgeometry.test.js): snapping to corners, the scale from
// two clicks, which zone a click is in, outlines that cross themselves, and where a venue file's problem points.
// Points are [x, y] in metres on the floor's plan, as the venue file has them (docs/venue.md).

/** @typedef {[number, number]} Point */

/**
 * @param {Point} a
 * @param {Point} b
 */
export function distance(a, b) {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

/**
 * The nearest of the candidates within radius of point (a corner to snap to), or the point itself.
 * @param {Point} point
 * @param {Point[]} candidates
 * @param {number} radius metres
 * @returns {{ point: Point, snapped: boolean }}
 */
export function snapPoint(point, candidates, radius) {
  /** @type {Point | null} */
  let best = null;
  let bestDistance = radius;
  for (const c of candidates) {
    const d = distance(point, c);
    if (d <= bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best ? { point: [best[0], best[1]], snapped: true } : { point, snapped: false };
}

/**
 * How much to scale the floor by so that the two clicked points are the typed distance apart; or why not, for the field.
 * @param {Point | null | undefined} a
 * @param {Point | null | undefined} b
 * @param {string} typed the distance in metres as typed
 * @returns {{ factor: number } | { error: string }}
 */
export function scaleFactor(a, b, typed) {
  if (!a || !b) return { error: 'Click two points on the plan first: the ends of something you know the length of.' };
  const measured = distance(a, b);
  if (!(measured > 1e-9)) return { error: 'The two points are the same: click two points apart (the further apart, the truer the scale).' };
  const text = typed.trim().replace(',', '.');
  const metres = Number(text);
  if (text === '' || !Number.isFinite(metres)) return { error: 'Type the distance between the two points in metres, e.g. 12.5.' };
  if (metres <= 0) return { error: 'The distance must be more than 0 metres.' };
  if (metres > 10000) return { error: 'The distance must be at most 10 000 metres.' };
  return { factor: metres / measured };
}

/**
 * @param {Point} point
 * @param {number} factor
 * @returns {Point}
 */
export function scalePoint(point, factor) {
  return [round(point[0] * factor), round(point[1] * factor)];
}

/**
 * Metres to the centimetre (what a floor plan can tell), without float noise such as 12.300000000000001.
 * @param {number} metres
 */
export function round(metres) {
  return Math.round(metres * 100) / 100;
}

/**
 * True when point is inside the outline (even-odd rule).
 * @param {Point} point
 * @param {Point[]} outline
 */
export function inside(point, outline) {
  let result = false;
  for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
    const [xi, yi] = outline[i];
    const [xj, yj] = outline[j];
    if ((yi > point[1]) !== (yj > point[1]) && point[0] < xi + ((xj - xi) * (point[1] - yi)) / (yj - yi)) result = !result;
  }
  return result;
}

/**
 * The first zone whose outline holds the point, or null.
 * @template {{ outline: Point[] }} Z
 * @param {Point} point
 * @param {Z[]} zones
 * @returns {Z | null}
 */
export function zoneAt(point, zones) {
  return zones.find((z) => inside(point, z.outline)) ?? null;
}

/**
 * Signed area test: > 0 when c is left of a→b.
 * @param {Point} a
 * @param {Point} b
 * @param {Point} c
 */
function side(a, b, c) {
  return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
}

/**
 * True when the segments a1-a2 and b1-b2 cross or touch (a shared end of neighbouring edges aside, which the caller skips).
 * @param {Point} a1
 * @param {Point} a2
 * @param {Point} b1
 * @param {Point} b2
 */
function meet(a1, a2, b1, b2) {
  const d1 = side(b1, b2, a1);
  const d2 = side(b1, b2, a2);
  const d3 = side(a1, a2, b1);
  const d4 = side(a1, a2, b2);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  /** @param {Point} p @param {Point} q @param {Point} r */
  const on = (p, q, r) => Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  return (d1 === 0 && on(b1, b2, a1)) || (d2 === 0 && on(b1, b2, a2)) || (d3 === 0 && on(a1, a2, b1)) || (d4 === 0 && on(a1, a2, b2));
}

/**
 * True when the outline crosses itself: two edges that are not neighbours meet. The gateway checks the same (and a
 * corner folded back onto its own edge); the page says it at once, while the zone is still being drawn.
 * @param {Point[]} outline
 */
export function crossesItself(outline) {
  const n = outline.length;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const neighbours = j === i + 1 || (i === 0 && j === n - 1);
      if (!neighbours && meet(outline[i], outline[(i + 1) % n], outline[j], outline[(j + 1) % n])) return true;
    }
  }
  return false;
}

/**
 * The mean of the outline's corners: where its label goes.
 * @param {Point[]} outline
 * @returns {Point}
 */
export function middle(outline) {
  const n = Math.max(1, outline.length);
  return [outline.reduce((s, p) => s + p[0], 0) / n, outline.reduce((s, p) => s + p[1], 0) / n];
}

/**
 * The lowest free ID from min to max (a new zone 1..255, floor 0..255, receiver 1..65535), or null when all are taken.
 * @param {{ id: number }[]} items
 * @param {number} min
 * @param {number} max
 */
export function nextId(items, min, max) {
  const taken = new Set(items.map((i) => i.id));
  for (let id = min; id <= max; id++) if (!taken.has(id)) return id;
  return null;
}

/**
 * What a venue file's problem path points at: "$.zones[2].outline" is zones, index 2, field outline.
 * @param {string} path
 * @returns {{ list: string, index: number, field: string } | null}
 */
export function problemTarget(path) {
  const m = /^\$\.(floors|zones|receivers|anchors|walls)\[(\d+)\](?:\.(\w+))?/.exec(path);
  return m ? { list: m[1], index: Number(m[2]), field: m[3] ?? '' } : null;
}
