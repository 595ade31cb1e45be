import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { REPO } from '../cli/helpers.js';

const npmEnv = { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

export interface Packed {
  /** The tarball's path. */
  tarball: string;
  /** The paths inside the package. */
  files: string[];
}

/**
 * Packs this repository with `npm pack`, from the dist/ that `npm ci` built: scripts are not run again,
 * so other tests never see dist/ half rewritten.
 */
export function packRepository(destination: string): Packed {
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: REPO, env: npmEnv, encoding: 'utf8' })) as {
    filename: string;
    files: { path: string }[];
  }[];
  return { tarball: path.join(destination, packed[0].filename), files: packed[0].files.map((f) => f.path) };
}

/** Makes `consumer` a project with the tarball installed, as a user would with `npm install`. */
export function installInto(consumer: string, tarball: string): void {
  mkdirSync(consumer, { recursive: true });
  writeFileSync(path.join(consumer, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  // npm's notes (such as the consumer's unreviewed install scripts) are the consumer's business, not the test run's:
  // kept out of the test output, and in the error when the install fails.
  execFileSync('npm', ['install', '--no-save', tarball], { cwd: consumer, env: npmEnv, encoding: 'utf8', timeout: 300_000, stdio: ['ignore', 'pipe', 'pipe'] });
}
