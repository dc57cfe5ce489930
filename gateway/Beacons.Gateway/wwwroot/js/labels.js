// @ts-check
// The words and letters the dashboard (and the after-action review) show for the gateway's values.
// Pure functions, no DOM: colour is never the only signal, so every colour has a letter or a word here.

/**
 * @typedef {{ badge: number, name?: string | null }} Named
 * @typedef {{ tag: number, label?: string | null }} Labelled
 * @typedef {{ zones?: Map<number, { name: string }>, officers?: Map<number, Named>, casualties?: Map<number, Labelled>,
 *   alerts?: Map<number, { message: string }> }} Roster
 */

/** @type {Record<string, string>} */
export const STATUS_WORD = { hot: 'HOT', warm: 'WARM', cold: 'COLD' };

export const TRIAGE = ['red', 'yellow', 'green', 'black', 'untagged'];

/** @type {Record<string, string>} */
export const TRIAGE_LETTER = { green: 'G', yellow: 'Y', red: 'R', black: 'B', untagged: 'U' };

/** @type {Record<string, string>} */
export const TRIAGE_WORD = {
  green: 'Green (minor)', yellow: 'Yellow (delayed)', red: 'Red (immediate)', black: 'Black (expectant)', untagged: 'Untagged',
};

/** @type {Record<string, string>} */
export const ROLE_SHORT = {
  contact: 'CT', 'rtf-officer': 'RTF', 'rtf-medic': 'MED', command: 'CMD', evaluator: 'EVAL', unknown: '?',
};

/** @type {Record<string, string>} */
export const ROLE_WORD = {
  contact: 'Contact team', 'rtf-officer': 'RTF officer', 'rtf-medic': 'RTF medic (EMS)', command: 'Command',
  evaluator: 'Evaluator', unknown: 'Unknown role',
};

/** Annotation types offered to the controller; the gateway accepts any of a-z 0-9 -. */
export const ANNOTATION_TYPES = [
  ['threat-neutralized', 'Threat neutralized'],
  ['unified-command', 'Unified command established'],
  ['rtf-assembled', 'RTF assembled'],
  ['rtf-entering', 'RTF entering'],
  ['victim-contact', 'First victim contact'],
  ['zone-cleared', 'Zone cleared'],
  ['evacuation', 'Evacuation'],
  ['note', 'Note'],
];

/** An officer's stale threshold: presence events move lastHeardMs every 5 s, so 15 s is three missed ones. */
export const STALE_AFTER_MS = 15000;

/** A receiver sends a heartbeat every 10 s; three missed is silent (the gateway alerts at 30 s too). */
export const RECEIVER_SILENT_MS = 30000;

/** @param {string} role */
export function roleShort(role) {
  return ROLE_SHORT[role] ?? ROLE_SHORT.unknown;
}

/** @param {string} colour */
export function triageLetter(colour) {
  return TRIAGE_LETTER[colour] ?? 'U';
}

/**
 * "Ruiz" from "Sgt. A. Ruiz": the chip on the plan has room for one word; unlisted badges show their number.
 * @param {Named} officer
 */
export function officerShortName(officer) {
  if (!officer.name) {
    return `#${officer.badge}`;
  }
  const words = officer.name.trim().split(/\s+/);
  return words[words.length - 1];
}

/** @param {Named | undefined} officer */
export function officerName(officer) {
  return officer?.name ?? `Badge ${officer?.badge}`;
}

/** @param {Labelled | undefined} casualty */
export function casualtyName(casualty) {
  return casualty?.label ?? `Tag ${casualty?.tag}`;
}

/**
 * True when an officer was heard once but not for STALE_AFTER_MS: its zone may be out of date.
 * @param {{ lastHeardMs?: number | null }} officer
 * @param {number} nowMs
 * @param {number} [staleAfterMs]
 */
export function isStale(officer, nowMs, staleAfterMs = STALE_AFTER_MS) {
  return officer.lastHeardMs != null && nowMs - officer.lastHeardMs > staleAfterMs;
}

/**
 * How an officer's emergency shows. While the drill runs a raised emergency is the alarm. Once the clock has stopped
 * the drill is over: an emergency still raised at the stop was real and stays shown, as "SOS at the stop", without the
 * alarm look (nobody needs to run); one raised after the stop is not shown (the gateway raises no alert for it either).
 * @param {{ emergency?: boolean, emergencySinceMs?: number | null }} officer
 * @param {number | null | undefined} stoppedAtMs the clock's stop, or null while it runs (or in a replay)
 * @returns {'alarm' | 'at-stop' | null}
 */
export function sosLook(officer, stoppedAtMs) {
  if (!officer.emergency) return null;
  if (stoppedAtMs == null) return 'alarm';
  return officer.emergencySinceMs != null && officer.emergencySinceMs > stoppedAtMs ? null : 'at-stop';
}

/** What an officer's chip says first for each look of sosLook. */
export const SOS_PREFIX = { alarm: 'SOS ', 'at-stop': 'SOS at the stop ' };

/**
 * Whether the controller can still acknowledge an alert: not acknowledged yet, and still active or cleared while the
 * clock runs. After the stop (which clears every alert) the drill is over and there is nothing left to acknowledge.
 * @param {{ acknowledgedAtMs?: number | null, clearedAtMs?: number | null }} alert
 * @param {{ startedAtMs: number | null, stoppedAtMs?: number | null }} clock
 */
export function canAcknowledge(alert, clock) {
  if (alert.acknowledgedAtMs != null) return false;
  return alert.clearedAtMs == null || (clock.startedAtMs != null && clock.stoppedAtMs == null);
}

/**
 * "12:05" for 725 000 ms: minutes keep counting past 59 (a drill is rarely longer than two hours).
 * @param {number} ms
 */
export function formatDuration(ms) {
  const negative = ms < 0;
  const total = Math.floor(Math.abs(ms) / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${negative ? '-' : ''}${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/**
 * The exercise-clock reading of a moment: "T+12:05", "T-00:30" before T0, or the wall-clock time when T0 is unset.
 * @param {number} atMs
 * @param {{ startedAtMs: number | null } | null | undefined} clock
 */
export function formatMoment(atMs, clock) {
  if (clock?.startedAtMs != null) {
    const d = atMs - clock.startedAtMs;
    return d < 0 ? `T-${formatDuration(-d)}` : `T+${formatDuration(d)}`;
  }
  return new Date(atMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/**
 * "3 s", "2 min", "1 h": how long ago, in the largest whole unit.
 * @param {number} ms
 */
export function formatAge(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/**
 * @param {Roster | undefined} roster
 * @param {number | undefined} id
 */
function zoneName(roster, id) {
  if (!id) return 'unknown location';
  return roster?.zones?.get?.(id)?.name ?? `zone ${id}`;
}

/**
 * Every event kind the gateway records (docs/gateway-api.md), and whether the timeline shows it (false: the
 * bookkeeping of presence and heartbeats). With ALERT_WORD, the page's one table of the gateway's names: a
 * browser test (ModuleTests) holds both to the gateway's own lists.
 * @type {Record<string, boolean>}
 */
export const EVENT_SHOWN = {
  'exercise-opened': true,
  'clock-started': true,
  'clock-stopped': true,
  'clock-jumped': true,
  'zone-status-set': true,
  annotation: true,
  'annotation-corrected': false, // shown on the annotation's own line: its current text, "(corrected)"
  'annotation-withdrawn': false, // likewise: "(withdrawn)"
  'officer-seen': true,
  'officer-zone-changed': true,
  emergency: true,
  'casualty-seen': true,
  'tag-changed': true,
  'casualty-zone-changed': true,
  presence: false,
  'receiver-heartbeat': false,
  'alert-raised': true,
  'alert-cleared': true,
  'alert-acknowledged': true,
  'receiver-offsets': true,
};

/**
 * One line of the timeline for an event, or null for kinds that are bookkeeping (presence, heartbeats) and
 * kinds this page does not know. tone: '' | 'alert' | 'note' | 'control' | 'triage' for styling.
 * @param {{ kind: string, data?: any }} event
 * @param {Roster} [roster]
 * @returns {{ text: string, tone: string } | null}
 */
export function describeEvent(event, roster) {
  if (!EVENT_SHOWN[event.kind]) return null;
  const d = event.data ?? {};
  /** @param {number} badge */
  const officer = (badge) => officerName(roster?.officers?.get?.(badge) ?? { badge });
  /** @param {number} tag */
  const casualty = (tag) => casualtyName(roster?.casualties?.get?.(tag) ?? { tag });
  switch (event.kind) {
    case 'exercise-opened':
      return { text: `Record opened: ${d.exerciseName} at ${d.venueName}`, tone: 'control' };
    case 'clock-started':
      return { text: 'T0: exercise started', tone: 'control' };
    case 'clock-stopped':
      return { text: 'Exercise stopped', tone: 'control' };
    case 'clock-jumped':
      return { text: `The laptop's clock jumped ${d.jumpMs < 0 ? 'back' : 'forward'} ${formatJump(Math.abs(d.jumpMs))}; times here follow the gateway's steady clock`, tone: 'control' };
    case 'zone-status-set':
      return { text: `${zoneName(roster, d.zone)} set ${STATUS_WORD[d.status] ?? d.status} (was ${STATUS_WORD[d.previous] ?? d.previous})`, tone: 'control' };
    case 'annotation':
      return { text: `${annotationWord(d.type)}${d.text ? `: ${d.text}` : ''}`, tone: 'note' };
    case 'officer-seen':
      return { text: `${officer(d.badge)} on air`, tone: '' };
    case 'officer-zone-changed':
      return { text: `${officer(d.badge)} → ${zoneName(roster, d.zone)}`, tone: '' };
    case 'emergency':
      return d.active
        ? { text: `EMERGENCY: ${officer(d.badge)}`, tone: 'alert' }
        : { text: `Emergency off: ${officer(d.badge)}`, tone: '' };
    case 'casualty-seen': {
      const name = casualty(d.tag);
      return { text: name === `Tag ${d.tag}` ? `${name} on air` : `${name}: tag on air`, tone: '' };
    }
    case 'tag-changed': {
      const word = String(d.colour).toUpperCase();
      return d.committed
        ? { text: `${casualty(d.tag)} tagged ${word}`, tone: 'triage' }
        : { text: `${casualty(d.tag)} being assessed (${word}?)`, tone: 'triage' };
    }
    case 'casualty-zone-changed':
      return { text: `${casualty(d.tag)} → ${zoneName(roster, d.zone)}`, tone: '' };
    case 'alert-raised':
      return { text: `ALERT: ${d.message}`, tone: 'alert' };
    case 'alert-cleared':
      return { text: `Alert cleared: ${roster?.alerts?.get?.(d.alert)?.message ?? `#${d.alert}`}`, tone: '' };
    case 'alert-acknowledged':
      return { text: `Alert acknowledged: ${roster?.alerts?.get?.(d.alert)?.message ?? `#${d.alert}`}`, tone: 'control' };
    case 'receiver-offsets': {
      const learned = (d.offsets ?? []).filter((/** @type {{ learned: boolean }} */ o) => o.learned).length;
      return { text: `Receiver offsets from calibration walk ${d.walk ?? ''} in force (${learned} receiver${learned === 1 ? '' : 's'} learned)`, tone: 'control' };
    }
    default:
      return null;
  }
}

/** @param {string | undefined} type */
export function annotationWord(type) {
  const known = ANNOTATION_TYPES.find(([t]) => t === type);
  if (known) return known[1];
  const words = String(type ?? '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The alert types the gateway raises (docs/gateway-api.md), as the alert list names them. @type {Record<string, string>} */
export const ALERT_WORD = {
  emergency: 'Emergency',
  'officer-silent': 'Officer silent',
  'medic-in-hot-zone': 'Medic in hot zone',
  'red-not-at-ccp': 'Red not at CCP',
  'low-battery': 'Low battery',
  'receiver-silent': 'Receiver silent',
};

/**
 * @param {number} ms
 * @returns {string}
 */
function formatJump(ms) {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`;
}
