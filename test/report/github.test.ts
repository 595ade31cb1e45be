import { describe, expect, it } from 'vitest';
import { github } from '../../src/report/github.js';
import { EMPTY, nastyResult, options, quietResult, sampleResult } from './fixtures.js';

describe('github', () => {
  it('prints one workflow command per finding, info as notice', () => {
    expect(github(sampleResult(), options())).toBe(
      [
        '::error file=infra/main.json,line=3,endLine=3,col=20,endColumn=33,title=gwlint (gateway-subnet-size)::GatewaySubnet is a /29; a gateway needs at least a /27.',
        '::warning file=infra/main.json,line=4,endLine=4,col=10,endColumn=17,title=gwlint (gateway-sku-basic)::The Basic SKU is retired.',
        '::notice file=infra/vpn gw.bicep,line=2,endLine=2,col=22,endColumn=35,title=gwlint (gateway-subnet-name)::Subnet name is written as a literal.',
        // A range over several lines carries no columns.
        '::warning file=infra/vpn gw.bicep,line=3,endLine=4,title=gwlint (gateway-sku-basic)::The gateway sets no SKU.',
        '',
      ].join('\n'),
    );
  });

  it('escapes data and properties as actions/toolkit does', () => {
    expect(github(nastyResult(), options())).toBe(
      '::error file=we%2Cird%3Adir/x.json,line=1,endLine=1,col=8,endColumn=9,title=gwlint (gateway-subnet-size)::' +
        '100%25 sure: a, b%0D%0Anext ] ; <&> "q" \u001b[31mred\u0007\n',
    );
  });

  it('prints nothing without findings', () => {
    expect(github(EMPTY, options())).toBe('');
    expect(github(quietResult(), options())).toBe('');
  });
});
