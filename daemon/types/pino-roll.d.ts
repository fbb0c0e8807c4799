// pino-roll ships no types; this covers the options the daemon uses.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface PinoRollOptions {
    file: string;
    extension?: string;
    size?: string | number;
    frequency?: string | number;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    symlink?: boolean;
    mkdir?: boolean;
    mode?: number;
  }
  interface RollStream extends DestinationStream {
    end(): void;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<RollStream>;
}
