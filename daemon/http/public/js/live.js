/**
 * @module The live connection: Server-Sent Events from /api/v1/stream, and a 30-second refresh
 * while the stream is down.
 *
 * The browser's EventSource retries a dropped stream by itself, but gives up for good when the
 * server answers with an error status; then this opens a new one after a pause. While the stream
 * is not open the page refreshes its data every 30 seconds, so it never goes stale.
 */

export const FALLBACK_REFRESH_MS = 30_000;
export const REOPEN_MS = 5_000;
export const TOPICS = ['health', 'alerts', 'checks', 'metrics', 'security'];

/**
 * @typedef {'connecting' | 'live' | 'reconnecting'} LiveState
 * @typedef {object} LiveOptions
 * @property {string} [url]
 * @property {(topic: string, data: unknown) => void} onEvent
 * @property {() => void} onRefresh  refresh the data (the fallback while the stream is down)
 * @property {(state: LiveState) => void} onState
 * @property {new (url: string) => EventSource} [EventSource]
 * @property {{ setInterval: typeof setInterval, clearInterval: typeof clearInterval, setTimeout: typeof setTimeout, clearTimeout: typeof clearTimeout }} [timers]
 */

/**
 * Opens the stream and keeps it open until `close()`.
 * @param {LiveOptions} options
 */
export function createLive(options) {
  const Source = options.EventSource ?? globalThis.EventSource;
  const timers = options.timers ?? globalThis;
  const url = options.url ?? '/api/v1/stream';
  /** @type {EventSource | null} */
  let source = null;
  /** @type {ReturnType<typeof setInterval> | null} */
  let fallback = null;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let reopen = null;
  /** @type {LiveState | null} */
  let state = null;
  let closed = false;

  /** @param {LiveState} next */
  function setState(next) {
    if (state === next) return;
    state = next;
    options.onState(next);
  }

  function startFallback() {
    if (fallback !== null) return;
    fallback = timers.setInterval(() => options.onRefresh(), FALLBACK_REFRESH_MS);
  }

  function stopFallback() {
    if (fallback === null) return;
    timers.clearInterval(fallback);
    fallback = null;
  }

  function open() {
    reopen = null;
    if (closed) return;
    const es = new Source(url);
    source = es;
    es.addEventListener('open', () => {
      if (source !== es) return;
      const wasDown = state === 'reconnecting';
      setState('live');
      stopFallback();
      // Whatever changed while the stream was down has no event: read it once now.
      if (wasDown) options.onRefresh();
    });
    es.addEventListener('error', () => {
      if (source !== es) return;
      setState('reconnecting');
      startFallback();
      // CLOSED (2): the browser will not retry this one; open a new one after a pause.
      if (es.readyState === 2 && reopen === null && !closed) {
        source = null;
        reopen = timers.setTimeout(open, REOPEN_MS);
      }
    });
    for (const topic of TOPICS) {
      es.addEventListener(topic, (/** @type {MessageEvent} */ ev) => {
        if (source !== es) return;
        /** @type {unknown} */
        let data = null;
        try {
          data = JSON.parse(String(ev.data));
        } catch {
          data = null;
        }
        options.onEvent(topic, data);
      });
    }
  }

  setState('connecting');
  open();

  return {
    /** The current state. */
    get state() {
      return state;
    },
    /** Closes the stream and stops every timer. */
    close() {
      closed = true;
      stopFallback();
      if (reopen !== null) timers.clearTimeout(reopen);
      reopen = null;
      source?.close();
      source = null;
    },
  };
}
