// @ts-check
// The floor plan's colours: css/palette.css owns the palette, and COLOURS carries its values under the same
// custom-property names (tests/page/palette.test.js holds the two equal), so the SVG the plan draws needs
// no stylesheet. Colour is never the only signal: labels.js has a word or a letter for each.

/** css/palette.css's colours, by custom property. */
export const COLOURS = {
  '--hot': '#b71c1c', '--hot-text': '#ffffff', '--hot-tint': '#ffd9d4', '--hot-edge': '#b71c1c',
  '--warm': '#f2a100', '--warm-text': '#000000', '--warm-tint': '#ffe8a8', '--warm-edge': '#8a5200',
  '--cold': '#1a4f8f', '--cold-text': '#ffffff', '--cold-tint': '#d5e7fb', '--cold-edge': '#1a4f8f',
  '--ccp': '#5b2a86', '--ccp-text': '#ffffff',
  '--red': '#d50000', '--red-text': '#ffffff', '--red-ink': '#b00000',
  '--yellow': '#ffd600', '--yellow-text': '#000000', '--yellow-ink': '#7a6200',
  '--green': '#1b7f2a', '--green-text': '#ffffff', '--green-ink': '#1b7f2a',
  '--black': '#000000', '--black-text': '#ffffff', '--black-ink': '#000000',
  '--untagged': '#ffffff', '--untagged-text': '#000000', '--untagged-ink': '#000000',
};

/** The alarm red: an emergency, a silent receiver, a red casualty. */
export const ALARM = COLOURS['--red'];

/**
 * Zone status: the zone's tint and outline, and its status pill.
 * @param {'hot' | 'warm' | 'cold'} status
 */
function zoneLook(status) {
  return {
    fill: COLOURS[`--${status}-tint`], stroke: COLOURS[`--${status}-edge`], pill: COLOURS[`--${status}`], pillText: COLOURS[`--${status}-text`],
  };
}

export const ZONE_LOOK = { hot: zoneLook('hot'), warm: zoneLook('warm'), cold: zoneLook('cold') };

/** The casualty collection point's outline and pill. */
export const CCP_LOOK = { stroke: COLOURS['--ccp'], pill: COLOURS['--ccp'], pillText: COLOURS['--ccp-text'] };

/**
 * Triage colour: a marker's fill and letter, and the ink of one being assessed (not yet confirmed).
 * @param {'red' | 'yellow' | 'green' | 'black' | 'untagged'} colour
 */
function triageLook(colour) {
  return { fill: COLOURS[`--${colour}`], text: COLOURS[`--${colour}-text`], ink: COLOURS[`--${colour}-ink`] };
}

export const TRIAGE_LOOK = {
  red: triageLook('red'), yellow: triageLook('yellow'), green: triageLook('green'), black: triageLook('black'), untagged: triageLook('untagged'),
};
