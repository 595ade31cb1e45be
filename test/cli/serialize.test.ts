import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromPlain, toPlain } from '../../src/cli/serialize.js';
import { lint } from '../../src/index.js';

const SECRET = 'Sup3r-Secret-Key-4711';
// The shared key is written on the same line as the connection's findings, so the located text holds it.
const TEMPLATE = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Network/connections", "apiVersion": "2024-05-01", "name": "c", "properties": { "connectionType": "IPsec", "sharedKey": "${SECRET}" } }
  ]
}`;

describe('results as plain data (worker threads, cache)', () => {
  it('round-trips findings, and locations keep pointing at the masked text while the file itself is kept for fixes', async () => {
    const texts = new Map([['/t/main.json', { text: TEMPLATE }]]);
    const result = await lint({ files: [{ path: '/t/main.json', text: TEMPLATE }] });
    const findings = result.files.flatMap((f) => f.diagnostics);
    expect(findings.some((d) => d.ruleId === 'connection-shared-key')).toBe(true);
    expect(findings.every((d) => !d.span.file.text.includes(SECRET))).toBe(true);

    const plain = toPlain(result, texts);
    expect(JSON.stringify(plain.files)).not.toContain(SECRET);
    const back = fromPlain(plain, texts, result.rules);
    const strip = (r: typeof result) => r.files.map((f) => f.diagnostics.map((d) => [d.ruleId, d.level, d.message, d.span.start, d.span.end]));
    expect(strip(back)).toEqual(strip(result));
    expect(back.files.flatMap((f) => f.diagnostics).every((d) => !d.span.file.text.includes(SECRET))).toBe(true);
    expect(back.files[0].source.text).toBe(TEMPLATE);
  });
});

describe('results made from plain data', () => {
  it('read the text of a file with findings as they are made, and never that of a clean file', async () => {
    // Findings that hold no secret, so that they point into the file itself, not a masked copy.
    const vnet = readFileSync('fixtures/vnet-subnet-ownership/invalid.json', 'utf8');
    const clean = `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] }`;
    const result = await lint({ files: [{ path: '/t/main.json', text: vnet }, { path: '/t/clean.json', text: clean }] });
    expect(result.files.find((f) => f.path === '/t/main.json')!.diagnostics.length).toBeGreaterThan(0);
    const reads: string[] = [];
    const file = (path: string, text: string) => ({
      path,
      get text() {
        reads.push(path);
        return text;
      },
    });
    const files = new Map([file('/t/main.json', vnet), file('/t/clean.json', clean)].map((f) => [f.path, f]));
    const plain = toPlain(result, files);
    reads.length = 0;
    const back = fromPlain(plain, files, result.rules);
    expect(reads).toEqual(['/t/main.json']);
    expect(back.files.find((f) => f.path === '/t/clean.json')!.source.text).toBe(clean);
    expect(reads).toEqual(['/t/main.json', '/t/clean.json']);
  });
});
