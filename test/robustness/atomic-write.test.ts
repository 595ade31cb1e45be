import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BUILT, CLI_SKIP_MESSAGE, armTemplate, runCli, smallGatewaySubnetVnet, startCli, tempDir } from './support.js';

/**
 * `--output` writes a temporary file beside the report and renames it: a run interrupted by SIGINT,
 * SIGTERM or SIGHUP while it writes leaves neither a partial report nor the temporary file, and a report
 * from an earlier run stays as it was.
 */

/**
 * Preloaded into the command line: the write of a temporary file stops halfway for ten seconds, after
 * leaving a marker, so the test can interrupt the run at exactly that moment.
 */
const SLOW_WRITE = `import { promises, renameSync, writeFileSync } from 'node:fs';
const original = promises.writeFile;
promises.writeFile = async function (file, data, options) {
  if (!String(file).endsWith('.tmp')) return original.call(this, file, data, options);
  await original.call(this, file, data.slice(0, Math.floor(data.length / 2)), options);
  // Written beside and renamed, so the test never reads a marker that exists but is still empty.
  writeFileSync(process.env.GWLINT_WRITING_MARKER + '.part', String(file));
  renameSync(process.env.GWLINT_WRITING_MARKER + '.part', process.env.GWLINT_WRITING_MARKER);
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  return original.call(this, file, data, options);
};
`;

describe.skipIf(!CLI_BUILT)('writing the report atomically', () => {
  if (!CLI_BUILT) console.warn(CLI_SKIP_MESSAGE);
  let t: ReturnType<typeof tempDir>;
  let project: string;
  let preload: string;

  beforeAll(() => {
    t = tempDir();
    project = path.join(t.dir, 'project');
    mkdirSync(project);
    // A few thousand findings: a report of several megabytes.
    for (let f = 0; f < 8; f++) writeFileSync(path.join(project, `t${f}.json`), armTemplate({ resources: Array.from({ length: 400 }, (_, i) => smallGatewaySubnetVnet(`vnet-${f}-${i}`)) }));
    preload = path.join(t.dir, 'slow-write.mjs');
    writeFileSync(preload, SLOW_WRITE);
  });
  afterAll(() => t?.remove());

  const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));

  it('an uninterrupted run writes the whole report and no temporary file', () => {
    const out = path.join(t.dir, 'complete');
    mkdirSync(out);
    const run = runCli(['-f', 'json', '-o', path.join(out, 'report.json'), '.'], { cwd: project });
    expect(run.status).toBe(0); // warnings only
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as { messages: unknown[] }[];
    expect(report.reduce((n, f) => n + f.messages.length, 0)).toBe(8 * 400);
    expect(leftovers(out)).toEqual([]);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)
    for (const existing of [false, true])
      it(`${signal} while the report is being written leaves ${existing ? 'the earlier report as it was' : 'no report'} and no temporary file`, async () => {
        const out = path.join(t.dir, `${signal}-${existing}`);
        mkdirSync(out);
        const report = path.join(out, 'report.sarif');
        const earlier = '{"earlier": "report"}\n';
        if (existing) writeFileSync(report, earlier);
        const marker = path.join(out, 'writing.marker');
        const child = startCli(['-f', 'sarif', '-o', report, '.'], { cwd: project, nodeArgs: ['--import', preload], env: { GWLINT_WRITING_MARKER: marker } });
        const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
        for (let waited = 0; !existsSync(marker); waited += 10) {
          if (waited > 30_000) throw new Error('the report was never written');
          await sleep(10);
        }
        const tmp = readFileSync(marker, 'utf8');
        // The moment of the test: half the report is in the temporary file, the report itself is untouched.
        expect(statSync(tmp).size).toBeGreaterThan(1_000_000);
        expect(existsSync(report) ? readFileSync(report, 'utf8') : undefined).toBe(existing ? earlier : undefined);
        child.kill(signal);
        expect(await exited).toBe(code);
        rmSync(marker);
        expect(leftovers(out)).toEqual([]);
        expect(existsSync(report) ? readFileSync(report, 'utf8') : undefined).toBe(existing ? earlier : undefined);
      }, 60_000);
});
