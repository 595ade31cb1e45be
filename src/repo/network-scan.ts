/**
 * The text pre-scan of a template's network resources for the repository index: which VNets, subnets,
 * gateways, public IPs, local network gateways, connections and NAT rules it deploys and which it refers
 * to (`existing`, resource ids), by type and literal name. It only proposes which templates belong
 * together; the engine joins resources exactly, by evaluated type, name and scope.
 */

/** The network resource types whose declarations and references join templates, lower-cased. */
const JOINED_TYPES = new Set(
  ['virtualNetworks', 'virtualNetworks/subnets', 'virtualNetworkGateways', 'virtualNetworkGateways/natRules', 'publicIPAddresses', 'localNetworkGateways', 'connections'].map((t) => `microsoft.network/${t.toLowerCase()}`),
);
/** Child types written relative to their parent (Bicep `resource s 'subnets@…'`, ARM `"type": "subnets"`). */
const RELATIVE_CHILD_TYPES: Readonly<Record<string, string>> = { subnets: 'microsoft.network/virtualnetworks/subnets', natrules: 'microsoft.network/virtualnetworkgateways/natrules' };

/** Bicep `resource sym 'Type@version' [existing] =`; `[ \t]` and `[^'\r\n]` keep each attempt inside its line. */
const BICEP_DECLARATION = /^[ \t]*resource[ \t]+(\w+)[ \t]+'([\w./]+)@[^'\r\n]*'[ \t]*(existing)?/gm;
/** The first `name:` line of a Bicep body: a literal or a parameter / variable. */
const BICEP_NAME = /^[ \t]*name:[ \t]*(?:'([^'$\r\n]*)'|([A-Za-z_]\w*))[ \t]*(?:\/\/[^\r\n]*)?$/m;
const BICEP_PARENT = /^[ \t]*parent:[ \t]*(\w+)/m;
/** ARM `"type": "…"`; an ARM `existing` declaration only widens the candidates. */
const ARM_TYPE = /"type"\s*:\s*"([\w./]+)"/g;
const ARM_NAME = /"name"\s*:\s*"([^"]*)"/g;
/** How far from its `"type"` an ARM resource's `"name"` is looked for. */
const ARM_NAME_WINDOW = 600;
/** A Bicep body is looked at up to this length for its `name:` and `parent:`. */
const BICEP_BODY_WINDOW = 1500;
/** `resourceId(…'Microsoft.Network/type', 'name'[, 'child'])` with literal names. */
const RESOURCE_ID = /resourceId\([^()'\r\n]*'(Microsoft\.Network\/[\w/]+)'((?:\s*,\s*'[^'\r\n]*')+)\s*\)/gi;
/** A written-out id `/providers/Microsoft.Network/type/name[/child/name]`. */
const LITERAL_ID = /\/providers\/Microsoft\.Network\/(\w+)\/([\w.-]+)(?:\/(\w+)\/([\w.-]+))?/gi;

export interface NetworkScan {
  /** Joined types deployed (not `existing`). */
  declaredTypes: Set<string>;
  /** `type|name` of the resources deployed, lower-cased; a child's name is `parent/child`. */
  declared: Set<string>;
  /** `type|name` of the resources referred to, with the parents of referred and deployed children. */
  referred: Set<string>;
}

export function scanNetwork(text: string, bicep: boolean): NetworkScan {
  const scan: NetworkScan = { declaredTypes: new Set(), declared: new Set(), referred: new Set() };
  if (!/microsoft\.network\//i.test(text)) return scan;
  if (bicep) scanBicep(text, scan);
  else scanArm(text, scan);
  for (const m of text.matchAll(RESOURCE_ID)) {
    const names = [...m[2].matchAll(/'([^']*)'/g)].map((n) => n[1]);
    refer(scan, m[1].toLowerCase(), names.join('/'));
  }
  for (const m of text.matchAll(LITERAL_ID)) {
    const type = `microsoft.network/${m[1].toLowerCase()}`;
    refer(scan, m[3] ? `${type}/${m[3].toLowerCase()}` : type, m[3] ? `${m[2]}/${m[4]}` : m[2]);
  }
  return scan;
}

/** A reference to `type|name`, and to its parents (a subnet id names its VNet). */
function refer(scan: NetworkScan, type: string, name: string): void {
  const segments = name.split('/');
  for (let t = type, n = segments.length; n > 0; t = t.slice(0, t.lastIndexOf('/')), n--) if (JOINED_TYPES.has(t) && segments.slice(0, n).every(Boolean)) scan.referred.add(`${t}|${segments.slice(0, n).join('/').toLowerCase()}`);
}

function declare(scan: NetworkScan, type: string, name: string | undefined, existing: boolean): void {
  if (!JOINED_TYPES.has(type)) return;
  if (!existing) scan.declaredTypes.add(type);
  if (!name) return;
  if (existing) return refer(scan, type, name);
  scan.declared.add(`${type}|${name.toLowerCase()}`);
  // A child deployed on its own refers to its parent.
  const parent = type.slice(0, type.lastIndexOf('/'));
  if (JOINED_TYPES.has(parent) && name.includes('/')) refer(scan, parent, name.slice(0, name.lastIndexOf('/')));
}

function scanBicep(text: string, scan: NetworkScan): void {
  const declarations = [...text.matchAll(BICEP_DECLARATION)];
  const names = new Map<string, string | undefined>();
  const values = new Map<string, string | undefined>();
  let enclosing: { symbol: string; type: string } | undefined;
  declarations.forEach((m, i) => {
    const [, symbol, written, existing] = m;
    const end = Math.min(declarations[i + 1]?.index ?? text.length, m.index + m[0].length + BICEP_BODY_WINDOW);
    const body = text.slice(m.index + m[0].length, end);
    const relative = RELATIVE_CHILD_TYPES[written.toLowerCase()];
    const type = relative ?? written.toLowerCase();
    const own = bicepName(text, body, values);
    // A child's full name: its `parent:` symbol's name, or the enclosing declaration's for a nested one.
    const parentSymbol = BICEP_PARENT.exec(body)?.[1] ?? (relative ? enclosing?.symbol : undefined);
    const parentName = parentSymbol === undefined ? undefined : names.get(parentSymbol);
    const isChild = type.split('/').length > 2;
    const name = !isChild ? own : own && parentName ? `${parentName}/${own}` : undefined;
    names.set(symbol, name);
    if (!relative) enclosing = { symbol, type };
    declare(scan, type, name, existing !== undefined);
  });
}

/** The literal name of a Bicep body, through a parameter's default or a variable when it is one. */
function bicepName(text: string, body: string, values: Map<string, string | undefined>): string | undefined {
  const m = BICEP_NAME.exec(body);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1] || undefined;
  const id = m[2];
  if (!values.has(id)) values.set(id, new RegExp(`^[ \\t]*(?:param[ \\t]+${id}[ \\t]+string[ \\t]*=|var[ \\t]+${id}[ \\t]*=)[ \\t]*'([^'$\\r\\n]+)'`, 'm').exec(text)?.[1]);
  return values.get(id);
}

function scanArm(text: string, scan: NetworkScan): void {
  const names = [...text.matchAll(ARM_NAME)];
  const resolved = new Map<string, string | undefined>();
  let next = 0;
  for (const m of text.matchAll(ARM_TYPE)) {
    const type = RELATIVE_CHILD_TYPES[m[1].toLowerCase()] ?? m[1].toLowerCase();
    // Both lists are in text order: `next` is the first name after this type (one pass over both).
    while (next < names.length && names[next].index! < m.index!) next++;
    if (!JOINED_TYPES.has(type)) continue;
    // The resource's own "name": the nearest one around its "type".
    const distance = (n: RegExpMatchArray | undefined) => (n ? Math.abs(n.index! - m.index!) : Infinity);
    const nearest = [names[next - 1], names[next]].filter((n) => distance(n) <= ARM_NAME_WINDOW).sort((a, b) => distance(a) - distance(b))[0];
    let name: string | undefined;
    if (nearest) {
      const written = nearest[1];
      if (!resolved.has(written)) resolved.set(written, armName(text, written));
      name = resolved.get(written);
    }
    declare(scan, type, name, false);
  }
}

/** A literal ARM name, or the default of the parameter / the variable it is. */
function armName(text: string, written: string): string | undefined {
  if (!written.startsWith('[')) return written || undefined;
  const ref = /^\[(parameters|variables)\('(\w+)'\)\]$/.exec(written);
  if (!ref) return undefined;
  const pattern = ref[1] === 'parameters' ? `"${ref[2]}"\\s*:\\s*\\{[^{}]{0,2000}?"defaultValue"\\s*:\\s*"([^"[\\]]+)"` : `"${ref[2]}"\\s*:\\s*"([^"[\\]]+)"`;
  return new RegExp(pattern).exec(text)?.[1];
}
