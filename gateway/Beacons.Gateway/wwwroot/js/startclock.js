// @ts-check
// "Start exercise (T0)": the gateway refuses T0 while devices are not ready (409 with the list in notReady,
// docs/gateway-api.md); the controller sees what is missing and starts anyway or waits.

import { GatewayError } from './connection.js';
import { h } from './dom.js';

/**
 * Starts the exercise clock, asking first when the gateway says devices are not ready.
 * @param {import('./connection.js').Gateway} gateway
 * @returns {Promise<unknown>} the clock-started event, or null when the controller chose to wait
 */
export async function startClock(gateway) {
  try {
    return await gateway.post('/api/clock/start');
  } catch (e) {
    const notReady = e instanceof GatewayError && e.status === 409 ? e.problem?.notReady : null;
    if (!Array.isArray(notReady)) throw e;
    if (!(await askStartAnyway(notReady))) return null;
    return gateway.post('/api/clock/start', { confirm: true });
  }
}

/**
 * A modal naming each device not ready; resolves true for "Start anyway".
 * @param {string[]} notReady one line per device, as the gateway words it
 * @returns {Promise<boolean>}
 */
function askStartAnyway(notReady) {
  const n = notReady.length;
  const dialog = /** @type {HTMLDialogElement} */ (h('dialog', { id: 'not-ready-dialog', 'aria-labelledby': 'not-ready-title' },
    h('form', { method: 'dialog' },
      h('h2', { id: 'not-ready-title' }, `${n} device${n === 1 ? ' is' : 's are'} not ready`),
      h('p', { class: 'dialog-note' }, 'Start the exercise anyway? The record and the review keep this list.'),
      h('ul', { id: 'not-ready-list', class: 'not-ready-list' }, notReady.map((line) => h('li', {}, line))),
      h('div', { class: 'dialog-buttons' },
        h('button', { type: 'submit', value: 'start', class: 'primary' }, 'Start anyway'),
        h('button', { type: 'submit', value: 'wait' }, 'Wait')))));
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'start');
    }, { once: true });
  });
}
