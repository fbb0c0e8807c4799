import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { processProbe, type ProcessProbeDeps } from '../../../../../daemon/monitoring/checks/process.js';
import type { ProcessCheckDefinition } from '../../../../../daemon/monitoring/checks/definition.js';
import { validateDefinition } from '../../../../../daemon/monitoring/checks/definition.js';

const signal = new AbortController().signal;
const dir = mkdtempSync(join(tmpdir(), 'process-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const hasProc = existsSync('/proc/self/comm');

function probe(target: string, deps: ProcessProbeDeps = {}) {
  return processProbe(validateDefinition({ name: 'p', type: 'process', target }) as ProcessCheckDefinition, deps);
}

describe('process checks by pid file', () => {
  test("this process's pid is running", async () => {
    const file = join(dir, 'self.pid');
    writeFileSync(file, `${process.pid}\n`);
    const result = await probe(file).run(signal);
    assert.equal(result.ok, true);
    assert.equal(result.detail, `pid ${process.pid} from ${file} is running`);
  });

  test('a pid that has exited is not running', async () => {
    const child = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    const file = join(dir, 'gone.pid');
    writeFileSync(file, child.stdout.trim());
    const result = await probe(file).run(signal);
    assert.equal(result.ok, false);
    assert.equal(result.detail, `pid ${child.stdout.trim()} from ${file} is not running`);
  });

  test('a missing or garbled pid file fails with the reason', async () => {
    const missing = await probe(join(dir, 'missing.pid')).run(signal);
    assert.equal(missing.ok, false);
    assert.match(missing.detail, /^cannot read pid file .*missing\.pid: ENOENT/);
    const file = join(dir, 'junk.pid');
    writeFileSync(file, 'hello');
    assert.equal((await probe(file).run(signal)).detail, `pid file ${file} holds no pid (content: 'hello')`);
  });

  test('EPERM means alive (another user\'s process); a zombie is not running', async () => {
    const files: Record<string, string> = { '/run/a.pid': '1', '/proc/1/stat': '1 (init) S 0', '/run/z.pid': '7', '/proc/7/stat': '7 (a) b) Z 1' };
    const deps: ProcessProbeDeps = {
      readFile: async (path) => files[path] ?? Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' })),
      kill: () => {
        throw Object.assign(new Error('EPERM'), { code: 'EPERM' });
      },
    };
    assert.equal((await probe('/run/a.pid', deps).run(signal)).ok, true);
    assert.equal((await probe('/run/z.pid', deps).run(signal)).detail, 'pid 7 from /run/z.pid is not running');
  });
});

describe('process checks by name', () => {
  test('finds this process by its /proc comm', { skip: !hasProc && 'no /proc' }, async () => {
    const comm = readFileSync('/proc/self/comm', 'utf8').trim();
    const result = await probe(`name:${comm}`).run(signal);
    assert.equal(result.ok, true, result.detail);
    assert.match(result.detail, new RegExp(`named '${comm}' \\(pid .*`));
  });

  test('no process of an unlikely name', { skip: !hasProc && 'no /proc' }, async () => {
    const result = await probe('name:no-such-process-xyz').run(signal);
    assert.deepEqual([result.ok, result.detail], [false, "no process named 'no-such-process-xyz' is running"]);
  });

  test('matches comm or the first word of cmdline; skips zombies', async () => {
    const files: Record<string, string> = {
      '/fake/10/comm': 'nginx\n',
      '/fake/10/cmdline': 'nginx: master process\0',
      '/fake/10/stat': '10 (nginx) S 1',
      '/fake/11/comm': 'worker\n',
      '/fake/11/cmdline': '/usr/sbin/nginx\0-g\0',
      '/fake/11/stat': '11 (worker) S 10',
      '/fake/12/comm': 'nginx\n',
      '/fake/12/cmdline': '',
      '/fake/12/stat': '12 (nginx) Z 1',
      '/fake/13/comm': 'bash\n',
      '/fake/13/cmdline': 'bash\0',
    };
    const deps: ProcessProbeDeps = {
      procRoot: '/fake',
      readdir: async () => ['10', '11', '12', '13', 'self', 'sys'],
      readFile: async (path) => files[path] ?? Promise.reject(new Error('gone')),
    };
    assert.equal((await probe('name:nginx', deps).run(signal)).detail, "2 processes named 'nginx' (pid 10, 11)");
    const noProc = await probe('name:nginx', { readdir: async () => Promise.reject(Object.assign(new Error('x'), { code: 'ENOENT' })) }).run(signal);
    assert.equal(noProc.detail, 'cannot list processes: /proc is not available (looking up by name needs Linux)');
  });
});
