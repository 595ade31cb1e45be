import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureDist } from './support/dist.js';

/** Neovim's built-in LSP client, driven by nvim/quickfix.lua. CI installs Debian's `neovim`. */
const NVIM = (() => {
  try {
    return execFileSync('nvim', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    return undefined;
  }
})();

const SCRIPT = path.join(import.meta.dirname, 'nvim/quickfix.lua');
const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const workspaces: string[] = [];

interface NvimDiagnostic {
  code: string;
  source: string;
  severity: number;
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  related: number;
}

interface NvimResult {
  steps: string[];
  error?: string;
  before: NvimDiagnostic[];
  actions: { title: string; kind: string; isPreferred: boolean }[];
  after: NvimDiagnostic[];
}

async function runNvim(fixture: string, file: string): Promise<{ result: NvimResult; dir: string; original: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'gwlint-nvim-'));
  workspaces.push(dir);
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  const target = path.join(dir, file);
  const out = path.join(dir, 'nvim-result.json');
  const original = readFileSync(target, 'utf8');
  await new Promise<void>((resolve, reject) =>
    execFile(
      'nvim',
      ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${SCRIPT}`],
      { cwd: dir, timeout: 90_000, env: { ...process.env, GWLINT_BIN: BIN, GWLINT_NODE: process.execPath, GWLINT_FILE: target, GWLINT_OUT: out, GWLINT_ROOT: dir } },
      (error, stdout, stderr) => {
        const result = readFileSync(out, { encoding: 'utf8', flag: 'a+' });
        if (error && !result) reject(new Error(`nvim failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve();
      },
    ),
  );
  return { result: JSON.parse(readFileSync(out, 'utf8')) as NvimResult, dir, original };
}

/** Neovim's position of `needle` in `text`: 0-based line and byte column. */
function bytePosition(text: string, needle: string): { lnum: number; col: number; end_col: number } {
  const at = text.indexOf(needle);
  const lines = text.slice(0, at).split('\n');
  const col = Buffer.byteLength(lines[lines.length - 1]);
  return { lnum: lines.length - 1, col, end_col: col + Buffer.byteLength(needle) };
}

if (!NVIM && process.env.CI) {
  describe('Neovim LSP client', () => {
    it('needs nvim in CI', () => {
      throw new Error('nvim is not on PATH: .ci/run installs Debian neovim before the tests');
    });
  });
} else if (!NVIM) {
  console.warn('test/lsp/neovim.test.ts: skipped, `nvim` is not on PATH (apt-get install -y neovim to run it)');
  describe('Neovim LSP client', () => {
    it.skip('skipped: `nvim` is not on PATH (apt-get install -y neovim; CI installs it)', () => undefined);
  });
} else {
  describe(`Neovim LSP client (${NVIM})`, () => {
    beforeAll(() => ensureDist(), 240_000);
    afterAll(() => {
      for (const w of workspaces.splice(0)) rmSync(w, { recursive: true, force: true });
    });

    it('shows the ARM finding at the right place, applies the quick fix and sees the next finding', async () => {
      const { result, dir, original } = await runNvim('arm', 'main.json');
      expect(result.error).toBeUndefined();
      expect(result.steps).toEqual(['started', 'diagnostics', 'fixed', 'written', 'after']);
      // The line holds 'ü' and '🚀' before the name: Neovim's byte column agrees with the server's UTF-16 range.
      expect(result.before).toEqual([
        { code: 'gateway-subnet-name', source: 'gwlint', severity: 1, related: 1, message: expect.any(String), end_lnum: bytePosition(original, '"Gateway-Subnet"').lnum, ...bytePosition(original, '"Gateway-Subnet"') },
      ]);
      expect(result.actions).toEqual([
        { title: "Rename the subnet to 'GatewaySubnet' (and its references in this file)", kind: 'quickfix', isPreferred: true },
        { title: 'Suppress gateway-subnet-name on this line', kind: 'quickfix', isPreferred: false },
      ]);
      const written = readFileSync(path.join(dir, 'main.json'), 'utf8');
      expect(written).toBe(original.replace(/Gateway-Subnet/g, 'GatewaySubnet'));
      // The renamed subnet is the GatewaySubnet now, and the parameters file makes it /28.
      const prefix = bytePosition(written, `"[parameters('gatewaySubnetPrefix')]"`);
      expect(result.after).toEqual([{ code: 'gateway-subnet-size', source: 'gwlint', severity: 1, related: 1, message: expect.stringContaining('/28'), end_lnum: prefix.lnum, ...prefix }]);
    });

    it('fixes a Bicep finding and ends with no diagnostics', async () => {
      const { result, dir, original } = await runNvim('bicep', 'main.bicep');
      expect(result.error).toBeUndefined();
      expect(result.before).toEqual([
        { code: 'gateway-type-sku', source: 'gwlint', severity: 1, related: 0, message: expect.any(String), end_lnum: bytePosition(original, "'VpnGw1'").lnum, ...bytePosition(original, "'VpnGw1'") },
      ]);
      expect(result.actions.map((a) => a.title)).toEqual(["Set sku.tier to 'VpnGw1AZ'", 'Suppress gateway-type-sku on this line']);
      expect(readFileSync(path.join(dir, 'main.bicep'), 'utf8')).toBe(original.replace("tier: 'VpnGw1'", "tier: 'VpnGw1AZ'"));
      expect(result.after).toEqual([]);
    });
  });
}
