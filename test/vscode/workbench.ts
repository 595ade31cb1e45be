import type { ElementHandle, Page } from 'puppeteer-core';

/** Every wait on the page is bounded by this. */
export const WAIT_MS = 60_000;

/** A row of the Problems panel: the finding's source, rule id, and 1-based line and column. */
export interface ProblemRow {
  file: string;
  source: string;
  code: string;
  line: number;
  column: number;
}

/** Runs a command by its title from the command palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: WAIT_MS });
  await input!.type(title);
  await page.waitForFunction(
    (wanted: string) => [...document.querySelectorAll('.quick-input-list .monaco-list-row')].some((row) => row.getAttribute('aria-label')?.startsWith(wanted)),
    { timeout: WAIT_MS },
    title,
  );
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { hidden: true, timeout: WAIT_MS });
}

/**
 * Opens a workspace file from the Explorer, a click on each folder and then on the file (Quick Open
 * needs ripgrep, which code-server fetches at install time from outside the npm registry), and waits
 * until its editor is the active one.
 */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  const segments = relativePath.split('/');
  for (const [index, segment] of segments.entries()) {
    const row = await page.waitForSelector(`.explorer-folders-view .monaco-list-row[aria-level="${index + 1}"][aria-label="${segment}"]`, { visible: true, timeout: WAIT_MS });
    const expanded = await row!.evaluate((r) => r.getAttribute('aria-expanded'));
    if (expanded !== 'true') await row!.click();
  }
  await page.waitForFunction(
    (wanted: string) => document.querySelector('.tabs-container .tab.active')?.getAttribute('aria-label')?.startsWith(wanted) === true,
    { timeout: WAIT_MS },
    segments.at(-1)!,
  );
}

/** Runs in the page: the Problems panel's findings of `source` for one file; `complete` when no row is scrolled out of view. */
function readProblems(file: string, source: string): { rows: ProblemRow[]; complete: boolean } {
  const rows: ProblemRow[] = [];
  let current = '';
  const all = [...document.querySelectorAll<HTMLElement>('.markers-panel .monaco-list-row')].sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
  for (const row of all) {
    // Level 1: a file; 2: a finding; 3: a related location of the finding.
    if (row.getAttribute('aria-level') === '1') {
      current = row.querySelector('.label-name')?.textContent?.trim() ?? '';
      continue;
    }
    if (current !== file || row.getAttribute('aria-level') !== '2') continue;
    const position = /\[Ln (\d+), Col (\d+)\]/.exec(row.querySelector('.marker-line')?.textContent ?? '');
    rows.push({
      file: current,
      source: row.querySelector('.marker-source')?.textContent?.trim() ?? '',
      code: row.querySelector('.marker-code')?.textContent?.trim().replace(/^\(|\)$/g, '') ?? '',
      line: position ? Number(position[1]) : 0,
      column: position ? Number(position[2]) : 0,
    });
  }
  const complete = all.length === 0 || all.some((row) => row.dataset.lastElement === 'true');
  return { rows: rows.filter((r) => r.source === source), complete };
}

/**
 * The rows of `source` in the Problems panel for `fileName`, once there are `expected` of them (or the
 * wait ends: the caller's comparison then shows the difference).
 */
export async function problemRows(page: Page, fileName: string, source: string, expected: number): Promise<ProblemRow[]> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const { rows, complete } = await page.evaluate(readProblems, fileName, source);
    if (!complete) throw new Error('the Problems panel lists more rows than it shows: make the window taller');
    if (rows.length === expected || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Puts the cursor at a 1-based line and column of the active editor (Go to Line). */
export async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('g');
  await page.keyboard.up('Control');
  const input = await page.waitForSelector('.quick-input-widget input', { visible: true, timeout: WAIT_MS });
  await input!.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('.quick-input-widget', { hidden: true, timeout: WAIT_MS });
  await page.waitForFunction(
    (wanted: string) => [...document.querySelectorAll('.statusbar-item')].some((item) => item.textContent?.includes(wanted)),
    { timeout: WAIT_MS },
    `Ln ${line}, Col ${column}`,
  );
}

/** How long one Ctrl+. is given to open the quick-fix menu before it is pressed again (see applyQuickFix). */
const QUICK_FIX_TRY_MS = 10_000;

/**
 * Opens the quick-fix menu at the cursor (Ctrl+.), calls `whileOpen` (a screenshot), and applies the action
 * titled `title`. A Ctrl+. pressed just after the cursor moved is sometimes not taken (once in eight CI
 * runs: the light bulb showed, the menu never opened), so it is pressed again, within the same overall wait.
 */
export async function applyQuickFix(page: Page, title: string, whileOpen: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  let row: ElementHandle<HTMLElement> | undefined;
  while (!row) {
    await page.keyboard.down('Control');
    await page.keyboard.press('.');
    await page.keyboard.up('Control');
    try {
      row = (await page.waitForFunction(
        (wanted: string) => [...document.querySelectorAll<HTMLElement>('.action-widget .monaco-list-row')].find((r) => r.textContent?.trim().startsWith(wanted)),
        { timeout: Math.max(1, Math.min(QUICK_FIX_TRY_MS, deadline - Date.now())) },
        title,
      )) as ElementHandle<HTMLElement>;
    } catch (e) {
      if (Date.now() >= deadline) throw e;
      // A menu without the action (still computing) is closed before the next try.
      await page.keyboard.press('Escape');
    }
  }
  await whileOpen();
  await row.click();
  await page.waitForSelector('.action-widget', { hidden: true, timeout: WAIT_MS });
}

/** Waits until the active editor has unsaved changes (an edit lands asynchronously), saves it, and waits until it is saved. */
export async function saveChanges(page: Page): Promise<void> {
  await page.waitForSelector('.tabs-container .tab.active.dirty', { timeout: WAIT_MS });
  await page.keyboard.down('Control');
  await page.keyboard.press('s');
  await page.keyboard.up('Control');
  await page.waitForFunction(() => !document.querySelector('.tabs-container .tab.active.dirty'), { timeout: WAIT_MS });
}
