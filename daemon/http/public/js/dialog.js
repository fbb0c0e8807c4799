/**
 * @module A small modal form (a native <dialog>: focus stays inside, Escape cancels) for the
 * acknowledge, silence and ban actions.
 */
import { el } from './dom.js';

/**
 * @typedef {object} Field
 * @property {string} name
 * @property {string} label
 * @property {'text' | 'select'} [type]
 * @property {boolean} [required]
 * @property {string} [value]
 * @property {string} [placeholder]
 * @property {{ value: string, label: string }[]} [options]  for a select
 */

/**
 * Shows a form and resolves with its values, or null when cancelled. `submit` runs the action;
 * if it throws, the error is shown in the dialog and the form stays open.
 * @param {{ title: string, description?: string, fields: Field[], confirm: string,
 *   submit: (values: Record<string, string>) => Promise<void>, testid?: string }} spec
 * @returns {Promise<Record<string, string> | null>}
 */
export function openDialog(spec) {
  return new Promise((resolve) => {
    const id = `dlg-${Math.random().toString(36).slice(2, 8)}`;
    const error = el('p', { class: 'form-error', role: 'alert', id: `${id}-error` });
    const inputs = spec.fields.map((f) => {
      const fid = `${id}-${f.name}`;
      const control =
        f.type === 'select'
          ? el(
              'select',
              { id: fid, name: f.name, 'data-testid': `dialog-${f.name}` },
              (f.options ?? []).map((o) =>
                el('option', { value: o.value, selected: o.value === f.value, text: o.label }),
              ),
            )
          : el('input', {
              id: fid,
              name: f.name,
              type: 'text',
              required: f.required === true,
              value: f.value ?? '',
              placeholder: f.placeholder,
              autocomplete: 'off',
              'data-testid': `dialog-${f.name}`,
            });
      return {
        f,
        control,
        row: el('div', { class: 'form-row' }, el('label', { for: fid, text: f.label }), control),
      };
    });
    const cancel = el('button', {
      type: 'button',
      class: 'button secondary',
      text: 'Cancel',
      'data-testid': 'dialog-cancel',
    });
    const ok = el('button', {
      type: 'submit',
      class: 'button primary',
      text: spec.confirm,
      'data-testid': 'dialog-confirm',
    });
    const form = el(
      'form',
      { method: 'dialog', class: 'dialog-form' },
      el('h2', { id: `${id}-title`, text: spec.title }),
      spec.description === undefined ? null : el('p', { class: 'muted', text: spec.description }),
      inputs.map((i) => i.row),
      error,
      el('div', { class: 'dialog-actions' }, cancel, ok),
    );
    const dialog = /** @type {HTMLDialogElement} */ (
      el(
        'dialog',
        { 'aria-labelledby': `${id}-title`, 'data-testid': spec.testid ?? 'dialog' },
        form,
      )
    );
    let result = /** @type {Record<string, string> | null} */ (null);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      /** @type {Record<string, string>} */
      const values = {};
      for (const { f, control } of inputs)
        values[f.name] = /** @type {HTMLInputElement} */ (control).value.trim();
      ok.setAttribute('disabled', '');
      error.textContent = '';
      try {
        await spec.submit(values);
        result = values;
        dialog.close();
      } catch (e) {
        error.textContent = e instanceof Error ? e.message : String(e);
      } finally {
        ok.removeAttribute('disabled');
      }
    });
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** Durations offered for acknowledgements, silences and bans (value in milliseconds). */
export const DURATIONS = [
  { value: '900000', label: '15 minutes' },
  { value: '3600000', label: '1 hour' },
  { value: '14400000', label: '4 hours' },
  { value: '86400000', label: '24 hours' },
  { value: '604800000', label: '7 days' },
];
