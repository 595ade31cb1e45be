import { describe, expect, it } from 'vitest';
import { generateBicep } from '../../bench/generate.js';
import { SourceFile } from '../../src/core/source.js';
import { Model } from '../../src/model/model.js';
import { network } from '../../src/model/network.js';
import { parseBicep } from '../../src/parse/bicep/index.js';
import { builtInRules } from '../../rules/index.js';

/**
 * Work counted in evaluated expression nodes (the evaluator's step budget), not in time: linting a file
 * with twice the VNets, public IPs and gateways evaluates twice the nodes, and reading `vnet.name` or
 * `pip.id` does not evaluate the resource's body.
 */
function stepsToLint(text: string): { steps: number; resources: number } {
  const model = new Model(parseBicep(new SourceFile('/big/main.bicep', text)));
  const context = { model, network: network(model), report: () => undefined };
  for (const rule of builtInRules) rule.check(context);
  return { steps: model.budget.used, resources: model.resources.length };
}

describe('evaluation work on a large generated Bicep file', () => {
  it('grows linearly with the resources declared', () => {
    const small = stepsToLint(generateBicep(20_000));
    const large = stepsToLint(generateBicep(80_000));
    const perResource = (r: { steps: number; resources: number }) => r.steps / r.resources;
    expect(large.resources).toBeGreaterThan(3 * small.resources);
    expect(perResource(large)).toBeLessThan(1.05 * perResource(small));
  });

  it('reads a resource symbol\'s name and id without evaluating its body', () => {
    const vnet = (subnets: number) => `
resource vnet 'Microsoft.Network/virtualNetworks@2024-05-01' = {
  name: 'hub'
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
    subnets: [${Array.from({ length: subnets }, (_, i) => `{ name: 's${i}', properties: { addressPrefix: concat('10.0.${i}', '.0/24') } }`).join('\n')}]
  }
}
output name string = vnet.name
output id string = vnet.id
`;
    const steps = (subnets: number) => {
      const model = new Model(parseBicep(new SourceFile('/v/main.bicep', vnet(subnets))));
      const before = model.budget.used;
      for (const o of model.root.template.outputs) model.root.evaluate(o.value);
      return model.budget.used - before;
    };
    expect(steps(100)).toBe(steps(1));
  });
});
