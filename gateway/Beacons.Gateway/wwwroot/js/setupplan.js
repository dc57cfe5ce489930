// @ts-check
// The Setup page's Plan step (docs/setup.md): floors and their plans, the scale, zones, receivers and anchors drawn
// over the plan, every problem and coverage gap beside the drawing (the gateway checks the venue as drawn on each
// change), and the save. What is drawn is the venue file itself (docs/venue.md), in metres: the page edits that
// object in place, so fields it has no control for (walls, an anchor's iBeacon) are kept as they were.

import { h, svg } from './dom.js';
import {
  snapPoint, scaleFactor, scalePoint, round, zoneAt, crossesItself, middle, nextId, problemTarget, distance,
} from './setupgeometry.js';

/** @typedef {import('./setupgeometry.js').Point} Point */
/** @typedef {{ id: number, name?: string, width: number, height: number, image?: string }} Floor */
/** @typedef {{ id: number, name: string, floor: number, outline: Point[], status?: string, ccp?: boolean, outside?: boolean, stairs?: boolean }} Zone */
/** @typedef {{ id: number, name?: string, zone: number, floor?: number, position: Point }} Device */
/** @typedef {{ floor: number, from: Point, to: Point }} Wall */
/** @typedef {{ name: string, floors: Floor[], zones: Zone[], receivers: Device[], anchors: Device[], walls?: Wall[] }} VenueJson */
/** @typedef {{ path: string, problem: string }} FieldProblem */
/** @typedef {{ gap: string, zone: number, message: string }} Warning */
/** @typedef {{ kind: 'zone' | 'receiver' | 'anchor', id: number, corner?: number }} Selection */

/** Screen pixels within which a click takes an existing corner. */
const SNAP_PX = 10;
/** A new plan's metres per image pixel until the scale is set: a guess, so the drawing starts a sensible size. */
const FIRST_METRES_PER_PIXEL = 0.05;
const STATUSES = ['hot', 'warm', 'cold'];
const FIRST_ANCHOR_ID = 901;

const TOOL_HELP = {
  select: 'Click a zone, receiver or anchor to edit it; drag a corner or a device to move it.',
  zone: 'Click the corners of the zone in order. Finish by clicking the first corner or pressing Enter; Esc cancels, Backspace takes back a corner.',
  receiver: 'Click inside a zone to place a receiver there.',
  anchor: 'Click inside a zone to place an anchor there.',
  scale: 'Click two points a known distance apart (a wall, a door), then type that distance.',
};

/**
 * @param {HTMLElement} root the step's editor element
 * @param {import('./connection.js').Gateway} gateway
 */
export async function mountPlan(root, gateway) {
  const answer = await gateway.get('/api/setup/venue');
  /** @type {VenueJson} */
  const venue = answer.venue ?? { name: '', floors: [], zones: [], receivers: [], anchors: [] };
  for (const list of ['floors', 'zones', 'receivers', 'anchors']) venue[list] ??= [];
  const editor = new PlanEditor(root, gateway, venue);
  if (answer.problem) editor.setSaveState(answer.problem, true);
  editor.render();
  editor.check();
  return editor;
}

class PlanEditor {
  /**
   * @param {HTMLElement} root
   * @param {import('./connection.js').Gateway} gateway
   * @param {VenueJson} venue
   */
  constructor(root, gateway, venue) {
    this.root = root;
    this.gateway = gateway;
    this.venue = venue;
    /** @type {number | null} */
    this.floorId = venue.floors[0]?.id ?? null;
    /** Floors whose scale is known: every floor of a saved venue; a new one once two clicks and a distance set it. */
    this.scaled = new Set(venue.floors.map((f) => f.id));
    /** @type {'select' | 'zone' | 'receiver' | 'anchor' | 'scale'} */
    this.tool = 'select';
    /** @type {Selection | null} */
    this.selection = null;
    /** @type {Point[]} the zone being drawn */
    this.draft = [];
    /** @type {Point[]} the scale's two clicks */
    this.scalePoints = [];
    /** @type {{ problems: FieldProblem[], warnings: Warning[], links: { a: number, b: number }[], loads: boolean }} */
    this.result = { problems: [], warnings: [], links: [], loads: false };
    /** @type {Map<number, number>} a floor's plan version, so the browser fetches a replaced plan again */
    this.imageVersion = new Map();
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.checkTimer = undefined;
    this.checkSeq = 0;
    /** @type {{ kind: 'corner' | 'device', moved: boolean, from?: Point } | null} */
    this.drag = null;
    this.build();
  }

  // ---------------------------------------------------------------- the page's parts

  build() {
    const field = (/** @type {string} */ id) => h('p', { id, class: 'field-error', role: 'alert', hidden: true });
    this.root.replaceChildren(
      h('div', { class: 'panel' },
        h('fieldset', {},
          h('legend', {}, 'Venue'),
          h('label', {}, 'Name', h('input', { id: 'venue-name', type: 'text', placeholder: 'e.g. Northside High School', value: this.venue.name ?? '' }))),
        h('fieldset', {},
          h('legend', {}, 'Floors'),
          h('ul', { id: 'floor-list', class: 'floor-list' }),
          h('button', { id: 'add-floor', type: 'button' }, '+ Add a floor'),
          h('div', { id: 'floor-fields' },
            h('label', {}, 'Floor name', h('input', { id: 'floor-name', type: 'text' })),
            h('label', {}, 'Floor plan (PNG, JPEG or SVG)',
              h('input', { id: 'plan-file', type: 'file', accept: '.png,.jpg,.jpeg,.svg,image/png,image/jpeg,image/svg+xml' })),
            field('plan-error'),
            h('p', { class: 'hint' }, 'A PDF plan: open it, export the floor\'s page as a PNG image, and upload that.'),
            h('div', { id: 'floor-size-fields' },
              h('p', { class: 'hint' }, 'No plan image: give the floor\'s size.'),
              h('label', {}, 'Width (m)', h('input', { id: 'floor-width', type: 'number', min: '0.1', step: 'any' })),
              h('label', {}, 'Height (m)', h('input', { id: 'floor-height', type: 'number', min: '0.1', step: 'any' })),
              field('floor-size-error')),
            h('p', { id: 'floor-size', class: 'hint' }),
            h('button', { id: 'delete-floor', type: 'button', class: 'danger' }, 'Delete this floor'))),
        h('fieldset', { id: 'scale-fields' },
          h('legend', {}, 'Scale'),
          h('p', { id: 'scale-state', class: 'hint' }),
          h('button', { id: 'tool-scale', type: 'button', 'aria-pressed': 'false', 'data-tool': 'scale' }, 'Set the scale'),
          h('label', {}, 'Distance between the two points (m)', h('input', { id: 'scale-distance', type: 'text', inputmode: 'decimal', autocomplete: 'off' })),
          field('scale-error'),
          h('button', { id: 'scale-apply', type: 'button', class: 'primary' }, 'Apply the scale'))),
      h('div', { class: 'panel' },
        h('div', { class: 'tools', role: 'toolbar', 'aria-label': 'Drawing tools' },
          h('button', { id: 'tool-select', type: 'button', 'data-tool': 'select' }, 'Select / move'),
          h('button', { id: 'tool-zone', type: 'button', 'data-tool': 'zone' }, 'Draw a zone'),
          h('button', { id: 'tool-receiver', type: 'button', 'data-tool': 'receiver' }, 'Place a receiver'),
          h('button', { id: 'tool-anchor', type: 'button', 'data-tool': 'anchor' }, 'Place an anchor')),
        h('p', { id: 'tool-help', class: 'tool-help' }),
        h('div', { class: 'canvas-wrap' },
          svg('svg', { id: 'plan-canvas', role: 'application', 'aria-label': 'Floor plan: draw zones and place devices', tabindex: '0' })),
        field('draw-error')),
      h('div', { class: 'panel' },
        h('fieldset', { id: 'selection-fields' }, h('legend', {}, 'Selected')),
        h('fieldset', {},
          h('legend', {}, 'Problems and coverage'),
          h('p', { id: 'problems-summary', class: 'hint' }),
          h('ul', { id: 'problems', class: 'problems' })),
        h('div', { class: 'save-row' },
          h('button', { id: 'save-venue', type: 'button', class: 'primary' }, 'Save the venue'),
          h('span', { id: 'save-state', class: 'save-state', role: 'status' }))),
    );
    this.canvas = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (this.root.querySelector('#plan-canvas')));
    this.wire();
  }

  /** @param {string} id */
  el(id) {
    return /** @type {any} */ (this.root.querySelector(`#${id}`));
  }

  wire() {
    this.el('venue-name').addEventListener('input', (/** @type {Event} */ e) => {
      this.venue.name = /** @type {HTMLInputElement} */ (e.target).value;
      this.changed();
    });
    this.el('add-floor').addEventListener('click', () => this.addFloor());
    this.el('floor-name').addEventListener('input', (/** @type {Event} */ e) => {
      const floor = this.floor();
      if (!floor) return;
      floor.name = /** @type {HTMLInputElement} */ (e.target).value;
      this.renderFloors();
      this.changed();
    });
    this.el('plan-file').addEventListener('change', (/** @type {Event} */ e) => {
      const input = /** @type {HTMLInputElement} */ (e.target);
      const file = input.files?.[0];
      if (file) this.upload(file).finally(() => { input.value = ''; });
    });
    for (const id of ['floor-width', 'floor-height']) {
      this.el(id).addEventListener('change', () => this.setFloorSize());
    }
    this.el('delete-floor').addEventListener('click', () => this.deleteFloor());
    this.el('scale-apply').addEventListener('click', () => this.applyScale());
    this.el('scale-distance').addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
      if (e.key === 'Enter') this.applyScale();
    });
    for (const button of this.root.querySelectorAll('[data-tool]')) {
      button.addEventListener('click', () => this.setTool(/** @type {any} */ (button).dataset.tool));
    }
    this.el('save-venue').addEventListener('click', () => this.save());
    // The frame around the plan takes clicks too: a click just past the plan's edge lands exactly on it.
    this.frame = /** @type {HTMLElement} */ (this.canvas.parentElement);
    this.frame.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.frame.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.frame.addEventListener('pointerup', (e) => this.pointerUp(e));
    document.addEventListener('keydown', (e) => this.key(e));
    // The snap radius and marker sizes are in screen pixels: redraw when the plan's size on screen changes.
    new ResizeObserver(() => this.renderCanvas()).observe(this.canvas);
  }

  // ---------------------------------------------------------------- model helpers

  /** @returns {Floor | null} */
  floor() {
    return this.venue.floors.find((f) => f.id === this.floorId) ?? null;
  }

  /** @param {number} floorId */
  zonesOn(floorId) {
    return this.venue.zones.filter((z) => z.floor === floorId);
  }

  /** @param {Device} d */
  floorOf(d) {
    return d.floor ?? this.venue.zones.find((z) => z.id === d.zone)?.floor;
  }

  /** @param {number} id */
  zone(id) {
    return this.venue.zones.find((z) => z.id === id) ?? null;
  }

  /** @param {'receiver' | 'anchor'} kind */
  devices(kind) {
    return kind === 'receiver' ? this.venue.receivers : this.venue.anchors;
  }

  /** Metres per screen pixel on the plan as drawn now. */
  metresPerPixel() {
    const ctm = this.canvas.getScreenCTM();
    const floor = this.floor();
    if (ctm && ctm.a > 0) return 1 / ctm.a;
    return floor ? floor.width / 800 : 0.05;
  }

  /**
   * Where on the plan (metres) a pointer event is.
   * @param {PointerEvent} e
   * @returns {Point}
   */
  at(e) {
    const ctm = this.canvas.getScreenCTM();
    if (!ctm) return [0, 0];
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const floor = this.floor();
    // A click on the plan's very edge lands on it, not a hair outside the floor.
    const clamp = (/** @type {number} */ v, /** @type {number} */ max) => Math.min(Math.max(round(v), 0), max);
    return floor ? [clamp(p.x, floor.width), clamp(p.y, floor.height)] : [round(p.x), round(p.y)];
  }

  /**
   * Every corner on this floor to snap to, but those of the zone being moved.
   * @param {number | null} [exceptZone]
   * @returns {Point[]}
   */
  corners(exceptZone = null) {
    const floorId = this.floorId;
    if (floorId == null) return [];
    return this.zonesOn(floorId).filter((z) => z.id !== exceptZone).flatMap((z) => z.outline);
  }

  /** Something changed: redraw, and ask the gateway for the problems soon. */
  changed() {
    this.setSaveState('Not saved yet.', false);
    this.render();
    this.check();
  }

  // ---------------------------------------------------------------- floors

  addFloor() {
    const id = nextId(this.venue.floors, 0, 255);
    if (id == null) return;
    this.venue.floors.push({ id, name: `Floor ${id}`, width: 40, height: 30 });
    this.floorId = id;
    this.selection = null;
    this.draft = [];
    this.changed();
    this.el('floor-name').focus();
  }

  deleteFloor() {
    const floor = this.floor();
    if (!floor) return;
    const zones = new Set(this.zonesOn(floor.id).map((z) => z.id));
    this.venue.zones = this.venue.zones.filter((z) => !zones.has(z.id));
    this.venue.receivers = this.venue.receivers.filter((r) => !zones.has(r.zone));
    this.venue.anchors = this.venue.anchors.filter((a) => !zones.has(a.zone));
    if (this.venue.walls) this.venue.walls = this.venue.walls.filter((w) => w.floor !== floor.id);
    this.venue.floors = this.venue.floors.filter((f) => f !== floor);
    this.floorId = this.venue.floors[0]?.id ?? null;
    this.selection = null;
    this.changed();
  }

  setFloorSize() {
    const floor = this.floor();
    if (!floor) return;
    const width = Number(this.el('floor-width').value);
    const height = Number(this.el('floor-height').value);
    const error = this.el('floor-size-error');
    if (!(width > 0) || !(height > 0) || !Number.isFinite(width) || !Number.isFinite(height)) {
      showField(error, 'Width and height must be numbers of metres, more than 0.');
      return;
    }
    showField(error, '');
    floor.width = width;
    floor.height = height;
    this.scaled.add(floor.id);
    this.changed();
  }

  /** @param {File} file */
  async upload(file) {
    const floor = this.floor();
    if (!floor) return;
    const error = this.el('plan-error');
    showField(error, '');
    const bytes = new Uint8Array(await file.arrayBuffer());
    let answer;
    try {
      answer = await this.gateway.request('POST', `/api/setup/floors/${floor.id}/plan`, { data: base64(bytes) });
    } catch (e) {
      const at = e.problem?.problems?.find((/** @type {FieldProblem} */ p) => p.path === 'image');
      showField(error, `${file.name}: ${at?.problem ?? e.message}`);
      return;
    }
    floor.image = answer.image;
    this.imageVersion.set(floor.id, (this.imageVersion.get(floor.id) ?? 0) + 1);
    // The floor's metres follow from the image's pixels: a new floor takes a first guess until its scale is set; a
    // floor with a scale keeps its width (the new plan of the same floor) and takes the new plan's shape.
    const width = this.scaled.has(floor.id) ? floor.width : answer.width * FIRST_METRES_PER_PIXEL;
    floor.width = round(width);
    floor.height = round((width * answer.height) / answer.width);
    this.changed();
  }

  // ---------------------------------------------------------------- the scale

  applyScale() {
    const floor = this.floor();
    if (!floor) return;
    const error = this.el('scale-error');
    const result = scaleFactor(this.scalePoints[0], this.scalePoints[1], this.el('scale-distance').value);
    if ('error' in result) {
      showField(error, result.error);
      return;
    }
    showField(error, '');
    const f = result.factor;
    // Everything on the floor grows with it, so each zone and device stays where it was on the plan.
    floor.width = round(floor.width * f);
    floor.height = round(floor.height * f);
    for (const z of this.zonesOn(floor.id)) z.outline = z.outline.map((p) => scalePoint(p, f));
    for (const d of [...this.venue.receivers, ...this.venue.anchors]) {
      if (this.floorOf(d) === floor.id) d.position = scalePoint(d.position, f);
    }
    for (const w of this.venue.walls ?? []) {
      if (w.floor === floor.id) {
        w.from = scalePoint(w.from, f);
        w.to = scalePoint(w.to, f);
      }
    }
    this.scaled.add(floor.id);
    this.scalePoints = [];
    this.el('scale-distance').value = '';
    this.setTool('select');
    this.changed();
  }

  // ---------------------------------------------------------------- tools and the pointer

  /** @param {'select' | 'zone' | 'receiver' | 'anchor' | 'scale'} tool */
  setTool(tool) {
    this.tool = tool;
    this.draft = [];
    if (tool !== 'scale') this.scalePoints = [];
    showField(this.el('draw-error'), '');
    this.render();
  }

  /** @param {PointerEvent} e */
  pointerDown(e) {
    const floor = this.floor();
    if (!floor || e.button !== 0) return;
    const target = /** @type {Element} */ (e.target);
    const point = this.at(e);
    const radius = SNAP_PX * this.metresPerPixel();
    showField(this.el('draw-error'), '');
    if (this.tool === 'scale') {
      this.scalePoints = this.scalePoints.length >= 2 ? [point] : [...this.scalePoints, point];
      this.render();
      if (this.scalePoints.length === 2) this.el('scale-distance').focus();
      return;
    }
    if (this.tool === 'zone') {
      const first = this.draft[0];
      if (this.draft.length >= 3 && distance(point, first) <= radius) {
        this.closeDraft();
        return;
      }
      const snapped = snapPoint(point, [...this.corners(), ...this.draft.slice(0, 1)], radius).point;
      this.draft.push(snapped);
      this.render();
      return;
    }
    if (this.tool === 'receiver' || this.tool === 'anchor') {
      this.place(this.tool, point);
      return;
    }
    // Select: a corner of the selected zone, a device, a zone, or nothing.
    const corner = target.closest('[data-corner]');
    const device = target.closest('[data-device]');
    const zone = target.closest('[data-zone]');
    if (corner && this.selection?.kind === 'zone') {
      this.selection = { kind: 'zone', id: this.selection.id, corner: Number(corner.getAttribute('data-corner')) };
      this.drag = { kind: 'corner', moved: false };
    } else if (device) {
      const kind = /** @type {'receiver' | 'anchor'} */ (device.getAttribute('data-device'));
      const id = Number(device.getAttribute('data-id'));
      const d = this.devices(kind).find((x) => x.id === id);
      this.selection = { kind, id };
      this.drag = { kind: 'device', moved: false, from: d ? [d.position[0], d.position[1]] : undefined };
    } else if (zone) {
      this.selection = { kind: 'zone', id: Number(zone.getAttribute('data-zone')) };
    } else {
      this.selection = null;
    }
    if (this.drag) this.frame.setPointerCapture(e.pointerId);
    this.render();
  }

  /** @param {PointerEvent} e */
  pointerMove(e) {
    if (!this.drag || !this.selection) return;
    const point = this.at(e);
    if (this.drag.kind === 'corner' && this.selection.kind === 'zone' && this.selection.corner != null) {
      const z = this.zone(this.selection.id);
      if (!z) return;
      z.outline[this.selection.corner] = snapPoint(point, this.corners(z.id), SNAP_PX * this.metresPerPixel()).point;
    } else if (this.drag.kind === 'device' && this.selection.kind !== 'zone') {
      const d = this.devices(this.selection.kind).find((x) => x.id === this.selection?.id);
      if (d) d.position = point;
    }
    this.drag.moved = true;
    this.renderCanvas();
  }

  /** @param {PointerEvent} e */
  pointerUp(e) {
    const drag = this.drag;
    this.drag = null;
    if (!drag?.moved || !this.selection) return;
    if (this.frame.hasPointerCapture(e.pointerId)) this.frame.releasePointerCapture(e.pointerId);
    if (drag.kind === 'device' && this.selection.kind !== 'zone') {
      const kind = this.selection.kind;
      const d = this.devices(kind).find((x) => x.id === this.selection?.id);
      const floorId = this.floorId;
      if (d && floorId != null) {
        // A device is in the zone it stands in: dropped outside every zone, it goes back.
        const zone = zoneAt(d.position, this.zonesOn(floorId));
        if (zone) {
          d.zone = zone.id;
          if (d.floor != null) d.floor = zone.floor;
        } else if (drag.from) {
          d.position = drag.from;
          showField(this.el('draw-error'), `A ${kind} must stand inside a zone: it went back where it was.`);
        }
      }
    }
    this.changed();
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
    if (typing || !this.root.isConnected) return;
    if (this.tool === 'zone' && this.draft.length > 0) {
      if (e.key === 'Enter') this.closeDraft();
      else if (e.key === 'Escape') this.draft = [];
      else if (e.key === 'Backspace') this.draft.pop();
      else return;
      e.preventDefault();
      this.render();
      return;
    }
    if (e.key === 'Delete' && this.selection) {
      e.preventDefault();
      if (this.selection.corner != null) this.deleteCorner();
      else this.deleteSelected();
    }
  }

  closeDraft() {
    const floorId = this.floorId;
    if (floorId == null) return;
    if (this.draft.length < 3) {
      showField(this.el('draw-error'), 'A zone needs at least 3 corners.');
      return;
    }
    if (crossesItself(this.draft)) {
      // What was drawn stays: Backspace takes back corners.
      showField(this.el('draw-error'), 'This outline crosses itself: click the corners in order around the zone (Backspace takes back the last one).');
      return;
    }
    const id = nextId(this.venue.zones, 1, 255);
    if (id == null) {
      showField(this.el('draw-error'), 'A venue has at most 255 zones.');
      return;
    }
    this.venue.zones.push({ id, name: `Zone ${id}`, floor: floorId, outline: this.draft, status: 'hot', ccp: false, outside: false });
    this.draft = [];
    this.selection = { kind: 'zone', id };
    this.tool = 'select';
    this.changed();
    this.el('zone-name')?.select();
  }

  /**
   * @param {'receiver' | 'anchor'} kind
   * @param {Point} point
   */
  place(kind, point) {
    const floorId = this.floorId;
    if (floorId == null) return;
    const zone = zoneAt(point, this.zonesOn(floorId));
    if (!zone) {
      showField(this.el('draw-error'), `Click inside a zone: a ${kind} belongs to the zone it stands in.`);
      return;
    }
    const list = this.devices(kind);
    const id = kind === 'anchor' ? nextId(list, FIRST_ANCHOR_ID, 65535) ?? nextId(list, 1, 65535) : nextId(list, 1, 65535);
    if (id == null) return;
    list.push(kind === 'receiver' ? { id, name: `R${id}`, zone: zone.id, position: point } : { id, zone: zone.id, position: point });
    this.selection = { kind, id };
    this.changed();
  }

  deleteSelected() {
    const s = this.selection;
    if (!s) return;
    if (s.kind === 'zone') {
      const gone = [...this.venue.receivers, ...this.venue.anchors].filter((d) => d.zone === s.id).length;
      this.venue.zones = this.venue.zones.filter((z) => z.id !== s.id);
      this.venue.receivers = this.venue.receivers.filter((r) => r.zone !== s.id);
      this.venue.anchors = this.venue.anchors.filter((a) => a.zone !== s.id);
      if (gone > 0) showField(this.el('draw-error'), `Deleted the zone and the ${gone} device${gone === 1 ? '' : 's'} placed in it.`);
    } else {
      const list = this.devices(s.kind);
      list.splice(list.findIndex((d) => d.id === s.id), 1);
    }
    this.selection = null;
    this.changed();
  }

  deleteCorner() {
    const s = this.selection;
    const z = s?.kind === 'zone' ? this.zone(s.id) : null;
    if (!s || !z || s.corner == null) return;
    if (z.outline.length <= 3) {
      showField(this.el('zone-error'), 'A zone needs at least 3 corners: delete the zone instead.');
      return;
    }
    z.outline.splice(s.corner, 1);
    this.selection = { kind: 'zone', id: z.id };
    this.changed();
  }

  /**
   * A copy of a stairs zone on the floor above or below: one stairwell over the next is what links floors.
   * @param {Zone} z
   * @param {Floor} to
   */
  copyStairs(z, to) {
    const id = nextId(this.venue.zones, 1, 255);
    if (id == null) return;
    const outline = z.outline.map(([x, y]) => /** @type {Point} */ ([Math.min(x, to.width), Math.min(y, to.height)]));
    this.venue.zones.push({ id, name: `${z.name} (${to.name ?? `Floor ${to.id}`})`, floor: to.id, outline, status: z.status ?? 'hot', ccp: false, outside: false, stairs: true });
    this.floorId = to.id;
    this.selection = { kind: 'zone', id };
    this.changed();
  }

  // ---------------------------------------------------------------- checking and saving

  /** Asks the gateway, shortly after the last change, for every problem and coverage gap of the venue as drawn. */
  check() {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(async () => {
      const seq = ++this.checkSeq;
      try {
        const result = await this.gateway.post('/api/setup/venue/check', this.venue);
        if (seq !== this.checkSeq) return;
        this.result = result;
      } catch (e) {
        if (seq !== this.checkSeq) return;
        this.result = { loads: false, problems: [{ path: '$', problem: `cannot check the venue: ${e.message}` }], warnings: [], links: [] };
      }
      this.renderProblems();
      this.renderCanvas();
      this.renderSelection();
    }, 250);
  }

  /** Problems only the page knows: floors whose scale nobody set. */
  pageProblems() {
    return this.venue.floors
      .filter((f) => !this.scaled.has(f.id))
      .map((f) => ({ floor: f.id, problem: `${f.name ?? `Floor ${f.id}`}: the scale is not set. Click "Set the scale", click two points on the plan and type the distance between them.` }));
  }

  async save() {
    const unscaled = this.pageProblems();
    if (unscaled.length > 0) {
      this.setSaveState(`Not saved: ${unscaled[0].problem}`, true);
      return;
    }
    this.setSaveState('Saving…', false);
    try {
      const answer = await this.gateway.request('PUT', '/api/setup/venue', this.venue);
      const keys = answer.keysMade || answer.keysDropped
        ? ` (${answer.keysMade} receiver key${answer.keysMade === 1 ? '' : 's'} made, ${answer.keysDropped} dropped)` : '';
      const exercise = answer.exercise === 'none' ? '' : answer.exercise === 'updated' ? ` The roster's receivers were brought in line${keys}.` : ` The roster was ${answer.exercise}.`;
      this.setSaveState(`Saved venue.json at ${new Date().toLocaleTimeString()}.${exercise}`, false);
      this.root.dataset.saved = String(Date.now());
      // The Devices step reads the folder again (js/setuproster.js).
      this.root.dispatchEvent(new CustomEvent('venue-saved', { bubbles: true }));
    } catch (e) {
      const problems = e.problem?.problems;
      if (problems) {
        this.result = { loads: false, problems, warnings: [], links: [] };
        this.renderProblems();
        this.renderCanvas();
        this.renderSelection();
      }
      const why = String(e.message).replace(/^nothing was saved: /, '');
      this.setSaveState(`Not saved: ${why}${problems ? ' (each is listed under Problems)' : ''}. What you drew is still here.`, true);
    }
  }

  /**
   * @param {string} text
   * @param {boolean} error
   */
  setSaveState(text, error) {
    const state = this.el('save-state');
    state.textContent = text;
    state.classList.toggle('error', error);
  }

  // ---------------------------------------------------------------- drawing

  render() {
    if (this.floorId != null && !this.floor()) this.floorId = this.venue.floors[0]?.id ?? null;
    this.renderFloors();
    this.renderTools();
    this.renderCanvas();
    this.renderSelection();
    this.renderProblems();
  }

  renderFloors() {
    const list = this.el('floor-list');
    list.replaceChildren(...this.venue.floors.map((f) => h('li', {},
      h('button', {
        type: 'button', class: 'floor-tab', 'data-floor': f.id, 'aria-pressed': String(f.id === this.floorId),
        onclick: () => { this.floorId = f.id; this.selection = null; this.draft = []; this.scalePoints = []; this.render(); },
      }, f.name || `Floor ${f.id}`))));
    const floor = this.floor();
    this.el('floor-fields').hidden = !floor;
    this.el('scale-fields').hidden = !floor;
    if (!floor) return;
    const name = this.el('floor-name');
    if (document.activeElement !== name) name.value = floor.name ?? '';
    this.el('floor-size-fields').hidden = !!floor.image;
    if (document.activeElement !== this.el('floor-width')) this.el('floor-width').value = String(floor.width);
    if (document.activeElement !== this.el('floor-height')) this.el('floor-height').value = String(floor.height);
    this.el('floor-size').textContent = `The floor is ${floor.width} m by ${floor.height} m${floor.image ? ` (plan: ${floor.image})` : ''}.`;
    this.el('scale-state').textContent = this.scaled.has(floor.id)
      ? 'The scale is set. To correct it, set it again.'
      : 'The scale is not set yet: click "Set the scale", then two points on the plan a known distance apart.';
    this.el('scale-state').classList.toggle('field-error', !this.scaled.has(floor.id));
  }

  renderTools() {
    const floor = this.floor();
    for (const button of this.root.querySelectorAll('[data-tool]')) {
      const b = /** @type {HTMLButtonElement} */ (button);
      b.setAttribute('aria-pressed', String(b.dataset.tool === this.tool));
      b.disabled = !floor;
    }
    this.el('tool-receiver').disabled = !floor || this.zonesOn(floor.id).length === 0;
    this.el('tool-anchor').disabled = !floor || this.zonesOn(floor.id).length === 0;
    this.el('tool-help').textContent = !floor ? 'Add a floor to start.' : TOOL_HELP[this.tool];
  }

  renderCanvas() {
    const canvas = this.canvas;
    const floor = this.floor();
    if (!floor) {
      canvas.setAttribute('viewBox', '0 0 40 30');
      canvas.replaceChildren();
      return;
    }
    canvas.setAttribute('viewBox', `0 0 ${floor.width} ${floor.height}`);
    canvas.dataset.floor = String(floor.id);
    const px = this.metresPerPixel();
    const flagged = this.flagged();
    const parts = [];
    parts.push(floor.image
      ? svg('image', { class: 'floor-image', href: this.imageUrl(floor), x: 0, y: 0, width: floor.width, height: floor.height, preserveAspectRatio: 'none' })
      : svg('rect', { class: 'floor-blank', x: 0, y: 0, width: floor.width, height: floor.height, fill: '#fff' }));
    const zones = this.zonesOn(floor.id);
    parts.push(svg('g', { class: 'zones' }, zones.map((z) => {
      const selected = this.selection?.kind === 'zone' && this.selection.id === z.id;
      return svg('polygon', {
        class: `zone ${STATUSES.includes(z.status ?? 'hot') ? z.status ?? 'hot' : 'hot'}${selected ? ' selected' : ''}${flagged.zones.has(z.id) ? ' flagged' : flagged.warned.has(z.id) ? ' warned' : ''}`,
        'data-zone': z.id, points: z.outline.map((p) => p.join(',')).join(' '),
      });
    })));
    parts.push(svg('g', { class: 'labels' }, zones.map((z) => {
      const [x, y] = middle(z.outline);
      return svg('text', { class: 'zone-label', x, y, 'font-size': 14 * px, 'text-anchor': 'middle' }, `${z.name}${z.ccp ? ' (CCP)' : ''}`);
    })));
    for (const kind of /** @type {const} */ (['receiver', 'anchor'])) {
      parts.push(svg('g', { class: `${kind}s` }, this.devices(kind).filter((d) => this.floorOf(d) === floor.id).map((d) => {
        const selected = this.selection?.kind === kind && this.selection.id === d.id;
        const cls = `device ${kind}${selected ? ' selected' : ''}${(kind === 'receiver' ? flagged.receivers : flagged.anchors).has(d.id) ? ' flagged' : ''}`;
        const [x, y] = d.position;
        const r = 7 * px;
        const shape = kind === 'receiver'
          ? svg('circle', { class: cls, cx: x, cy: y, r, 'data-device': kind, 'data-id': d.id })
          : svg('rect', { class: cls, x: x - r, y: y - r, width: 2 * r, height: 2 * r, transform: `rotate(45 ${x} ${y})`, 'data-device': kind, 'data-id': d.id });
        return svg('g', {}, shape,
          svg('text', { class: 'device-label', x: x + 1.6 * r, y: y + 0.5 * r, 'font-size': 12 * px }, kind === 'receiver' ? d.name ?? `R${d.id}` : `A${d.id}`));
      })));
    }
    const s = this.selection;
    const sz = s?.kind === 'zone' ? this.zone(s.id) : null;
    if (sz && sz.floor === floor.id && this.tool === 'select') {
      parts.push(svg('g', { class: 'corners' }, sz.outline.map((p, i) => svg('circle', {
        class: `corner${s?.corner === i ? ' selected' : ''}`, cx: p[0], cy: p[1], r: 6 * px, 'data-corner': i,
      }))));
    }
    if (this.draft.length > 0) {
      parts.push(svg('polyline', { class: 'draft', points: this.draft.map((p) => p.join(',')).join(' ') }));
      parts.push(svg('g', { class: 'draft-corners' }, this.draft.map((p, i) => svg('circle', {
        class: 'corner draft-corner', cx: p[0], cy: p[1], r: (i === 0 ? 8 : 5) * px,
      }))));
    }
    if (this.scalePoints.length > 0) {
      if (this.scalePoints.length === 2) {
        const [a, b] = this.scalePoints;
        parts.push(svg('line', { class: 'scale-line', x1: a[0], y1: a[1], x2: b[0], y2: b[1] }));
      }
      parts.push(...this.scalePoints.map((p) => svg('circle', { class: 'scale-point', cx: p[0], cy: p[1], r: 6 * px })));
    }
    canvas.replaceChildren(...parts);
  }

  /** @param {Floor} floor */
  imageUrl(floor) {
    const q = new URLSearchParams({ path: floor.image ?? '' });
    if (this.gateway.token) q.set('token', this.gateway.token);
    const version = this.imageVersion.get(floor.id);
    if (version) q.set('v', String(version));
    return `${this.gateway.base}/api/setup/image?${q}`;
  }

  /** The zones and devices a problem is about (flagged), and the zones a coverage warning is about (warned), to mark them on the plan. */
  flagged() {
    const zones = new Set();
    const receivers = new Set();
    const anchors = new Set();
    for (const p of this.result.problems) {
      const t = problemTarget(p.path);
      if (!t) continue;
      const item = /** @type {any} */ (this.venue)[t.list]?.[t.index];
      if (t.list === 'zones' && item) zones.add(item.id);
      if (t.list === 'receivers' && item) receivers.add(item.id);
      if (t.list === 'anchors' && item) anchors.add(item.id);
    }
    const warned = new Set(this.result.warnings.map((w) => w.zone).filter((z) => z));
    return { zones, receivers, anchors, warned };
  }

  renderSelection() {
    const box = this.el('selection-fields');
    const s = this.selection;
    const legend = h('legend', {}, 'Selected');
    if (!s) {
      box.replaceChildren(legend, h('p', { class: 'hint' }, 'Nothing selected: click a zone, a receiver or an anchor on the plan.'));
      return;
    }
    if (s.kind === 'zone') {
      const z = this.zone(s.id);
      if (!z) {
        this.selection = null;
        box.replaceChildren(legend);
        return;
      }
      box.replaceChildren(legend, ...this.zoneFields(z));
      return;
    }
    const d = this.devices(s.kind).find((x) => x.id === s.id);
    if (!d) {
      this.selection = null;
      box.replaceChildren(legend);
      return;
    }
    const zone = this.zone(d.zone);
    box.replaceChildren(legend,
      h('p', { class: 'hint' }, `${s.kind === 'receiver' ? 'Receiver' : 'Anchor'} ${d.id}, in zone "${zone?.name ?? d.zone}".`),
      s.kind === 'receiver'
        ? h('label', {}, 'Name', h('input', {
          id: 'device-name', type: 'text', value: d.name ?? '',
          oninput: (/** @type {Event} */ e) => { d.name = /** @type {HTMLInputElement} */ (e.target).value; this.renderCanvas(); this.check(); },
        }))
        : h('p', { class: 'hint' }, 'An anchor\'s ID is the device ID its badge-side frames carry (docs/venue.md).'),
      this.problemsAt(s.kind === 'receiver' ? 'receivers' : 'anchors', this.devices(s.kind).indexOf(d)),
      h('button', { id: 'delete-device', type: 'button', class: 'danger', onclick: () => this.deleteSelected() }, `Delete this ${s.kind}`));
  }

  /** @param {Zone} z */
  zoneFields(z) {
    const index = this.venue.zones.indexOf(z);
    /** @param {'ccp' | 'outside' | 'stairs'} key @param {string} label @param {string} id */
    const check = (key, label, id) => h('label', { class: 'check' },
      h('input', {
        id, type: 'checkbox', checked: !!z[key],
        onchange: (/** @type {Event} */ e) => {
          const on = /** @type {HTMLInputElement} */ (e.target).checked;
          // One CCP: marking this one unmarks the other.
          if (key === 'ccp' && on) for (const other of this.venue.zones) other.ccp = false;
          z[key] = on;
          this.changed();
        },
      }), label);
    const fields = [
      h('label', {}, 'Zone name', h('input', {
        id: 'zone-name', type: 'text', value: z.name,
        oninput: (/** @type {Event} */ e) => { z.name = /** @type {HTMLInputElement} */ (e.target).value; this.renderCanvas(); this.check(); },
      })),
      h('label', {}, 'Status at the start', h('select', {
        id: 'zone-status',
        onchange: (/** @type {Event} */ e) => { z.status = /** @type {HTMLSelectElement} */ (e.target).value; this.changed(); },
      }, STATUSES.map((st) => h('option', { value: st, selected: (z.status ?? 'hot') === st }, st)))),
      check('ccp', 'Casualty collection point (CCP)', 'zone-ccp'),
      check('outside', 'Outside the building', 'zone-outside'),
      check('stairs', 'Stairs or lift (links floors)', 'zone-stairs'),
    ];
    if (z.stairs) fields.push(...this.stairsFields(z));
    fields.push(
      h('p', { class: 'hint' }, `Zone ${z.id}, ${z.outline.length} corners. Drag a corner to move it; click one and press Delete to remove it.`),
      h('p', { id: 'zone-error', class: 'field-error', role: 'alert', hidden: true }),
      this.problemsAt('zones', index),
      h('div', { class: 'tools' },
        this.selection?.corner != null ? h('button', { id: 'delete-corner', type: 'button', onclick: () => this.deleteCorner() }, 'Delete this corner') : null,
        h('button', { id: 'delete-zone', type: 'button', class: 'danger', onclick: () => this.deleteSelected() }, 'Delete this zone')));
    return fields;
  }

  /**
   * Which floors this stairwell links, and a way to link it: people change floor only between stairs zones on
   * neighbouring floors (IDs one apart) that overlap in plan (docs/venue.md, "Neighbouring zones").
   * @param {Zone} z
   */
  stairsFields(z) {
    const linked = this.result.links
      .filter((l) => l.a === z.id || l.b === z.id)
      .map((l) => this.zone(l.a === z.id ? l.b : l.a))
      .filter((x) => x != null);
    const floorName = (/** @type {number} */ id) => this.venue.floors.find((f) => f.id === id)?.name ?? `Floor ${id}`;
    const text = linked.length > 0
      ? `Links to ${linked.map((x) => `"${x?.name}" on ${floorName(x?.floor ?? 0)}`).join(', ')}.`
      : 'Links to no other floor yet: a stairs zone over this one on the floor above or below makes the link.';
    const copies = [z.floor + 1, z.floor - 1]
      .map((id) => this.venue.floors.find((f) => f.id === id))
      .filter((f) => f != null && !linked.some((x) => x?.floor === f.id))
      .map((f) => h('button', {
        type: 'button', class: 'copy-stairs', 'data-to-floor': f?.id, onclick: () => f && this.copyStairs(z, f),
      }, `Put the same stairs on ${f?.name ?? `Floor ${f?.id}`}`));
    return [h('p', { id: 'stairs-links', class: 'hint' }, text), ...copies];
  }

  /**
   * The problems at one zone or device, shown beside its fields.
   * @param {string} list
   * @param {number} index
   */
  problemsAt(list, index) {
    const own = this.result.problems.filter((p) => {
      const t = problemTarget(p.path);
      return t?.list === list && t.index === index;
    });
    const item = /** @type {any} */ (this.venue)[list]?.[index];
    const warnings = list === 'zones' && item ? this.result.warnings.filter((w) => w.zone === item.id) : [];
    return h('ul', { class: 'problems at-item' },
      own.map((p) => h('li', { class: 'problem' }, p.problem)),
      warnings.map((w) => h('li', { class: 'warning' }, w.message)));
  }

  renderProblems() {
    const page = this.pageProblems();
    const { problems, warnings } = this.result;
    const list = this.el('problems');
    const items = [
      ...page.map((p) => h('li', { class: 'problem page-problem', onclick: () => { this.floorId = p.floor; this.render(); } }, p.problem)),
      ...problems.map((p) => this.problemItem(p)),
      ...warnings.map((w) => h('li', {
        class: 'warning', 'data-zone': w.zone || null,
        onclick: () => this.show('zones', this.venue.zones.findIndex((z) => z.id === w.zone)),
      }, h('span', { class: 'where' }, w.zone ? `Zone "${this.zone(w.zone)?.name ?? w.zone}"` : 'The venue'), w.message)),
    ];
    list.replaceChildren(...items);
    const count = page.length + problems.length;
    this.el('problems-summary').textContent = count === 0 && warnings.length === 0
      ? 'No problems, and nothing left without coverage.'
      : `${count} problem${count === 1 ? '' : 's'} to fix before saving; ${warnings.length} coverage warning${warnings.length === 1 ? '' : 's'} (worth fixing, not required).`;
  }

  /** @param {FieldProblem} p */
  problemItem(p) {
    const t = problemTarget(p.path);
    const item = t ? /** @type {any} */ (this.venue)[t.list]?.[t.index] : null;
    const where = !t || !item ? (p.path === '$.name' ? 'Venue name' : p.path === '$' ? 'The venue' : p.path.replace(/^\$\./, ''))
      : t.list === 'zones' ? `Zone "${item.name || item.id}"`
        : t.list === 'receivers' ? `Receiver ${item.name || item.id}`
          : t.list === 'anchors' ? `Anchor ${item.id}`
            : t.list === 'floors' ? `Floor "${item.name ?? item.id}"` : `Wall ${t.index + 1}`;
    return h('li', { class: 'problem', 'data-path': p.path, onclick: () => t && this.show(t.list, t.index) },
      h('span', { class: 'where' }, where), p.problem);
  }

  /**
   * Shows a zone, device or floor a problem is about: its floor, selected.
   * @param {string} list
   * @param {number} index
   */
  show(list, index) {
    const item = /** @type {any} */ (this.venue)[list]?.[index];
    if (!item) return;
    if (list === 'floors') this.floorId = item.id;
    else if (list === 'zones') {
      this.floorId = item.floor;
      this.selection = { kind: 'zone', id: item.id };
    } else if (list === 'receivers' || list === 'anchors') {
      this.floorId = this.floorOf(item) ?? this.floorId;
      this.selection = { kind: list === 'receivers' ? 'receiver' : 'anchor', id: item.id };
    }
    this.tool = 'select';
    this.render();
  }
}

/**
 * @param {HTMLElement} el
 * @param {string} text empty hides it
 */
function showField(el, text) {
  if (!el) return;
  el.textContent = text;
  el.hidden = !text;
}

/** @param {Uint8Array} bytes */
function base64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
