// @ts-check
// Talking to the gateway: the controller token, JSON requests, and the live event stream that reconnects by
// itself and resumes after the last event it delivered, each event with the roster entities it changed
// (docs/gateway-api.md).

import { $ } from './dom.js';

const TOKEN_KEY = 'beacons.token';

export class GatewayError extends Error {
  /**
   * @param {number} status the HTTP status, or 0 when the gateway could not be reached
   * @param {string} message
   * @param {any} [problem] the problem body (RFC 9457), for its extension members
   */
  constructor(status, message, problem = null) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

export class Gateway {
  constructor(base = '') {
    this.base = base;
    this.token = null;
    this.clockOffsetMs = 0;
    try {
      this.token = sessionStorage.getItem(TOKEN_KEY);
    } catch {
      // storage refused (private mode): the token lives in memory only
    }
    // A link "http://gateway:47880/#token=..." hands the token over once; it then leaves the address bar,
    // so it is not on the projector for the whole drill.
    const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
    if (match) {
      this.setToken(decodeURIComponent(match[1]));
      const rest = location.hash.replace(/(?:^#|&)token=[^&]*/, '').replace(/^&/, '');
      history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    }
  }

  /** @param {string | null} token */
  setToken(token) {
    this.token = token || null;
    try {
      if (this.token) sessionStorage.setItem(TOKEN_KEY, this.token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // see above
    }
  }

  /** @param {boolean} json */
  headers(json) {
    /** @type {Record<string, string>} */
    const h = {};
    if (this.token) h.Authorization = `Bearer ${this.token}`;
    if (json) h['Content-Type'] = 'application/json';
    return h;
  }

  /**
   * @param {string} method
   * @param {string} path
   * @param {unknown} [body]
   * @returns {Promise<any>} the answer's JSON
   */
  async request(method, path, body) {
    let response;
    try {
      response = await fetch(this.base + path, {
        method,
        headers: this.headers(body !== undefined),
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
      });
    } catch {
      throw new GatewayError(0, 'the gateway cannot be reached');
    }
    const date = Date.parse(response.headers.get('Date') ?? '');
    if (!Number.isNaN(date)) {
      // The Date header has whole seconds: only a real skew (another machine's clock) is corrected.
      const offset = date - Date.now();
      this.clockOffsetMs = Math.abs(offset) > 2000 ? offset : 0;
    }
    const text = await response.text();
    let json;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      throw new GatewayError(response.status, json?.detail ?? `the gateway answered ${response.status}`, json);
    }
    return json;
  }

  /** @param {string} path */
  get(path) {
    return this.request('GET', path);
  }

  /**
   * @param {string} path
   * @param {unknown} [body]
   */
  post(path, body) {
    return this.request('POST', path, body ?? undefined);
  }

  /** The gateway's clock now, as well as this page can tell. */
  now() {
    return Date.now() + this.clockOffsetMs;
  }

  /**
   * A floor's plan image (GET /api/floors/{id}/image): an image element sends no header, so the token rides along.
   * @param {number} floorId
   */
  floorImageUrl(floorId) {
    const q = this.token ? `?${new URLSearchParams({ token: this.token })}` : '';
    return `${this.base}/api/floors/${floorId}/image${q}`;
  }

  /** @param {number} afterId */
  streamUrl(afterId) {
    const q = new URLSearchParams({ after: String(afterId) });
    if (this.token) q.set('token', this.token);
    return `${this.base}/api/stream?${q}`;
  }
}

/**
 * What a LiveStream tells its owner, and asks it.
 * @typedef {{
 *   onEvent: (event: { id: number, at: number, kind: string, data?: any }, changed: any) => void,
 *   onConnection?: (connected: boolean) => void,
 *   onTokenRefused?: () => void,
 *   verifyRecord: (lastId: number) => Promise<boolean>,
 *   lastRecordedId: () => number,
 *   onReset: () => void,
 * }} StreamHandlers
 */

/**
 * The live stream. Delivers each event once, in ID order, to onEvent with the roster entities it changed (null when
 * the gateway no longer holds them: the owner then reads the roster again); after any break (network, gateway restart)
 * it first checks with handlers.verifyRecord() that the gateway still keeps the same record (else onReset), then
 * reopens after the last event delivered, so nothing is missed and nothing repeats. A watchdog does the same
 * check every few seconds: it also notices a half-open connection (the record moved on, the stream did not) and
 * a gateway that now asks for a token (onTokenRefused).
 */
export class LiveStream {
  /**
   * @param {Gateway} gateway
   * @param {number} afterId the last event the caller already has
   * @param {StreamHandlers} handlers
   */
  constructor(gateway, afterId, handlers) {
    this.gateway = gateway;
    this.lastId = afterId;
    this.handlers = handlers;
    /** @type {EventSource | null} */
    this.source = null;
    this.connected = false;
    this.retryMs = 500;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.retryTimer = undefined;
    /** @type {ReturnType<typeof setInterval> | undefined} */
    this.watchTimer = undefined;
    /** @type {number | null} */
    this.lagSince = null;
    this.stopped = false;
  }

  start() {
    this.open();
    this.watchTimer = setInterval(() => this.watch(), 3000);
  }

  stop() {
    this.stopped = true;
    clearInterval(this.watchTimer);
    clearTimeout(this.retryTimer);
    this.source?.close();
  }

  open() {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.source?.close();
    if (this.stopped) return;
    const source = new EventSource(this.gateway.streamUrl(this.lastId));
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.retryMs = 500;
      this.setConnected(true);
    };
    source.onmessage = (message) => {
      if (this.source !== source) return;
      let event;
      let changed;
      try {
        ({ event, changed } = JSON.parse(message.data));
      } catch {
        return;
      }
      if (typeof event?.id !== 'number' || event.id <= this.lastId) return; // already delivered
      if (event.id !== this.lastId + 1) {
        // The gateway promises no gaps; should one appear anyway, ask again from the last event we have.
        this.reconnectSoon(0);
        return;
      }
      this.lastId = event.id;
      this.handlers.onEvent(event, changed ?? null);
    };
    source.onerror = () => {
      if (this.source !== source) return;
      // The browser would retry by itself, but gives up for good on some answers (a 401, a 503): do it here,
      // from the last event delivered, with a short backoff.
      source.close();
      this.setConnected(false);
      this.reconnectSoon(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 4000);
    };
  }

  /** @param {number} delayMs */
  reconnectSoon(delayMs) {
    if (this.retryTimer || this.stopped) return;
    this.source?.close();
    this.retryTimer = setTimeout(() => this.reopen(), delayMs);
  }

  /** After a break: the same record still? Then carry on from the last event; else start over. */
  async reopen() {
    this.retryTimer = undefined;
    if (this.stopped) return;
    let same;
    try {
      same = await this.handlers.verifyRecord(this.lastId);
    } catch (e) {
      this.setConnected(false);
      if (e instanceof GatewayError && e.status === 401) this.handlers.onTokenRefused?.();
      this.reconnectSoon(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 4000);
      return;
    }
    if (!same) {
      this.stop();
      this.handlers.onReset();
      return;
    }
    this.open();
  }

  /** @param {boolean} connected */
  setConnected(connected) {
    if (this.connected === connected) return;
    this.connected = connected;
    this.handlers.onConnection?.(connected);
  }

  async watch() {
    let same;
    try {
      same = await this.handlers.verifyRecord(this.lastId);
    } catch (e) {
      this.setConnected(false);
      if (e instanceof GatewayError && e.status === 401) this.handlers.onTokenRefused?.();
      return;
    }
    if (!same) {
      this.stop();
      this.handlers.onReset();
      return;
    }
    const recorded = this.handlers.lastRecordedId();
    if (recorded > this.lastId) {
      // Behind the record: fine for a moment (events in flight), not for two checks in a row.
      if (this.lagSince != null && this.lagSince === this.lastId) {
        this.lagSince = null;
        this.reconnectSoon(0);
      } else {
        this.lagSince = this.lastId;
      }
    } else {
      this.lagSince = null;
    }
    if (this.source?.readyState === EventSource.OPEN) this.setConnected(true);
  }
}

/** @type {Promise<void> | null} */
let tokenPrompt = null;

/**
 * Asks the controller for the gateway's token in the page's #token-dialog (both pages have one) and
 * gives it to `gateway`. Asked once: callers that need it while the dialog is open share the answer.
 * @param {Gateway} gateway
 * @param {boolean} refused
 * @returns {Promise<void>}
 */
export function askToken(gateway, refused) {
  if (tokenPrompt) return tokenPrompt;
  const dialog = $('token-dialog');
  const input = $('token-input');
  $('token-error').hidden = !refused;
  input.value = '';
  tokenPrompt = new Promise((resolve) => {
    const done = () => {
      const value = input.value.trim();
      if (!value) {
        dialog.showModal();
        return;
      }
      dialog.removeEventListener('close', done);
      gateway.setToken(value);
      tokenPrompt = null;
      resolve(undefined);
    };
    dialog.addEventListener('close', done);
    dialog.addEventListener('cancel', (/** @type {Event} */ ev) => ev.preventDefault());
    dialog.showModal();
  });
  return tokenPrompt;
}
