import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { publicDir, vendorFiles } from '../../../../../daemon/http/pages/locations.js';

test('the app folder is daemon/http/public next to the pages module', () => {
  const dir = publicDir();
  assert.equal(dir.endsWith(join('daemon', 'http', 'public')), true, dir);
  assert.equal(existsSync(join(dir, 'index.html')), true);
  assert.equal(existsSync(join(dir, 'status.html')), true);
});

test("uPlot's script and stylesheet come from the installed package", () => {
  const files = vendorFiles();
  assert.deepEqual(Object.keys(files), ['vendor/uPlot.iife.min.js', 'vendor/uPlot.min.css']);
  for (const file of Object.values(files)) {
    assert.equal(file.includes(join('node_modules', 'uplot', 'dist')), true, file);
    assert.equal(existsSync(file), true, file);
  }
});
