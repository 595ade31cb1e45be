import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withoutTestMarks } from '../../src/cli/commands.js';
import { REPO, gatewayBicep, gatewayTemplate } from '../cli/helpers.js';
import { installInto, packRepository } from '../support/npm-package.js';

// Slow (half a minute or more): packs this repository with `npm pack` and installs the tarball into an
// empty folder the way a user would.
const root = mkdtempSync(path.join(tmpdir(), 'gwlint-package-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the npm package', () => {
  it('packs, installs into an empty folder and lints JSON and Bicep with the installed command', () => {
    expect(existsSync(path.join(REPO, 'dist/src/cli/main.js')), 'dist/ is built by npm ci (npm run build)').toBe(true);
    const { tarball, files } = packRepository(root);
    for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'bin/gwlint.js', 'dist/src/cli/main.js', 'dist/rules/index.js', 'docs/rules/gateway-subnet-size.md'])
      expect(files, needed).toContain(needed);
    expect(files.filter((f) => /^(src|test|fixtures|bench|scripts)\//.test(f) || f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
    const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string }; bin: Record<string, string> };
    expect(manifest.engines.node).toMatch(/^>=20(\.|$)/);
    expect(manifest.bin.gwlint).toBe('bin/gwlint.js');

    const consumer = path.join(root, 'consumer');
    installInto(consumer, tarball);
    // Bicep is parsed by gwlint itself: no grammar package (nor anything fetched) is needed to lint it.
    expect(existsSync(path.join(consumer, 'node_modules/tree-sitter-bicep'))).toBe(false);
    expect(existsSync(path.join(consumer, 'node_modules/web-tree-sitter'))).toBe(false);

    writeFileSync(path.join(consumer, 'main.json'), gatewayTemplate());
    writeFileSync(path.join(consumer, 'hub.bicep'), gatewayBicep());
    const bin = path.join(consumer, 'node_modules/.bin/gwlint');
    const lint = spawnSync(bin, ['-f', 'compact', 'main.json', 'hub.bicep'], { cwd: consumer, encoding: 'utf8' });
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(1);
    expect(lint.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/\/hub\.bicep: line 1, col 36, Error - GatewaySubnet is \/28.* \(gateway-subnet-size\)$/),
      expect.stringMatching(/\/main\.json: line 5, col 64, Error - GatewaySubnet is \/28.* \(gateway-subnet-size\)$/),
      '',
      '2 problems',
    ]);
    const version = spawnSync(bin, ['--version'], { cwd: consumer, encoding: 'utf8' });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
    const explain = spawnSync(bin, ['explain', 'gateway-subnet-size'], { cwd: consumer, encoding: 'utf8' });
    expect(explain.status).toBe(0);
    expect(explain.stdout).toBe(withoutTestMarks(readFileSync(path.join(REPO, 'docs/rules/gateway-subnet-size.md'), 'utf8')));
  }, 600_000);
});
