import type { Fix, TextEdit } from '../core/diagnostic.js';
import type { Span } from '../core/span.js';
import type { Expr, LiteralExpr } from '../expr/ast.js';
import { subExpressions } from '../expr/ast.js';
import type { TemplateIR } from '../parse/ir.js';
import type { Network, Subnet } from '../model/network.js';
import { nameKey } from '../model/network.js';
import { declExprs } from './reached-resources.js';

/**
 * A fix that replaces a string literal with another string, quoted the way its file quotes strings.
 * Only literals can be fixed: a value computed by an expression has no single right edit.
 */
export function replaceStringLiteral(node: Expr, text: string, description: string): Fix | undefined {
  if (node.kind !== 'literal' || typeof node.value !== 'string') return undefined;
  const edit = literalEdit(node, text);
  return edit && { description, edits: [edit] };
}

/**
 * An edit that replaces a string literal's source text: a JSON string (`"…"`), a string inside an ARM
 * expression (`'…'` with `''` for a quote, inside a JSON string) or a Bicep string (`'…'`). Undefined when
 * the literal's span does not hold exactly that literal (a JSON string with escapes around an expression,
 * a Bicep multi-line string), so an edit never lands on the wrong text.
 */
export function literalEdit(node: LiteralExpr, text: string): TextEdit | undefined {
  if (typeof node.value !== 'string') return undefined;
  const source = node.span.file.text.slice(node.span.start, node.span.end);
  const bicep = /\.bicep(param)?$/i.test(node.span.file.path);
  if (source.length < 2) return undefined;
  if (bicep) {
    if (source.startsWith("'''") || !source.startsWith("'") || !source.endsWith("'")) return undefined;
    if (unescapeBicep(source.slice(1, -1)) !== node.value) return undefined;
    return { span: node.span, text: `'${escapeBicep(text)}'` };
  }
  if (source.startsWith("'") && source.endsWith("'")) {
    // A string inside an ARM expression; exact spans exist only where the JSON token has no escapes.
    if (source.slice(1, -1).replace(/''/g, "'") !== node.value) return undefined;
    const armQuoted = `'${text.replace(/'/g, "''")}'`;
    return { span: node.span, text: JSON.stringify(armQuoted).slice(1, -1) };
  }
  if (source.startsWith('"') && source.endsWith('"')) {
    let decoded: unknown;
    try {
      decoded = JSON.parse(source);
    } catch {
      return undefined;
    }
    // `[[…` in a JSON string is a literal `[…`; a new value starting with `[` needs the same escape.
    if (decoded !== node.value && decoded !== `[${node.value}`) return undefined;
    return { span: node.span, text: JSON.stringify(text.startsWith('[') ? `[${text}` : text) };
  }
  return undefined;
}

/**
 * Renames a subnet where its name is a string literal (`Gateway-Subnet`, or the last segment of
 * `vnet/Gateway-Subnet`), together with every string literal in the same file that refers to that subnet
 * by its name: the last argument of `resourceId(…)`, the tail of a literal id or of
 * `concat(…, '/subnets/Gateway-Subnet')`, the end of a Bicep interpolated id. References through symbols
 * (`subnet.id`, `vnet.properties.subnets[0].id`) follow the rename by themselves. No fix when another
 * subnet of the VNet already has the new name (Azure compares names without case).
 */
export function renameSubnetFix(subnet: Subnet, network: Network, newName: string, description: string): Fix | undefined {
  const oldName = subnet.name;
  // Only a name the resource writes itself: a value from a variable, a parameter or a parameters file may be
  // shared with other uses, or secret.
  const node = subnet.nameLocated.property;
  if (typeof oldName !== 'string' || node.kind !== 'literal' || typeof node.value !== 'string') return undefined;
  if (siblingSubnets(subnet, network).some((s) => typeof s.name !== 'string' || s.name.toLowerCase() === newName.toLowerCase())) return undefined;
  if (node.value !== oldName && !node.value.endsWith(`/${oldName}`)) return undefined;
  const rename = literalEdit(node, node.value.slice(0, node.value.length - oldName.length) + newName);
  if (!rename) return undefined;
  const edits = [rename];
  for (const ref of network.refs()) {
    if (network.subnetFor(ref) !== subnet) continue;
    for (const edit of referenceEdits(ref.resource.get(ref.path).node, oldName, newName))
      if (edit.span.file.path === node.span.file.path && !edits.some((e) => e.span.start === edit.span.start && e.span.end === edit.span.end)) edits.push(edit);
  }
  // An expression that computes with the old name where the edits leave it is a look-up the model did not
  // follow (filter() by name, say): renaming the subnet would break it, so the fix is not offered.
  if (usedOutsideEdits(subnet.resource.instance.template, oldName, edits)) return undefined;
  return { description, edits };
}

/**
 * Whether an expression of the template uses `name` as a subnet's name where no edit renames it: a
 * literal operand of a call, an operator or a lambda (`s.name == 'GwSubnet'`), or a string built around
 * `/subnets/<name>`. A plain property value spelled the same (a tag) is not a use of the name.
 */
function usedOutsideEdits(template: TemplateIR, name: string, edits: readonly TextEdit[]): boolean {
  const old = name.toLowerCase();
  const spells = (text: string) => text.toLowerCase() === old || text.toLowerCase().endsWith(`/subnets/${old}`);
  const edited = (span: Span) => edits.some((e) => e.span.file === span.file && span.start <= e.span.start && e.span.end <= span.end);
  const roots = [...template.resources.flatMap(declExprs), ...[...template.variables, ...template.outputs].map((d) => d.value), ...template.functions.map((f) => f.body)];
  const walk = (e: Expr, operand: boolean): boolean => {
    if (e.kind === 'literal') return operand && typeof e.value === 'string' && spells(e.value) && !edited(e.span);
    if (e.kind === 'interpolation' && e.parts.some((p) => typeof p === 'string' && spells(p)) && !edited(e.span)) return true;
    const inValue = e.kind === 'object' || e.kind === 'array';
    return subExpressions(e).some((c) => walk(c, !inValue));
  };
  return roots.some((root) => walk(root, false));
}

/** The other subnets declared in the same VNet (by VNet name, known or partly known). */
export function siblingSubnets(subnet: Subnet, network: Network): Subnet[] {
  const vnet = nameKey(subnet.vnetName);
  if (vnet === undefined) return [];
  return network.subnets.filter((s) => s !== subnet && nameKey(s.vnetName) === vnet);
}

const RESOURCE_ID_FUNCTIONS = new Set(['resourceid', 'subscriptionresourceid', 'tenantresourceid', 'extensionresourceid']);

/** Edits for the literals under an expression that spell a subnet's name as part of an id. */
function referenceEdits(e: Expr, oldName: string, newName: string): TextEdit[] {
  const old = oldName.toLowerCase();
  const suffix = `/subnets/${old}`;
  if (e.kind === 'literal') {
    if (typeof e.value !== 'string') return [];
    const value = e.value.toLowerCase();
    const replaced = value === old ? newName : value.endsWith(suffix) ? e.value.slice(0, e.value.length - oldName.length) + newName : undefined;
    const edit = replaced === undefined ? undefined : literalEdit(e, replaced);
    return edit ? [edit] : [];
  }
  if (e.kind === 'call' && RESOURCE_ID_FUNCTIONS.has(e.name.toLowerCase())) {
    // Only the last segment names the subnet; earlier arguments name the VNet, group or subscription.
    const last = e.args[e.args.length - 1];
    return last?.kind === 'literal' && typeof last.value === 'string' && last.value.toLowerCase() === old ? referenceEdits(last, oldName, newName) : [];
  }
  if (e.kind === 'interpolation') {
    const tail = e.parts[e.parts.length - 1];
    const source = e.span.file.text.slice(e.span.start, e.span.end);
    const out = e.parts.filter((p): p is Expr => typeof p !== 'string').flatMap((p) => referenceEdits(p, oldName, newName));
    // `'${vnet.id}/subnets/Gateway-Subnet'`: the name sits just before the closing quote.
    if (typeof tail === 'string' && tail.toLowerCase().endsWith(suffix) && source.endsWith(`${tail.slice(tail.length - oldName.length)}'`) && !source.endsWith("\\'"))
      out.push({ span: { file: e.span.file, start: e.span.end - 1 - oldName.length, end: e.span.end - 1 }, text: escapeBicep(newName) });
    return out;
  }
  return subExpressions(e).flatMap((c) => referenceEdits(c, oldName, newName));
}

function escapeBicep(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

function unescapeBicep(text: string): string {
  return text.replace(/\\(['\\$nrt])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
