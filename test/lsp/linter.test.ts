import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OpenDocument } from '../../src/lsp/linter.js';
import { WorkspaceLinter } from '../../src/lsp/linter.js';
import { uri } from './support/client.js';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const dirs: string[] = [];

function setup(): { root: string; docs: OpenDocument[]; linter: WorkspaceLinter; open: (p: string, text?: string) => OpenDocument } {
  const base = mkdtempSync(path.join(tmpdir(), 'gwlint-linter-'));
  dirs.push(base);
  const root = path.join(base, 'ws');
  mkdirSync(root);
  const docs: OpenDocument[] = [];
  const linter = new WorkspaceLinter(() => docs, () => [root]);
  const open = (p: string, text = readFileSync(p, 'utf8')) => {
    const doc = { uri: uri(p), path: p, version: 1, text };
    docs.push(doc);
    return doc;
  };
  return { root, docs, linter, open };
}

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('WorkspaceLinter', () => {
  it('skips documents matched by ignorePatterns of the workspace configuration', async () => {
    const { root, linter, open } = setup();
    mkdirSync(path.join(root, 'generated'));
    cpSync(path.join(FIXTURES, 'arm/main.json'), path.join(root, 'generated/main.json'));
    const doc = open(path.join(root, 'generated/main.json'));
    expect((await linter.lintUnit(doc.uri)).documents[0].findings.map((f) => f.ruleId)).toEqual(['gateway-subnet-name']);
    writeFileSync(path.join(root, 'gwlint.config.json'), '{ "ignorePatterns": ["generated/**"] }');
    linter.configs.invalidate(path.join(root, 'gwlint.config.json'));
    expect((await linter.lintUnit(doc.uri)).documents).toEqual([{ uri: doc.uri, version: 1, source: undefined, findings: [] }]);
  });

  it('reads context only inside the workspace folder', async () => {
    const { root, linter, open } = setup();
    const outside = path.join(path.dirname(root), 'main.parameters.json');
    cpSync(path.join(FIXTURES, 'arm/main.parameters.json'), outside);
    const main = path.join(root, 'main.json');
    writeFileSync(main, readFileSync(path.join(FIXTURES, 'arm/main.json'), 'utf8').replace(/Gateway-Subnet/g, 'GatewaySubnet'));
    // A symbolic link beside the template points outside the workspace: it is not followed.
    symlinkSync(outside, path.join(root, 'main.parameters.json'));
    const doc = open(main);
    const result = await linter.lintUnit(doc.uri);
    expect(result.documents[0].findings).toEqual([]);
    expect(result.deps.has(path.join(root, 'main.parameters.json'))).toBe(true);
  });

  it('reads a changed file on disk again, and keeps an unchanged one', async () => {
    const { root, linter, open } = setup();
    cpSync(path.join(FIXTURES, 'arm'), root, { recursive: true });
    const main = path.join(root, 'main.json');
    const params = path.join(root, 'main.parameters.json');
    const doc = open(main, readFileSync(main, 'utf8').replace(/Gateway-Subnet/g, 'GatewaySubnet'));
    const first = await linter.lintUnit(doc.uri);
    expect(first.documents[0].findings.map((f) => f.ruleId)).toEqual(['gateway-subnet-size']);
    const cached = await linter.files.read(params);
    expect(await linter.files.read(params)).toBe(cached);
    // No watched-file event: the new modification time is enough.
    writeFileSync(params, readFileSync(params, 'utf8').replace('/28', '/27'));
    const later = new Date(Date.now() + 5000);
    utimesSync(params, later, later);
    expect((await linter.lintUnit(doc.uri)).documents[0].findings).toEqual([]);
  });

  it('lints a parameters file open alone through its template, and depends on the template', async () => {
    const { root, linter, open } = setup();
    cpSync(path.join(FIXTURES, 'arm'), root, { recursive: true });
    const params = open(path.join(root, 'main.parameters.json'));
    const result = await linter.lintUnit(params.uri);
    expect(result.documents.map((d) => d.uri)).toEqual([params.uri]);
    expect(result.documents[0].findings).toEqual([]);
    expect(result.deps.has(path.join(root, 'main.json'))).toBe(true);
  });

  it('lints a document outside every workspace folder with its own folder as the root', () => {
    const { root, linter } = setup();
    expect(linter.rootFor(path.join(root, 'a/b.json'))).toBe(root);
    expect(linter.rootFor('/elsewhere/x/main.bicep')).toBe('/elsewhere/x');
  });
});
