// @ts-check
// The floor plan: one floor of the venue drawn from its zone outlines, each zone tinted AND labelled with its
// status, officers as chips and casualties as lettered markers inside their zone, receivers at their places.
// Where each thing goes is floorlayout.js's (a pure function); this file draws it.
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
//              shape (roster.js rosters fit as they are); zones give the live status, missing ones keep the venue's;
//              clock (T0) times the tooltips
//     options  { nowMs, staleAfterMs, receiverSilentMs, silentReceivers: Set of receiver ids,
//                width, height (default: the SVG's size on screen), onZoneClick(zoneId), highlightZone,
//                showReceivers: 'problems' (default: silent and never-heard ones), 'all' or 'none',
//                animate (default: unless the user prefers reduced motion),
//                fit: 'zones' (default: the part of the floor its zones cover) or 'floor' (the whole plan),
//                stoppedAtMs: the drill's end, once its clock stopped (the plan then shows last places, dimmed),
//                imageUrl(floorId): the floor's plan image's address (null: none), drawn under the zones }
//   returns   { scale (pixels per metre), hidden: Map zoneId -> people not drawn for lack of room ("+N" shown) }

import { svg as el } from './dom.js';
import { layoutFloor } from './floorlayout.js';
import { ZONE_LOOK, TRIAGE_LOOK, ALARM, CCP_LOOK } from './palette.js';

/**
 * @typedef {import('./floorlayout.js').Venue} Venue
 * @typedef {import('./floorlayout.js').Picture} Picture
 * @typedef {import('./floorlayout.js').Item} Item
 * @typedef {Omit<import('./floorlayout.js').LayoutOptions, 'width' | 'height' | 'measure'> & { width?: number,
 *   height?: number, onZoneClick?: (zoneId: number) => void, animate?: boolean,
 *   imageUrl?: (floorId: number) => string | null }} DrawOptions
 */

export const FONT = 'system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", Arial, sans-serif';

/** @type {CanvasRenderingContext2D | null} */
let measureContext = null;

/**
 * Width in pixels of a text at a size, as the browser will draw it (a canvas measures without layout).
 * @param {string} text
 * @param {number} size
 * @param {boolean} [bold]
 */
export function textWidth(text, size, bold = false) {
  measureContext ??= document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * size * 0.6;
  measureContext.font = `${bold ? 'bold ' : ''}${size}px ${FONT}`;
  return measureContext.measureText(text).width;
}

/** @param {string} text */
function title(text) {
  return el('title', {}, text);
}

/**
 * Draws the floor into svg (replacing what was there). See the top of this file.
 * @param {SVGSVGElement} svg
 * @param {Venue} venue
 * @param {number | null} floorId
 * @param {Picture} [picture]
 * @param {DrawOptions} [options]
 */
export function drawFloor(svg, venue, floorId, picture = {}, options = {}) {
  const box = svg.getBoundingClientRect();
  const layout = layoutFloor(venue, floorId, picture, {
    ...options, width: options.width ?? box.width, height: options.height ?? box.height, measure: textWidth,
  });
  const { u, fs } = layout;
  const animate = options.animate ?? !(globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches);

  svg.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  svg.setAttribute('font-family', FONT);
  svg.dataset.floor = String(layout.floorId);
  svg.classList.toggle('stopped', layout.stopped);

  const plan = layout.plan
    ? el('rect', { ...layout.plan, fill: '#f4f4f4', stroke: '#8a8a8a', 'stroke-width': 1, class: 'floor' })
    : el('g', { class: 'floor' });
  const imageUrl = layout.image && options.imageUrl?.(layout.floorId);
  // Under the zones, faint enough that their tints and labels stay the picture; stretched to the floor's metres.
  const image = layout.image && imageUrl
    ? el('image', { ...layout.image, href: imageUrl, preserveAspectRatio: 'none', opacity: 0.8, class: 'floor-image', 'pointer-events': 'none' })
    : null;
  const shapes = el('g', { class: 'zones' });
  const contents = el('g', { class: 'zone-contents' });
  for (const zone of layout.zones) {
    const look = ZONE_LOOK[zone.status] ?? ZONE_LOOK.hot;
    const shape = el('g', { class: `zone zone-${zone.status}`, 'data-zone': zone.id, 'data-status': zone.status },
      el('polygon', {
        points: zone.points, fill: look.fill, 'fill-opacity': image ? 0.6 : null,
        stroke: zone.highlighted ? '#000000' : zone.ccp ? CCP_LOOK.stroke : look.stroke,
        'stroke-width': (zone.highlighted ? 5 : zone.ccp ? 4 : 2) * u,
        'stroke-dasharray': zone.outside ? `${8 * u} ${5 * u}` : null,
        'stroke-linejoin': 'round',
      }),
      title(zone.label));
    shapes.append(shape);
    const content = el('g', { class: 'zone-content', 'data-zone': zone.id, 'data-status': zone.status },
      zone.placed.map((p) => {
        const node = draw(p.item);
        node.setAttribute('transform', `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`);
        return node;
      }),
      title(zone.label));
    contents.append(content);
    if (options.onZoneClick) clickable(shape, content, zone.id, zone.label, options.onZoneClick);
  }

  const receivers = el('g', { class: 'receivers', 'pointer-events': 'none' }, layout.receivers.map((r) => el('g', {
    class: `receiver${r.silent ? ' receiver-silent' : ''}`, 'data-receiver': r.id,
  },
  el('rect', {
    x: r.x - r.size / 2, y: r.y - r.size / 2, width: r.size, height: r.size, transform: `rotate(45 ${r.x} ${r.y})`,
    fill: r.silent ? ALARM : r.never ? '#ffffff' : '#4a4a4a', stroke: r.silent ? '#000' : '#222', 'stroke-width': 1.2 * u,
    opacity: r.silent ? 1 : 0.6,
  }),
  title(r.tip))));

  svg.replaceChildren(...[plan, image, shapes, receivers, contents].filter((n) => n != null));
  return { scale: layout.scale, hidden: layout.hidden };

  /**
   * One placed item as SVG, at its own origin.
   * @param {Item} item
   * @returns {SVGElement}
   */
  function draw(item) {
    const { w, h } = item;
    /**
     * @param {number} x
     * @param {number} size
     * @param {string} fill
     * @param {boolean} [centred]
     */
    const text = (x, size, fill, centred = true) => el('text', {
      x, y: h / 2, 'text-anchor': centred ? 'middle' : null, 'dominant-baseline': 'central', 'font-size': size, 'font-weight': 'bold', fill,
    }, item.text);
    const dashes = `${4 * u} ${3 * u}`;
    switch (item.type) {
      case 'pill': {
        const look = item.look === 'ccp' ? CCP_LOOK : ZONE_LOOK[item.look] ?? ZONE_LOOK.hot;
        return el('g', { class: item.look === 'ccp' ? 'zone-ccp' : 'zone-status' },
          el('rect', { width: w, height: h, rx: 4 * u, fill: look.pill, stroke: '#000', 'stroke-width': 1 * u }),
          text(w / 2, item.size, look.pillText));
      }
      case 'name':
        return el('text', { class: 'zone-name', y: h / 2, 'dominant-baseline': 'central', 'font-size': item.size, 'font-weight': 'bold', fill: '#111' }, item.text);
      case 'casualty': {
        const t = TRIAGE_LOOK[item.colour];
        const r = w / 2;
        return el('g', {
          class: `casualty casualty-${item.colour}${item.assessing ? ' assessing' : ''}`, 'data-tag': item.tag, 'data-colour': item.colour,
          'data-committed': item.committed ? 'true' : 'false',
        },
        item.assessing
          ? el('circle', { cx: r, cy: r, r: r - 1.5 * u, fill: '#ffffff', stroke: t.ink, 'stroke-width': 3 * u, 'stroke-dasharray': dashes })
          : el('circle', { cx: r, cy: r, r: r - 1 * u, fill: t.fill, stroke: item.colour === 'untagged' ? '#555' : '#000', 'stroke-width': 2 * u }),
        el('text', {
          x: r, y: r, 'text-anchor': 'middle', 'dominant-baseline': 'central', 'font-size': fs, 'font-weight': 'bold',
          fill: item.assessing ? t.ink : t.text,
        }, item.text),
        title(item.tip));
      }
      case 'casualty-group': {
        const t = TRIAGE_LOOK[item.colour];
        return el('g', {
          class: `casualty-group casualty-${item.colour}${item.assessing ? ' assessing' : ''}`, 'data-colour': item.colour,
          'data-tags': item.tags.join(','),
        },
        el('rect', {
          width: w, height: h, rx: h / 2, fill: item.assessing ? '#ffffff' : t.fill,
          stroke: item.assessing ? t.ink : item.colour === 'untagged' ? '#555' : '#000', 'stroke-width': (item.assessing ? 3 : 2) * u,
          'stroke-dasharray': item.assessing ? dashes : null,
        }),
        text(w / 2, fs, item.assessing ? t.ink : t.text),
        title(item.tip));
      }
      case 'officer': {
        const stale = item.stale && !item.emergency;
        const node = el('g', {
          class: `officer${item.emergency ? ' emergency' : ''}${item.sosAtStop ? ' sos-at-stop' : ''}${item.stale ? ' stale' : ''}`,
          'data-badge': item.badge, 'data-role': item.role,
        });
        if (item.emergency) {
          const halo = el('rect', { x: -3 * u, y: -3 * u, width: w + 6 * u, height: h + 6 * u, rx: 7 * u, fill: 'none', stroke: ALARM, 'stroke-width': 3 * u });
          if (animate) halo.append(el('animate', { attributeName: 'opacity', values: '1;0.15;1', dur: '1.2s', repeatCount: 'indefinite' }));
          node.append(halo);
        }
        node.append(
          el('rect', {
            width: w, height: h, rx: 5 * u, fill: item.emergency ? ALARM : item.stale ? '#dcdcdc' : '#ffffff',
            stroke: item.sosAtStop ? ALARM : '#000', 'stroke-width': (item.emergency || item.sosAtStop ? 2.5 : 1.5) * u,
            'stroke-dasharray': stale ? dashes : null,
          }),
          // The SOS at the stop in the alarm's red, but as ink on white: history, not a call to run.
          text(7 * u, fs * 0.95, item.emergency ? '#ffffff' : item.sosAtStop ? ALARM : item.stale ? '#3a3a3a' : '#000000', false),
          title(item.tip));
        return node;
      }
      case 'officer-group':
        return el('g', { class: `officer-group${item.stale ? ' stale' : ''}`, 'data-badges': item.badges.join(','), 'data-role': item.role },
          el('rect', {
            width: w, height: h, rx: 5 * u, fill: item.stale ? '#dcdcdc' : '#ffffff', stroke: '#000', 'stroke-width': 1.5 * u,
            'stroke-dasharray': item.stale ? dashes : null,
          }),
          text(7 * u, fs * 0.95, item.stale ? '#3a3a3a' : '#000', false),
          title(item.tip));
      case 'more':
        return el('g', { class: 'more', 'data-hidden': item.hidden },
          el('rect', { width: w, height: h, rx: 5 * u, fill: '#222', stroke: '#000' }),
          text(w / 2, fs, '#fff'),
          title(item.tip));
      default:
        throw new Error('unknown item');
    }
  }
}

/**
 * A zone the controller can click, or reach by keyboard, to set its status.
 * @param {SVGElement} shape
 * @param {SVGElement} content
 * @param {number} zoneId
 * @param {string} label
 * @param {(zoneId: number) => void} onClick
 */
function clickable(shape, content, zoneId, label, onClick) {
  for (const g of [shape, content]) {
    g.classList.add('clickable');
    g.style.cursor = 'pointer';
    g.addEventListener('click', () => onClick(zoneId));
  }
  shape.setAttribute('tabindex', '0');
  shape.setAttribute('role', 'button');
  shape.setAttribute('aria-label', `${label}. Set status`);
  shape.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      onClick(zoneId);
    }
  });
}
