import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  generatedHeader,
  shortDescription,
  shQuote,
} from '../../../../../src/cli/completion/tables.js';

describe('generatedHeader', () => {
  it('names the shell and the program, says the file is generated and how to install it', () => {
    assert.equal(
      generatedHeader('fish', 'tool'),
      "# fish completion for tool\n# Generated from the CLI's command tree by `npm run completions`: do not edit by hand.\n# Install: `tool completion --help` shows how.",
    );
  });
});

describe('shQuote', () => {
  it("single-quotes, a quote inside becoming '\\''", () => {
    assert.equal(shQuote('a b'), "'a b'");
    assert.equal(shQuote("it's"), "'it'\\''s'");
    assert.equal(shQuote(''), "''");
  });
});

describe('shortDescription', () => {
  it('keeps the first line, trimmed, cut to max with an ellipsis', () => {
    assert.equal(shortDescription('  one line  \nmore'), 'one line');
    assert.equal(shortDescription('abcdef', 6), 'abcdef');
    assert.equal(shortDescription('abc defg', 6), 'abc d…');
    assert.equal(shortDescription('abc   defg', 6), 'abc…');
  });
});
