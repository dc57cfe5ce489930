// @ts-check
// Survey mode: the calibration walk, for a tablet before T0. The controller picks the badge they carry, starts the
// walk and taps each zone as they enter it (a big zone button, or the zone on the plan); Stop ends it. The gateway
// records the walk and applies the offsets it teaches (docs/dashboard.md "Survey mode", docs/zones.md "Calibration
// walk"); while the exercise clock runs it refuses a walk, and the page says why. Everything shown is what
// GET /api/survey says, read every second while the dialog is open.

import { $, h } from './dom.js';
import { drawFloor } from './floorplan.js';

const READ_EVERY_MS = 1000;

/**
 * @typedef {{ id: number, name: string, zone: number, readings: number, ownZone: number }} WalkReceiver
 * @typedef {{ id: number, name: string, zone: number, readings: number, learned: boolean, db: number }} LearnedReceiver
 * @typedef {{ walk: string, receivers: LearnedReceiver[] }} Offsets
 * @typedef {{ walk: string, trace: string | null, truth: string | null, applied: boolean, message: string, offsets: Offsets | null }} Stop
 * @typedef {{ name: string, badge: number, startedAtMs: number, zone: number | null,
 *   taps: { atMs: number, zone: number }[], receivers: WalkReceiver[], problem: string | null }} Walk
 * @typedef {{ folder: string | null, startRefused: string | null, minReadings: number, walk: Walk | null, last: Stop | null,
 *   inForce: Offsets | null }} Survey
 */

/**
 * "+2.5 dB", "-1.0 dB", "0.0 dB": an offset as the page shows it.
 * @param {number} db
 */
export function formatDb(db) {
  return `${db > 0 ? '+' : ''}${db.toFixed(1)} dB`;
}

/**
 * How far a receiver got during the walk, in words: "12 readings, 8 from its own zone" and what is still needed.
 * @param {WalkReceiver} r
 * @param {number} minReadings
 */
export function walkReceiverText(r, minReadings) {
  const need = r.ownZone >= minReadings ? 'enough to learn its offset' : `${minReadings - r.ownZone} more from its own zone needed`;
  return `${r.readings} reading${r.readings === 1 ? '' : 's'}, ${r.ownZone} from its own zone: ${need}`;
}

/**
 * What the walk taught about one receiver, said plainly.
 * @param {LearnedReceiver} r
 * @param {number} minReadings
 */
export function learnedText(r, minReadings) {
  return r.learned
    ? `${formatDb(r.db)} (from ${r.readings} readings in its own zone)`
    : `too few readings to learn an offset (${r.readings} from its own zone, ${minReadings} needed): left at 0 dB`;
}

/**
 * The line at the top of the dialog: the offsets in force, and why a walk cannot start now (the gateway's words).
 * A walk's offsets are relative to each other, so a new walk replaces those in force entirely (docs/zones.md,
 * "Calibration walk"): said before anyone walks half the venue expecting the rest to stay.
 * @param {Pick<Survey, 'inForce' | 'startRefused'>} survey
 */
export function surveyNote(survey) {
  const inForce = survey.inForce ? `Offsets in force: ${survey.inForce.walk}.` : 'No offsets in force yet.';
  if (survey.startRefused) {
    return `${inForce} A walk cannot start now: ${survey.startRefused}.`;
  }

  return survey.inForce ? `${inForce} A new walk that teaches something replaces them all, so walk every zone that has a receiver.` : inForce;
}

/** The survey dialog of the dashboard. */
export class SurveyMode {
  /**
   * @param {import('./connection.js').Gateway} gateway
   * @param {any} venue the venue as GET /api/venue gives it
   * @param {any} exercise the exercise as GET /api/exercise gives it
   * @param {() => any} picture the roster to draw on the plan (where the badge is placed live)
   * @param {(text: string) => void} refused shows a refusal
   */
  constructor(gateway, venue, exercise, picture, refused) {
    this.gateway = gateway;
    this.venue = venue;
    this.picture = picture;
    this.refused = refused;
    /** @type {Survey | null} */
    this.survey = null;
    /** @type {number | null} */
    this.floorId = null;
    this.timer = 0;
    this.dialog = $('survey-dialog');

    $('survey-badge').replaceChildren(...exercise.officers.map((/** @type {any} */ o) =>
      h('option', { value: o.badge }, `${o.badge} ${o.name ?? ''} (${o.role})`)));
    $('survey-start').addEventListener('click', () => this.send('/api/survey/start', { badge: Number($('survey-badge').value) }));
    $('survey-stop').addEventListener('click', () => this.send('/api/survey/stop'));
    $('survey-close').addEventListener('click', () => this.dialog.close());
    this.dialog.addEventListener('close', () => clearInterval(this.timer));
    $('survey-zones').replaceChildren(...venue.floors.map((/** @type {any} */ f) => h('div', { class: 'survey-floor' },
      h('h3', {}, f.name),
      venue.zones.filter((/** @type {any} */ z) => z.floor === f.id).map((/** @type {any} */ z) =>
        h('button', { type: 'button', class: 'survey-zone', 'data-zone': z.id, onclick: () => this.tap(z.id) }, z.name)))));
  }

  open() {
    this.dialog.showModal();
    this.read();
    clearInterval(this.timer);
    this.timer = window.setInterval(() => this.read(), READ_EVERY_MS);
  }

  /** @param {number} zone */
  tap(zone) {
    this.floorId = this.venue.zones.find((/** @type {any} */ z) => z.id === zone)?.floor ?? this.floorId;
    this.send('/api/survey/tap', { zone });
  }

  /**
   * @param {string} path
   * @param {unknown} [body]
   */
  async send(path, body) {
    try {
      this.show(await this.gateway.post(path, body));
    } catch (e) {
      this.refused(`Refused: ${/** @type {Error} */ (e).message}`);
    }
  }

  async read() {
    try {
      this.show(await this.gateway.get('/api/survey'));
    } catch {
      // the dashboard's banner says the gateway is away; the next read tries again
    }
  }

  /** @param {Survey} survey */
  show(survey) {
    this.survey = survey;
    const walk = survey.walk;
    const zoneName = (/** @type {number | null} */ id) => this.venue.zones.find((/** @type {any} */ z) => z.id === id)?.name ?? 'no zone yet';
    $('survey-note').textContent = surveyNote(survey);
    $('survey-setup').hidden = walk != null;
    $('survey-walk').hidden = walk == null;
    $('survey-start').disabled = survey.startRefused != null;
    this.dialog.classList.toggle('walking', walk != null);

    if (walk) {
      $('survey-now').textContent = `Walking with badge ${walk.badge} · now in: ${zoneName(walk.zone)}` +
        (walk.zone == null ? ' (tap the zone you are in)' : ` · ${walk.taps.length} tap${walk.taps.length === 1 ? '' : 's'}`) +
        (walk.problem ? ` · cannot write the files: ${walk.problem}` : '');
      for (const b of /** @type {NodeListOf<HTMLButtonElement>} */ (document.querySelectorAll('.survey-zone'))) {
        b.classList.toggle('current', Number(b.dataset.zone) === walk.zone);
        b.setAttribute('aria-pressed', String(Number(b.dataset.zone) === walk.zone));
      }
      this.floorId ??= this.venue.zones.find((/** @type {any} */ z) => z.id === walk.zone)?.floor ?? this.venue.floors[0].id;
      drawFloor($('survey-plan'), this.venue, this.floorId, this.picture(), {
        highlightZone: walk.zone ?? undefined, onZoneClick: (/** @type {number} */ id) => this.tap(id), showReceivers: 'all',
      });
      // The receivers that heard the badge, most readings from their own zone first; the rest in one line.
      const heard = walk.receivers.filter((r) => r.readings > 0).sort((a, b) => b.ownZone - a.ownZone || b.readings - a.readings);
      const unheard = walk.receivers.filter((r) => r.readings === 0);
      $('survey-receivers').replaceChildren(
        h('caption', {}, heard.length ? 'Readings of the badge so far' : 'No receiver has heard the badge yet'),
        ...heard.map((r) => h('tr', { 'data-receiver': r.id, class: r.ownZone >= survey.minReadings ? 'enough' : '' },
          h('th', {}, r.name), h('td', {}, zoneName(r.zone)), h('td', { class: 'survey-count' }, walkReceiverText(r, survey.minReadings)))),
        unheard.length && heard.length
          ? h('tr', { class: 'survey-unheard' }, h('td', { colspan: 3 }, `Not heard yet: ${unheard.map((r) => r.name).join(', ')}`))
          : null);
    } else {
      $('survey-receivers').replaceChildren();
    }

    const last = survey.last;
    $('survey-result').hidden = last == null || walk != null;
    if (last && !walk) {
      $('survey-result').replaceChildren(
        h('h3', {}, `Walk ${last.walk} ${last.applied ? 'applied' : 'not applied'}`),
        h('p', { class: last.applied ? 'survey-applied' : 'dialog-error' }, last.message),
        last.offsets
          ? h('table', { class: 'survey-offsets' },
            h('caption', {}, 'Offset learned per receiver (added to its readings from now on)'),
            ...last.offsets.receivers.filter((r) => r.readings > 0).sort((a, b) => b.readings - a.readings)
              .map((r) => h('tr', { 'data-receiver': r.id, class: r.learned ? 'learned' : 'too-few' },
                h('th', {}, r.name), h('td', {}, zoneName(r.zone)), h('td', {}, learnedText(r, survey.minReadings)))))
          : null,
        last.offsets?.receivers.some((r) => r.readings === 0)
          ? h('p', { class: 'survey-unheard' }, `Never heard from their own zone, so no offset learned (left at 0 dB): ${
            last.offsets.receivers.filter((r) => r.readings === 0).map((r) => r.name).join(', ')}`)
          : null,
        last.trace ? h('p', { class: 'dialog-note survey-files' }, `Files: ${last.trace} and ${last.truth}`) : null);
    }
  }
}
