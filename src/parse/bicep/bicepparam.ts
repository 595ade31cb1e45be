import type { SourceFile } from '../../core/source.js';
import type { Expr } from '../../expr/ast.js';
import type { ParamFileIR, ParamValue } from '../ir.js';
import { parseBicepFile } from './parse-file.js';

/** `getSecret(…)` / `az.getSecret(…)`: a Key Vault reference, whose value is never known statically. */
function isKeyVaultReference(e: Expr): boolean {
  return e.kind === 'call' && e.name === 'getsecret' && (e.namespace === undefined || e.namespace === 'az');
}

/**
 * Lowers a `.bicepparam` file: `using '…'` (the path as written) and `param x = value` assignments, each
 * with the file's `var` declarations it may read.
 */
export function parseBicepParam(file: SourceFile): ParamFileIR {
  const { declarations, problems, comments } = parseBicepFile(file, 'bicepparam');
  const values: ParamValue[] = declarations.paramAssignments.map((p) => {
    const keyVaultReference = isKeyVaultReference(p.value);
    const value: ParamValue = { name: p.name, nameSpan: p.nameSpan, keyVaultReference, span: p.span };
    if (!keyVaultReference) {
      value.value = p.value;
      value.scope = declarations.variables;
    }
    // getSecret(subscriptionId, resourceGroup, vault, secretName, secretVersion?)
    else if (p.value.kind === 'call') value.secretNames = p.value.args.slice(3).flatMap((a) => (a.kind === 'literal' && typeof a.value === 'string' ? [a.value] : []));
    return value;
  });
  const ir: ParamFileIR = { file, values, problems, comments };
  if (declarations.using !== undefined) ir.using = declarations.using;
  return ir;
}
