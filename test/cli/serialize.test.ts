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
    const texts = new Map([['/t/main.json', TEMPLATE]]);
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
