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

/** The top-level joined types: every joined type, and every id of one, starts with one of them. */
const JOINED_MENTION = /microsoft\.network\/(?:virtualnetworks|virtualnetworkgateways|publicipaddresses|localnetworkgateways|connections)/gi;

/** Bicep `resource sym 'Type@version' [existing] =`; `[ \t]` and `[^'\r\n]` keep each attempt inside its line. */
const BICEP_DECLARATION = /^[ \t]*resource[ \t]+(\w+)[ \t]+'([\w./]+)@[^'\r\n]*'[ \t]*(existing)?/gm;
/** The first `name:` line of a Bicep body: a literal or a parameter / variable. */
const BICEP_NAME = /^[ \t]*name:[ \t]*(?:'([^'$\r\n]*)'|([A-Za-z_]\w*))[ \t]*(?:\/\/[^\r\n]*)?$/m;
const BICEP_PARENT = /^[ \t]*parent:[ \t]*(\w+)/m;
/** ARM `"type": "…"` naming a joined type (the case of `"type"` is checked apart: the value's case does not count). */
const ARM_JOINED_TYPE = new RegExp(`"type"\\s*:\\s*"(${[...JOINED_TYPES, ...Object.keys(RELATIVE_CHILD_TYPES)].map((t) => t.replace(/[./]/g, '\\$&')).join('|')})"`, 'gi');
/** An ARM `"name": "…"` starting where the search is put (sticky). */
const ARM_NAME_AT = /"name"\s*:\s*"([^"]*)"/y;
/** How far from its `"type"` an ARM resource's `"name"` is looked for. */
const ARM_NAME_WINDOW = 600;
/** A Bicep body is looked at up to this length for its `name:` and `parent:`. */
const BICEP_BODY_WINDOW = 1500;
/** `resourceId(…'Microsoft.Network/type', 'name'[, 'child'])` with literal names, from where the search is put (sticky). */
const RESOURCE_ID = /resourceId\([^()'\r\n]*'(Microsoft\.Network\/[\w/]+)'((?:\s*,\s*'[^'\r\n]*')+)\s*\)/iy;
/** A written-out id `/providers/Microsoft.Network/type/name[/child/name]`, from where the search is put (sticky). */
const LITERAL_ID = /\/providers\/Microsoft\.Network\/(\w+)\/([\w.-]+)(?:\/(\w+)\/([\w.-]+))?/iy;

export interface NetworkScan {
  /** Joined types deployed (not `existing`). */
  declaredTypes: Set<string>;
  /** `type|name` of the resources deployed, lower-cased; a child's name is `parent/child`. */
  declared: Set<string>;
  /** `type|name` of the resources referred to, with the parents of referred and deployed children. */
  referred: Set<string>;
}

export function scanNetwork(written: string, bicep: boolean): NetworkScan {
  const scan: NetworkScan = { declaredTypes: new Set(), declared: new Set(), referred: new Set() };
  // Windows PowerShell's ConvertTo-Json writes an expression's quotes as \u0027: read them as ARM does.
  const text = !bicep && written.includes('\\u0027') ? written.replaceAll('\\u0027', "'") : written;
  const mentions = [...text.matchAll(JOINED_MENTION)].map((m) => m.index!);
  if (!mentions.length) return scan;
  if (bicep) scanBicep(text, scan);
  else scanArm(text, scan);
  // An id of a joined resource names its type: ids are looked for where joined types are written.
  for (const at of mentions) {
    const id = resourceIdAt(text, at);
    if (id) {
      refer(scan, id[1].toLowerCase(), [...id[2].matchAll(/'([^']*)'/g)].map((n) => n[1]).join('/'));
      continue;
    }
    const literal = literalIdAt(text, at);
    if (literal) {
      const type = `microsoft.network/${literal[1].toLowerCase()}`;
      refer(scan, literal[3] ? `${type}/${literal[3].toLowerCase()}` : type, literal[3] ? `${literal[2]}/${literal[4]}` : literal[2]);
    }
  }
  return scan;
}

/** The `resourceId(…)` call whose quoted type argument starts at `at`. */
function resourceIdAt(text: string, at: number): RegExpExecArray | undefined {
  if (text[at - 1] !== "'") return undefined;
  let open = at - 2;
  while (open >= 0 && !"()'\r\n".includes(text[open])) open--;
  const start = open - 'resourceId'.length;
  if (start < 0 || text[open] !== '(' || text.slice(start, open).toLowerCase() !== 'resourceid') return undefined;
  RESOURCE_ID.lastIndex = start;
  return RESOURCE_ID.exec(text) ?? undefined;
}

/** The written-out id whose type starts at `at` (after `/providers/`). */
function literalIdAt(text: string, at: number): RegExpExecArray | undefined {
  const start = at - '/providers/'.length;
  if (start < 0 || text.slice(start, at).toLowerCase() !== '/providers/') return undefined;
  LITERAL_ID.lastIndex = start;
  return LITERAL_ID.exec(text) ?? undefined;
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
  const resolved = new Map<string, string | undefined>();
  for (const m of text.matchAll(ARM_JOINED_TYPE)) {
    if (!m[0].startsWith('"type"')) continue;
    const written = m[1].toLowerCase();
    const type = RELATIVE_CHILD_TYPES[written] ?? written;
    const nearest = nearestArmName(text, m.index!);
    let name: string | undefined;
    if (nearest !== undefined) {
      if (!resolved.has(nearest)) resolved.set(nearest, armName(text, nearest));
      name = resolved.get(nearest);
    }
    declare(scan, type, name, false);
  }
}

/**
 * The resource's own `"name"`: of the last one before its `"type"` and the first one after it, the nearer
 * one within the window (the one before on a tie).
 */
function nearestArmName(text: string, at: number): string | undefined {
  const from = Math.max(0, at - ARM_NAME_WINDOW);
  const window = text.slice(from, at + ARM_NAME_WINDOW + '"name"'.length);
  let before: RegExpExecArray | undefined;
  let after: RegExpExecArray | undefined;
  for (let i = window.indexOf('"name"'); i >= 0 && !after; i = window.indexOf('"name"', i + 1)) {
    ARM_NAME_AT.lastIndex = from + i;
    const m = ARM_NAME_AT.exec(text);
    if (!m) continue;
    if (m.index < at) before = m;
    else after = m;
    // A match's value holds no quote: the next name starts after it.
    i = m.index + m[0].length - from - 1;
  }
  if (!before) return after?.[1];
  if (!after) return before[1];
  return at - before.index <= after.index - at ? before[1] : after[1];
}

/** After a parameter's quoted name: its declaration's `defaultValue`, a literal (sticky). */
const PARAMETER_DEFAULT = /\s*:\s*\{[^{}]{0,2000}?"defaultValue"\s*:\s*"([^"[\]]+)"/y;
/** After a variable's quoted name: its literal value (sticky). */
const VARIABLE_VALUE = /\s*:\s*"([^"[\]]+)"/y;

/** A literal ARM name, or the default of the parameter / the variable it is (the first declaration of the name that fits). */
function armName(text: string, written: string): string | undefined {
  if (!written.startsWith('[')) return written || undefined;
  const ref = /^\[(parameters|variables)\('(\w+)'\)\]$/.exec(written);
  if (!ref) return undefined;
  const value = ref[1] === 'parameters' ? PARAMETER_DEFAULT : VARIABLE_VALUE;
  const key = `"${ref[2]}"`;
  for (let i = text.indexOf(key); i >= 0; i = text.indexOf(key, i + 1)) {
    value.lastIndex = i + key.length;
    const m = value.exec(text);
    if (m) return m[1];
  }
  return undefined;
}
