import { describe, expect, it } from 'vitest';
import { azureDevOps } from '../../src/report/azure-devops.js';
import { EMPTY, nastyResult, options, quietResult, sampleResult } from './fixtures.js';

describe('azure-devops', () => {
  it('prints one logissue command per finding, info as warning', () => {
    expect(azureDevOps(sampleResult(), options())).toBe(
      [
        '##vso[task.logissue type=error;sourcepath=infra/main.json;linenumber=3;columnnumber=20;code=gateway-subnet-size]GatewaySubnet is a /29%3B a gateway needs at least a /27.',
        '##vso[task.logissue type=warning;sourcepath=infra/main.json;linenumber=4;columnnumber=10;code=gateway-sku-basic]The Basic SKU is retired.',
        '##vso[task.logissue type=warning;sourcepath=infra/vpn gw.bicep;linenumber=2;columnnumber=22;code=gateway-subnet-name]Subnet name is written as a literal.',
        '##vso[task.logissue type=warning;sourcepath=infra/vpn gw.bicep;linenumber=3;columnnumber=69;code=gateway-sku-basic]The gateway sets no SKU.',
        '',
      ].join('\n'),
    );
  });

  it('escapes %, CR, LF, ] and ; as the logging command rules say', () => {
    expect(azureDevOps(nastyResult(), options())).toBe(
      '##vso[task.logissue type=error;sourcepath=we,ird:dir/x.json;linenumber=1;columnnumber=8;code=gateway-subnet-size]' +
        '100%AZP25 sure: a, b%0D%0Anext %5D %3B <&> "q" \u001b[31mred\u0007\n',
    );
  });

  it('prints nothing without findings', () => {
    expect(azureDevOps(EMPTY, options())).toBe('');
    expect(azureDevOps(quietResult(), options())).toBe('');
  });
});
