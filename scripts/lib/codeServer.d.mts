// Types for codeServer.mjs, so the TypeScript E2E tests can import it.
import type { ChildProcess } from 'node:child_process';

export const CODE_SERVER_VERSION: string;
export function cacheRoot(): string;
export function codeServerBin(): string;
export function missingSystemPackages(): string[];
export function explainMissing(missing: string[]): string;
/** Runs `work` while telling the user what it is (with an estimate) and how it goes. */
export type Progress = <T>(label: string, work: () => Promise<T>) => Promise<T>;
export function ensureCodeServer(progress?: Progress): Promise<string>;
export function userSettingsFile(stateDir: string): string;
export function updateUserSettings(
  stateDir: string,
  change: (current: Record<string, unknown>) => Record<string, unknown>,
): void;
export interface RunningCodeServer {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  stop(): void;
}
export function startCodeServer(options: {
  workspace: string;
  extensionsDir: string;
  stateDir: string;
  settings?: Record<string, unknown>;
  extraArgs?: string[];
  port?: number;
  log?: (s: string) => void;
}): Promise<RunningCodeServer>;
export function linkExtension(extensionsDir: string, root: string): string;
export function installVsix(extensionsDir: string, vsix: string, stateDir: string): Promise<void>;
export function uninstallExtension(extensionsDir: string, id: string, stateDir: string): Promise<void>;
