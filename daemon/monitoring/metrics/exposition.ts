/**
 * @module The Prometheus text exposition format, version 0.0.4.
 *
 * One `# HELP` (left out when the help is empty) and one `# TYPE` line per metric, then one line
 * per sample: `name{label="value",...} value`. Escaping follows the format's rules: in HELP,
 * backslash and newline; in label values, backslash, double quote and newline.
 */
import type { MetricType } from '../types.js';
import type { SampleSink } from './metric.js';

/** The Content-Type of {@link renderExposition}'s output. */
export const EXPOSITION_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** What the renderer needs from a metric. */
export interface Exposable {
  readonly name: string;
  readonly help: string;
  readonly type: MetricType;
  readonly labelNames: readonly string[];
  emit(sink: SampleSink): void;
}

/**
 * A sample value as Prometheus writes it: `NaN`, `+Inf`, `-Inf`, and otherwise the shortest
 * decimal that reads back as the same double. Integers too large for plain `String` (≥ 1e21,
 * which JavaScript writes with an exponent) are written out in full.
 */
export function formatValue(value: number): string {
  if (value !== value) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  if ((value >= 1e21 || value <= -1e21) && Number.isInteger(value)) return BigInt(value).toString();
  return String(value);
}

const HELP_SPECIAL = /[\\\n]/;
const LABEL_SPECIAL = /[\\"\n]/;

/** Escapes HELP text: backslash and newline. */
export function escapeHelp(text: string): string {
  return HELP_SPECIAL.test(text) ? text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : text;
}

/** Escapes a label value: backslash, double quote and newline. */
export function escapeLabelValue(value: string): string {
  return LABEL_SPECIAL.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')
    : value;
}

/** The exposition text of `metrics`, in the order given; empty for none. */
export function renderExposition(metrics: Iterable<Exposable>): string {
  const out: string[] = [];
  for (const metric of metrics) {
    if (metric.help !== '') out.push(`# HELP ${metric.name} ${escapeHelp(metric.help)}\n`);
    out.push(`# TYPE ${metric.name} ${metric.type}\n`);
    const names = metric.labelNames;
    // A histogram emits a dozen lines per series; its escaped label part is built once per series.
    let lastValues: readonly string[] | undefined;
    let labelPart = '';
    metric.emit((name, values, extraLabel, extraValue, value) => {
      if (values !== lastValues) {
        lastValues = values;
        labelPart = names
          .map((label, i) => `${label}="${escapeLabelValue(values[i] as string)}"`)
          .join(',');
      }
      let selector = labelPart;
      if (extraLabel !== undefined) {
        const extra = `${extraLabel}="${escapeLabelValue(extraValue as string)}"`;
        selector = selector === '' ? extra : `${selector},${extra}`;
      }
      out.push(
        selector === ''
          ? `${name} ${formatValue(value)}\n`
          : `${name}{${selector}} ${formatValue(value)}\n`,
      );
    });
  }
  return out.join('');
}
