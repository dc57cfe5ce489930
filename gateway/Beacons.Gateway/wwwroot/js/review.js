// @ts-check
// The after-action review page: the drill replayed on the dashboard's floor plan (play, pause, speed, seek),
// beside the key times, and the printable report below. Everything comes from GET /api/review (docs/review.md):
// the tracks in it say where everyone was at any moment, so seeking is a lookup, not a re-fold of the record.

import { Gateway, askToken } from './connection.js';
import { $, h } from './dom.js';
import { drawFloor } from './floorplan.js';
import { floorActivity } from './floorlayout.js';
import { STATUS_WORD, TRIAGE, TRIAGE_WORD, formatDuration, officerName, casualtyName } from './labels.js';

// ------------------------------------------------------------------ the picture at a moment (pure)

/** Index of the last item whose key is <= at (items sorted by key), or -1. */
export function lastAtOrBefore(items, at, key) {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) <= at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The span of a track covering at ([fromMs, toMs), the last one up to its end), or null. */
export function spanAt(track, at) {
  const i = lastAtOrBefore(track, at, (s) => s.fromMs);
  if (i < 0) return null;
  const s = track[i];
  return at < s.toMs || (i === track.length - 1 && at === s.toMs) ? s : null;
}

/**
 * Where everything stood at atMs, in the shape floorplan.js draws (GET /api/roster's): zones with their status,
 * officers with zone, emergency and when last heard (so one out of contact shows stale), casualties with colour,
 * commitment and zone.
 */
export function pictureAt(review, atMs) {
  const zones = review.zones.map((z) => {
    const span = spanAt(z.spans, atMs);
    return { id: z.id, name: z.name, status: span?.status ?? z.statusAtT0, ccp: z.ccp, outside: z.outside };
  });

  const emergencies = review.safety.emergencies;
  const gaps = review.safety.outOfContact;
  const officers = review.officers.map((o) => {
    const span = spanAt(o.track, atMs);
    let since = span?.fromMs ?? null;
    if (span) {
      // A status change splits a track without the officer moving: "in this zone since" is the first piece.
      for (let i = o.track.indexOf(span) - 1; i >= 0 && o.track[i].zone === span.zone && o.track[i].toMs === since; i--) since = o.track[i].fromMs;
    }
    const emergency = emergencies.some((e) => e.badge === o.badge && e.atMs <= atMs && atMs < (e.clearedAtMs ?? Infinity));
    const gap = gaps.find((g) => g.badge === o.badge && g.fromMs <= atMs && atMs < (g.toMs ?? Infinity));
    return {
      badge: o.badge, name: o.name, agency: o.agency, role: o.role, listed: o.listed,
      zone: span?.zone ?? 0, zoneSinceMs: since, emergency,
      lastHeardMs: o.heard ? (gap ? gap.fromMs : atMs) : null,
    };
  });

  const casualties = review.casualties.filter((c) => c.heard).map((c) => {
    const span = spanAt(c.path, atMs);
    const i = lastAtOrBefore(c.triage, atMs, (s) => s.atMs);
    const step = i >= 0 ? c.triage[i] : null;
    const colour = step?.colour ?? c.colourAtT0;
    return {
      tag: c.tag, label: c.label, zone: span?.zone ?? 0, colour,
      committed: step ? step.committed : colour !== 'untagged',
      reachedCcp: c.reachedCcpMs != null && c.reachedCcpMs <= atMs,
    };
  });

  return { zones, officers, casualties, receivers: [] };
}

// ------------------------------------------------------------------ the page

const gateway = new Gateway();
const run = new URLSearchParams(location.search).get('run');
const REDRAW_MS = 150;

const state = {
  venue: null,
  review: null,
  t: 0, // ms since T0
  playing: false,
  speed: 10,
  floorId: null,
  lastFrame: 0,
  lastDraw: 0,
};

function since(ms) {
  return `T${ms < 0 ? '-' : '+'}${formatDuration(Math.abs(ms))}`;
}

function query(extra = {}) {
  const q = new URLSearchParams(extra);
  if (run) q.set('run', run);
  if (gateway.token) q.set('token', gateway.token);
  const text = q.toString();
  return text ? `?${text}` : '';
}

async function load() {
  for (;;) {
    try {
      const [venue, review] = await Promise.all([gateway.get('/api/venue'), gateway.get(`/api/review${run ? `?run=${encodeURIComponent(run)}` : ''}`)]);
      return { venue, review };
    } catch (e) {
      if (e.status === 401) {
        await askToken(gateway, !!gateway.token);
        continue;
      }
      throw e;
    }
  }
}

function show(message) {
  $('message').textContent = message;
  $('message').hidden = !message;
}

function duration() {
  return state.review.drill.endMs - state.review.drill.t0Ms;
}

function setup() {
  const { review, venue } = state;
  const d = review.drill;
  $('drill-name').textContent = `${d.exerciseName} (exercise ${d.exerciseId}) at ${d.venueName} · ${new Date(d.t0Ms).toLocaleString()} · ${formatDuration(duration())} long`;
  for (const r of d.remarks) $('remarks').append(h('li', {}, r));

  for (const [id, path] of [['link-report', 'api/review/report.html'], ['link-timeline', 'api/review/timeline.csv'],
    ['link-figures', 'api/review/figures.csv'], ['link-tracks', 'api/review/tracks.csv'], ['link-json', 'api/review']]) {
    $(id).href = path + query();
  }
  $('report').src = `api/review/report.html${query()}`;

  // The floor the drill mostly happened on first: the one with the most officers at the end.
  const activity = floorActivity(venue, pictureAt(review, d.endMs));
  state.floorId = [...activity.entries()].sort((a, b) => b[1].officers - a[1].officers)[0]?.[0] ?? venue.floors[0].id;
  if (venue.floors.length > 1) {
    for (const f of venue.floors) {
      $('floors').append(h('button', {
        type: 'button', 'data-floor': f.id,
        onclick: () => {
          state.floorId = f.id;
          draw();
        },
      }, f.name ?? `Floor ${f.id}`));
    }
  }

  const seek = $('seek');
  seek.max = String(Math.ceil(duration() / 1000));
  for (const id of ['play', 'back', 'forward', 'speed', 'seek']) $(id).disabled = false;
  seek.addEventListener('input', () => jump(Number(seek.value) * 1000));
  $('play').addEventListener('click', toggle);
  $('back').addEventListener('click', (ev) => jump(state.t - (ev.shiftKey ? 60000 : 10000)));
  $('forward').addEventListener('click', (ev) => jump(state.t + (ev.shiftKey ? 60000 : 10000)));
  $('speed').addEventListener('change', () => {
    state.speed = Number($('speed').value);
  });
  document.addEventListener('keydown', (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.target.type !== 'range') return;
    if (ev.target instanceof HTMLSelectElement) return;
    if (ev.key === ' ') {
      ev.preventDefault();
      toggle();
    } else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
      ev.preventDefault();
      jump(state.t + (ev.key === 'ArrowLeft' ? -1 : 1) * (ev.shiftKey ? 60000 : 10000));
    }
  });
  window.addEventListener('resize', () => draw());

  // Key times: numbered as in the report, marked on the seek bar, each a button that jumps there.
  review.keyTimes.forEach((k, i) => {
    if (k.sinceT0Ms == null) {
      $('key-times').append(h('li', { class: 'missed' }, `${k.label}: ${k.detail}`));
      return;
    }
    const at = k.sinceT0Ms;
    $('key-times').append(h('li', {},
      h('button', { type: 'button', class: 'link', title: k.detail, 'data-at': at, onclick: () => jump(at) }, `${i + 1}. ${k.label} ${since(at)}`)));
    if (at >= 0 && at <= duration()) {
      $('marks').append(h('span', {
        class: 'mark', title: `${k.label} ${since(at)}`, style: `left: ${(100 * at) / Math.max(1, duration())}%`,
      }, String(i + 1)));
    }
  });

  document.body.dataset.ready = 'true';
}

function jump(t) {
  state.t = Math.min(Math.max(0, t), duration());
  if (state.t >= duration()) pause();
  draw();
}

function toggle() {
  if (state.playing) {
    pause();
    return;
  }
  if (state.t >= duration()) state.t = 0;
  state.playing = true;
  state.lastFrame = performance.now();
  $('play').textContent = 'Pause';
  requestAnimationFrame(frame);
}

function pause() {
  state.playing = false;
  $('play').textContent = 'Play';
}

function frame(now) {
  if (!state.playing) return;
  state.t = Math.min(duration(), state.t + (now - state.lastFrame) * state.speed);
  state.lastFrame = now;
  if (state.t >= duration()) {
    pause();
    draw();
    return;
  }
  // The plan is rebuilt on each draw: a few times a second is smooth enough and leaves the laptop room.
  if (now - state.lastDraw >= REDRAW_MS) draw();
  requestAnimationFrame(frame);
}

function draw() {
  const { review, venue } = state;
  state.lastDraw = performance.now();
  const at = review.drill.t0Ms + state.t;
  const picture = pictureAt(review, at);
  drawFloor($('replay-plan'), venue, state.floorId, picture, {
    nowMs: at, showReceivers: 'none', animate: false, imageUrl: (id) => gateway.floorImageUrl(id),
  });

  $('clock').textContent = since(state.t);
  $('seek').value = String(Math.round(state.t / 1000));
  for (const b of $('floors').querySelectorAll('button')) b.setAttribute('aria-pressed', String(Number(b.dataset.floor) === state.floorId));
  for (const b of $('key-times').querySelectorAll('button')) b.classList.toggle('passed', Number(b.dataset.at) <= state.t);

  // The tally: casualties by colour, at the CCP, officers inside.
  const counts = Object.fromEntries(TRIAGE.map((c) => [c, 0]));
  for (const c of picture.casualties) counts[c.colour] = (counts[c.colour] ?? 0) + 1;
  const inside = new Set(review.zones.filter((z) => !z.outside).map((z) => z.id));
  const tally = $('tally');
  tally.replaceChildren(
    ...TRIAGE.map((c) => h('span', { class: `count ${c}`, title: TRIAGE_WORD[c] }, `${c[0].toUpperCase()} ${counts[c]}`)),
    h('span', { class: 'fact' }, `At the CCP ${picture.casualties.filter((c) => c.reachedCcp).length} of ${picture.casualties.length}`),
    h('span', { class: 'fact' }, `Officers inside ${picture.officers.filter((o) => inside.has(o.zone)).length}`),
  );
  const emergencies = picture.officers.filter((o) => o.emergency);
  if (emergencies.length) {
    tally.append(h('span', { class: 'fact sos' }, `Emergency: ${emergencies.map(officerName).join(', ')}`));
  }

  const onFloor = new Set(venue.zones.filter((z) => z.floor === state.floorId).map((z) => z.id));
  const rows = picture.zones.filter((z) => onFloor.has(z.id)).map((z) => {
    const officers = picture.officers.filter((o) => o.zone === z.id).length;
    const casualties = picture.casualties.filter((c) => c.zone === z.id);
    return h('tr', {},
      h('td', {}, z.name + (z.ccp ? ' (CCP)' : '')),
      h('td', { class: `status ${z.status}` }, STATUS_WORD[z.status] ?? z.status),
      h('td', {}, officers || ''),
      h('td', { title: casualties.map(casualtyName).join(', ') }, casualties.length || ''));
  });
  $('zones-now').replaceChildren(...rows);

  // What happened last, newest first: each entry jumps to its moment.
  const upTo = lastAtOrBefore(review.timeline, state.t, (e) => e.sinceT0Ms);
  const recent = review.timeline.slice(Math.max(0, upTo - 7), upTo + 1).reverse().map((e) => {
    return h('li', { class: e.kind },
      h('button', { type: 'button', class: 'link', onclick: () => jump(e.sinceT0Ms) }, since(e.sinceT0Ms)),
      ` ${e.text}`);
  });
  $('recent').replaceChildren(...recent);
}

async function main() {
  try {
    Object.assign(state, await load());
  } catch (e) {
    show(`The review cannot be shown: ${e.message}.`);
    document.body.dataset.ready = 'error';
    return;
  }
  setup();

  // #t=SECONDS opens the replay at that moment ("look at minute 12": review.html#t=720).
  const at = /(?:^#|&)t=(-?\d+(?:\.\d+)?)/.exec(location.hash);
  if (at) state.t = Math.min(Math.max(0, Number(at[1]) * 1000), duration());
  draw();
}

if ($('replay-plan')) main();
