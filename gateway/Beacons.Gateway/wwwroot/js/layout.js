// @ts-check
// The phone's two views of the dashboard (docs/dashboard.md, "Screens"): the status (tally, alerts, timeline)
// and the floor plan, one at a time behind two buttons. Wider screens show both side by side, and css/dashboard.css
// hides the buttons there; this module only says which view is chosen, on body[data-view].

const KEY = 'beacons.view';

/** @param {'status' | 'plan'} view */
function show(view) {
  document.body.dataset.view = view;
  for (const button of document.querySelectorAll('[data-show]')) {
    button.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (button).dataset.show === view));
  }
  try {
    sessionStorage.setItem(KEY, view);
  } catch {
    // not kept: the page opens on the status
  }
}

for (const button of document.querySelectorAll('[data-show]')) {
  button.addEventListener('click', () => show(/** @type {HTMLElement} */ (button).dataset.show === 'plan' ? 'plan' : 'status'));
}
// Choosing a floor is asking to see it.
document.getElementById('floors')?.addEventListener('click', (ev) => {
  if (/** @type {Element} */ (ev.target).closest('.floor-tab')) show('plan');
});

// The alerts' count goes on the status button too, where the plan's reader sees it.
const count = document.getElementById('alert-count');
const mirror = document.getElementById('view-alerts');
if (count && mirror) {
  new MutationObserver(() => {
    mirror.textContent = count.textContent;
    mirror.className = count.className;
  }).observe(count, { childList: true, characterData: true, subtree: true, attributes: true });
}

/** The view chosen earlier in this tab, if any. */
function saved() {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
show(saved() === 'plan' ? 'plan' : 'status');
