/**
 * @module Shell-command-injection rules: a shell metacharacter that ends or substitutes a command
 * (`;`, `|`, `||`, `&&`, `&`, a newline, backticks, `$(…)`) followed by something shaped like a
 * command. A semicolon in prose ("it's 5 o'clock; let's go") or a password is not followed by one.
 */
import type { Finding } from './types.js';
import { clip } from './types.js';
import { AMP, BACKTICK, charFlags, DOLLAR, NEWLINE, PIPE, SEMI } from './char-flags.js';

// Commands whose names are not English words: after a separator they are a command.
const COMMANDS = new Set([
  'whoami', 'uname', 'wget', 'curl', 'nc', 'ncat', 'netcat', 'bash', 'sh', 'zsh', 'ksh', 'csh', 'dash',
  'powershell', 'pwsh', 'cmd', 'cmd.exe', 'nslookup', 'ifconfig', 'ipconfig', 'netstat', 'chmod', 'chown',
  'python', 'python3', 'perl', 'ruby', 'php', 'telnet', 'ssh', 'scp', 'ftp', 'tftp', 'xterm', 'rm', 'ls',
  'id', 'pwd', 'passwd', 'base64', 'certutil', 'bitsadmin', 'mkfifo', 'systeminfo', 'tasklist', 'taskkill',
  'net', 'dir', 'type', 'env', 'printenv', 'hostname', 'dig', 'crontab', 'useradd', 'nohup', 'busybox', 'ps',
  'cat', 'echo', 'ping', 'sleep', 'kill', 'touch', 'head', 'tail', 'more', 'less', 'find', 'grep', 'awk', 'sed',
]);
// Commands that are also English words ("cat", "find", "type"): they need an argument that looks
// like one — a flag, a path, a variable, an address — or nothing after them at all.
const WORDLIKE = new Set(['cat', 'echo', 'ping', 'sleep', 'kill', 'touch', 'head', 'tail', 'more', 'less', 'find', 'grep', 'type', 'dir', 'net', 'env', 'id', 'ps', 'dig', 'awk', 'sed', 'ls', 'rm', 'sh']);
const SEPARATED = /(?:;|\|\|?|&&?|\r?\n|`|\$\()\s*([a-z][\w.-]*)(?:(\s+)([^\s]*)|$|(?=[`);|&]))/gi;

function hit(rule: string, confidence: number, evidence: string): Finding {
  return { type: 'command_injection', rule: `command.${rule}`, confidence, evidence: clip(evidence) };
}

function argumentLooksShell(arg: string | undefined): boolean {
  if (arg === undefined || arg === '') return true;
  return /^(?:-{1,2}[a-z0-9]|\/|~|\$|\.{1,2}\/|[a-z]:\\|\\\\|[0-9]{1,3}\.[0-9]{1,3}\.|https?:|[`'"]?[$/]|[<>|;&`]|%[a-z]+%)/i.test(arg);
}

/** Looks for shell-command injection in one value; `null` when there is none. */
export function detectCommand(value: string): Finding | null {
  return detectCommandFlagged(value, charFlags(value));
}

/** {@link detectCommand} for a value whose {@link charFlags} the caller already has. */
export function detectCommandFlagged(value: string, flags: number): Finding | null {
  // Every separator is one of these characters; the regex then tells `$(` from a lone `$`.
  if ((flags & (SEMI | PIPE | AMP | BACKTICK | NEWLINE | DOLLAR)) === 0) return null;
  if (!/[;|&`\n]|\$\(/.test(value)) return null;
  SEPARATED.lastIndex = 0;
  let m: RegExpExecArray | null;
  let guard = 0;
  while ((m = SEPARATED.exec(value)) !== null && guard++ < 64) {
    const written = m[1] ?? '';
    const name = written.toLowerCase();
    if (!COMMANDS.has(name)) continue;
    // Unix commands are lower-case; `;SH` or `|Rm` in a random password is not one. Long names
    // (PowerShell, WhoAmI on Windows) may be written in any case.
    if (written !== name && name.length < 5) continue;
    const arg = m[2] === undefined ? undefined : m[3];
    // `&` alone joins words in prose ("Tom & Jerry"); as a separator it needs a clear command.
    const sep = m[0].trimStart()[0] ?? '';
    if (WORDLIKE.has(name) && !argumentLooksShell(arg)) continue;
    if (sep === '&' && m[0].startsWith('&') && !m[0].startsWith('&&') && WORDLIKE.has(name) && arg === undefined) continue;
    const substituted = sep === '`' || sep === '$';
    // A backtick pair after a space is Markdown code formatting ("run `ls -la` first"), not
    // substitution; glued to a value (`file\`id\``) or alone it is. `$(…)` always substitutes.
    if (sep === '`' && m.index > 0 && /\s/.test(value[m.index - 1] ?? '')) continue;
    return hit(substituted ? 'substitution' : 'separator', WORDLIKE.has(name) ? 0.75 : 0.9, m[0].trim());
  }
  return null;
}
