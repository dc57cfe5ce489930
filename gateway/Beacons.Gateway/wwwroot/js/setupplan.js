// @ts-check
// The Setup page's Plan step (docs/setup.md): floors and their plans, the scale, zones, receivers and anchors,
// every problem beside the drawing, and the save.

import { h } from './dom.js';

/**
 * @param {HTMLElement} root the step's editor element
 * @param {import('./connection.js').Gateway} gateway
 */
export async function mountPlan(root, gateway) {
  const answer = await gateway.get('/api/setup/venue');
  root.replaceChildren(h('p', { class: 'hint' }, answer.venue ? `Venue: ${answer.venue.name}` : 'No venue yet.'));
}
