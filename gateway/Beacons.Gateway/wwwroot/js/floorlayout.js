// @ts-check
// Where everything goes on the floor plan, as a pure function: no DOM, so node's test runner checks it
// (tests/page). floorplan.js draws what this returns. Sizes are in pixels of the drawing; text is measured by
// the function it is given (the browser's canvas on the page, an estimate in the tests).
//
//   layoutFloor(venue, floorId, picture, options) -> FloorLayout
//     venue, floorId, picture as drawFloor takes them (floorplan.js)
//     options  { width, height, measure(text, size, bold) -> pixels, nowMs, staleAfterMs, receiverSilentMs,
//                silentReceivers, highlightZone, showReceivers, fit, stoppedAtMs }
//
// Once the exercise clock has stopped (stoppedAtMs), the drill is over: everyone stays where last placed, judged
// as at the stop (devices switched off afterwards are not stale), no receiver is news, and the layout says
// stopped so the drawing dims it.
//
// A crowded zone gives up room step by step until everyone fits: the name's second line, then one marker per
// person (casualties grouped by colour, officers by role). Only then are markers hidden behind a "+N" chip, so a
// zone always says how many it hides. An officer in emergency is never grouped, hidden or cut: their chip comes
// first in the zone, and when even it does not fit it is drawn anyway, over the zone's edge but inside the plan.

import {
  STATUS_WORD, TRIAGE, TRIAGE_WORD, ROLE_WORD, STALE_AFTER_MS, RECEIVER_SILENT_MS,
  roleShort, triageLetter, officerShortName, isStale, formatMoment, casualtyName, sosLook, SOS_PREFIX,
} from './labels.js';

/**
 * @typedef {'hot' | 'warm' | 'cold'} Status
 * @typedef {'red' | 'yellow' | 'green' | 'black' | 'untagged'} Colour
 * @typedef {{ id: number, name: string, floor: number, outline: [number, number][], status?: Status, ccp?: boolean, outside?: boolean }} VenueZone
 * @typedef {{ id: number, name?: string, zone: number, floor?: number, position: [number, number] }} VenueReceiver
 * @typedef {{ id: number, name?: string, width: number, height: number, image?: string | null }} VenueFloor
 * @typedef {{ floors: VenueFloor[], zones: VenueZone[], receivers?: VenueReceiver[] }} Venue
 * @typedef {{ badge: number, name?: string | null, agency?: string | null, role: string, zone: number,
 *   emergency: boolean, emergencySinceMs?: number | null, zoneSinceMs?: number | null, lastHeardMs?: number | null,
 *   battery?: number | null, selfLocated?: boolean }} Officer
 * @typedef {{ tag: number, label?: string | null, colour: string, committed: boolean, zone: number,
 *   battery?: number | null, lastHeardMs?: number | null }} Casualty
 * @typedef {{ id: number, lastHeartbeatMs?: number | null }} ReceiverState
 * @typedef {{ id: number, status: Status }} ZoneState
 */

/**
 * A list as a roster keeps it (a Map by ID) or as GET /api/roster sends it (an array).
 * @template T
 * @typedef {Map<any, T> | T[] | undefined} Listish
 */

/**
 * @typedef {{ zones?: Listish<ZoneState>, officers?: Listish<Officer>, casualties?: Listish<Casualty>,
 *   receivers?: Listish<ReceiverState>, clock?: { startedAtMs: number | null, stoppedAtMs?: number | null } }} Picture
 * @typedef {(text: string, size: number, bold: boolean) => number} Measure
 * @typedef {{ width: number, height: number, measure: Measure, nowMs?: number, staleAfterMs?: number,
 *   receiverSilentMs?: number, silentReceivers?: Set<number>, highlightZone?: number,
 *   showReceivers?: 'problems' | 'all' | 'none', fit?: 'zones' | 'floor', stoppedAtMs?: number | null }} LayoutOptions
 */

/**
 * One thing drawn in a zone, at its own origin (top-left), w x h pixels; tip is its tooltip.
 * @typedef {{ type: 'pill', w: number, h: number, text: string, tip?: string, look: Status | 'ccp', size: number }
 *   | { type: 'name', w: number, h: number, text: string, tip?: string, size: number }
 *   | { type: 'casualty', w: number, h: number, text: string, tip: string, colour: Colour, assessing: boolean, tag: number, committed: boolean }
 *   | { type: 'casualty-group', w: number, h: number, text: string, tip: string, colour: Colour, assessing: boolean, tags: number[], people: number }
 *   | { type: 'officer', w: number, h: number, text: string, tip: string, badge: number, role: string, emergency: boolean, sosAtStop: boolean, stale: boolean }
 *   | { type: 'officer-group', w: number, h: number, text: string, tip: string, badges: number[], role: string, stale: boolean, people: number }
 *   | { type: 'more', w: number, h: number, text: string, tip: string, hidden: number }} Item
 * @typedef {{ item: Item, x: number, y: number }} Placed
 * @typedef {{ id: number, status: Status, label: string, points: string, ccp: boolean, outside: boolean,
 *   highlighted: boolean, placed: Placed[], hidden: number }} ZoneLayout
 * @typedef {{ id: number, x: number, y: number, size: number, silent: boolean, never: boolean, tip: string }} ReceiverMark
 * @typedef {{ width: number, height: number, floorId: number, u: number, fs: number, scale: number,
 *   plan: { x: number, y: number, width: number, height: number } | null,
 *   image: { x: number, y: number, width: number, height: number } | null, zones: ZoneLayout[],
 *   receivers: ReceiverMark[], hidden: Map<number, number>, stopped: boolean }} FloorLayout
 */

/**
 * @template T
 * @param {Listish<T>} x
 * @returns {T[]}
 */
export function list(x) {
  if (!x) return [];
  if (x instanceof Map) return [...x.values()];
  return [...x];
}

/** @param {[number, number][]} outline */
function bounds(outline) {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/**
 * The part of the floor its zones cover, with a metre's margin, kept on the plan.
 * @param {VenueZone[]} zones
 * @param {VenueFloor} floor
 */
function extent(zones, floor) {
  const b = bounds(zones.flatMap((z) => z.outline));
  return {
    minX: Math.max(0, b.minX - 1), minY: Math.max(0, b.minY - 1),
    maxX: Math.min(floor.width, b.maxX + 1), maxY: Math.min(floor.height, b.maxY + 1),
  };
}

/**
 * text, cut with an ellipsis until it fits maxWidth.
 * @param {Measure} measure
 * @param {string} text
 * @param {number} size
 * @param {boolean} bold
 * @param {number} maxWidth
 */
export function fitText(measure, text, size, bold, maxWidth) {
  if (measure(text, size, bold) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && measure(`${cut}…`, size, bold) > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/**
 * Words on up to maxLines lines of maxWidth; the last line is cut with an ellipsis when the rest does not fit.
 * @param {Measure} measure
 * @param {string} text
 * @param {number} size
 * @param {number} maxWidth
 * @param {number} maxLines
 */
export function wrapText(measure, text, size, maxWidth, maxLines) {
  const words = text.split(/\s+/);
  const lines = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (!line || measure(next, size, true) <= maxWidth) {
      line = next;
      continue;
    }
    if (lines.length === maxLines - 1) {
      line = `${line} ${words.slice(i).join(' ')}`;
      break;
    }
    lines.push(line);
    line = words[i];
  }
  lines.push(line);
  return lines.map((l) => fitText(measure, l, size, true, maxWidth));
}

/** @type {Record<string, number>} */
const SEVERITY = Object.fromEntries(TRIAGE.map((c, i) => [c, i]));

/**
 * @template K, V
 * @param {Map<K, V[]>} map
 * @param {K} key
 * @param {V} value
 */
function push(map, key, value) {
  const items = map.get(key);
  if (items) items.push(value);
  else map.set(key, [value]);
}

/**
 * Where the floor's zones, their people and the receivers go. See the top of this file.
 * @param {Venue} venue
 * @param {number | null} floorId
 * @param {Picture} picture
 * @param {LayoutOptions} options
 * @returns {FloorLayout}
 */
export function layoutFloor(venue, floorId, picture, options) {
  const floor = venue.floors.find((f) => f.id === floorId) ?? venue.floors[0];
  const width = Math.max(240, Math.round(options.width));
  const height = Math.max(160, Math.round(options.height));
  const measure = options.measure;
  const stopped = options.stoppedAtMs != null;
  const nowMs = Math.min(options.nowMs ?? Date.now(), options.stoppedAtMs ?? Infinity);
  // Tooltips give moments on the exercise clock (not "5 s ago", which would age while the plan stands still).
  /** @param {number} ms */
  const at = (ms) => formatMoment(ms, picture.clock);
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;

  // u: one "unit" of type and stroke; grows on a big screen or projector, never shrinks below legible.
  const u = Math.min(2, Math.max(0.95, Math.min(width / 900, height / 560)));
  const fs = 15 * u;
  const rowH = Math.round(fs * 1.75);
  const gap = Math.round(4 * u);
  const pad = Math.round(6 * u);
  // Fit the part of the plan that holds zones (a site plan often has margins of nothing), centred.
  const zones = venue.zones.filter((z) => z.floor === floor.id);
  const view = options.fit === 'floor' || zones.length === 0
    ? { minX: 0, minY: 0, maxX: floor.width, maxY: floor.height }
    : extent(zones, floor);
  const scale = Math.min((width - 2 * pad) / (view.maxX - view.minX), (height - 2 * pad) / (view.maxY - view.minY));
  const ox = (width - (view.maxX - view.minX) * scale) / 2 - view.minX * scale;
  const oy = (height - (view.maxY - view.minY) * scale) / 2 - view.minY * scale;
  /** @param {number} x */
  const X = (x) => ox + x * scale;
  /** @param {number} y */
  const Y = (y) => oy + y * scale;

  const statuses = new Map(list(picture.zones).map((z) => [z.id, z.status]));
  const zoneIds = new Set(zones.map((z) => z.id));
  /** @type {Map<number, Officer[]>} */
  const officersIn = new Map();
  /** @type {Map<number, Casualty[]>} */
  const casualtiesIn = new Map();
  for (const o of list(picture.officers)) if (zoneIds.has(o.zone)) push(officersIn, o.zone, o);
  for (const c of list(picture.casualties)) if (zoneIds.has(c.zone)) push(casualtiesIn, c.zone, c);

  /** @type {Map<number, number>} */
  const hidden = new Map();
  const zoneLayouts = zones.map((zone) => {
    /** @type {Status} */
    const status = statuses.get(zone.id) ?? zone.status ?? 'hot';
    const b = bounds(zone.outline);
    const area = { left: X(b.minX) + pad, top: Y(b.minY) + pad, right: X(b.maxX) - pad, bottom: Y(b.maxY) - pad };
    const casualties = (casualtiesIn.get(zone.id) ?? [])
      .sort((a, b2) => (SEVERITY[a.colour] ?? 9) - (SEVERITY[b2.colour] ?? 9) || a.tag - b2.tag);
    const officers = (officersIn.get(zone.id) ?? [])
      .sort((a, b2) => (Number(flagged(b2)) - Number(flagged(a))) || a.badge - b2.badge);

    /** @type {{ top: Header, placed: Placed[], overflow: number } | null} */
    let layout = null;
    for (const [nameLines, grouped] of /** @type {[number, boolean][]} */ ([[2, false], [1, false], [1, true]])) {
      const pills = [pill(STATUS_WORD[status] ?? status, status)];
      if (zone.ccp) pills.push(pill('CCP', 'ccp'));
      const items = grouped
        ? groupedMarkers(casualties, officers)
        : [...officers.filter(flagged).map(officerChip), ...casualties.map(casualtyMarker),
          ...officers.filter((o) => !flagged(o)).map(officerChip)];
      const top = headerRows(pills, zone.name, area, items, nameLines);
      const placed = flow(items, area, top);
      const shown = placed.reduce((n, p) => n + people(p.item), 0);
      layout = { top, placed, overflow: casualties.length + officers.length - shown };
      if (layout.overflow === 0) break;
    }
    if (!layout) throw new Error('unreachable');
    if (layout.overflow > 0) hidden.set(zone.id, layout.overflow);
    return {
      id: zone.id,
      status,
      label: `${zone.name}: ${STATUS_WORD[status] ?? status}${zone.ccp ? ', casualty collection point' : ''}`,
      points: zone.outline.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' '),
      ccp: !!zone.ccp,
      outside: !!zone.outside,
      highlighted: options.highlightZone === zone.id,
      placed: [...layout.top.placed, ...layout.placed],
      hidden: layout.overflow,
    };
  });

  return {
    width, height, floorId: floor.id, u, fs, scale,
    // The floor's own outline only when the whole plan is shown: fitted to its zones, it would cut across the view.
    plan: options.fit === 'floor' ? { x: X(0), y: Y(0), width: floor.width * scale, height: floor.height * scale } : null,
    // A floor's image spans the floor, origin top-left, width by height metres (docs/venue.md): the floor's scale.
    image: floor.image ? { x: X(0), y: Y(0), width: floor.width * scale, height: floor.height * scale } : null,
    zones: zoneLayouts,
    receivers: stopped ? [] : receiverMarks(),
    hidden,
    stopped,
  };

  /** @param {Item} item */
  function people(item) {
    if (item.type === 'more' || item.type === 'pill' || item.type === 'name') return 0;
    return 'people' in item ? item.people : 1;
  }

  /**
   * @param {string} text
   * @param {Status | 'ccp'} look
   * @returns {Item}
   */
  function pill(text, look) {
    const size = 13 * u;
    return { type: 'pill', text, look, size, w: measure(text, size, true) + 12 * u, h: rowH - 4 * u };
  }

  /**
   * @typedef {{ placed: Placed[], x: number, y: number, nextY: number }} Header
   */

  /**
   * The status pill (and CCP) first, then the zone's name: beside them when it fits or the zone is one row
   * tall (a corridor: the name then leaves room for markers), else below on up to two lines, the markers then
   * starting right of the pills. Returns what it placed and where markers go: the first row from x, y, then
   * rows from nextY down.
   * @param {Item[]} pills
   * @param {string} name
   * @param {{ left: number, top: number, right: number, bottom: number }} a
   * @param {Item[]} markers
   * @param {number} nameLines
   * @returns {Header}
   */
  function headerRows(pills, name, a, markers, nameLines) {
    /** @type {Placed[]} */
    const placed = [];
    let x = a.left;
    for (const p of pills) {
      placed.push({ item: p, x, y: a.top + (rowH - p.h) / 2 });
      x += p.w + gap;
    }
    const size = fs * 0.95;
    const lineH = Math.round(size * 1.25);
    const beside = a.right - x;
    const rows = Math.floor((a.bottom - a.top + 2 * u) / rowH);
    /**
     * @param {string} text
     * @param {number} nx
     * @param {number} ny
     */
    const nameAt = (text, nx, ny) => {
      const w = measure(text, size, true);
      placed.push({ item: { type: 'name', text, size, w, h: lineH }, x: nx, y: ny });
      return w;
    };
    if (rows < 2) {
      const need = markers.reduce((sum, m) => sum + m.w + gap, 0);
      const room = Math.max(beside - Math.min(need, beside * 0.55), 24 * u);
      const w = nameAt(fitText(measure, name, size, true, room), x, a.top + (rowH - lineH) / 2);
      return { placed, x: x + w + gap, y: a.top, nextY: a.top + rowH };
    }
    if (measure(name, size, true) <= beside) {
      const w = nameAt(name, x, a.top + (rowH - lineH) / 2);
      return { placed, x: x + w + gap, y: a.top, nextY: a.top + rowH };
    }
    let y = a.top + rowH;
    for (const line of wrapText(measure, name, size, a.right - a.left, rows >= 3 ? nameLines : 1)) {
      nameAt(line, a.left, y);
      y += lineH;
    }
    return { placed, x, y: a.top, nextY: y + gap };
  }

  /** @param {string} colour */
  function known(colour) {
    return /** @type {Colour} */ (TRIAGE.includes(colour) ? colour : 'untagged');
  }

  /**
   * @param {Casualty} c
   * @returns {Item}
   */
  function casualtyMarker(c) {
    const colour = known(c.colour);
    const d = rowH - 2 * u;
    const assessing = !c.committed && colour !== 'untagged';
    const tip = `${casualtyName(c)}: ${TRIAGE_WORD[colour]}${assessing ? ' (being assessed, not confirmed)' : ''}`
      + `${c.battery != null ? ` · battery ${c.battery}%` : ''}`
      + `${c.lastHeardMs != null ? ` · last heard ${at(c.lastHeardMs)}` : ''}`;
    return {
      type: 'casualty', w: d, h: d, text: triageLetter(colour), tip, colour, assessing, tag: c.tag, committed: !!c.committed,
    };
  }

  /**
   * @param {Officer} o
   * @returns {Item}
   */
  function officerChip(o) {
    const stale = isStale(o, nowMs, staleAfterMs);
    const sos = sosLook(o, options.stoppedAtMs);
    const text = `${sos ? SOS_PREFIX[sos] : ''}${roleShort(o.role)} ${officerShortName(o)}${stale && !sos ? ' · stale' : ''}`;
    const tip = `${o.name ?? `Badge ${o.badge} (not in the exercise file)`} · ${ROLE_WORD[o.role] ?? o.role}`
      + `${o.agency ? ` · ${o.agency}` : ''}`
      + `${sos === 'alarm' ? ' · EMERGENCY' : sos === 'at-stop' ? ' · emergency still raised when the clock stopped' : ''}`
      + `${o.zoneSinceMs != null ? ` · in this zone since ${at(o.zoneSinceMs)}` : ''}`
      + `${o.lastHeardMs != null ? ` · last heard ${at(o.lastHeardMs)}` : ''}`
      + `${o.battery != null ? ` · battery ${o.battery}%` : ''}`
      + `${o.selfLocated ? ' · placed by zone anchors' : ''}`;
    return {
      type: 'officer', w: measure(text, fs * 0.95, true) + 14 * u, h: rowH - 2 * u, text, tip,
      badge: o.badge, role: o.role, emergency: sos === 'alarm', sosAtStop: sos === 'at-stop', stale,
    };
  }

  /**
   * An officer whose SOS shows (live, or at the stop): never grouped or hidden, first in the zone.
   * @param {Officer} o
   */
  function flagged(o) {
    return sosLook(o, options.stoppedAtMs) != null;
  }

  /**
   * @param {Casualty[]} casualties
   * @param {Officer[]} officers
   * @returns {Item[]}
   */
  function groupedMarkers(casualties, officers) {
    /** @type {Item[]} */
    const out = officers.filter(flagged).map(officerChip);
    /** @type {Map<string, Casualty[]>} */
    const byColour = new Map();
    for (const c of casualties) push(byColour, `${c.colour}|${!c.committed && c.colour !== 'untagged'}`, c);
    for (const group of byColour.values()) out.push(group.length === 1 ? casualtyMarker(group[0]) : casualtyGroup(group));
    /** @type {Map<string, Officer[]>} */
    const byRole = new Map();
    for (const o of officers) if (!flagged(o)) push(byRole, o.role, o);
    for (const group of byRole.values()) out.push(officerGroup(group));
    return out;
  }

  /**
   * @param {Casualty[]} group
   * @returns {Item}
   */
  function casualtyGroup(group) {
    const colour = known(group[0].colour);
    const assessing = !group[0].committed && colour !== 'untagged';
    const text = `${group.length}×${triageLetter(colour)}`;
    return {
      type: 'casualty-group', w: measure(text, fs, true) + 14 * u, h: rowH - 2 * u, text, colour, assessing,
      tags: group.map((x) => x.tag), people: group.length,
      tip: `${group.map(casualtyName).join(', ')}: ${TRIAGE_WORD[colour]}${assessing ? ' (being assessed)' : ''}`,
    };
  }

  /**
   * @param {Officer[]} group
   * @returns {Item}
   */
  function officerGroup(group) {
    const stale = group.every((o) => isStale(o, nowMs, staleAfterMs));
    const role = group[0].role;
    const text = `${group.length > 1 ? `${group.length}× ` : ''}${roleShort(role)}${stale ? ' · stale' : ''}`;
    return {
      type: 'officer-group', w: measure(text, fs * 0.95, true) + 14 * u, h: rowH - 2 * u, text, stale, role,
      badges: group.map((o) => o.badge), people: group.length,
      tip: `${group.map((o) => `${o.name ?? `badge ${o.badge}`}${isStale(o, nowMs, staleAfterMs) ? ' (stale)' : ''}`).join(', ')} · ${ROLE_WORD[role] ?? role}`,
    };
  }

  /**
   * @param {number} n
   * @param {string[]} names
   * @returns {Item}
   */
  function moreChip(n, names) {
    const text = `+${n}`;
    return { type: 'more', w: measure(text, fs, true) + 12 * u, h: rowH - 2 * u, text, hidden: n, tip: `Also here: ${names.join(', ')}` };
  }

  /** @param {Item} item */
  function isEmergency(item) {
    return item.type === 'officer' && (item.emergency || item.sosAtStop);
  }

  /**
   * Markers left to right from where the header left room, wrapping at the zone's right edge; those that do
   * not fit above the bottom edge become one "+N" chip, so a crowded zone says how many it hides. Emergencies
   * (first in the list) are placed even where they do not fit: kept inside the drawing, they may cross the
   * zone's edge, which is better than a hidden SOS.
   * @param {Item[]} all
   * @param {{ left: number, top: number, right: number, bottom: number }} a
   * @param {Header} start
   * @returns {Placed[]}
   */
  function flow(all, a, start) {
    /** @type {Placed[]} */
    const out = [];
    let x = start.x;
    let y = start.y;
    for (let i = 0; i < all.length; i++) {
      const item = all[i];
      if (x + item.w > a.right) {
        x = a.left;
        y = y === start.y ? start.nextY : y + rowH;
      }
      const fits = y + item.h <= a.bottom + 2 * u && item.w <= a.right - a.left + 2 * u;
      if (!fits && !isEmergency(item)) return withMore(out, all.slice(i), a, start);
      out.push(fits ? { item, x, y: y + (rowH - item.h) / 2 } : inDrawing(item, x, y));
      x += item.w + gap;
    }
    return out;
  }

  /**
   * @param {Placed[]} out
   * @param {Item[]} rest
   * @param {{ left: number, top: number, right: number, bottom: number }} a
   * @param {Header} start
   * @returns {Placed[]}
   */
  function withMore(out, rest, a, start) {
    const hiddenItems = [...rest];
    for (;;) {
      const more = moreChip(hiddenItems.reduce((n, item) => n + people(item), 0), hiddenItems.map((item) => (item.tip ?? '').split(' · ')[0]));
      const last = out[out.length - 1];
      const x = last ? last.x + last.item.w + gap : start.x;
      const y = last ? last.y - (rowH - last.item.h) / 2 : start.y;
      if (!last || isEmergency(last.item) || x + more.w <= a.right) {
        // Beside an emergency that left no room in the zone, the count goes over the edge rather than over the SOS.
        const right = last && x + more.w > a.right ? width : a.right;
        out.push({ item: more, x: Math.max(0, Math.min(x, right - more.w)), y: y + (rowH - more.h) / 2 });
        return out;
      }
      const dropped = out.pop();
      if (dropped) hiddenItems.unshift(dropped.item);
    }
  }

  /**
   * An item where the flow put it, moved back inside the drawing where it would leave it.
   * @param {Item} item
   * @param {number} x
   * @param {number} y
   * @returns {Placed}
   */
  function inDrawing(item, x, y) {
    const m = 4 * u; // room for an emergency's ring
    return {
      item,
      x: Math.max(m, Math.min(x, width - item.w - m)),
      y: Math.max(m, Math.min(y + (rowH - item.h) / 2, height - item.h - m)),
    };
  }

  /** @returns {ReceiverMark[]} */
  function receiverMarks() {
    const showReceivers = options.showReceivers ?? 'problems';
    if (showReceivers !== 'all' && showReceivers !== 'problems') return [];
    const silentMs = options.receiverSilentMs ?? RECEIVER_SILENT_MS;
    const live = new Map(list(picture.receivers).map((r) => [r.id, r]));
    const zoneFloor = new Map(venue.zones.map((z) => [z.id, z.floor]));
    /** @type {ReceiverMark[]} */
    const out = [];
    for (const r of venue.receivers ?? []) {
      if ((r.floor ?? zoneFloor.get(r.zone)) !== floor.id) continue;
      const heartbeat = live.get(r.id)?.lastHeartbeatMs;
      const never = heartbeat == null;
      const silent = !!options.silentReceivers?.has(r.id) || (heartbeat != null && nowMs - heartbeat > silentMs);
      if (showReceivers === 'problems' && !silent && !never) continue; // a healthy receiver is not news
      out.push({
        id: r.id, x: X(r.position[0]), y: Y(r.position[1]), size: (silent ? 11 : 8) * u, silent, never,
        tip: `${r.name ?? `R${r.id}`}${silent ? ': silent' : never ? ': not heard yet' : ''}`,
      });
    }
    return out;
  }
}

/**
 * Which floor each zone is on, and how many officers, casualties and emergencies each floor holds (for a floor selector).
 * @param {Venue} venue
 * @param {Picture} picture
 */
export function floorActivity(venue, picture) {
  /** @type {Map<number | undefined, number>} */
  const zoneFloor = new Map(venue.zones.map((z) => [z.id, z.floor]));
  /** @type {Map<number | undefined, { officers: number, casualties: number, emergencies: number }>} */
  const out = new Map(venue.floors.map((f) => [f.id, { officers: 0, casualties: 0, emergencies: 0 }]));
  for (const o of list(picture.officers)) {
    const f = out.get(zoneFloor.get(o.zone));
    if (!f) continue;
    f.officers++;
    if (sosLook(o, picture.clock?.stoppedAtMs) === 'alarm') f.emergencies++;
  }
  for (const c of list(picture.casualties)) {
    const f = out.get(zoneFloor.get(c.zone));
    if (f) f.casualties++;
  }
  return out;
}
