// The floor plan: one floor of the venue drawn from its zone outlines, each zone tinted AND labelled with its
// status, officers as chips and casualties as lettered markers inside their zone, receivers at their places.
//
// State in, SVG out: drawFloor() replaces the SVG's content from what it is given and keeps nothing between
// calls, so the live dashboard and the after-action review's replay draw the same picture from a roster at any
// moment. Presentation is inline in the SVG (no stylesheet needed), in pixels of the SVG's own size so type
// stays legible whatever the venue's size in metres.
//
//   drawFloor(svg, venue, floorId, picture, options)
//     venue    GET /api/venue (docs/venue.md)
//     floorId  a venue floor's id
//     picture  { zones, officers, casualties, receivers, clock }, lists as Maps or arrays in GET /api/roster's
//              shape (fold.js rosters fit as they are); zones give the live status, missing ones keep the venue's;
//              clock (T0) times the tooltips
//     options  { nowMs, staleAfterMs, receiverSilentMs, silentReceivers: Set of receiver ids,
//                width, height (default: the SVG's size on screen), onZoneClick(zoneId), highlightZone,
//                showReceivers: 'problems' (default: silent and never-heard ones), 'all' or 'none',
//                animate (default: unless the user prefers reduced motion),
//                fit: 'zones' (default: the part of the floor its zones cover) or 'floor' (the whole plan) }
//   returns   { scale (pixels per metre), hidden: Map zoneId -> people not drawn for lack of room ("+N" shown) }

import {
  STATUS_WORD, TRIAGE, TRIAGE_WORD, ROLE_WORD, STALE_AFTER_MS, RECEIVER_SILENT_MS,
  roleShort, triageLetter, officerShortName, isStale, formatMoment, casualtyName,
} from './labels.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
export const FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

export const ZONE_STYLE = {
  hot: { fill: '#ffd9d4', stroke: '#b71c1c', pill: '#b71c1c', pillText: '#ffffff' },
  warm: { fill: '#ffe8a8', stroke: '#8a5200', pill: '#f2a100', pillText: '#000000' },
  cold: { fill: '#d5e7fb', stroke: '#1a4f8f', pill: '#1a4f8f', pillText: '#ffffff' },
};

export const TRIAGE_STYLE = {
  red: { fill: '#d50000', text: '#ffffff', ink: '#b00000' },
  yellow: { fill: '#ffd600', text: '#000000', ink: '#7a6200' },
  green: { fill: '#1b7f2a', text: '#ffffff', ink: '#1b7f2a' },
  black: { fill: '#000000', text: '#ffffff', ink: '#000000' },
  untagged: { fill: '#ffffff', text: '#000000', ink: '#000000' },
};

const CCP_STYLE = { stroke: '#5b2a86', pill: '#5b2a86', pillText: '#ffffff' };

function el(name, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== undefined && v !== null && v !== false) node.setAttribute(k, String(v));
  }
  for (const child of children) {
    if (child == null) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

function title(text) {
  return el('title', {}, text);
}

let measureContext = null;

/** Width in pixels of a text at a size, as the browser will draw it (a canvas measures without layout). */
export function textWidth(text, size, bold = false) {
  measureContext ??= document.createElement('canvas').getContext('2d');
  measureContext.font = `${bold ? 'bold ' : ''}${size}px ${FONT}`;
  return measureContext.measureText(text).width;
}

function fitText(text, size, bold, maxWidth) {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && textWidth(`${cut}…`, size, bold) > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function list(x) {
  if (!x) return [];
  if (x instanceof Map) return [...x.values()];
  return [...x];
}

function bounds(outline) {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  return { minX: Math.min(...xs), minY: Math.min(...ys), maxX: Math.max(...xs), maxY: Math.max(...ys) };
}

/** The part of the floor its zones cover, with a metre's margin, kept on the plan. */
function extent(zones, floor) {
  const b = bounds(zones.flatMap((z) => z.outline));
  return {
    minX: Math.max(0, b.minX - 1), minY: Math.max(0, b.minY - 1),
    maxX: Math.min(floor.width, b.maxX + 1), maxY: Math.min(floor.height, b.maxY + 1),
  };
}

/** Words on up to maxLines lines of maxWidth; the last line is cut with an ellipsis when the rest does not fit. */
function wrapText(text, size, maxWidth, maxLines) {
  const words = text.split(/\s+/);
  const lines = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const next = line ? `${line} ${words[i]}` : words[i];
    if (!line || textWidth(next, size, true) <= maxWidth) {
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
  return lines.map((l) => fitText(l, size, true, maxWidth));
}

const SEVERITY = Object.fromEntries(TRIAGE.map((c, i) => [c, i]));

/** Draws the floor into svg (replacing what was there). See the top of this file. */
export function drawFloor(svg, venue, floorId, picture = {}, options = {}) {
  const floor = venue.floors.find((f) => f.id === floorId) ?? venue.floors[0];
  const box = svg.getBoundingClientRect();
  const width = Math.max(240, Math.round(options.width ?? box.width));
  const height = Math.max(160, Math.round(options.height ?? box.height));
  const nowMs = options.nowMs ?? Date.now();
  // Tooltips give moments on the exercise clock (not "5 s ago", which would age while the plan stands still).
  const at = (ms) => formatMoment(ms, picture.clock);
  const staleAfterMs = options.staleAfterMs ?? STALE_AFTER_MS;
  const animate = options.animate ?? !(globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches);

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
  const X = (x) => ox + x * scale;
  const Y = (y) => oy + y * scale;

  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('font-family', FONT);
  svg.dataset.floor = String(floor.id);

  const statuses = new Map(list(picture.zones).map((z) => [z.id, z.status]));
  const zoneIds = new Set(zones.map((z) => z.id));
  const officersIn = new Map();
  const casualtiesIn = new Map();
  for (const o of list(picture.officers)) {
    if (zoneIds.has(o.zone)) (officersIn.get(o.zone) ?? officersIn.set(o.zone, []).get(o.zone)).push(o);
  }
  for (const c of list(picture.casualties)) {
    if (zoneIds.has(c.zone)) (casualtiesIn.get(c.zone) ?? casualtiesIn.set(c.zone, []).get(c.zone)).push(c);
  }

  // The floor's own outline only when the whole plan is shown: fitted to its zones, it would cut across the view.
  const plan = options.fit === 'floor'
    ? el('rect', {
      x: X(0), y: Y(0), width: floor.width * scale, height: floor.height * scale,
      fill: '#f4f4f4', stroke: '#8a8a8a', 'stroke-width': 1, class: 'floor',
    })
    : el('g', { class: 'floor' });
  const shapes = el('g', { class: 'zones' });
  const receiversLayer = el('g', { class: 'receivers', 'pointer-events': 'none' });
  const contents = el('g', { class: 'zone-contents' });
  const hidden = new Map();

  for (const zone of zones) {
    const status = statuses.get(zone.id) ?? zone.status ?? 'hot';
    const style = ZONE_STYLE[status] ?? ZONE_STYLE.hot;
    const points = zone.outline.map(([x, y]) => `${X(x).toFixed(1)},${Y(y).toFixed(1)}`).join(' ');
    const label = `${zone.name}: ${STATUS_WORD[status] ?? status}${zone.ccp ? ', casualty collection point' : ''}`;
    const highlighted = options.highlightZone === zone.id;
    const shape = el('g', { class: `zone zone-${status}`, 'data-zone': zone.id, 'data-status': status },
      el('polygon', {
        points, fill: style.fill,
        stroke: highlighted ? '#000000' : zone.ccp ? CCP_STYLE.stroke : style.stroke,
        'stroke-width': (highlighted ? 5 : zone.ccp ? 4 : 2) * u,
        'stroke-dasharray': zone.outside ? `${8 * u} ${5 * u}` : null,
        'stroke-linejoin': 'round',
      }),
      title(label));
    shapes.append(shape);

    const b = bounds(zone.outline);
    const area = { left: X(b.minX) + pad, top: Y(b.minY) + pad, right: X(b.maxX) - pad, bottom: Y(b.maxY) - pad };
    const content = el('g', { class: 'zone-content', 'data-zone': zone.id, 'data-status': status });
    const casualties = (casualtiesIn.get(zone.id) ?? [])
      .sort((a, b2) => (SEVERITY[a.colour] ?? 9) - (SEVERITY[b2.colour] ?? 9) || a.tag - b2.tag);
    const officers = (officersIn.get(zone.id) ?? [])
      .sort((a, b2) => (b2.emergency - a.emergency) || a.badge - b2.badge);

    // A crowded zone gives up room step by step until everyone fits: the name's second line, then one marker
    // per person (casualties grouped by colour, officers by role; an emergency always keeps its own chip).
    // Only then are markers hidden behind "+N".
    let layout = null;
    for (const [nameLines, grouped] of [[2, false], [1, false], [1, true]]) {
      const pills = [pill(STATUS_WORD[status] ?? status, style.pill, style.pillText, 'zone-status')];
      if (zone.ccp) pills.push(pill('CCP', CCP_STYLE.pill, CCP_STYLE.pillText, 'zone-ccp'));
      const items = grouped
        ? groupedMarkers(casualties, officers)
        : [...casualties.map(casualtyMarker), ...officers.map(officerChip)];
      const top = headerRows(pills, zone.name, area, items, nameLines);
      const placed = flow(items, area, top);
      const shown = placed.filter((p) => !p.item.more).reduce((n, p) => n + (p.item.people ?? 1), 0);
      layout = { top, placed, overflow: casualties.length + officers.length - shown };
      if (layout.overflow === 0) break;
    }
    if (layout.overflow > 0) hidden.set(zone.id, layout.overflow);
    for (const p of [...layout.top.placed, ...layout.placed]) {
      p.item.node.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
      content.append(p.item.node);
    }
    content.append(title(label));
    contents.append(content);

    if (options.onZoneClick) {
      for (const g of [shape, content]) {
        g.classList.add('clickable');
        g.style.cursor = 'pointer';
        g.addEventListener('click', () => options.onZoneClick(zone.id));
      }
      shape.setAttribute('tabindex', '0');
      shape.setAttribute('role', 'button');
      shape.setAttribute('aria-label', `${label}. Set status`);
      shape.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          options.onZoneClick(zone.id);
        }
      });
    }
  }

  const showReceivers = options.showReceivers ?? 'problems';
  if (showReceivers === 'all' || showReceivers === 'problems') {
    const silentMs = options.receiverSilentMs ?? RECEIVER_SILENT_MS;
    const live = new Map(list(picture.receivers).map((r) => [r.id, r]));
    const zoneFloor = new Map(venue.zones.map((z) => [z.id, z.floor]));
    for (const r of venue.receivers ?? []) {
      if ((r.floor ?? zoneFloor.get(r.zone)) !== floor.id) continue;
      const state = live.get(r.id);
      const never = !state || state.lastHeartbeatMs == null;
      const silent = options.silentReceivers?.has(r.id) || (!never && nowMs - state.lastHeartbeatMs > silentMs);
      if (showReceivers === 'problems' && !silent && !never) continue; // a healthy receiver is not news
      const s = (silent ? 11 : 8) * u;
      const cx = X(r.position[0]);
      const cy = Y(r.position[1]);
      receiversLayer.append(el('g', { class: `receiver${silent ? ' receiver-silent' : ''}`, 'data-receiver': r.id },
        el('rect', {
          x: cx - s / 2, y: cy - s / 2, width: s, height: s, transform: `rotate(45 ${cx} ${cy})`,
          fill: silent ? '#d50000' : never ? '#ffffff' : '#4a4a4a', stroke: silent ? '#000' : '#222', 'stroke-width': 1.2 * u,
          opacity: silent ? 1 : 0.6,
        }),
        title(`${r.name ?? `R${r.id}`}${silent ? ': silent' : never ? ': not heard yet' : ''}`)));
    }
  }

  svg.replaceChildren(plan, shapes, receiversLayer, contents);
  return { scale, hidden };

  // --- items: each { node, w, h } drawn at its own origin (top-left), placed by flow() ---

  function pill(text, fill, ink, cls) {
    const size = 13 * u;
    const w = textWidth(text, size, true) + 12 * u;
    const h = rowH - 4 * u;
    return {
      w, h,
      node: el('g', { class: cls },
        el('rect', { width: w, height: h, rx: 4 * u, fill, stroke: '#000', 'stroke-width': 1 * u }),
        el('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': size, 'font-weight': 'bold', fill: ink }, text)),
    };
  }

  // The status pill (and CCP) first, then the zone's name: beside them when it fits or the zone is one row tall
  // (a corridor: the name then leaves room for markers), else below on up to two lines, the markers then
  // starting right of the pills. Returns what it placed and where markers go: the first row from x, y, then
  // rows from nextY down.
  function headerRows(pills, name, a, markers, nameLines) {
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
    const nameAt = (text, nx, ny) => {
      const w = textWidth(text, size, true);
      const item = { w, h: lineH, node: el('text', { class: 'zone-name', y: lineH / 2, 'dominant-baseline': 'central', 'font-size': size, 'font-weight': 'bold', fill: '#111' }, text) };
      placed.push({ item, x: nx, y: ny });
      return w;
    };
    if (rows < 2) {
      const need = markers.reduce((sum, m) => sum + m.w + gap, 0);
      const room = Math.max(beside - Math.min(need, beside * 0.55), 24 * u);
      const w = nameAt(fitText(name, size, true, room), x, a.top + (rowH - lineH) / 2);
      return { placed, x: x + w + gap, y: a.top, nextY: a.top + rowH };
    }
    if (textWidth(name, size, true) <= beside) {
      const w = nameAt(name, x, a.top + (rowH - lineH) / 2);
      return { placed, x: x + w + gap, y: a.top, nextY: a.top + rowH };
    }
    let y = a.top + rowH;
    for (const line of wrapText(name, size, a.right - a.left, rows >= 3 ? nameLines : 1)) {
      nameAt(line, a.left, y);
      y += lineH;
    }
    return { placed, x, y: a.top, nextY: y + gap };
  }

  function casualtyMarker(c) {
    const colour = TRIAGE_STYLE[c.colour] ? c.colour : 'untagged';
    const t = TRIAGE_STYLE[colour];
    const d = rowH - 2 * u;
    const r = d / 2;
    const letter = triageLetter(colour);
    const assessing = !c.committed && colour !== 'untagged';
    const name = casualtyName(c);
    const tip = `${name}: ${TRIAGE_WORD[colour]}${assessing ? ' (being assessed, not confirmed)' : ''}`
      + `${c.battery != null ? ` · battery ${c.battery}%` : ''}`
      + `${c.lastHeardMs != null ? ` · last heard ${at(c.lastHeardMs)}` : ''}`;
    const circle = assessing
      ? el('circle', { cx: r, cy: r, r: r - 1.5 * u, fill: '#ffffff', stroke: t.ink, 'stroke-width': 3 * u, 'stroke-dasharray': `${4 * u} ${3 * u}` })
      : el('circle', { cx: r, cy: r, r: r - 1 * u, fill: t.fill, stroke: colour === 'untagged' ? '#555' : '#000', 'stroke-width': 2 * u });
    return {
      w: d, h: d,
      node: el('g', {
        class: `casualty casualty-${colour}${assessing ? ' assessing' : ''}`, 'data-tag': c.tag, 'data-colour': colour,
        'data-committed': c.committed ? 'true' : 'false',
      },
      circle,
      el('text', {
        x: r, y: r, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fs, 'font-weight': 'bold',
        fill: assessing ? t.ink : t.text,
      }, letter),
      title(tip)),
    };
  }

  function officerChip(o) {
    const stale = isStale(o, nowMs, staleAfterMs);
    const role = roleShort(o.role);
    const name = officerShortName(o);
    const text = `${o.emergency ? 'SOS ' : ''}${role} ${name}${stale && !o.emergency ? ' · stale' : ''}`;
    const w = textWidth(text, fs * 0.95, true) + 14 * u;
    const h = rowH - 2 * u;
    const tip = `${o.name ?? `Badge ${o.badge} (not in the exercise file)`} · ${ROLE_WORD[o.role] ?? o.role}`
      + `${o.agency ? ` · ${o.agency}` : ''}`
      + `${o.emergency ? ' · EMERGENCY' : ''}`
      + `${o.zoneSinceMs != null ? ` · in this zone since ${at(o.zoneSinceMs)}` : ''}`
      + `${o.lastHeardMs != null ? ` · last heard ${at(o.lastHeardMs)}` : ''}`
      + `${o.battery != null ? ` · battery ${o.battery}%` : ''}`
      + `${o.selfLocated ? ' · placed by zone anchors' : ''}`;
    const fill = o.emergency ? '#d50000' : stale ? '#dcdcdc' : '#ffffff';
    const ink = o.emergency ? '#ffffff' : stale ? '#3a3a3a' : '#000000';
    const node = el('g', {
      class: `officer${o.emergency ? ' emergency' : ''}${stale ? ' stale' : ''}`, 'data-badge': o.badge, 'data-role': o.role,
    });
    if (o.emergency) {
      const halo = el('rect', { x: -3 * u, y: -3 * u, width: w + 6 * u, height: h + 6 * u, rx: 7 * u, fill: 'none', stroke: '#d50000', 'stroke-width': 3 * u });
      if (animate) halo.append(el('animate', { attributeName: 'opacity', values: '1;0.15;1', dur: '1.2s', repeatCount: 'indefinite' }));
      node.append(halo);
    }
    node.append(
      el('rect', {
        width: w, height: h, rx: 5 * u, fill, stroke: '#000', 'stroke-width': (o.emergency ? 2.5 : 1.5) * u,
        'stroke-dasharray': stale && !o.emergency ? `${4 * u} ${3 * u}` : null,
      }),
      el('text', { x: 7 * u, y: h / 2, 'dominant-baseline': 'central', 'font-size': fs * 0.95, fill: ink, 'font-weight': 'bold' }, text),
      title(tip));
    return { w, h, node };
  }

  function groupedMarkers(casualties, officers) {
    const out = [];
    const byColour = new Map();
    for (const c of casualties) {
      const assessing = !c.committed && c.colour !== 'untagged';
      const key = `${c.colour}|${assessing}`;
      (byColour.get(key) ?? byColour.set(key, []).get(key)).push(c);
    }
    for (const group of byColour.values()) out.push(group.length === 1 ? casualtyMarker(group[0]) : casualtyGroup(group));
    const byRole = new Map();
    for (const o of officers) {
      if (o.emergency) {
        out.push(officerChip(o));
        continue;
      }
      (byRole.get(o.role) ?? byRole.set(o.role, []).get(o.role)).push(o);
    }
    for (const group of byRole.values()) out.push(officerGroup(group));
    return out;
  }

  function casualtyGroup(group) {
    const c = group[0];
    const colour = TRIAGE_STYLE[c.colour] ? c.colour : 'untagged';
    const t = TRIAGE_STYLE[colour];
    const assessing = !c.committed && colour !== 'untagged';
    const text = `${group.length}×${triageLetter(colour)}`;
    const h = rowH - 2 * u;
    const w = textWidth(text, fs, true) + 14 * u;
    return {
      w, h, people: group.length,
      node: el('g', {
        class: `casualty-group casualty-${colour}${assessing ? ' assessing' : ''}`, 'data-colour': colour,
        'data-tags': group.map((x) => x.tag).join(','),
      },
      el('rect', {
        width: w, height: h, rx: h / 2, fill: assessing ? '#ffffff' : t.fill,
        stroke: assessing ? t.ink : colour === 'untagged' ? '#555' : '#000', 'stroke-width': (assessing ? 3 : 2) * u,
        'stroke-dasharray': assessing ? `${4 * u} ${3 * u}` : null,
      }),
      el('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fs, 'font-weight': 'bold', fill: assessing ? t.ink : t.text }, text),
      title(`${group.map(casualtyName).join(', ')}: ${TRIAGE_WORD[colour]}${assessing ? ' (being assessed)' : ''}`)),
    };
  }

  function officerGroup(group) {
    const allStale = group.every((o) => isStale(o, nowMs, staleAfterMs));
    const role = roleShort(group[0].role);
    const text = `${group.length > 1 ? `${group.length}× ` : ''}${role}${allStale ? ' · stale' : ''}`;
    const h = rowH - 2 * u;
    const w = textWidth(text, fs * 0.95, true) + 14 * u;
    return {
      w, h, people: group.length,
      node: el('g', {
        class: `officer-group${allStale ? ' stale' : ''}`, 'data-badges': group.map((o) => o.badge).join(','), 'data-role': group[0].role,
      },
        el('rect', {
          width: w, height: h, rx: 5 * u, fill: allStale ? '#dcdcdc' : '#ffffff', stroke: '#000', 'stroke-width': 1.5 * u,
          'stroke-dasharray': allStale ? `${4 * u} ${3 * u}` : null,
        }),
        el('text', { x: 7 * u, y: h / 2, 'dominant-baseline': 'central', 'font-size': fs * 0.95, 'font-weight': 'bold', fill: allStale ? '#3a3a3a' : '#000' }, text),
        title(`${group.map((o) => `${o.name ?? `badge ${o.badge}`}${isStale(o, nowMs, staleAfterMs) ? ' (stale)' : ''}`).join(', ')} · ${ROLE_WORD[group[0].role] ?? group[0].role}`)),
    };
  }

  function moreChip(n, names) {
    const text = `+${n}`;
    const w = textWidth(text, fs, true) + 12 * u;
    const h = rowH - 2 * u;
    return {
      w, h, more: true,
      node: el('g', { class: 'more', 'data-hidden': n },
        el('rect', { width: w, height: h, rx: 5 * u, fill: '#222', stroke: '#000' }),
        el('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fs, 'font-weight': 'bold', fill: '#fff' }, text),
        title(`Also here: ${names.join(', ')}`)),
    };
  }

  // Markers left to right from where the header left room, wrapping at the zone's right edge; those that do not
  // fit above the bottom edge become one "+N" chip, so a crowded zone says how many it hides.
  function flow(all, a, start) {
    const out = [];
    let x = start.x;
    let y = start.y;
    for (let i = 0; i < all.length; i++) {
      const item = all[i];
      if (x + item.w > a.right) {
        x = a.left;
        y = y === start.y ? start.nextY : y + rowH;
      }
      if (y + item.h > a.bottom + 2 * u || item.w > a.right - a.left + 2 * u) {
        return withMore(out, all.slice(i), a, start);
      }
      out.push({ item, x, y: y + (rowH - item.h) / 2 });
      x += item.w + gap;
    }
    return out;
  }

  function withMore(out, rest, a, start) {
    const hiddenItems = [...rest];
    for (;;) {
      const more = moreChip(hiddenItems.reduce((n, item) => n + (item.people ?? 1), 0), hiddenItems.map(describeItem));
      const last = out[out.length - 1];
      const x = last ? last.x + last.item.w + gap : start.x;
      const y = last ? last.y - (rowH - last.item.h) / 2 : start.y;
      if (!last || x + more.w <= a.right) {
        out.push({ item: more, x: Math.min(x, a.right - more.w), y: y + (rowH - more.h) / 2 });
        return out;
      }
      hiddenItems.unshift(out.pop().item);
    }
  }

  function describeItem(item) {
    return item.node.querySelector('title')?.textContent?.split(' · ')[0] ?? '';
  }
}

/** Which floor each zone is on, and how many officers, casualties and emergencies each floor holds (for a floor selector). */
export function floorActivity(venue, picture) {
  const zoneFloor = new Map(venue.zones.map((z) => [z.id, z.floor]));
  const out = new Map(venue.floors.map((f) => [f.id, { officers: 0, casualties: 0, emergencies: 0 }]));
  for (const o of list(picture.officers)) {
    const f = out.get(zoneFloor.get(o.zone));
    if (!f) continue;
    f.officers++;
    if (o.emergency) f.emergencies++;
  }
  for (const c of list(picture.casualties)) {
    const f = out.get(zoneFloor.get(c.zone));
    if (f) f.casualties++;
  }
  return out;
}
