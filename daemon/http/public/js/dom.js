/**
 * @module DOM helpers that put data into the page as text only.
 *
 * Every view builds its markup with {@link el}: data goes in through `textContent` and attribute
 * values, never through `innerHTML`, so a metric name or an alert label that holds markup is shown
 * as text. Event handlers are functions passed as `on<event>` keys (never strings), which keeps the
 * page working under a CSP without 'unsafe-inline'.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * @typedef {string | number | Node | null | undefined | false | Child[]} Child
 * @typedef {Record<string, unknown>} Attrs
 */

/**
 * Sets attributes, listeners and text on `node`.
 * @param {Element} node
 * @param {Attrs} attrs
 */
function apply(node, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.setAttribute('class', String(value));
    else if (key.startsWith('on')) {
      // A string handler would be inline script: refuse it, so no view can slip one in.
      if (typeof value !== 'function') throw new TypeError(`${key} must be a function`);
      node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    } else if (key === 'style') throw new TypeError('style attributes are not allowed (CSP)');
    else node.setAttribute(key, value === true ? '' : String(value));
  }
}

/**
 * Appends children: strings and numbers as text nodes, nodes as they are, arrays flattened.
 * @param {Node} node
 * @param {Child[]} children
 */
export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (typeof child === 'string' || typeof child === 'number')
      node.appendChild(document.createTextNode(String(child)));
    else node.appendChild(child);
  }
}

/**
 * Creates an HTML element.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  apply(node, attrs);
  append(node, children);
  return node;
}

/**
 * Creates an SVG element.
 * @param {string} tag
 * @param {Attrs} [attrs]
 * @param {...Child} children
 * @returns {SVGElement}
 */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  apply(node, attrs);
  append(node, children);
  return node;
}

/**
 * Replaces the children of `node`.
 * @param {Node} node
 * @param {...Child} children
 */
export function replace(node, ...children) {
  while (node.firstChild !== null) node.removeChild(node.firstChild);
  append(node, children);
}

/**
 * A section with a heading, labelled by it for screen readers.
 * @param {string} id
 * @param {string} title
 * @param {...Child} children
 */
export function section(id, title, ...children) {
  return el(
    'section',
    { class: 'card', id, 'aria-labelledby': `${id}-title` },
    el('h2', { id: `${id}-title`, text: title }),
    ...children,
  );
}

/**
 * A table that scrolls sideways on a narrow screen.
 * @param {string} caption  read by screen readers; hidden visually
 * @param {string[]} headings
 * @param {Node[]} rows
 * @param {Attrs} [attrs]
 */
export function table(caption, headings, rows, attrs = {}) {
  return el(
    'div',
    { class: 'table-scroll' },
    el(
      'table',
      attrs,
      el('caption', { class: 'visually-hidden', text: caption }),
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          headings.map((h) => el('th', { scope: 'col', text: h })),
        ),
      ),
      el('tbody', {}, rows),
    ),
  );
}

/**
 * A message shown in place of an empty list.
 * @param {string} text
 */
export function empty(text) {
  return el('p', { class: 'empty', text });
}
