// @ts-check
// The roster as a fold over the drill's events: docs/gateway-api.md "Folding events", mirrored from the
// gateway's RosterFold. The live dashboard folds the stream into the roster it read; the after-action review
// can fold a record from its first event (rosterFromVenue) to show any moment.
//
// A roster here holds Maps keyed by ID (zones, officers, casualties, receivers, anchors, alerts) and the notes
// list. applyEvent changes the roster it is given (no copy per event: a drill has tens of thousands of events).

function byId(list, key) {
  const map = new Map();
  for (const item of list ?? []) map.set(item[key], { ...item });
  return map;
}

function newOfficer(badge, role) {
  return {
    badge, name: null, agency: null, role: role ?? 'unknown', listed: false, zone: 0, zoneSinceMs: null,
    selfLocated: false, firstHeardMs: null, lastHeardMs: null, battery: null, emergency: false,
    emergencySinceMs: null, counter: 0,
  };
}

function newCasualty(tag) {
  return {
    tag, label: null, listed: false, colour: 'untagged', committed: false, changes: 0, colourChangedAtMs: null,
    zone: 0, zoneSinceMs: null, firstSeenMs: null, lastHeardMs: null, battery: null, reachedCcpMs: null, counter: 0,
  };
}

function newReceiver(id, name, zone) {
  return {
    id, name, zone, lastHeartbeatMs: null, sequence: 0, uptimeMs: 0, heard: 0, sent: 0, dropped: 0,
    reconnects: 0, wifiRssi: 0, reportsPerSecond: 0,
  };
}

/** The roster before any event: the venue's zones, receivers and anchors, the exercise's officers and tags, none heard. */
export function rosterFromVenue(venue, exercise) {
  const zones = new Map();
  for (const z of venue.zones) {
    zones.set(z.id, {
      id: z.id, name: z.name, floor: z.floor, status: z.status ?? 'hot', statusSinceMs: null,
      ccp: !!z.ccp, outside: !!z.outside,
    });
  }
  const officers = new Map();
  for (const o of exercise.officers ?? []) {
    officers.set(o.badge, { ...newOfficer(o.badge, o.role), name: o.name, agency: o.agency ?? '', listed: true });
  }
  const casualties = new Map();
  for (const t of exercise.tags ?? []) {
    casualties.set(t.tag, { ...newCasualty(t.tag), label: t.label ?? `Tag ${t.tag}`, listed: true });
  }
  const receivers = new Map();
  for (const r of venue.receivers ?? []) receivers.set(r.id, newReceiver(r.id, r.name ?? `R${r.id}`, r.zone));
  const anchors = new Map();
  for (const a of venue.anchors ?? []) anchors.set(a.id, { id: a.id, zone: a.zone, lastHeardMs: null, counter: 0 });
  return {
    lastEventId: 0, clock: { startedAtMs: null, stoppedAtMs: null },
    zones, officers, casualties, receivers, anchors, alerts: new Map(), notes: [],
  };
}

/** The roster as GET /api/roster sends it. */
export function rosterFromJson(json) {
  const strip = (list, key) => {
    const map = byId(list, key);
    for (const item of map.values()) {
      delete item.zoneName;
      delete item.zoneStatus;
      delete item.active;
    }
    return map;
  };
  return {
    lastEventId: json.lastEventId,
    clock: { startedAtMs: json.clock?.startedAtMs ?? null, stoppedAtMs: json.clock?.stoppedAtMs ?? null },
    zones: byId(json.zones, 'id'),
    officers: strip(json.officers, 'badge'),
    casualties: strip(json.casualties, 'tag'),
    receivers: byId(json.receivers, 'id'),
    anchors: byId(json.anchors, 'id'),
    alerts: strip(json.alerts, 'id'),
    notes: (json.notes ?? []).map((n) => ({ ...n })),
  };
}

export function ccpZoneId(r) {
  for (const z of r.zones.values()) if (z.ccp) return z.id;
  return 0;
}

function officer(r, badge, role) {
  let o = r.officers.get(badge);
  if (!o) {
    o = newOfficer(badge, role);
    r.officers.set(badge, o);
  }
  return o;
}

function casualty(r, tag) {
  let c = r.casualties.get(tag);
  if (!c) {
    c = newCasualty(tag);
    r.casualties.set(tag, c);
  }
  return c;
}

/** Folds one event ({id, at, kind, data}) into the roster and returns it. Unknown kinds only move lastEventId. */
export function applyEvent(r, e) {
  const at = e.at;
  const d = e.data ?? {};
  r.lastEventId = e.id;
  switch (e.kind) {
    case 'clock-started':
      r.clock = { startedAtMs: at, stoppedAtMs: null };
      break;
    case 'clock-stopped':
      r.clock = { ...r.clock, stoppedAtMs: at };
      break;
    case 'zone-status-set': {
      const z = r.zones.get(d.zone);
      if (z && (d.status === 'hot' || d.status === 'warm' || d.status === 'cold')) {
        z.status = d.status;
        z.statusSinceMs = at;
      }
      break;
    }
    case 'annotation':
      r.notes.push({ id: e.id, atMs: at, type: d.type, text: d.text, by: d.by ?? null, correctedAtMs: null });
      break;
    case 'annotation-corrected': {
      const n = r.notes.find((x) => x.id === d.annotation);
      if (n) Object.assign(n, { type: d.type, text: d.text, correctedAtMs: at });
      break;
    }
    case 'annotation-withdrawn':
      r.notes = r.notes.filter((x) => x.id !== d.annotation);
      break;
    case 'officer-seen': {
      const o = officer(r, d.badge, d.role);
      o.firstHeardMs = at;
      o.lastHeardMs = at;
      break;
    }
    case 'officer-zone-changed': {
      const o = officer(r, d.badge);
      o.zone = d.zone;
      o.zoneSinceMs = at;
      o.selfLocated = d.selfLocated;
      break;
    }
    case 'emergency': {
      const o = officer(r, d.badge);
      o.emergency = d.active;
      o.emergencySinceMs = d.active ? at : null;
      break;
    }
    case 'casualty-seen': {
      const c = casualty(r, d.tag);
      c.firstSeenMs = at;
      c.lastHeardMs = at;
      break;
    }
    case 'tag-changed': {
      const c = casualty(r, d.tag);
      c.colour = d.colour;
      c.committed = d.committed;
      c.changes = d.changes;
      c.colourChangedAtMs = d.changedAtMs;
      break;
    }
    case 'casualty-zone-changed': {
      const c = casualty(r, d.tag);
      const ccp = ccpZoneId(r);
      if (c.reachedCcpMs == null && d.zone !== 0 && d.zone === ccp) c.reachedCcpMs = at;
      c.zone = d.zone;
      c.zoneSinceMs = at;
      break;
    }
    case 'presence':
      for (const p of d.devices ?? []) {
        if (p.kind === 'badge') {
          const o = officer(r, p.id);
          o.lastHeardMs = p.lastHeardMs;
          o.battery = p.battery;
          o.counter = p.counter;
          o.firstHeardMs ??= p.lastHeardMs;
        } else if (p.kind === 'tag') {
          const c = casualty(r, p.id);
          c.lastHeardMs = p.lastHeardMs;
          c.battery = p.battery;
          c.counter = p.counter;
          c.firstSeenMs ??= p.lastHeardMs;
        } else if (p.kind === 'anchor') {
          let a = r.anchors.get(p.id);
          if (!a) {
            a = { id: p.id, zone: 0, lastHeardMs: null, counter: 0 };
            r.anchors.set(p.id, a);
          }
          a.lastHeardMs = p.lastHeardMs;
          a.counter = p.counter;
        }
      }
      break;
    case 'receiver-heartbeat': {
      let rc = r.receivers.get(d.receiver);
      if (!rc) {
        rc = newReceiver(d.receiver, `R${d.receiver}`, 0);
        r.receivers.set(d.receiver, rc);
      }
      Object.assign(rc, {
        lastHeartbeatMs: at, sequence: d.sequence, uptimeMs: d.uptimeMs, heard: d.heard, sent: d.sent,
        dropped: d.dropped, reconnects: d.reconnects, wifiRssi: d.wifiRssi, reportsPerSecond: d.reportsPerSecond,
      });
      break;
    }
    case 'alert-raised':
      r.alerts.set(e.id, {
        id: e.id, type: d.type, badge: d.badge ?? null, tag: d.tag ?? null, receiver: d.receiver ?? null,
        zone: d.zone ?? null, message: d.message, raisedAtMs: at, clearedAtMs: null, acknowledgedAtMs: null,
      });
      break;
    case 'alert-cleared': {
      const a = r.alerts.get(d.alert);
      if (a) a.clearedAtMs = at;
      break;
    }
    case 'alert-acknowledged': {
      const a = r.alerts.get(d.alert);
      if (a) a.acknowledgedAtMs ??= at;
      break;
    }
    default:
      break; // a kind this page does not know (a later gateway): ignored, as the API asks
  }
  return r;
}

function sorted(map) {
  return [...map.values()].sort((a, b) => (a.id ?? a.badge ?? a.tag) - (b.id ?? b.badge ?? b.tag));
}

/** The roster in GET /api/roster's shape (lists sorted by ID, zone names and statuses beside zone IDs). */
export function rosterToJson(r) {
  const zoneName = (id) => r.zones.get(id)?.name ?? null;
  const zoneStatus = (id) => r.zones.get(id)?.status ?? null;
  const placed = (item) => ({ ...item, zoneName: zoneName(item.zone), zoneStatus: zoneStatus(item.zone) });
  return {
    lastEventId: r.lastEventId,
    clock: { ...r.clock },
    zones: sorted(r.zones).map((z) => ({ ...z })),
    officers: [...r.officers.values()].sort((a, b) => a.badge - b.badge).map(placed),
    casualties: [...r.casualties.values()].sort((a, b) => a.tag - b.tag).map(placed),
    receivers: sorted(r.receivers).map((x) => ({ ...x })),
    anchors: sorted(r.anchors).map((x) => ({ ...x })),
    alerts: sorted(r.alerts).map((a) => ({ ...a, active: a.clearedAtMs == null })),
    notes: r.notes.map((n) => ({ ...n })),
  };
}
