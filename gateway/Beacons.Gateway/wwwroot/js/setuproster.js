// @ts-check
// The Setup page's Roster and Devices steps and its "Start the drill" (docs/setup.md): the roster imported from
// spreadsheets and edited in a table, saved into exercise.json by the gateway (which makes every key: no key is
// ever on this page); the provisioning download and the label sheet; the handover to the live gateway.
// Every check is the gateway's: the page shows each problem at the field or row it names and loses nothing.

import { h } from './dom.js';
import { GatewayError } from './connection.js';

/**
 * @typedef {import('./connection.js').Gateway} Gateway
 * @typedef {{ file?: string, path: string, problem: string }} Problem
 * @typedef {{ badge: string, name: string, agency: string, role: string }} OfficerRow
 * @typedef {{ tag: string, label: string }} TagRow
 */

/** Sent to the API with the password (a header: never in a URL, which logs and history keep). */
export const WIFI_PASSWORD_HEADER = 'X-Beacons-Wifi-Password';

/**
 * A whole number typed in a field, as a number; anything else as typed, so the gateway's check names it at its field.
 * @param {string} text
 * @returns {number | string}
 */
export function wholeOrText(text) {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : t;
}

/**
 * The table as the exercise file has it (without keys): what PUT /api/setup/roster takes.
 * @param {{ exerciseId: string, name: string }} exercise
 * @param {OfficerRow[]} officers
 * @param {TagRow[]} tags
 */
export function rosterBody(exercise, officers, tags) {
  return {
    exerciseId: wholeOrText(exercise.exerciseId),
    name: exercise.name.trim(),
    officers: officers.map((o) => ({ badge: wholeOrText(o.badge), name: o.name.trim(), agency: o.agency.trim(), role: o.role })),
    tags: tags.map((t) => {
      const label = t.label.trim();
      return label ? { tag: wholeOrText(t.tag), label } : { tag: wholeOrText(t.tag) };
    }),
  };
}

/**
 * Where a problem of the roster belongs: a row's cell ($.officers[3].badge), a list's row ($.officers[3]), an
 * exercise field ($.exerciseId), or the whole roster (null).
 * @param {string} path
 * @returns {{ list: 'officers' | 'tags', row: number, field: string | null } | { field: string } | null}
 */
export function placeOf(path) {
  const row = /^\$\.(officers|tags)\[(\d+)\](?:\.(\w+))?$/.exec(path);
  if (row) return { list: /** @type {'officers' | 'tags'} */ (row[1]), row: Number(row[2]), field: row[3] ?? null };
  const field = /^\$\.(exerciseId|name|tagCount)$/.exec(path);
  return field ? { field: field[1] } : null;
}

/**
 * A problem as one line for people: "officers.csv, row 3: unknown role ..." or the bare problem.
 * @param {Problem} p
 */
export function problemText(p) {
  if (p.file && p.file !== 'roster' && p.file !== 'devices') return `${p.file}, ${p.path}: ${p.problem}`;
  return p.problem;
}

/**
 * The query of GET /api/setup/bundle (the password goes in a header).
 * @param {{ wifiSsid: string, gateway: string, gatewayPort: string, locate: boolean }} site
 */
export function bundleQuery(site) {
  const q = new URLSearchParams();
  if (site.wifiSsid.trim()) q.set('wifiSsid', site.wifiSsid.trim());
  if (site.gateway.trim()) q.set('gateway', site.gateway.trim());
  if (site.gatewayPort.trim()) q.set('gatewayPort', site.gatewayPort.trim());
  if (site.locate) q.set('locate', 'true');
  return q.toString();
}

/**
 * The file name a download's Content-Disposition gives, or the fallback.
 * @param {string | null} disposition
 * @param {string} fallback
 */
export function downloadName(disposition, fallback) {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1] : fallback;
}

/** How the table's columns are headed, for a problem said under its row. @type {Record<string, string>} */
const COLUMN = { badge: 'badge ID', tag: 'tag ID', name: 'name', agency: 'agency', role: 'role', label: 'label' };

/**
 * What the download will provision, in words.
 * @param {{ exercise: { exerciseId: number, name: string }, badges: number, tags: number, anchors: number, receivers: number }} d
 */
export function devicesLine(d) {
  const n = (/** @type {number} */ count, /** @type {string} */ word) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `Exercise ${d.exercise.exerciseId} (${d.exercise.name}): ${n(d.badges, 'badge')}, ${n(d.tags, 'tag')}, `
    + `${n(d.anchors, 'anchor')}, ${n(d.receivers, 'receiver')} to provision.`;
}

/** @param {unknown} e */
function problemsOf(e) {
  return /** @type {Problem[]} */ (e instanceof GatewayError && Array.isArray(e.problem?.problems) ? e.problem.problems : []);
}

/** @param {unknown} e */
function messageOf(e) {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The Roster step: the exercise's ID and name, officers and tags imported from CSV or typed, saved by the gateway.
 * @param {HTMLElement} section
 * @param {Gateway} api
 */
export async function mountRoster(section, api) {
  /** @type {OfficerRow[]} */
  let officers = [];
  /** @type {TagRow[]} */
  let tags = [];
  /** @type {string[]} */
  let roles = [];
  /** @type {Problem[]} */
  let problems = [];

  const exerciseId = /** @type {HTMLInputElement} */ (h('input', { id: 'exercise-id', type: 'text', inputmode: 'numeric', size: 6, autocomplete: 'off' }));
  const exerciseName = /** @type {HTMLInputElement} */ (h('input', { id: 'exercise-name', type: 'text', size: 32, autocomplete: 'off' }));
  const idError = h('p', { class: 'field-error', id: 'exercise-id-error', hidden: true });
  const nameError = h('p', { class: 'field-error', id: 'exercise-name-error', hidden: true });
  const officersFile = /** @type {HTMLInputElement} */ (h('input', { id: 'officers-csv', type: 'file', accept: '.csv,text/csv' }));
  const tagsFile = /** @type {HTMLInputElement} */ (h('input', { id: 'tags-csv', type: 'file', accept: '.csv,text/csv' }));
  const tagCount = /** @type {HTMLInputElement} */ (h('input', { id: 'tag-count', type: 'text', inputmode: 'numeric', size: 4, autocomplete: 'off' }));
  const importErrors = h('ul', { class: 'problems', id: 'import-problems' });
  const officersBody = h('tbody');
  const tagsBody = h('tbody');
  const rosterErrors = h('ul', { class: 'problems', id: 'roster-problems' });
  const state = h('span', { class: 'save-state', id: 'roster-state', role: 'status' });

  section.append(
    h('p', { class: 'step-note' }, 'Import the officers from a spreadsheet saved as CSV (a header row with the columns name, agency, role, badge ID), '
      + 'and the tags from one (tag ID, label) or just their number; then edit the table. The gateway makes every key: '
      + 'nobody types one, and none is shown. Nothing is saved until you press Save.'),
    h('div', { class: 'roster-fields' },
      h('label', {}, 'Exercise ID (1 to 65535)', exerciseId, idError),
      h('label', {}, 'Exercise name', exerciseName, nameError)),
    h('div', { class: 'roster-import' },
      h('label', {}, 'Officers from CSV', officersFile),
      h('label', {}, 'Tags from CSV', tagsFile),
      h('label', {}, 'or this many tags', h('span', { class: 'inline' }, tagCount,
        h('button', { type: 'button', id: 'make-tags', onclick: () => importTags() }, 'Make tags')))),
    importErrors,
    h('h2', {}, 'Officers'),
    h('table', { class: 'roster-table', id: 'officers-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Badge ID'), h('th', {}, 'Name'), h('th', {}, 'Agency'), h('th', {}, 'Role'), h('th', {}, ''))),
      officersBody),
    h('button', { type: 'button', id: 'add-officer', onclick: () => addOfficer() }, 'Add officer'),
    h('h2', {}, 'Tags'),
    h('table', { class: 'roster-table', id: 'tags-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Tag ID'), h('th', {}, 'Label'), h('th', {}, ''))),
      tagsBody),
    h('button', { type: 'button', id: 'add-tag', onclick: () => addTag() }, 'Add tag'),
    rosterErrors,
    h('div', { class: 'save-row' }, h('button', { type: 'button', class: 'primary', id: 'roster-save', onclick: () => save() }, 'Save the roster'), state),
  );

  officersFile.addEventListener('change', () => importFile(officersFile, 'officers'));
  tagsFile.addEventListener('change', () => importFile(tagsFile, 'tags'));

  /** @param {string} text @param {boolean} [error] */
  function say(text, error = false) {
    state.textContent = text;
    state.classList.toggle('error', error);
  }

  /** @param {any} answer the roster as GET /api/setup/roster gives it */
  function take(answer) {
    roles = answer.roles ?? roles;
    exerciseId.value = answer.exercise ? String(answer.exercise.exerciseId) : exerciseId.value;
    exerciseName.value = answer.exercise ? answer.exercise.name : exerciseName.value;
    officers = (answer.officers ?? []).map((/** @type {any} */ o) => ({ badge: String(o.badge), name: o.name, agency: o.agency, role: o.role }));
    tags = (answer.tags ?? []).map((/** @type {any} */ t) => ({ tag: String(t.tag), label: t.label }));
  }

  /** Draws the tables from the rows, with each problem at its cell or row. */
  function render() {
    /** @type {Map<string, string[]>} */
    const at = new Map();
    /** @type {Problem[]} */
    const rest = [];
    for (const p of problems) {
      const place = placeOf(p.path);
      // A row the table does not have (a problem of the file on the disk) is said with the rest.
      const rows = place && 'list' in place ? (place.list === 'officers' ? officers : tags).length : 0;
      if (place == null || ('list' in place ? place.row >= rows : place.field === 'tagCount')) {
        rest.push(p);
        continue;
      }
      const key = 'list' in place ? `${place.list}[${place.row}]` : place.field;
      const words = 'list' in place && place.field ? `${COLUMN[place.field] ?? place.field}: ${p.problem}` : p.problem;
      at.set(key, [...(at.get(key) ?? []), words]);
    }
    const bad = new Set(problems.map((p) => p.path));
    fieldError(exerciseId, idError, at.get('exerciseId'));
    fieldError(exerciseName, nameError, at.get('name'));

    officersBody.replaceChildren(...officers.map((o, i) => {
      const cell = (/** @type {'badge' | 'name' | 'agency'} */ field, /** @type {Record<string, any>} */ attrs) => h('td', {},
        h('input', {
          type: 'text', value: o[field], 'data-field': field, 'aria-label': `${field} of row ${i + 1}`,
          'aria-invalid': bad.has(`$.officers[${i}].${field}`) ? 'true' : null,
          oninput: (/** @type {Event} */ ev) => { o[field] = /** @type {HTMLInputElement} */ (ev.target).value; },
          ...attrs,
        }));
      const role = h('select', {
        'data-field': 'role', 'aria-label': `role of row ${i + 1}`, 'aria-invalid': bad.has(`$.officers[${i}].role`) ? 'true' : null,
        onchange: (/** @type {Event} */ ev) => { o.role = /** @type {HTMLSelectElement} */ (ev.target).value; },
      }, ...(roles.includes(o.role) ? roles : [o.role, ...roles]).map((r) => h('option', { value: r, selected: r === o.role }, r)));
      return rowWithErrors(h('tr', { 'data-row': i },
        cell('badge', { inputmode: 'numeric', size: 6 }), cell('name', { size: 24 }), cell('agency', { size: 16 }),
        h('td', {}, role),
        h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `delete row ${i + 1}`, onclick: () => { officers.splice(i, 1); problems = []; render(); } }, 'Delete'))),
      at.get(`officers[${i}]`), 5);
    }));

    tagsBody.replaceChildren(...tags.map((t, i) => rowWithErrors(h('tr', { 'data-row': i },
      h('td', {}, h('input', {
        type: 'text', value: t.tag, 'data-field': 'tag', inputmode: 'numeric', size: 6, 'aria-label': `tag ID of row ${i + 1}`,
        'aria-invalid': bad.has(`$.tags[${i}].tag`) ? 'true' : null,
        oninput: (/** @type {Event} */ ev) => { t.tag = /** @type {HTMLInputElement} */ (ev.target).value; },
      })),
      h('td', {}, h('input', {
        type: 'text', value: t.label, 'data-field': 'label', size: 24, 'aria-label': `label of row ${i + 1}`,
        oninput: (/** @type {Event} */ ev) => { t.label = /** @type {HTMLInputElement} */ (ev.target).value; },
      })),
      h('td', {}, h('button', { type: 'button', class: 'danger', 'aria-label': `delete tag row ${i + 1}`, onclick: () => { tags.splice(i, 1); problems = []; render(); } }, 'Delete'))),
    at.get(`tags[${i}]`), 3)));

    rosterErrors.replaceChildren(...rest.map((p) => h('li', {}, problemText(p))));
  }

  /**
   * @param {HTMLElement} row
   * @param {string[] | undefined} messages
   * @param {number} columns
   */
  function rowWithErrors(row, messages, columns) {
    if (!messages) return row;
    row.classList.add('invalid');
    const note = h('tr', { class: 'row-error' }, h('td', { colspan: columns, class: 'field-error' }, messages.join('; ')));
    const frag = document.createDocumentFragment();
    frag.append(row, note);
    return /** @type {any} */ (frag);
  }

  /**
   * @param {HTMLInputElement} input
   * @param {HTMLElement} note
   * @param {string[] | undefined} messages
   */
  function fieldError(input, note, messages) {
    note.hidden = !messages;
    note.textContent = messages ? messages.join('; ') : '';
    if (messages) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function addOfficer() {
    officers.push({ badge: '', name: '', agency: '', role: roles[0] ?? 'contact' });
    render();
    /** @type {HTMLInputElement | null} */ (officersBody.querySelector('tr[data-row]:last-of-type input'))?.focus();
  }

  function addTag() {
    const next = tags.reduce((m, t) => Math.max(m, Number(t.tag) || 0), 500) + 1;
    tags.push({ tag: String(next), label: '' });
    render();
  }

  /** @param {Problem[]} list */
  function showImportProblems(list) {
    importErrors.replaceChildren(...list.map((p) => h('li', {}, problemText(p))));
  }

  /** @param {any} body */
  async function runImport(body) {
    try {
      const answer = await api.post('/api/setup/roster/import', body);
      if (answer.officers) officers = answer.officers.map((/** @type {any} */ o) => ({ badge: String(o.badge), name: o.name, agency: o.agency, role: o.role }));
      if (answer.tags) tags = answer.tags.map((/** @type {any} */ t) => ({ tag: String(t.tag), label: t.label }));
      showImportProblems([]);
      problems = [];
      render();
      say('Imported: check the table, then save.');
    } catch (e) {
      // The table keeps what it had: nothing of a refused sheet is taken.
      const list = problemsOf(e);
      showImportProblems(list.length ? list : [{ path: '', problem: messageOf(e) }]);
      say('Nothing was imported: see the problems above.', true);
    }
  }

  /**
   * @param {HTMLInputElement} input
   * @param {'officers' | 'tags'} kind
   */
  async function importFile(input, kind) {
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    await runImport({ [kind]: { file: file.name, text } });
    input.value = ''; // choosing the same file again, once fixed, imports it again
  }

  async function importTags() {
    await runImport({ tagCount: wholeOrText(tagCount.value) });
  }

  async function save() {
    say('Saving…');
    try {
      take(await api.request('PUT', '/api/setup/roster', rosterBody({ exerciseId: exerciseId.value, name: exerciseName.value }, officers, tags)));
      problems = [];
      render();
      say(`Saved: ${officers.length} officers, ${tags.length} tags. The gateway made the keys.`);
      section.dispatchEvent(new CustomEvent('roster-saved', { bubbles: true }));
    } catch (e) {
      problems = problemsOf(e);
      if (!problems.length) problems = [{ path: '', problem: messageOf(e) }];
      render();
      say('Not saved: see the problems marked in red.', true);
    }
  }

  try {
    const answer = await api.get('/api/setup/roster');
    take(answer);
    problems = answer.problems ?? [];
  } catch (e) {
    problems = [{ path: '', problem: `The roster could not be read: ${messageOf(e)}` }];
  }
  render();
}

/**
 * The Devices step: what the folder will provision, the site's Wi-Fi and gateway address, the download and the labels.
 * Reads the folder again whenever the roster is saved (or the plan, which says so with a 'venue-saved' event).
 * @param {HTMLElement} section
 * @param {Gateway} api
 */
export async function mountDevices(section, api) {
  const summary = h('div', { id: 'devices-summary' });
  const ssid = /** @type {HTMLInputElement} */ (h('input', { id: 'wifi-ssid', type: 'text', size: 24, autocomplete: 'off' }));
  const password = /** @type {HTMLInputElement} */ (h('input', { id: 'wifi-password', type: 'password', size: 24, autocomplete: 'off' }));
  const gateway = /** @type {HTMLInputElement} */ (h('input', { id: 'gateway-address', type: 'text', size: 16, list: 'gateway-addresses', autocomplete: 'off' }));
  const addresses = h('datalist', { id: 'gateway-addresses' });
  const port = /** @type {HTMLInputElement} */ (h('input', { id: 'gateway-port', type: 'text', inputmode: 'numeric', size: 6, value: '47800' }));
  port.addEventListener('input', () => { port.dataset.edited = 'true'; });
  const locate = /** @type {HTMLInputElement} */ (h('input', { id: 'locate', type: 'checkbox' }));
  /** @type {Record<string, HTMLElement>} */
  const errors = {
    wifiSsid: h('p', { class: 'field-error', hidden: true }),
    gateway: h('p', { class: 'field-error', hidden: true }),
    gatewayPort: h('p', { class: 'field-error', hidden: true }),
  };
  const download = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', class: 'primary', id: 'bundle-download', onclick: () => fetchBundle() }, 'Download the devices (zip)'));
  const labels = /** @type {HTMLAnchorElement} */ (h('a', { id: 'labels-link', target: '_blank', rel: 'noopener' }, 'Open the label sheet to print'));
  const state = h('span', { class: 'save-state', id: 'devices-state', role: 'status' });
  const form = h('div', { class: 'devices-form' },
    h('p', { class: 'step-note' }, 'Receivers join the site\'s Wi-Fi and send to this laptop: give its fixed address on that network. '
      + 'The download holds every device\'s configuration, the flash scripts (flash.ps1 on Windows, flash.sh) and the label sheet; '
      + 'it holds the keys and the Wi-Fi password, so keep it like the exercise file and delete it after the drill.'),
    h('label', {}, 'Wi-Fi name (SSID)', ssid, errors.wifiSsid),
    h('label', {}, 'Wi-Fi password (empty: an open network)', password),
    h('label', {}, 'This laptop\'s address on that Wi-Fi', gateway, addresses, errors.gateway),
    h('label', {}, 'Gateway UDP port', port, errors.gatewayPort),
    h('label', { class: 'check' }, locate, 'Badges locate themselves from the anchors (costs battery)'),
    h('div', { class: 'save-row' }, download, labels, state));
  section.append(summary, form);

  const labelsUrl = () => `${api.base}/api/setup/labels${api.token ? `?${new URLSearchParams({ token: api.token })}` : ''}`;

  async function refresh() {
    let answer;
    try {
      answer = await api.get('/api/setup/devices');
    } catch (e) {
      summary.replaceChildren(h('p', { class: 'field-error' }, `The devices could not be read: ${messageOf(e)}`));
      form.hidden = true;
      return;
    }
    form.hidden = !answer.ready;
    if (!answer.ready) {
      summary.replaceChildren(
        h('p', { class: 'todo', id: 'devices-todo' }, answer.todo),
        h('ul', { class: 'problems' }, ...(answer.problems ?? []).map((/** @type {Problem} */ p) => h('li', {}, problemText(p)))));
      return;
    }
    summary.replaceChildren(h('p', { id: 'devices-counts' }, devicesLine(answer)));
    addresses.replaceChildren(...answer.addresses.map((/** @type {string} */ a) => h('option', { value: a })));
    if (!gateway.value && answer.addresses.length === 1) gateway.value = answer.addresses[0];
    if (!port.dataset.edited) port.value = String(answer.gatewayPort);
    labels.href = labelsUrl();
  }

  async function fetchBundle() {
    for (const e of Object.values(errors)) e.hidden = true;
    state.classList.remove('error');
    state.textContent = 'Making the download…';
    const headers = api.headers(false);
    if (password.value) headers[WIFI_PASSWORD_HEADER] = password.value;
    let response;
    try {
      response = await fetch(`${api.base}/api/setup/bundle?${bundleQuery({ wifiSsid: ssid.value, gateway: gateway.value, gatewayPort: port.value, locate: locate.checked })}`,
        { headers, cache: 'no-store' });
    } catch {
      state.textContent = 'The gateway cannot be reached.';
      state.classList.add('error');
      return;
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => null);
      let placed = false;
      for (const p of /** @type {Problem[]} */ (problem?.problems ?? [])) {
        const note = errors[p.path];
        if (!note) continue;
        note.hidden = false;
        note.textContent = p.problem;
        placed = true;
      }
      state.textContent = placed ? 'No download: see the fields marked.' : (problem?.detail ?? `The gateway answered ${response.status}.`);
      state.classList.add('error');
      if (problem?.todo) await refresh();
      return;
    }
    const blob = await response.blob();
    const name = downloadName(response.headers.get('Content-Disposition'), 'devices.zip');
    const link = h('a', { href: URL.createObjectURL(blob), download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(/** @type {HTMLAnchorElement} */ (link).href), 60_000);
    state.textContent = `Downloaded ${name}: unzip it, print labels.html, then run the flash script.`;
  }

  document.addEventListener('roster-saved', () => refresh());
  document.addEventListener('venue-saved', () => refresh());
  await refresh();
}

/**
 * "Start the drill": the gateway checks both files as `beacons gateway` would, then hands over to the live gateway
 * on the same address; the page goes to the dashboard once it answers.
 * @param {HTMLButtonElement} button
 * @param {Gateway} api
 */
export function mountStart(button, api) {
  const note = h('span', { class: 'save-state', id: 'start-state', role: 'status', hidden: true });
  button.after(note);
  button.addEventListener('click', async () => {
    button.disabled = true;
    note.hidden = false;
    note.classList.remove('error');
    note.textContent = 'Starting the drill…';
    try {
      await api.post('/api/setup/start');
    } catch (e) {
      button.disabled = false;
      note.classList.add('error');
      const first = problemsOf(e).slice(0, 3).map(problemText);
      note.textContent = [messageOf(e), ...first].join(' ');
      return;
    }
    // The setup host stops and the gateway starts on the same address: wait for the gateway's own status.
    for (;;) {
      try {
        await api.get('/api/status');
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
    location.href = '/';
  });
}
