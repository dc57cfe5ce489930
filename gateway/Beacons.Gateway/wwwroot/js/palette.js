// @ts-check
// The page's colours: the floor plan draws with these, and the stylesheets' custom properties (--hot, --red, ...)
// carry the same values (tests/page/palette.test.js holds them together). Colour is never the only signal:
// labels.js has a word or a letter for each.

/** The alarm red: an emergency, a silent receiver, a red casualty. */
export const ALARM = '#d50000';

/** Zone status: the zone's tint and outline, and its status pill. */
export const ZONE_LOOK = {
  hot: { fill: '#ffd9d4', stroke: '#b71c1c', pill: '#b71c1c', pillText: '#ffffff' },
  warm: { fill: '#ffe8a8', stroke: '#8a5200', pill: '#f2a100', pillText: '#000000' },
  cold: { fill: '#d5e7fb', stroke: '#1a4f8f', pill: '#1a4f8f', pillText: '#ffffff' },
};

/** The casualty collection point's outline and pill. */
export const CCP_LOOK = { stroke: '#5b2a86', pill: '#5b2a86', pillText: '#ffffff' };

/** Triage colour: a marker's fill and letter, and the ink of one being assessed (not yet confirmed). */
export const TRIAGE_LOOK = {
  red: { fill: ALARM, text: '#ffffff', ink: '#b00000' },
  yellow: { fill: '#ffd600', text: '#000000', ink: '#7a6200' },
  green: { fill: '#1b7f2a', text: '#ffffff', ink: '#1b7f2a' },
  black: { fill: '#000000', text: '#ffffff', ink: '#000000' },
  untagged: { fill: '#ffffff', text: '#000000', ink: '#000000' },
};

/** The stylesheets' custom properties and the palette colour each must equal. */
export const CSS_COLOURS = {
  '--hot': ZONE_LOOK.hot.pill,
  '--warm': ZONE_LOOK.warm.pill,
  '--cold': ZONE_LOOK.cold.pill,
  '--red': TRIAGE_LOOK.red.fill,
  '--yellow': TRIAGE_LOOK.yellow.fill,
  '--green': TRIAGE_LOOK.green.fill,
  '--black': TRIAGE_LOOK.black.fill,
};
