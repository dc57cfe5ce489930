// @ts-check
// The readiness board's wording, from GET /api/readiness (docs/gateway-api.md "Readiness"): what the board lists
// under each kind of device, its headline, and the question "Start exercise (T0)" asks while something is missing.
// Pure: tests/page/readiness.test.js runs it under node.

import { formatAge } from './labels.js';

/**
 * @typedef {{ kind: string, id: number, name: string, ready: boolean, lastHeardMs: number | null,
 *   battery: number | null, dropped: number | null, problem: string | null }} ReadinessDevice
 * @typedef {{ atMs: number, ready: number, total: number, devices: ReadinessDevice[], missing: string[] }} ReadinessReport
 */

/** The board's groups, in the API's order. */
export const READINESS_KINDS = /** @type {const} */ ([
  ['receiver', 'Receivers'], ['anchor', 'Anchors'], ['badge', 'Badges'], ['tag', 'Tags'],
]);

/**
 * "Ready 4 of 12", and whether everything is ready (an empty drill, with no device at all, is not).
 * @param {ReadinessReport} report
 */
export function headline(report) {
  return { text: `Ready ${report.ready} of ${report.total}`, allReady: report.total > 0 && report.ready === report.total };
}

/**
 * The line a device shows on the board: when it was last heard (at the gateway's time nowMs), its battery or dropped
 * count, and its problem when it is not ready.
 * @param {ReadinessDevice} d
 * @param {number} nowMs
 */
export function deviceFacts(d, nowMs) {
  const facts = [];
  const heard = d.kind === 'receiver' ? 'heartbeat' : 'heard';
  facts.push(d.lastHeardMs == null ? `never ${heard}` : `${heard} ${formatAge(nowMs - d.lastHeardMs)} ago`);
  if (d.battery != null) facts.push(`battery ${d.battery}%`);
  if (d.dropped != null) facts.push(`${d.dropped} dropped`);
  return facts.join(' · ');
}

/**
 * The devices of one kind, not-ready first (what the controller has to walk to), each kind in ID order.
 * @param {ReadinessReport} report
 * @param {string} kind
 */
export function devicesOf(report, kind) {
  return report.devices
    .filter((d) => d.kind === kind)
    .sort((a, b) => Number(a.ready) - Number(b.ready) || a.id - b.id);
}
