import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO } from './helpers.js';

/** The first ```json block of docs/formats.md. */
function documentedJson(): { messages: Record<string, unknown>[] }[] {
  const page = readFileSync(path.join(REPO, 'docs/formats.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)```/.exec(page)![1]) as { messages: Record<string, unknown>[] }[];
}

describe('docs/formats.md', () => {
  it('shows the json format with the fields and field order of real output', async () => {
    const run = await cli(path.join(REPO, 'examples'), ['-f', 'json']);
    const files = JSON.parse(run.stdout) as { messages: Record<string, unknown>[] }[];
    const fixableWarning = files.flatMap((f) => f.messages).find((m) => m.level === 'warning' && m.fix && m.fixDetails && !m.policy);
    expect(fixableWarning, 'the examples have a warning with a fix in the file').toBeDefined();
    const [doc] = documentedJson();
    expect(Object.keys(doc)).toEqual(Object.keys(files[0]));
    expect(Object.keys(doc.messages[0])).toEqual(Object.keys(fixableWarning!));
  });
});
