import type { Diagnostic, Level } from '../../src/core/diagnostic.js';
import { SourceFile } from '../../src/core/source.js';
import { span, type Span } from '../../src/core/span.js';
import type { FileKind, FileResult, LintResult } from '../../src/engine/result.js';
import type { RuleMeta } from '../../src/engine/rule-meta.js';
import type { ReportOptions } from '../../src/report/types.js';

export const CWD = '/repo';

export function options(overrides: Partial<ReportOptions> = {}): ReportOptions {
  return { cwd: CWD, color: false, version: '0.1.0', ...overrides };
}

export const RULES: RuleMeta[] = [
  {
    id: 'gateway-subnet-size',
    summary: 'GatewaySubnet must be /27 or larger.',
    description: 'A gateway subnet smaller than /27 leaves no room for the gateway instances.',
    level: 'error',
    category: 'gateway-subnet',
  },
  {
    id: 'gateway-sku-basic',
    summary: 'The Basic gateway SKU is retired.',
    description: 'Basic VPN gateways lose support; pick a VpnGw SKU.',
    level: 'warning',
    category: 'gateway',
    fixable: true,
  },
  {
    id: 'gateway-subnet-name',
    summary: 'Name the gateway subnet GatewaySubnet.',
    description: 'Azure finds the gateway subnet by its exact name.',
    level: 'info',
    category: 'gateway-subnet',
  },
];

/** The span of the `occurrence`-th `needle` in a file. */
export function find(file: SourceFile, needle: string, occurrence = 1): Span {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = file.text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} #${occurrence} not in ${file.path}`);
  }
  return span(file, at, at + needle.length);
}

export function diagnostic(ruleId: string, level: Level, message: string, at: Span, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId, level, message, span: at, related: [], ...extra };
}

export function fileResult(source: SourceFile, kind: FileKind, diagnostics: Diagnostic[]): FileResult {
  return { path: source.path, source, kind, diagnostics };
}

/** LF template: a suppressed info on line 2, an error with a related location on line 3, a fixable warning on line 4. */
export const mainJson = new SourceFile(
  '/repo/infra/main.json',
  '{\n  "name": "GatewaySubnet",\n  "addressPrefix": "10.0.0.0/29",\n  "sku": "Basic"\n}\n',
);
export const mainParams = new SourceFile('/repo/infra/main.parameters.json', '{\n  "prefix": "10.0.0.0/29"\n}\n');

/** CRLF Bicep file with a space in its name: `é😀` (3 UTF-16 units) before the finding on line 2, a span over lines 3-4. */
export const vpnBicep = new SourceFile(
  '/repo/infra/vpn gw.bicep',
  "param location string\r\nvar label = 'é😀' + 'GatewaySubnet'\r\nresource gw 'Microsoft.Network/virtualNetworkGateways@2023-09-01' = {\r\n}\r\n",
);

export const cleanJson = new SourceFile('/repo/clean.json', '{}\n');

export function sampleResult(): LintResult {
  const main = [
    diagnostic('gateway-subnet-name', 'info', 'Subnet name is written as a literal.', find(mainJson, '"GatewaySubnet"'), {
      suppression: { kind: 'comment', justification: 'name checked by policy' },
    }),
    diagnostic('gateway-subnet-size', 'error', 'GatewaySubnet is a /29; a gateway needs at least a /27.', find(mainJson, '"10.0.0.0/29"'), {
      related: [{ span: find(mainParams, '"10.0.0.0/29"'), message: 'The prefix is written here.' }],
    }),
    diagnostic('gateway-sku-basic', 'warning', 'The Basic SKU is retired.', find(mainJson, '"Basic"'), {
      fix: { description: 'Use VpnGw1AZ', edits: [{ span: find(mainJson, 'Basic'), text: 'VpnGw1AZ' }] },
    }),
  ];
  const vpn = [
    diagnostic('gateway-subnet-name', 'info', 'Subnet name is written as a literal.', find(vpnBicep, 'GatewaySubnet')),
    diagnostic('gateway-sku-basic', 'warning', 'The gateway sets no SKU.', span(vpnBicep, vpnBicep.text.indexOf('{'), vpnBicep.text.lastIndexOf('}') + 1)),
  ];
  return {
    files: [fileResult(mainJson, 'arm-template', main), fileResult(vpnBicep, 'bicep', vpn), fileResult(cleanJson, 'arm-template', [])],
    rules: RULES,
  };
}

/** A message and a path that need escaping in every format. */
export const NASTY_MESSAGE = '100% sure: a, b\r\nnext ] ; <&> "q" \u001b[31mred\u0007';
export const nastyFile = new SourceFile('/repo/we,ird:dir/x.json', '{ "a": 1 }\n');

export function nastyResult(): LintResult {
  const d = diagnostic('gateway-subnet-size', 'error', NASTY_MESSAGE, find(nastyFile, '1'));
  return { files: [fileResult(nastyFile, 'arm-template', [d])], rules: RULES };
}

/** Files whose only finding is suppressed, and a clean file: nothing to show. */
export function quietResult(): LintResult {
  const suppressed = diagnostic('gateway-subnet-size', 'error', 'Too small.', find(mainJson, '"10.0.0.0/29"'), {
    suppression: { kind: 'metadata' },
  });
  return {
    files: [fileResult(mainJson, 'arm-template', [suppressed]), fileResult(cleanJson, 'arm-template', [])],
    rules: RULES,
  };
}

export const EMPTY: LintResult = { files: [], rules: RULES };
