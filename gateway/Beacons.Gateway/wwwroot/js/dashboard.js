// @ts-check
// The live dashboard: reads the gateway's roster, then replaces its entities with the ones each event of the live
// stream carries, and redraws. docs/dashboard.md describes what it shows and does.

import { Gateway, LiveStream, askToken } from './connection.js';
import { $, h } from './dom.js';
import { rosterFromJson, applyChanged, rosterToJson } from './roster.js';
import { drawFloor } from './floorplan.js';
import { startClock } from './startclock.js';
import { SurveyMode } from './survey.js';
import { floorActivity } from './floorlayout.js';
import { READINESS_KINDS, headline, deviceFacts, devicesOf } from './readiness.js';
import {
  STATUS_WORD, TRIAGE, TRIAGE_WORD, ANNOTATION_TYPES, ALERT_WORD, RECEIVER_SILENT_MS,
  formatDuration, formatMoment, formatAge, describeEvent, officerName, casualtyName, isStale, roleShort,
  officerShortName, triageLetter, annotationWord, sosLook, SOS_PREFIX, canAcknowledge,
} from './labels.js';

const TIMELINE_KEEP = 300;
const HEALTH_EVERY_MS = 2000;
const READINESS_EVERY_MS = 2000;
const TIMELINE_SHOW = 80;
const TALLY_ZONES = 6;
const ALERT_URGENCY = { emergency: 0, 'medic-in-hot-zone': 1, 'red-not-at-ccp': 2 };

const gateway = new Gateway();
let venue = null;
let exercise = null;
let roster = null;
let stream = null;
let floorId = null;
const timeline = [];
let renderQueued = false;
let lastPlanKey = '';
let planPressed = false;
/** 'controller', or 'evaluator' (the evaluator token: reads everything, adds observations; /api/status says which). */
let role = 'controller';
const EVALUATOR_NAME_KEY = 'beacons.evaluator';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rebuilds an element's content only when key differs from the last build. Events arrive several times a
 * second (heartbeats, presence); rebuilding a panel under the pointer would swallow a controller's click.
 */
function unchanged(element, key) {
  if (element.dataset.key === key) return true;
  element.dataset.key = key;
  return false;
}

// ---------------------------------------------------------------- start-up

async function boot() {
  const status = await reachGateway();
  [venue, exercise] = await Promise.all([gateway.get('/api/venue'), gateway.get('/api/exercise')]);
  roster = rosterFromJson(await gateway.get('/api/roster'));
  diagnostics.rosterReads++;

  // The timeline starts with the record's recent past; the stream then continues from the roster's last event.
  const from = Math.max(0, roster.lastEventId - 2000);
  const recent = await gateway.get(`/api/events?after=${from}&limit=2000`);
  for (const e of recent.events) {
    if (e.id <= roster.lastEventId) remember(e);
  }

  record.first = await firstEventAt();
  record.gatewayStartedAtMs = status.startedAtMs;
  record.lastEventId = status.lastEventId;

  role = status.role === 'evaluator' ? 'evaluator' : 'controller';
  document.body.classList.toggle('evaluator', role === 'evaluator');
  $('venue-name').textContent = venue.name;
  $('exercise-name').textContent = `${status.exerciseName} · exercise ${status.exerciseId}`;
  document.title = `Beacons: ${status.exerciseName}`;
  let saved = null;
  try {
    saved = Number(sessionStorage.getItem('beacons.floor'));
  } catch {
    saved = null;
  }
  floorId = venue.floors.some((f) => f.id === saved) ? saved : venue.floors[0].id;
  setUpControls();
  showBanner(false);

  stream = new LiveStream(gateway, roster.lastEventId, {
    onEvent(e, changed) {
      takeChanged(e.id, changed);
      remember(e);
      queueRender();
    },
    onConnection(connected) {
      showBanner(!connected);
    },
    onTokenRefused() {
      askToken(gateway, true).then(() => stream.reconnectSoon(0));
    },
    verifyRecord,
    lastRecordedId: () => record.lastEventId,
    onReset() {
      // Another record (the gateway restarted on another file): start again from its roster.
      location.reload();
    },
  });
  stream.start();

  // A click is a press and a release on the same zone: never redraw the plan in between.
  $('plan').addEventListener('pointerdown', () => {
    planPressed = true;
  });
  for (const type of ['pointerup', 'pointercancel']) {
    window.addEventListener(type, () => {
      planPressed = false;
      queueRender();
    });
  }
  // The plan's box changes with the window, and on a phone when its view is shown (js/layout.js).
  new ResizeObserver(() => {
    lastPlanKey = '';
    queueRender();
  }).observe($('plan'));
  setInterval(tick, 250);
  watchHealth();
  watchReadiness();
  render();
  document.body.dataset.ready = 'true';
}

/** The record this page shows: its first event's time tells it from another record the gateway may open later. */
const record = { first: null, gatewayStartedAtMs: null, lastEventId: 0 };

async function firstEventAt() {
  const first = await gateway.get('/api/events?after=0&limit=1');
  return first.events[0]?.at ?? null;
}

/**
 * True when the gateway still keeps the record this page has up to lastId (a restart on the same file);
 * false when it is another one (another exercise, another file). Throws when the gateway cannot answer.
 */
async function verifyRecord(lastId) {
  const status = await gateway.get('/api/status');
  record.lastEventId = status.lastEventId;
  if (status.exerciseId !== exercise.exerciseId || status.lastEventId < lastId) return false;
  if (status.startedAtMs !== record.gatewayStartedAtMs) {
    if ((await firstEventAt()) !== record.first) return false;
    record.gatewayStartedAtMs = status.startedAtMs;
  }
  return true;
}

/** Reads /api/status until it answers, asking for the controller token when the gateway wants one. */
async function reachGateway() {
  for (;;) {
    try {
      return await gateway.get('/api/status');
    } catch (e) {
      if (e.status === 401) {
        await askToken(gateway, !!gateway.token);
        continue;
      }
      showBanner(true, 'Cannot reach the gateway; retrying…');
      await sleep(2000);
    }
  }
}

// ---------------------------------------------------------------- controls

function setUpControls() {
  $('start-clock').addEventListener('click', async () => {
    if (roster.clock.startedAtMs != null) {
      const ok = await confirmAction('Restart the exercise clock?',
        'A new T0 is set now; the debrief measures from the new T0.', 'Restart clock');
      if (!ok) return;
    }
    act(() => startClock(gateway));
  });

  // The review page is another tab (its own sessionStorage): the token goes along as the dashboard takes it, #token=.
  for (const type of ['pointerdown', 'focus']) {
    $('review-link').addEventListener(type, () => {
      $('review-link').href = `review.html${gateway.token ? `#token=${encodeURIComponent(gateway.token)}` : ''}`;
    });
  }

  $('stop-clock').addEventListener('click', async () => {
    const ok = await confirmAction('Stop the exercise clock?', 'This marks the end of the drill in the record.', 'Stop clock');
    if (ok) act(() => gateway.post('/api/clock/stop'));
  });

  const type = $('annotate-type');
  type.append(h('option', { value: '' }, 'Choose a type…'));
  for (const [value, label] of ANNOTATION_TYPES) type.append(h('option', { value }, label));
  $('annotate').textContent = role === 'evaluator' ? 'Add observation' : 'Annotate';
  $('annotate').addEventListener('click', () => openAnnotation(null));
  $('annotate-form').addEventListener('submit', (event) => {
    const choice = /** @type {HTMLButtonElement | null} */ (/** @type {SubmitEvent} */ (event).submitter)?.value;
    if (choice !== 'save' && choice !== 'withdraw') return;
    event.preventDefault(); // the dialog stays open until the gateway accepts, so a refusal shows at its field
    saveAnnotation(choice);
  });

  $('zone-dialog').addEventListener('close', () => {
    const dialog = $('zone-dialog');
    const zone = Number(dialog.dataset.zone);
    const choice = dialog.returnValue;
    if (!['hot', 'warm', 'cold'].includes(choice)) return;
    if (roster.zones.get(zone)?.status === choice) return;
    act(() => gateway.post(`/api/zones/${zone}/status`, { status: choice }));
  });

  const survey = new SurveyMode(gateway, venue, exercise, () => roster, toast);
  $('survey-open').addEventListener('click', () => survey.open());

  $('start-clock').disabled = false;
  $('annotate').disabled = false;
  $('survey-open').disabled = false;
}

/** The annotation being corrected, or null while adding a new one. */
let annotating = null;

/**
 * Opens the annotation dialog: empty for a new annotation (no type chosen, never the previous one), or with a
 * note's current type and text to correct or withdraw it. An evaluator writes observations, signed with a name.
 */
function openAnnotation(note) {
  annotating = note;
  const evaluator = role === 'evaluator';
  $('annotate-title').textContent = note ? 'Correct the annotation' : evaluator ? 'Add an observation' : 'Annotate the timeline';
  $('annotate-type-field').hidden = evaluator;
  $('annotate-by-field').hidden = !evaluator;
  const type = /** @type {HTMLSelectElement} */ ($('annotate-type'));
  if (note && ![...type.options].some((o) => o.value === note.type)) type.append(h('option', { value: note.type }, annotationWord(note.type)));
  type.value = note?.type ?? '';
  $('annotate-text').value = note?.text ?? '';
  $('annotate-by').value = evaluatorName();
  // An evaluator ties a new observation to one of the exercise's objectives (its AAR draft lists it there).
  const objectives = /** @type {{ name: string }[]} */ (exercise?.objectives ?? []);
  $('annotate-objective-field').hidden = !evaluator || note != null || objectives.length === 0;
  $('annotate-objective').replaceChildren(h('option', { value: '' }, 'None'),
    ...objectives.map((o) => h('option', { value: o.name }, o.name)));
  $('annotate-save').textContent = note ? 'Save the correction' : 'Add to timeline';
  $('annotate-withdraw').hidden = !note;
  showAnnotationProblem(null);
  $('annotate-dialog').showModal();
  $('annotate-text').focus();
}

async function saveAnnotation(choice) {
  const by = role === 'evaluator' ? $('annotate-by').value.trim() : undefined;
  if (by) {
    try {
      sessionStorage.setItem(EVALUATOR_NAME_KEY, by);
    } catch {
      // not kept: asked again next time
    }
  }
  const body = choice === 'withdraw'
    ? { by }
    : {
      type: role === 'evaluator' ? undefined : $('annotate-type').value,
      text: $('annotate-text').value.trim(),
      by,
      objective: role === 'evaluator' && annotating == null ? $('annotate-objective').value || undefined : undefined,
    };
  const path = annotating == null ? '/api/annotations' : `/api/annotations/${annotating.id}/${choice === 'withdraw' ? 'withdraw' : 'correct'}`;
  try {
    await gateway.post(path, body);
    $('annotate-dialog').close();
  } catch (e) {
    if (e.status === 401) {
      await askToken(gateway, true);
      stream?.reconnectSoon(0);
    }
    showAnnotationProblem(e.message);
  }
}

/** The gateway's refusal, said under the text field (null hides it). */
function showAnnotationProblem(text) {
  $('annotate-error').textContent = text ? `Not saved: ${text}` : '';
  $('annotate-error').hidden = !text;
  if (text) $('annotate-text').setAttribute('aria-invalid', 'true');
  else $('annotate-text').removeAttribute('aria-invalid');
}

function evaluatorName() {
  try {
    return sessionStorage.getItem(EVALUATOR_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The controller corrects any annotation; an evaluator only the observations signed with their name. */
function mayAmend(note) {
  return role === 'controller' || (note.by != null && note.by.toLowerCase() === evaluatorName().toLowerCase());
}

/** The moment the picture is judged at: now, or the stop once the drill is over (nothing goes stale or silent after it). */
function judgedAt(now) {
  return Math.min(now, roster.clock.stoppedAtMs ?? Infinity);
}

function openZoneDialog(zoneId) {
  const zone = roster.zones.get(zoneId);
  if (!zone) return;
  const dialog = $('zone-dialog');
  dialog.dataset.zone = String(zoneId);
  dialog.returnValue = '';
  $('zone-dialog-title').textContent = `Set status: ${zone.name}`;
  $('zone-dialog-now').textContent = `Now ${STATUS_WORD[zone.status]}${zone.statusSinceMs != null ? `, set at ${formatMoment(zone.statusSinceMs, roster.clock)}` : ' (as the drill began)'}.`;
  for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (dialog.querySelectorAll('.status-choice'))) b.classList.toggle('current', b.value === zone.status);
  dialog.showModal();
}

/**
 * T0: asks first when the readiness board, read afresh, has something missing, naming it; the gateway is told the
 * controller confirmed, and records what was missing (docs/dashboard.md "Readiness before T0").
 */
function confirmAction(question, detail, yes) {
  const dialog = $('confirm-dialog');
  $('confirm-title').textContent = question;
  $('confirm-text').textContent = detail;
  $('confirm-yes').textContent = yes;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
  });
}

/** Sends a controller action; the resulting event comes back through the stream like any other. */
async function act(send) {
  try {
    await send();
  } catch (e) {
    if (e.status === 401) {
      await askToken(gateway, true);
      stream?.reconnectSoon(0);
    }
    toast(`Refused: ${e.message}`);
  }
}

let toastTimer = null;

function toast(text) {
  const t = $('toast');
  t.textContent = text;
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    t.hidden = true;
  }, 6000);
}

/** What the banner says: the gateway's own fault comes first, then the page's link to it. */
const banner = { offline: false, offlineText: '', fault: null, kernelDrops: 0 };

function showBanner(show, text) {
  banner.offline = show;
  banner.offlineText = text ?? 'Reconnecting to the gateway… the picture below may be out of date.';
  paintBanner();
}

function paintBanner() {
  const element = $('banner');
  element.textContent = banner.fault != null
    ? `The gateway cannot write the drill's record: ${banner.fault}. Nothing new is being recorded or shown until it can; it keeps trying.`
    : banner.offlineText;
  element.classList.toggle('fault', banner.fault != null);
  element.hidden = !banner.offline && banner.fault == null;
  document.body.classList.toggle('offline', banner.offline || banner.fault != null);
}

/**
 * Every two seconds, the gateway's health: a record it cannot write must show at once, and the stream
 * cannot say so (it carries only what was written).
 */
async function watchHealth() {
  for (;;) {
    await sleep(HEALTH_EVERY_MS);
    try {
      const status = await gateway.get('/api/status');
      const changed = status.fault !== banner.fault || status.udpKernelDrops !== banner.kernelDrops;
      banner.fault = status.fault ?? null;
      banner.kernelDrops = status.udpKernelDrops ?? 0;
      if (changed) {
        paintBanner();
        queueRender();
      }
    } catch {
      // unreachable: the stream's own reconnecting banner says so
    }
  }
}

/** Before T0, every two seconds, the readiness board (the API offers it as a read, not on the stream). */
async function watchReadiness() {
  for (;;) {
    if (roster.clock.startedAtMs == null) {
      try {
        showReadiness(await gateway.get('/api/readiness'));
      } catch {
        // unreachable: the banner says so; the board keeps its last picture
      }
    } else {
      $('readiness').hidden = true;
    }
    await sleep(READINESS_EVERY_MS);
  }
}

/** @param {import('./readiness.js').ReadinessReport} report */
function showReadiness(report) {
  const panel = $('readiness');
  panel.hidden = roster.clock.startedAtMs != null;
  const top = headline(report);
  $('readiness-count').textContent = top.text;
  $('readiness-count').classList.toggle('all-ready', top.allReady);
  $('readiness-missing').textContent = report.missing.length === 0
    ? (report.total === 0 ? 'The exercise lists no device.' : 'Every device is on.')
    : `Missing: ${report.missing.length}`;
  $('readiness-groups').replaceChildren(...READINESS_KINDS.map(([kind, title]) => {
    const devices = devicesOf(report, kind);
    if (devices.length === 0) return null;
    const ready = devices.filter((d) => d.ready).length;
    return h('div', { class: 'readiness-group', 'data-kind': kind },
      h('h3', {}, `${title} `, h('span', { class: 'readiness-group-count' }, `${ready} of ${devices.length}`)),
      h('ul', {}, devices.map((d) => h('li', {
        class: `readiness-device${d.ready ? ' ready' : ' missing'}`, 'data-device': `${d.kind}-${d.id}`,
      },
      h('span', { class: 'readiness-mark', 'aria-hidden': 'true' }, d.ready ? '✓' : '✗'),
      h('span', { class: 'readiness-name' }, d.name),
      h('span', { class: 'readiness-facts' }, deviceFacts(d, report.atMs)),
      d.problem ? h('span', { class: 'readiness-problem' }, d.problem) : null))));
  }));
}

// ---------------------------------------------------------------- the roster, as the stream changes it

/** What arrived while the roster was being read again: applied after it, if the roster read does not include it. */
const unread = [];
let rereading = false;

/** An event's changed entities replace the roster's; an event without them (a gap) has the roster read again. */
function takeChanged(eventId, changed) {
  if (!rereading && changed) {
    applyChanged(roster, eventId, changed);
    return;
  }
  unread.push({ eventId, changed });
  if (!rereading) rereadRoster();
}

async function rereadRoster() {
  rereading = true;
  diagnostics.rosterReads++;
  for (;;) {
    let fresh;
    try {
      fresh = rosterFromJson(await gateway.get('/api/roster'));
    } catch {
      await sleep(1000);
      continue;
    }
    const later = unread.filter((u) => u.eventId > fresh.lastEventId);
    if (later.some((u) => !u.changed)) continue; // a gap after the roster read: read once more
    for (const u of later) applyChanged(fresh, u.eventId, u.changed);
    unread.length = 0;
    roster = fresh;
    rereading = false;
    queueRender();
    return;
  }
}

// ---------------------------------------------------------------- state kept beside the roster

function remember(e) {
  if (!describeEvent(e, roster)) return;
  timeline.push(e);
  if (timeline.length > TIMELINE_KEEP) timeline.splice(0, timeline.length - TIMELINE_KEEP);
}

function silentReceivers(now) {
  const silent = new Set();
  for (const a of roster.alerts.values()) {
    if (a.type === 'receiver-silent' && a.clearedAtMs == null && a.receiver != null) silent.add(a.receiver);
  }
  for (const r of roster.receivers.values()) {
    if (r.lastHeartbeatMs != null && judgedAt(now) - r.lastHeartbeatMs > RECEIVER_SILENT_MS) silent.add(r.id);
  }
  return silent;
}

// ---------------------------------------------------------------- drawing

function queueRender() {
  if (renderQueued) return;
  renderQueued = true;
  setTimeout(() => {
    renderQueued = false;
    render();
  }, 30);
}

function render() {
  if (!roster) return;
  const now = gateway.now();
  renderFloors();
  renderPlan(now);
  renderUnplaced(now);
  renderTally();
  renderAlerts();
  renderTimeline();
  renderReceivers(now);
  renderClock(now);
  diagnostics.lastEventId = roster.lastEventId;
  document.body.dataset.lastEventId = String(roster.lastEventId);
}

/** Four times a second: the clock; once a second, what ages (stale officers, silent receivers). */
let tickCount = 0;
function tick() {
  if (!roster) return;
  const now = gateway.now();
  renderClock(now);
  if (++tickCount % 4 === 0) {
    renderPlan(now);
    renderReceivers(now);
    renderUnplaced(now);
  }
}

function renderClock(now) {
  const { startedAtMs, stoppedAtMs } = roster.clock;
  const clock = $('clock');
  const note = $('clock-note');
  const start = $('start-clock');
  const stop = $('stop-clock');
  if (startedAtMs == null) {
    clock.textContent = 'T0 not set';
    clock.className = 'clock waiting';
    note.textContent = role === 'controller' ? 'Start the exercise to set T0' : 'The controller sets T0';
    start.hidden = role !== 'controller';
    start.textContent = 'Start exercise (T0)';
    start.classList.add('primary');
    stop.hidden = true;
    return;
  }
  const end = stoppedAtMs ?? now;
  clock.textContent = `T+${formatDuration(Math.max(0, end - startedAtMs))}`;
  clock.className = stoppedAtMs != null ? 'clock stopped' : 'clock running';
  const started = new Date(startedAtMs).toLocaleTimeString([], { hour12: false });
  note.textContent = stoppedAtMs != null
    ? `stopped · T0 was ${started}`
    : `T0 ${started}`;
  start.hidden = stoppedAtMs == null || role !== 'controller';
  start.textContent = 'Restart clock';
  start.classList.remove('primary');
  stop.hidden = stoppedAtMs != null || role !== 'controller';
}

function renderFloors() {
  const nav = $('floors');
  if (venue.floors.length < 2) {
    nav.hidden = true;
    return;
  }
  const activity = floorActivity(venue, roster);
  const key = `${floorId}|${[...activity.values()].map((a) => `${a.officers},${a.casualties},${a.emergencies}`).join('|')}`;
  if (unchanged(nav, key)) return;
  nav.replaceChildren(...venue.floors.map((f) => {
    const a = activity.get(f.id);
    const current = f.id === floorId;
    return h('button', {
      type: 'button', class: `floor-tab${current ? ' current' : ''}${a.emergencies ? ' sos' : ''}`,
      'aria-pressed': current ? 'true' : 'false', 'data-floor': f.id,
      title: `${f.name}: ${a.officers} officers, ${a.casualties} casualties${a.emergencies ? `, ${a.emergencies} EMERGENCY` : ''}`,
      onclick: () => {
        floorId = f.id;
        try {
          sessionStorage.setItem('beacons.floor', String(f.id));
        } catch {
          // not kept
        }
        lastPlanKey = '';
        render();
      },
    },
    h('span', { class: 'floor-name' }, f.name),
    h('span', { class: 'floor-counts' }, a.emergencies ? h('b', { class: 'sos-mark' }, 'SOS ') : null, `${a.officers} off · ${a.casualties} cas`));
  }));
}

/** Redraws the plan when what it shows changed (a presence event or a heartbeat usually changes nothing there). */
function renderPlan(now) {
  const svg = $('plan');
  const silent = silentReceivers(now);
  const key = planKey(svg, now, silent);
  if (key === lastPlanKey || planPressed) return;
  lastPlanKey = key;
  // Keep keyboard focus on the zone it was on across the redraw.
  const focused = /** @type {SVGElement | null | undefined} */ (document.activeElement?.closest?.('#plan g.zone'))?.dataset.zone;
  drawFloor(svg, venue, floorId, roster, {
    nowMs: now, silentReceivers: silent, stoppedAtMs: roster.clock.stoppedAtMs,
    onZoneClick: role === 'controller' ? openZoneDialog : undefined, imageUrl: (id) => gateway.floorImageUrl(id),
  });
  if (focused) /** @type {SVGElement | null} */ (svg.querySelector(`g.zone[data-zone="${focused}"]`))?.focus();
}

function planKey(svg, now, silent) {
  const parts = [floorId, svg.clientWidth, svg.clientHeight, roster.clock.startedAtMs, roster.clock.stoppedAtMs, [...silent].join(',')];
  for (const z of roster.zones.values()) parts.push(`z${z.id}${z.status}`);
  for (const o of roster.officers.values()) {
    if (o.zone) parts.push(`o${o.badge}:${o.zone}:${o.role}:${o.emergency ? 1 : 0}:${isStale(o, judgedAt(now)) ? 1 : 0}:${o.zoneSinceMs}`);
  }
  for (const c of roster.casualties.values()) {
    if (c.zone) parts.push(`c${c.tag}:${c.zone}:${c.colour}:${c.committed ? 1 : 0}`);
  }
  for (const r of roster.receivers.values()) parts.push(`r${r.id}:${r.lastHeartbeatMs == null ? 0 : 1}`);
  return parts.join('|');
}

function renderUnplaced(now) {
  const unknownOfficers = [...roster.officers.values()].filter((o) => o.zone === 0 && o.firstHeardMs != null);
  const unknownCasualties = [...roster.casualties.values()].filter((c) => c.zone === 0 && c.firstSeenMs != null);
  const unheard = [...roster.officers.values()].filter((o) => o.firstHeardMs == null);
  const parts = [];
  if (roster.clock.stoppedAtMs != null) {
    parts.push(h('span', { class: 'strip-title', id: 'drill-over' }, 'Drill over: the plan shows where each person was last placed.'));
  }
  if (unknownOfficers.length || unknownCasualties.length) {
    parts.push(h('span', { class: 'strip-title' }, 'Location unknown:'));
    for (const o of unknownOfficers) {
      const stale = isStale(o, judgedAt(now));
      const sos = sosLook(o, roster.clock.stoppedAtMs);
      parts.push(h('span', {
        class: `chip${sos === 'alarm' ? ' emergency' : sos === 'at-stop' ? ' sos-at-stop' : ''}${stale ? ' stale' : ''}`, 'data-badge': o.badge,
        title: `${officerName(o)} · last heard ${o.lastHeardMs != null ? `${formatAge(now - o.lastHeardMs)} ago` : 'never'}`,
      }, `${sos ? SOS_PREFIX[sos] : ''}${roleShort(o.role)} ${officerShortName(o)}${stale ? ' · stale' : ''}`));
    }
    for (const c of unknownCasualties) {
      const assessing = !c.committed && c.colour !== 'untagged';
      parts.push(h('span', {
        class: `dot ${assessing ? 'assessing' : c.colour}`, 'data-tag': c.tag, title: `${casualtyName(c)}: ${TRIAGE_WORD[c.colour]}`,
      }, triageLetter(c.colour)));
    }
  }
  if (unheard.length) {
    parts.push(h('span', { class: 'strip-title', title: unheard.map(officerName).join(', ') },
      `Not heard yet: ${unheard.length} officer${unheard.length === 1 ? '' : 's'}`));
    parts.push(h('span', { class: 'unheard-names' }, unheard.map(officerShortName).join(', ')));
  }
  $('unplaced').replaceChildren(...parts);
}

function renderTally() {
  const counts = Object.fromEntries(TRIAGE.map((c) => [c, 0]));
  let assessing = 0;
  let total = 0;
  let atCcp = 0;
  const ccp = [...roster.zones.values()].find((z) => z.ccp)?.id ?? 0;
  for (const c of roster.casualties.values()) {
    if (c.firstSeenMs == null && c.colour === 'untagged') continue; // a tag not yet on anyone
    total++;
    if (!c.committed && c.colour !== 'untagged') assessing++;
    else counts[c.colour in counts ? c.colour : 'untagged']++;
    if (c.zone !== 0 && c.zone === ccp) atCcp++;
  }
  for (const colour of TRIAGE) {
    const cell = $(`tally-${colour}`);
    cell.querySelector('.n').textContent = String(counts[colour]);
    cell.title = `${TRIAGE_WORD[colour]}: ${counts[colour]}`;
    cell.classList.toggle('zero', counts[colour] === 0);
  }
  $('tally-assessing').textContent = String(assessing);
  $('tally-ccp').textContent = String(atCcp);
  $('tally-total').textContent = String(total);

  const perZone = new Map();
  let inside = 0;
  for (const o of roster.officers.values()) {
    const z = roster.zones.get(o.zone);
    if (!z) continue;
    perZone.set(z.id, (perZone.get(z.id) ?? 0) + 1);
    if (!z.outside) inside++;
  }
  $('tally-inside').textContent = String(inside);
  const busiest = [...perZone].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const shown = busiest.length > TALLY_ZONES ? busiest.slice(0, TALLY_ZONES - 1) : busiest;
  const rows = shown.map(([id, n]) => {
    const z = roster.zones.get(id);
    return h('li', { 'data-zone': id, class: `zone-count ${z.status}` },
      h('span', { class: 'status-tag' }, STATUS_WORD[z.status]),
      h('span', { class: 'zn' }, z.name),
      h('b', { class: 'n' }, String(n)));
  });
  if (shown.length < busiest.length) {
    const rest = busiest.slice(shown.length);
    rows.push(h('li', { class: 'zone-count more', title: rest.map(([id, n]) => `${roster.zones.get(id).name}: ${n}`).join('\n') },
      `+${rest.length} zones, ${rest.reduce((sum, [, n]) => sum + n, 0)} officers`));
  }
  $('tally-zones').replaceChildren(...(rows.length ? rows : [h('li', { class: 'empty' }, 'No officer placed yet')]));
}

function renderAlerts() {
  const alerts = [...roster.alerts.values()];
  const key = `${role}|${roster.clock.startedAtMs}|${roster.clock.stoppedAtMs}|${alerts.map((a) => `${a.id},${a.clearedAtMs},${a.acknowledgedAtMs}`).join('|')}`;
  if (unchanged($('alerts'), key)) return;
  const rank = (a) => (a.clearedAtMs == null ? (a.acknowledgedAtMs == null ? 0 : 1) : 2);
  // Among alerts of one rank, life-safety first: an emergency never sinks under a pile of silent officers.
  const urgency = (a) => ALERT_URGENCY[a.type] ?? 9;
  alerts.sort((a, b) => rank(a) - rank(b) || urgency(a) - urgency(b) || b.id - a.id);
  const fresh = alerts.filter((a) => rank(a) === 0).length;
  const active = alerts.filter((a) => a.clearedAtMs == null).length;
  $('alert-count').textContent = fresh ? `${fresh} new` : active ? `${active} active` : '';
  $('alert-count').className = `alert-count${fresh ? ' fresh' : ''}`;
  const items = alerts.slice(0, 60).map((a) => {
    const state = a.clearedAtMs != null
      ? `cleared ${formatMoment(a.clearedAtMs, roster.clock)}${a.acknowledgedAtMs != null ? ' · acknowledged' : ''}`
      : a.acknowledgedAtMs != null ? `acknowledged ${formatMoment(a.acknowledgedAtMs, roster.clock)}` : 'NEW';
    return h('li', {
      class: `alert alert-${a.type} ${['new', 'acknowledged', 'cleared'][rank(a)]}`, 'data-alert': a.id,
    },
    h('div', { class: 'alert-head' },
      h('span', { class: 'alert-type' }, ALERT_WORD[a.type] ?? a.type),
      h('span', { class: 'alert-time' }, formatMoment(a.raisedAtMs, roster.clock)),
      h('span', { class: 'alert-state' }, state)),
    h('div', { class: 'alert-message' }, a.message),
    canAcknowledge(a, roster.clock) && role === 'controller'
      ? h('button', { type: 'button', class: 'ack', onclick: () => act(() => gateway.post(`/api/alerts/${a.id}/acknowledge`)) }, 'Acknowledge')
      : null);
  });
  $('alerts').replaceChildren(...(items.length ? items : [h('li', { class: 'empty' }, 'No alerts')]));
}

function renderTimeline() {
  const notes = roster.notes;
  const key = `${roster.clock.startedAtMs}|${timeline.length}|${timeline[timeline.length - 1]?.id}|${[...notes.values()].map((n) => `${n.id}:${n.correctedAtMs}:${n.withdrawnAtMs}`).join(',')}`;
  if (unchanged($('timeline'), key)) return;
  const items = [];
  const laterTagChange = new Set();
  for (let i = timeline.length - 1; i >= 0 && items.length < TIMELINE_SHOW; i--) {
    const e = timeline[i];
    if (e.kind === 'tag-changed') {
      // A medic steps through colours before committing one: only the latest choice of a tag is news.
      const superseded = !e.data.committed && laterTagChange.has(e.data.tag);
      laterTagChange.add(e.data.tag);
      if (superseded) continue;
    }
    // An annotation shows what now stands: its corrected text, or that it was withdrawn.
    const note = e.kind === 'annotation' ? notes.get(e.id) : undefined;
    const withdrawn = note?.withdrawnAtMs != null;
    const d = describeEvent(note ? { ...e, data: { ...e.data, type: note.type, text: note.text } } : e, roster);
    if (!d) continue;
    const signed = e.data?.by ? ` (${e.data.by})` : '';
    const amended = withdrawn ? ' (withdrawn)' : note?.correctedAtMs != null ? ' (corrected)' : '';
    items.push(h('li', { class: `tl${d.tone ? ` tone-${d.tone}` : ''}${withdrawn ? ' withdrawn' : ''}`, 'data-event': e.id, 'data-kind': e.kind },
      h('span', { class: 'tl-time' }, formatMoment(e.at, roster.clock)),
      h('span', { class: 'tl-text' }, d.text + signed + amended),
      note && !withdrawn && mayAmend(note)
        ? h('button', { type: 'button', class: 'tl-edit', title: 'Correct or withdraw this annotation', onclick: () => openAnnotation(note) }, 'Edit')
        : null));
  }
  $('timeline').replaceChildren(...(items.length ? items : [h('li', { class: 'empty' }, 'Nothing yet')]));
}

function renderReceivers(now) {
  const silent = silentReceivers(now);
  const all = [...roster.receivers.values()];
  const ok = all.filter((r) => r.lastHeartbeatMs != null && !silent.has(r.id));
  const quiet = all.filter((r) => silent.has(r.id));
  const never = all.filter((r) => r.lastHeartbeatMs == null && !silent.has(r.id));
  const detail = (r) => `${r.name}: last heartbeat ${r.lastHeartbeatMs != null ? `${formatAge(now - r.lastHeartbeatMs)} ago` : 'never'}`
    + ` · Wi-Fi ${r.wifiRssi} dBm · ${r.reportsPerSecond} reports/s · dropped ${r.dropped} · reconnects ${r.reconnects}`;
  const parts = [h('span', { class: 'rx-ok', title: ok.map(detail).join('\n') }, `${ok.length} ok`)];
  if (ok.length && ok.length <= 12) {
    parts.push(h('span', { class: 'rx-names' }, ok.map((r) => h('span', { class: 'rx', 'data-receiver': r.id, title: detail(r) }, r.name))));
  }
  if (quiet.length) {
    parts.push(h('span', { class: 'rx-bad' }, `${quiet.length} silent:`));
    parts.push(...quiet.map((r) => h('span', { class: 'rx silent', 'data-receiver': r.id, title: detail(r) },
      `${r.name} ${r.lastHeartbeatMs != null ? formatAge(now - r.lastHeartbeatMs) : ''}`.trim())));
  }
  if (never.length) {
    parts.push(h('span', { class: 'rx-never' }, `${never.length} not heard yet:`));
    parts.push(...never.map((r) => h('span', { class: 'rx never', 'data-receiver': r.id, title: detail(r) }, r.name)));
  }
  if (banner.kernelDrops > 0) {
    parts.push(h('span', { class: 'rx-bad', 'data-kernel-drops': banner.kernelDrops,
      title: 'Datagrams the gateway\'s computer dropped before the gateway could read them (its receive buffer was full): those reports are lost.' },
    `gateway dropped ${banner.kernelDrops} datagram${banner.kernelDrops === 1 ? '' : 's'}`));
  }
  $('receivers').replaceChildren(...parts);
}

// Diagnostics for people and tests: the page's roster, in GET /api/roster's shape, and how often it read it.
const diagnostics = {
  lastEventId: 0,
  rosterReads: 0,
  roster: () => (roster ? rosterToJson(roster) : null),
};
Object.assign(window, { beacons: diagnostics });

/** Starts, and starts again while the gateway cannot answer (it may be restarting). */
async function start() {
  for (;;) {
    try {
      await boot();
      return;
    } catch (e) {
      showBanner(true, `Cannot load the drill from the gateway (${e.message}); retrying…`);
      await sleep(2000);
    }
  }
}

start();
