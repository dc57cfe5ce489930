// @ts-check
// The Setup page (setup.html, docs/setup.md): reaches `beacons setup`, asking for the controller token when it wants
// one, then mounts each step. The Plan step is js/setupplan.js; the Roster and Devices steps are js/setuproster.js.

import { Gateway, askToken } from './connection.js';
import { $ } from './dom.js';
import { mountPlan } from './setupplan.js';

const gateway = new Gateway();

/** Reads /api/setup/status until it answers, asking for the token when the setup host wants one. */
async function reachSetup() {
  for (;;) {
    try {
      return await gateway.get('/api/setup/status');
    } catch (e) {
      if (e.status === 401) {
        await askToken(gateway, !!gateway.token);
        continue;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

/** The Roster and Devices steps, when their module is there (it is another part's; the Plan step works without it). */
async function mountRosterSteps() {
  const rosterModule = './setuproster.js';
  let steps;
  try {
    steps = await import(rosterModule);
  } catch {
    return;
  }
  steps.mountRoster($('roster-step'), gateway);
  steps.mountDevices($('devices-step'), gateway);
  steps.mountStart($('start-drill'), gateway);
}

async function boot() {
  const status = await reachSetup();
  $('setup-folder').textContent = `Folder: ${status.folder}`;
  await mountPlan($('plan-editor'), gateway);
  await mountRosterSteps();
  document.body.dataset.ready = 'true';
}

boot();
