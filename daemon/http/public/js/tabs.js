/**
 * @module Accessible tabs (WAI-ARIA tab pattern: arrow keys move between tabs, one tab stop).
 */
import { el } from './dom.js';

/**
 * @param {string} id  prefix for element ids
 * @param {{ key: string, label: string, panel: HTMLElement }[]} tabs
 * @param {string} selected
 * @param {(key: string) => void} onSelect
 */
export function createTabs(id, tabs, selected, onSelect) {
  const buttons = tabs.map((t) =>
    el('button', {
      type: 'button',
      role: 'tab',
      id: `${id}-tab-${t.key}`,
      class: 'tab',
      'aria-controls': `${id}-panel-${t.key}`,
      'data-testid': `tab-${t.key}`,
      'data-key': t.key,
      text: t.label,
    }),
  );
  /** @param {string} key */
  function select(key) {
    tabs.forEach((t, i) => {
      const on = t.key === key;
      const b = /** @type {HTMLElement} */ (buttons[i]);
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
    });
    onSelect(key);
  }
  buttons.forEach((b, i) => {
    b.addEventListener('click', () => select(/** @type {{ key: string }} */ (tabs[i]).key));
    b.addEventListener('keydown', (ev) => {
      const step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      ev.preventDefault();
      const next = (i + step + tabs.length) % tabs.length;
      select(/** @type {{ key: string }} */ (tabs[next]).key);
      /** @type {HTMLElement} */ (buttons[next]).focus();
    });
  });
  for (const t of tabs) {
    t.panel.setAttribute('role', 'tabpanel');
    t.panel.id = `${id}-panel-${t.key}`;
    t.panel.setAttribute('aria-labelledby', `${id}-tab-${t.key}`);
    t.panel.tabIndex = 0;
  }
  const element = el(
    'div',
    { class: 'tabs' },
    el('div', { role: 'tablist', class: 'tablist', 'aria-label': 'Views' }, buttons),
    tabs.map((t) => t.panel),
  );
  select(tabs.some((t) => t.key === selected) ? selected : (tabs[0]?.key ?? ''));
  return {
    element,
    /** Sets a tab's label (e.g. with a count). @param {string} key @param {string} label */
    label(key, label) {
      const b = buttons.find((x) => x.getAttribute('data-key') === key);
      if (b !== undefined) b.textContent = label;
    },
  };
}
