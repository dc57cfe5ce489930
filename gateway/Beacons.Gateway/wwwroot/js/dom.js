// @ts-check
// Building the page's elements: one helper for HTML (h) and SVG (svg), so every module makes its nodes the same way.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {string | number | boolean | null | undefined | ((ev: any) => void)} AttrValue
 * @typedef {Record<string, AttrValue>} Attrs
 * @typedef {Node | string | number | null | undefined | false} Child
 */

/**
 * The page's element with this id. Typed loosely on purpose: the page's HTML, not this checker, knows which kind
 * of element each id is (a browser test fails on a missing one).
 * @param {string} id
 * @returns {any}
 */
export const $ = (id) => document.getElementById(id);

/**
 * Sets attrs on node (skipping null, undefined and false; true is an empty attribute; onX functions listen for
 * X) and appends children (text for strings and numbers, nothing for null or false; arrays are flattened).
 * @template {Element} E
 * @param {E} node
 * @param {Attrs} attrs
 * @param {(Child | Child[])[]} children
 * @returns {E}
 */
function fill(node, attrs, children) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    node.append(typeof c === 'object' ? c : String(c));
  }
  return node;
}

/**
 * An HTML element: h('li', { class: 'alert', 'data-alert': 7, onclick: () => ... }, 'text', child).
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {(Child | Child[])[]} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

/**
 * An SVG element, as h() makes HTML ones.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {(Child | Child[])[]} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  return fill(/** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag)), attrs, children);
}
