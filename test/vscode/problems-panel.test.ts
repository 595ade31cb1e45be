import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/helpers.js';
import { installInto, packRepository } from '../support/npm-package.js';
import type { CodeServer } from './code-server.js';
import { prepareCodeServer, startCodeServer } from './code-server.js';
import { processesMentioning, until } from './processes.js';
import type { ProblemRow } from './workbench.js';
import { WAIT_MS, applyQuickFix, goTo, openFile, problemRows, runCommand, saveChanges } from './workbench.js';

// The VS Code extension in a real VS Code: code-server (scripts/install-code-server.sh installs it and
// prints the launcher's path) serves the workbench on loopback, Debian's Chromium shows it, and
// puppeteer-core drives it as a user would. `npm run test:vscode` runs it; .ci/run does.
const LAUNCHER = process.env.GWLINT_CODE_SERVER;
const CHROMIUM = '/usr/bin/chromium';
const EXTENSION_DIR = path.join(REPO, 'editors/vscode');
const VSIX = existsSync(EXTENSION_DIR) ? readdirSync(EXTENSION_DIR).find((f) => f.endsWith('.vsix')) : undefined;
/** Where to keep the screenshots (docs/images to refresh the documentation's); none when unset. */
const SCREENSHOTS = process.env.GWLINT_VSCODE_SCREENSHOTS;

const run = LAUNCHER ? describe : describe.skip;
if (!LAUNCHER) console.warn('vscode e2e: skipped; run `npm run test:vscode` (it needs code-server: GWLINT_CODE_SERVER=$(bash scripts/install-code-server.sh))');

/** A message of `gwlint -f json` (ESLint's format); `fixDetails` is gwlint's fix with line/column edits. */
interface CliFinding {
  ruleId: string;
  line: number;
  column: number;
  related: { filePath: string; line: number; column: number; message: string }[];
  fixDetails?: { description: string; edits: { line: number; column: number; endLine: number; endColumn: number; text: string }[] };
}

// Made when the suite runs (not when the file is collected and skipped): every folder made is removed after it.
let root: string;
let workspace: string;
let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;

/** The findings of the installed gwlint for one workspace file, as the command line reports them now. */
function cliFindings(relativePath: string): CliFinding[] {
  return cliResults(relativePath).find((r) => r.filePath === path.join(workspace, relativePath))?.messages ?? [];
}

/**
 * The rows the editor shows for an open file: the command line's findings in it, and its findings in
 * other files (a parameters file) about a value this file uses, shown where it is used ("Used here.").
 */
function editorRows(relativePath: string): ProblemRow[] {
  const name = path.basename(relativePath);
  const file = path.join(workspace, relativePath);
  const results = cliResults(relativePath);
  const own = asRows(name, results.find((r) => r.filePath === file)?.messages ?? []);
  const usedHere = results
    .filter((r) => r.filePath !== file)
    .flatMap((r) => r.messages.flatMap((m) => m.related.filter((x) => x.filePath === file && x.message === 'Used here.').map((x) => ({ ...m, line: x.line, column: x.column }))));
  return [...own, ...asRows(name, usedHere)];
}

function cliResults(relativePath: string): { filePath: string; messages: CliFinding[] }[] {
  const bin = path.join(workspace, 'node_modules/.bin/gwlint');
  let stdout: string;
  try {
    stdout = execFileSync(bin, ['-f', 'json', relativePath], { cwd: workspace, encoding: 'utf8' });
  } catch (error) {
    stdout = (error as { stdout: string }).stdout; // exit code 1: errors found
  }
  return JSON.parse(stdout) as { filePath: string; messages: CliFinding[] }[];
}

function asRows(file: string, findings: CliFinding[]): ProblemRow[] {
  return findings.map((f) => ({ file, source: 'gwlint', code: f.ruleId, line: f.line, column: f.column }));
}

const byPosition = (a: ProblemRow, b: ProblemRow) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);

/** `text` with the fix's edits applied (1-based lines and columns), last edit first. */
function applyEdits(text: string, edits: NonNullable<CliFinding['fixDetails']>['edits']): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (line: number, column: number) => lineStarts[line - 1] + column - 1;
  const ordered = [...edits].sort((a, b) => offset(b.line, b.column) - offset(a.line, a.column));
  return ordered.reduce((t, e) => t.slice(0, offset(e.line, e.column)) + e.text + t.slice(offset(e.endLine, e.endColumn)), text);
}

async function screenshot(name: string, folder = SCREENSHOTS ? path.resolve(REPO, SCREENSHOTS) : root): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path: file });
  return file;
}

/** Opens a workspace file and expects the Problems panel's gwlint rows for it to be the command line's findings. */
async function expectProblemsOfCli(relativePath: string): Promise<void> {
  const name = path.basename(relativePath);
  const expected = editorRows(relativePath).sort(byPosition);
  expect(expected.length, `${relativePath} has findings`).toBeGreaterThan(0);
  await openFile(page, relativePath);
  await showProblems(`**/${name}`);
  const shown = await gwlintRows(name, expected.length);
  expect(shown.sort(byPosition)).toEqual(expected);
}

/** The Problems panel, filtered to one file. */
async function showProblems(fileGlob: string): Promise<void> {
  await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)');
  const filter = await page.waitForSelector('input[aria-label="Filter Problems"]', { visible: true, timeout: WAIT_MS });
  // Keys typed while the workbench is still moving focus can land elsewhere: type again until the filter holds the glob.
  for (let attempt = 1; ; attempt++) {
    await filter!.click();
    await filter!.evaluate((input) => (input as HTMLInputElement).select()); // typing replaces the previous filter
    await filter!.type(fileGlob);
    const typed = await page
      .waitForFunction((input, wanted) => (input as HTMLInputElement).value === wanted, { timeout: 10_000 }, filter!, fileGlob)
      .then(() => true, () => false);
    if (typed) return;
    if (attempt === 3) throw new Error(`the Problems filter did not take '${fileGlob}'`);
  }
}

/** The Problems panel's gwlint rows for `fileName`, read with the panel maximized so that none is scrolled out of view. */
async function gwlintRows(fileName: string, expected: number): Promise<ProblemRow[]> {
  await runCommand(page, 'View: Toggle Maximized Panel');
  try {
    return await problemRows(page, fileName, 'gwlint', expected);
  } finally {
    await runCommand(page, 'View: Toggle Maximized Panel');
  }
}

run('the VS Code extension in code-server', () => {
  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'gwlint-vscode-e2e-'));
    workspace = path.join(root, 'workspace');
    expect(VSIX, 'editors/vscode has a .vsix: cd editors/vscode && npm ci && npm run package').toBeDefined();
    expect(existsSync(CHROMIUM), 'Debian chromium: apt-get install chromium').toBe(true);
    installInto(workspace, packRepository(root).tarball);
    cpSync(path.join(REPO, 'examples/arm-hub-vpn'), path.join(workspace, 'arm-hub-vpn'), { recursive: true });
    cpSync(path.join(REPO, 'examples/bicep-hub'), path.join(workspace, 'bicep-hub'), { recursive: true });

    const dirs = prepareCodeServer(LAUNCHER!, path.join(root, 'code-server'), path.join(EXTENSION_DIR, VSIX!));
    server = await startCodeServer(LAUNCHER!, dirs, workspace, WAIT_MS);
    browser = await puppeteer.launch({
      executablePath: CHROMIUM,
      userDataDir: path.join(root, 'chromium'),
      defaultViewport: { width: 1500, height: 1400 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: WAIT_MS,
    });
    page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: WAIT_MS });
    await page.waitForSelector('.monaco-workbench .part.editor', { visible: true, timeout: WAIT_MS });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { visible: true, timeout: WAIT_MS });
  }, 360_000);

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail' && page) console.error(`vscode e2e: the page at the failure: ${await screenshot('vscode-e2e-failure', tmpdir())}`);
  });

  afterAll(async () => {
    const browserProcess = browser?.process();
    await browser?.close().catch(() => undefined);
    if (browserProcess?.pid !== undefined && browserProcess.exitCode === null) process.kill(browserProcess.pid, 'SIGKILL');
    await server?.stop();
    // The language server ran from the workspace's node_modules: nothing of it may be left running.
    const left = processesMentioning(root);
    for (const p of left) process.kill(p.pid, 'SIGKILL');
    rmSync(root, { recursive: true, force: true });
    expect(left, 'processes left running after code-server stopped').toEqual([]);
  }, 60_000);

  it("shows the command line's findings for an ARM template in the Problems panel, and applies a quick fix", async () => {
    const file = 'arm-hub-vpn/azuredeploy.json';
    await expectProblemsOfCli(file);
    await screenshot('vscode-problems');

    const fixable = cliFindings(file).find((f) => f.fixDetails);
    expect(fixable, 'the example has a finding with a fix').toBeDefined();
    const before = readFileSync(path.join(workspace, file), 'utf8');
    await page.click('.monaco-editor .view-lines');
    await goTo(page, fixable!.line, fixable!.column);
    await applyQuickFix(page, fixable!.fixDetails!.description, () => screenshot('vscode-quick-fix'));
    await saveChanges(page);
    const wanted = applyEdits(before, fixable!.fixDetails!.edits);
    await until('the fixed file on disk', WAIT_MS, () => (readFileSync(path.join(workspace, file), 'utf8') === wanted ? true : undefined));
    expect(cliFindings(file).some((f) => f.ruleId === fixable!.ruleId && f.line === fixable!.line)).toBe(false);
  }, 240_000);

  it("shows the command line's findings for a Bicep file, without the Bicep extension", async () => {
    await expectProblemsOfCli('bicep-hub/main.bicep');
    await screenshot('vscode-problems-bicep');
  }, 240_000);
});
