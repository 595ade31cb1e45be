import { DEPLOYMENT_SCHEMA } from './support.js';

/**
 * Generators of hostile inputs that are small but made to hit super-linear code: long runs of
 * whitespace, comments and blank lines, floods of one token, wide graphs of shared values, star-heavy
 * globs. Each takes a size so that tests can check time per kilobyte at several sizes.
 */

export const template = (resources: unknown[], extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ $schema: DEPLOYMENT_SCHEMA, contentVersion: '1.0.0.0', ...extra, resources }, null, 2);

export const vnet = (prefix = '10.0.255.0/28', subnet = 'GatewaySubnet') => ({
  type: 'Microsoft.Network/virtualNetworks',
  apiVersion: '2024-05-01',
  name: 'hub-vnet',
  location: 'westeurope',
  properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets: [{ name: subnet, properties: { addressPrefix: prefix } }] },
});

/** A GatewaySubnet of /28 (a gateway-subnet-size warning) after a JSONC comment: the finding shows the file was linted. */
export const afterComment = (comment: string): string => `${comment}\n${template([vnet()])}`;

/** A suppression directive whose rule list is followed by a run of spaces and another word. */
export const directiveWithSpaces = (n: number): string => afterComment(`// gwlint-disable-next-line gateway-subnet-size${' '.repeat(n)}x`);

/** A block comment that starts like a directive and holds a run of line breaks. */
export const directiveWithLineBreaks = (n: number): string => afterComment(`/* gwlint-disable-next-line gateway-subnet-size${'\n '.repeat(n)}x */`);

/** `levels` variables, each an array of `width` references to the previous one, the last one a connection's sharedKey. */
export function sharedValueGraph(levels: number, width: number): string {
  const variables: Record<string, unknown> = { v0: ['k'] };
  for (let i = 1; i <= levels; i++) variables[`v${i}`] = `[createArray(${Array(width).fill(`variables('v${i - 1}')`).join(', ')})]`;
  const connection = {
    type: 'Microsoft.Network/connections',
    apiVersion: '2024-05-01',
    name: 'conn',
    location: 'westeurope',
    properties: { connectionType: 'IPsec', sharedKey: `[variables('v${levels}')]` },
  };
  return template([connection, vnet()], { variables });
}

/** A Bicep file of `n` line breaks (`\n` or `\r`) before a declaration. */
export const bicepAfterLineBreaks = (n: number, lineBreak: '\n' | '\r' | '\r\n'): string =>
  `${lineBreak.repeat(n)}param p string = 'x'\n`;

/** A glob of `stars` stars, each followed by `a`, ending in `b`: it never matches a name of `a`s. */
export const starGlob = (stars: number): string => `${'*a'.repeat(stars)}*b`;

/** One line of JSON: a virtual network with `n` subnets of malformed prefixes (one subnet-cidr finding each). */
export function oneLineManyFindings(n: number): string {
  const subnets = Array.from({ length: n }, (_, i) => ({ name: `s${i}`, properties: { addressPrefix: `10.0.${i}` } }));
  return JSON.stringify({ $schema: DEPLOYMENT_SCHEMA, contentVersion: '1.0.0.0', resources: [{ ...vnet(), properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets } }] });
}
