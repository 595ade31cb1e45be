import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/index.js';
import type { LintResult } from '../src/index.js';
import { CORPUS, HAS_CORPUS, SKIP_MESSAGE, compiledPairs, corpusFiles } from './support/corpus.js';

const BASELINE = path.join(import.meta.dirname, 'corpus-baseline.json');
if (!HAS_CORPUS) console.warn(SKIP_MESSAGE);

function countByRule(result: LintResult, filter: (p: string) => boolean = () => true): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of result.files)
    for (const d of f.diagnostics)
      if (!d.suppression && filter(f.path)) counts[`${d.ruleId} (${d.level})`] = (counts[`${d.ruleId} (${d.level})`] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}

/** Corpus files that Azure would reject, with why: the parse error gwlint reports on each is right. */
const INVALID: Record<string, string> = {
  'Azure__azure-docs-json-samples/application-insights/ServiceFabricCluster.json':
    "A documentation sample with the placeholder \"[Application_Insights_Key]\" in an extension setting: ARM evaluates it as an expression, which does not parse.",
};

describe.skipIf(!HAS_CORPUS)('the shared corpus of real templates', () => {
  it('lints every file with no crash, no parse failure, and the recorded count of findings per rule', async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(300);
    const result = await lint({ files });
    const internal = result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'internal-error').map((d) => `${f.path}: ${d.message}`));
    expect(internal).toEqual([]);
    // The corpus holds valid templates only, but for the files listed in INVALID: any other parse error is a front-end bug.
    const parseErrors = result.files.flatMap((f) => f.diagnostics.filter((d) => d.ruleId === 'parse-error').map((d) => `${path.relative(CORPUS, f.path)}: ${d.message}`));
    expect(parseErrors.filter((e) => !INVALID[e.slice(0, e.indexOf(': '))])).toEqual([]);
    const counts = countByRule(result);
    // A change that moves these numbers must update the baseline on purpose: GWLINT_UPDATE_BASELINE=1.
    if (process.env.GWLINT_UPDATE_BASELINE) writeFileSync(BASELINE, JSON.stringify(counts, null, 2) + '\n');
    expect(counts).toEqual(JSON.parse(readFileSync(BASELINE, 'utf8')));
  });

  /**
   * Known, explained differences between a Bicep file and its compiled JSON, per pair and rule. Empty when
   * none: every other pair must agree exactly.
   */
  const EXPLAINED: Record<string, string> = {
    'Azure__azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-end-to-end-secure/main.bicep':
      'The Bastion subnet is declared in modules/bastion.bicep, which the corpus does not include: the Bicep side cannot see it, the compiled JSON inlines it.',
    'Azure__azure-quickstart-templates/quickstarts/microsoft.machinelearningservices/machine-learning-end-to-end-secure-v1-legacy-mode/main.bicep':
      'The Bastion subnet is declared in modules/bastion.bicep, which the corpus does not include: the Bicep side cannot see it, the compiled JSON inlines it.',
    'Azure__ResourceModules/modules/network/virtual-network-gateway/main.bicep':
      'The public IP comes from module ../public-ip-address/main.bicep, which the corpus does not include: the Bicep side cannot see that UltraPerformance gets a Basic public IP (allowed-values), the compiled JSON inlines it.',
    'Azure__azure-quickstart-templates/application-workloads/azure-gamedev/gamedev-vmss/main.bicep':
      'The VNet and its subnet resources are declared in nestedtemplates/virtualNetworks.bicep, which the corpus does not include: vnet-subnet-ownership sees them in the compiled JSON only.',
    'Azure__azure-quickstart-templates/quickstarts/microsoft.network/virtual-wan-routing-intent/main.bicep':
      'The spoke VNets and their subnet resources are declared in modules/vnets.bicep, which the corpus does not include: vnet-subnet-ownership sees them in the compiled JSON only.',
    'Azure__azure-quickstart-templates/quickstarts/microsoft.network/vnet-to-vnet-bgp/main.bicep':
      'azuredeploy.parameters.json pairs with azuredeploy.json only; it writes the shared key (a GEN-UNIQUE placeholder), which connection-shared-key reports on the JSON side.',
  };

  it('gives the same findings for a Bicep file and the JSON compiled from it', async () => {
    const files = corpusFiles();
    const pairs = compiledPairs(files);
    expect(pairs.length).toBeGreaterThan(20);
    const byPath = new Map(files.map((f) => [f.path, f]));
    const disagreements: string[] = [];
    let explained = 0;
    for (const pair of pairs) {
      const context = files.filter((f) => path.dirname(f.path).startsWith(path.dirname(pair.bicep)) && f.path !== pair.bicep && f.path !== pair.json);
      const withoutEngine = (p: string) => !p.endsWith('.bicepparam');
      const bicep = countByRule(await lint({ files: [byPath.get(pair.bicep)!], context }), withoutEngine);
      const json = countByRule(await lint({ files: [byPath.get(pair.json)!], context }), withoutEngine);
      // The compiled JSON inlines registry modules; the corpus has no module cache for the Bicep side.
      delete bicep['registry-module-unresolved (info)'];
      // And local modules the corpus leaves out (a sample copied without its modules).
      delete bicep['module-unresolved (info)'];
      if (JSON.stringify(bicep) === JSON.stringify(json)) continue;
      if (EXPLAINED[path.relative(CORPUS, pair.bicep)]) explained++;
      else
        disagreements.push(`${pair.bicep}\n  bicep ${JSON.stringify(bicep)}\n  json  ${JSON.stringify(json)}`);
    }
    console.info(`Compiled pairs: ${pairs.length}; agreeing: ${pairs.length - explained}; differences explained: ${explained}.`);
    expect(disagreements).toEqual([]);
  });
});
