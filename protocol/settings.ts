// Typed view of the `preflight.*` settings declared in package.json. The server pulls them per document scope.

export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface PreflightSettings {
  /** Master switch for validation. */
  readonly enable: boolean;
  /** Per-rule severity overrides, keyed by rule id (`off` silences a rule). */
  readonly rules: Readonly<Record<string, RuleSeverity>>;
  /** Lint `run:` scripts with shellcheck when it is installed (never in untrusted workspaces). */
  readonly shellcheck: boolean;
  /** Labels of the user's own runners (never reported by runner-label). */
  readonly runnerLabels: readonly string[];
  /** Data files to explain models with, keyed by model path relative to the workspace folder (`preflight.models.data`). */
  readonly modelData: Readonly<Record<string, string>>;
  /** The GitHub REST API base URL: api.github.com, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  readonly githubBaseUrl: string;
  /** Retrain the failure-risk model on the signed-in repository's history in the background (`preflight.risk.retrain`). */
  readonly riskRetrain: boolean;
  /** Held-out results (and failures among them) a retrained model must be judged on before it can replace the model in
   * use (`preflight.risk.evidence.minResults`, `…minFailures`). */
  readonly riskEvidence: RiskEvidenceMinimums;
  /** Files larger than this many MB are not checked (`preflight.maxFileSizeMB`): one finding says so instead. */
  readonly maxFileSizeMB: number;
}

/**
 * Far beyond any real pipeline file (real workflows are at most a few hundred KB), and small enough that checking a file
 * this size takes seconds, not minutes.
 */
export const DEFAULT_MAX_FILE_SIZE_MB = 5;

/** The size limit in bytes (MB as 1024 * 1024 bytes, as editors and `ls -lh` show sizes). */
export function maxFileBytes(sizeMB: number): number {
  return Math.round(sizeMB * 1024 * 1024);
}

export const GITHUB_DOTCOM_API = 'https://api.github.com';

export interface RiskEvidenceMinimums {
  readonly results: number;
  readonly failures: number;
}

/** With fewer than 10 failures a difference of Brier scores is mostly noise; 100 results is a few weeks of most repositories. */
export const DEFAULT_RISK_EVIDENCE: RiskEvidenceMinimums = { results: 100, failures: 10 };

export const DEFAULT_SETTINGS: PreflightSettings = {
  enable: true,
  rules: {},
  shellcheck: true,
  runnerLabels: [],
  githubBaseUrl: GITHUB_DOTCOM_API,
  modelData: {},
  riskRetrain: true,
  riskEvidence: DEFAULT_RISK_EVIDENCE,
  maxFileSizeMB: DEFAULT_MAX_FILE_SIZE_MB,
};

/** An https URL (http on loopback) without a trailing slash, or the github.com API when the value is missing or not such a URL. */
export function parseGithubBaseUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.trim() === '') return GITHUB_DOTCOM_API;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return GITHUB_DOTCOM_API;
  }
  // The token travels to this URL: in clear text only to this machine (a local stand-in or proxy).
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    return GITHUB_DOTCOM_API;
  if (url.username || url.password) return GITHUB_DOTCOM_API; // never carry credentials in a setting
  return url.toString().replace(/\/+$/, '');
}

/** What VS Code's `WorkspaceConfiguration.inspect` reports for a setting, per level. */
export interface SettingLevels {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * The API URL from the user's own settings only. The token goes there, so a repository's `.vscode/settings.json` must
 * not choose it: only the user-settings value counts (workspace and folder values are skipped), and the setting is
 * restricted in untrusted workspaces. It is not machine-scoped: VS Code would then ignore the user's value in remote
 * windows (code-server, SSH, containers), where a machine setting must live in the remote's own settings.
 */
export function githubBaseUrlFromLevels(levels: SettingLevels | undefined): string {
  return parseGithubBaseUrl(levels?.globalValue ?? levels?.defaultValue);
}

/**
 * A token is sent only to the host it was issued for. With `github-enterprise.uri` set (the server VS Code's GitHub
 * Enterprise sign-in is for), a base URL on another host gets no token: the issuer's host is returned to say so.
 */
export function enterpriseIssuerMismatch(baseUrl: string, enterpriseUri: unknown): string | undefined {
  if (typeof enterpriseUri !== 'string' || enterpriseUri.trim() === '') return undefined;
  let issuer: string;
  try {
    issuer = new URL(enterpriseUri.trim()).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return new URL(baseUrl).hostname.toLowerCase() === issuer ? undefined : issuer;
}

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/** github.com (and its API host) signs in with the `github` provider; anything else is GitHub Enterprise Server. */
export function isGithubDotCom(baseUrl: string): boolean {
  const host = new URL(baseUrl).hostname.toLowerCase();
  return host === 'api.github.com' || host === 'github.com';
}

/** Reads the raw `preflight` configuration section defensively: settings.json is user input. */
export function parseSettings(raw: unknown): PreflightSettings {
  if (typeof raw !== 'object' || raw === null) return DEFAULT_SETTINGS;
  const record = raw as Record<string, unknown>;
  const rules: Record<string, RuleSeverity> = {};
  const rawRules = record['rules'];
  if (typeof rawRules === 'object' && rawRules !== null) {
    for (const [id, value] of Object.entries(rawRules as Record<string, unknown>)) {
      if (typeof value === 'string' && (RULE_SEVERITIES as readonly string[]).includes(value))
        rules[id] = value as RuleSeverity;
    }
  }
  const labels = record['runnerLabels'];
  const runnerLabels = Array.isArray(labels) ? labels.filter((l): l is string => typeof l === 'string') : [];
  const modelData: Record<string, string> = {};
  const models = record['models'];
  const rawData =
    typeof models === 'object' && models !== null ? (models as Record<string, unknown>)['data'] : undefined;
  if (typeof rawData === 'object' && rawData !== null) {
    for (const [model, data] of Object.entries(rawData as Record<string, unknown>))
      if (typeof data === 'string') modelData[model] = data;
  }
  const github = record['github'];
  const githubBaseUrl = parseGithubBaseUrl(
    typeof github === 'object' && github !== null ? (github as Record<string, unknown>)['baseUrl'] : undefined,
  );
  const risk = record['risk'];
  const riskRecord = typeof risk === 'object' && risk !== null ? (risk as Record<string, unknown>) : {};
  const riskRetrain = riskRecord['retrain'] !== false;
  const evidence = riskRecord['evidence'];
  const evidenceRecord = typeof evidence === 'object' && evidence !== null ? (evidence as Record<string, unknown>) : {};
  const count = (value: unknown, fallback: number): number =>
    typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : fallback;
  const riskEvidence = {
    results: count(evidenceRecord['minResults'], DEFAULT_RISK_EVIDENCE.results),
    failures: count(evidenceRecord['minFailures'], DEFAULT_RISK_EVIDENCE.failures),
  };
  const size = record['maxFileSizeMB'];
  const maxFileSizeMB = typeof size === 'number' && Number.isFinite(size) && size > 0 ? size : DEFAULT_MAX_FILE_SIZE_MB;
  return {
    enable: record['enable'] !== false,
    rules,
    shellcheck: record['shellcheck'] !== false,
    runnerLabels,
    githubBaseUrl,
    modelData,
    riskRetrain,
    riskEvidence,
    maxFileSizeMB,
  };
}
