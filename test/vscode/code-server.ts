import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { endProcessGroup } from './processes.js';

/** Settings that keep first-run pages, update checks and recommendations out of the way. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.editor.enablePreview': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'json.schemaDownload.enable': false,
  'files.autoSave': 'off',
  // No chat side bar, and no AI entries in the quick-fix menu.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServer {
  url: string;
  process: ChildProcess;
  /** What it printed, for failure messages. */
  log: () => string;
  stop: () => Promise<void>;
}

/** code-server's own configuration, user data and extensions under `home`, with `vsix` installed; returns the options that name them. */
export function prepareCodeServer(launcher: string, home: string, vsix: string): string[] {
  const userData = path.join(home, 'user-data');
  const extensions = path.join(home, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  // Its own configuration file, so that the user's ~/.config/code-server is neither read nor written.
  writeFileSync(path.join(home, 'config.yaml'), 'auth: none\n');
  const dirs = ['--config', path.join(home, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensions];
  execFileSync(launcher, [...dirs, '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return dirs;
}

/**
 * Starts code-server on a free loopback port without authentication, opening `folder`. It leads a process
 * group of its own, so that stop() ends the extension host and the language server with it.
 */
export async function startCodeServer(launcher: string, dirs: string[], folder: string, timeoutMs: number): Promise<CodeServer> {
  const args = [
    ...dirs,
    '--bind-addr', '127.0.0.1:0',
    '--auth', 'none',
    '--disable-workspace-trust',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    // Without it the extension host and gwlint --lsp live on for hours after the browser is gone.
    '--reconnection-grace-time', '5',
    folder,
  ];
  const child = spawn(launcher, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const stop = () => endProcessGroup(child, 10_000);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs} ms:\n${log}`)), timeoutMs);
      const listening = () => {
        const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
        if (!match) return;
        clearTimeout(timer);
        resolve(match[1]);
      };
      child.stdout.on('data', listening);
      child.stderr.on('data', listening);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited with ${code}:\n${log}`));
      });
    });
    return { url, process: child, log: () => log, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
