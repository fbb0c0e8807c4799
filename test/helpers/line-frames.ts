/**
 * @module Test helper: reading the daemon's socket protocol by hand — newline-ended JSON frames —
 * for the tests that talk to the socket without the library client.
 */

/** A frame as it arrived, parsed. */
export type Frame = Record<string, unknown>;

/**
 * A `data` listener that splits the text into newline-ended JSON frames and calls `onFrame` with
 * each, in order; a frame split across chunks waits for its end. A line that is not JSON throws
 * (the daemon never sends one).
 * @example socket.on('data', frameReader((frame) => answers.push(frame)));
 */
export function frameReader(onFrame: (frame: Frame) => void): (chunk: Buffer | string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.toString('utf8');
    let nl = buffer.indexOf('\n');
    while (nl !== -1) {
      const frame = JSON.parse(buffer.slice(0, nl)) as Frame;
      buffer = buffer.slice(nl + 1);
      nl = buffer.indexOf('\n');
      onFrame(frame);
    }
  };
}
