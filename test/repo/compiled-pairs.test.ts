import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/engine/lint.js';
import type { LintResult } from '../../src/engine/result.js';
import { cli, gatewayBicep, gatewayTemplate, parametersFile, tempTrees } from '../cli/helpers.js';

const tree = tempTrees();

/** gatewayTemplate as Bicep compiles gatewayBicep: same parameters and resources, with Bicep's generator mark. */
const compiled = (prefix: string, extraParameter?: string) => {
  const t = JSON.parse(gatewayTemplate(prefix)) as Record<string, Record<string, unknown>>;
  t.metadata = { _generator: { name: 'bicep', version: '0.30.23.60470', templateHash: '1' } };
  if (extraParameter) t.parameters[extraParameter] = { type: 'string', defaultValue: 'x' };
  return JSON.stringify(t, null, 2);
};

const filesWithFindings = (result: LintResult) => result.files.filter((f) => f.diagnostics.some((d) => d.ruleId === 'gateway-subnet-size')).map((f) => path.basename(f.path));

describe('JSON compiled from Bicep beside it is reported once, on the Bicep', () => {
  for (const name of ['azuredeploy.json', 'main.json', 'main.symbolicnames.json'])
    it(`${name} beside main.bicep`, async () => {
      const result = await lint({ files: [{ path: 'main.bicep', text: gatewayBicep() }, { path: name, text: compiled('10.0.255.0/28') }] });
      expect(filesWithFindings(result)).toEqual(['main.bicep']);
    });

  it('a JSON marked as Bicep output that does not match the Bicep beside it (other parameters) is its own template', async () => {
    const result = await lint({ files: [{ path: 'main.bicep', text: gatewayBicep() }, { path: 'azuredeploy.json', text: compiled('10.0.255.0/28', 'extra') }] });
    expect(filesWithFindings(result).sort()).toEqual(['azuredeploy.json', 'main.bicep']);
  });

  it('a compiled JSON in another folder is its own template', async () => {
    const result = await lint({ files: [{ path: 'main.bicep', text: gatewayBicep() }, { path: 'build/azuredeploy.json', text: compiled('10.0.255.0/28') }] });
    expect(filesWithFindings(result).sort()).toEqual(['azuredeploy.json', 'main.bicep']);
  });

  it("the compiled JSON's parameters file is a deployment of the Bicep file", async () => {
    const result = await lint({
      files: [
        { path: 'main.bicep', text: gatewayBicep('10.0.255.0/27') },
        { path: 'azuredeploy.json', text: compiled('10.0.255.0/27') },
        { path: 'azuredeploy.parameters.json', text: parametersFile('10.0.255.0/29') },
      ],
    });
    // On the /29 the parameters file writes, used by the Bicep file (not by the compiled JSON).
    expect(filesWithFindings(result)).toEqual(['azuredeploy.parameters.json']);
    const used = result.files.flatMap((f) => f.diagnostics).flatMap((d) => d.related.filter((r) => r.message === 'Used here.'));
    expect(used.map((r) => r.span.file.path)).toEqual(['main.bicep']);
  });

  it('the command line on the folder, in worker threads, reports the Bicep only', async () => {
    const t = tree({ 'infra/main.bicep': gatewayBicep(), 'infra/azuredeploy.json': compiled('10.0.255.0/28'), 'other/net.json': gatewayTemplate() });
    const run = await cli(t.dir, ['--format', 'json', '--jobs', '2', '.']);
    const reported = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'gateway-subnet-size')).map((f) => path.relative(t.dir, f.filePath));
    expect(reported.sort()).toEqual([path.join('infra', 'main.bicep'), path.join('other', 'net.json')]);
  });

  it('the command line naming only the compiled JSON (a pre-commit run) still lints it', async () => {
    const t = tree({ 'main.bicep': gatewayBicep(), 'azuredeploy.json': compiled('10.0.255.0/28') });
    const run = await cli(t.dir, ['--format', 'json', 'azuredeploy.json']);
    const reported = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'gateway-subnet-size')).map((f) => path.basename(f.filePath));
    expect(reported).toEqual(['azuredeploy.json']);
  });

  it("the command line naming only the Bicep file reads the compiled JSON's parameters file", async () => {
    const t = tree({ 'main.bicep': gatewayBicep('10.0.255.0/27'), 'azuredeploy.json': compiled('10.0.255.0/27'), 'azuredeploy.parameters.json': parametersFile('10.0.255.0/29') });
    const run = await cli(t.dir, ['--format', 'json', 'main.bicep']);
    const reported = (JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).filter((f) => f.messages.some((m) => m.ruleId === 'gateway-subnet-size')).map((f) => path.basename(f.filePath));
    expect(reported).toEqual(['azuredeploy.parameters.json']);
  });
});
