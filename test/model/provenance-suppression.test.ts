import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import { vnetBicep } from '../support/provenance.js';

/*
 * A finding sits where its value is written (test/model/provenance-surfaces.test.ts); a suppression
 * comment still works where the value is used, as a reader of that line expects.
 */

describe('suppressions and findings on values written elsewhere', () => {
  it('a suppression on the line that uses the value still silences a finding on the default', async () => {
    const main = vnetBicep(
      "param gatewayPrefix string = '10.0.0.0/29'",
      `[
      // gwlint-disable-next-line gateway-subnet-size -- a lab network
      { name: 'GatewaySubnet', properties: { addressPrefix: gatewayPrefix } }
    ]`,
    );
    const result = await lint({ files: [{ path: 'main.bicep', text: main }] });
    const all = result.files.flatMap((f) => f.diagnostics);
    expect(all.filter((d) => d.ruleId === 'gateway-subnet-size').map((d) => d.suppression?.justification)).toEqual(['a lab network']);
    expect(all.filter((d) => d.ruleId === 'unused-suppression')).toEqual([]);
  });
});
