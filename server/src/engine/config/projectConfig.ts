// `.preflight.yml` at the repository root: the team's shared rule severities, read by the editor and the CLI alike.
//   rules:
//     unknown-key: warning
//     yaml-warning: off
// Editor settings (`preflight.rules`) are personal and override this file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { RULE_SEVERITIES, type RuleSeverity } from '../../../../protocol/settings';
import { pathExists, statOrUndefined } from '../files/pathExists';

export const PROJECT_CONFIG_FILE = '.preflight.yml';

export interface ProjectConfig {
  readonly file: string | undefined;
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** `runner-labels:` the team's own runner labels. */
  readonly runnerLabels: readonly string[];
  /** Problems in the file itself, phrased for a person (file, key, fix). */
  readonly problems: readonly string[];
}

const EMPTY: ProjectConfig = { file: undefined, rules: {}, runnerLabels: [], problems: [] };

export function parseProjectConfig(text: string, file: string): ProjectConfig {
  let raw: unknown;
  try {
    raw = parse(text, { prettyErrors: false });
  } catch (error) {
    return {
      file,
      rules: {},
      runnerLabels: [],
      problems: [
        `${file}: not valid YAML (${error instanceof Error ? error.message : String(error)}); fix the syntax or delete the file`,
      ],
    };
  }
  if (raw === null || raw === undefined) return { file, rules: {}, runnerLabels: [], problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return { file, rules: {}, runnerLabels: [], problems: [`${file}: expected a mapping with a 'rules' key`] };
  const problems: string[] = [];
  const rules: Record<string, RuleSeverity> = {};
  const runnerLabels: string[] = [];
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'runner-labels') {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) runnerLabels.push(...value);
      else problems.push(`${file}: 'runner-labels' must be a list of runner labels`);
      continue;
    }
    if (key !== 'rules') {
      problems.push(`${file}: unknown key '${key}' (allowed: rules, runner-labels)`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${file}: 'rules' must map rule ids to ${RULE_SEVERITIES.join('|')}`);
      continue;
    }
    for (const [id, severity] of Object.entries(value as Record<string, unknown>)) {
      // YAML reads a bare `off` as the string "off" in YAML 1.2, but some people write `false`: accept it as off.
      const normalized = severity === false ? 'off' : severity;
      if (typeof normalized === 'string' && (RULE_SEVERITIES as readonly string[]).includes(normalized))
        rules[id] = normalized as RuleSeverity;
      else problems.push(`${file}: rules.${id}: '${String(severity)}' is not one of ${RULE_SEVERITIES.join(', ')}`);
    }
  }
  return { file, rules, runnerLabels, problems };
}

/**
 * The folder whose `.preflight.yml` applies: the nearest ancestor holding one, stopping at the repository root.
 * `known` remembers the answer for every folder walked (a run over one tree asks for the same folders again and again).
 */
export function findProjectConfigFile(startDir: string, known?: Map<string, string | undefined>): string | undefined {
  let dir = path.resolve(startDir);
  const walked: string[] = [];
  let found: string | undefined;
  for (;;) {
    if (known?.has(dir)) {
      found = known.get(dir);
      break;
    }
    walked.push(dir);
    const candidate = path.join(dir, PROJECT_CONFIG_FILE);
    if (isFile(candidate)) {
      found = candidate;
      break;
    }
    if (pathExists(path.join(dir, '.git'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  for (const folder of walked) known?.set(folder, found);
  return found;
}

function isFile(p: string): boolean {
  return statOrUndefined(p)?.isFile() === true;
}

/**
 * Caches configs by file and modification time; edits to `.preflight.yml` apply on the next check. `oneRun` (a CLI
 * command over a tree): the files do not change during the run, so each folder's lookup and each config's stat is done
 * once; a long-lived cache (the language server) looks again each time.
 */
export class ProjectConfigCache {
  private readonly cache = new Map<string, { mtimeMs: number; config: ProjectConfig }>();
  private readonly folders: Map<string, string | undefined> | undefined;
  private readonly readThisRun = new Map<string, Promise<ProjectConfig>>();

  constructor(options: { readonly oneRun?: boolean } = {}) {
    this.folders = options.oneRun === true ? new Map() : undefined;
  }

  async forFile(filePath: string): Promise<ProjectConfig> {
    const file = findProjectConfigFile(path.dirname(filePath), this.folders);
    if (file === undefined) return EMPTY;
    if (!this.folders) return this.load(file);
    let config = this.readThisRun.get(file);
    if (!config) this.readThisRun.set(file, (config = this.load(file)));
    return config;
  }

  private async load(file: string): Promise<ProjectConfig> {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) return EMPTY;
    const cached = this.cache.get(file);
    if (cached?.mtimeMs === stat.mtimeMs) return cached.config;
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    const config = parseProjectConfig(text, file);
    this.cache.set(file, { mtimeMs: stat.mtimeMs, config });
    return config;
  }
}
