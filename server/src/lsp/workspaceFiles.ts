// The pipeline files of the workspace folders, checked with the editor's text when open and the disk's otherwise, and
// with the external checks `preflight check` runs too (script linters, the fairness gate), so the panel's counts are the
// command line's. Disk results are cached by modification time, so refreshing the panel re-reads only what changed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PipelineFileSummary } from '../../../protocol/pipelineFiles';
import type { PreflightSettings } from '../../../protocol/settings';
import { maxFileBytes } from '../../../protocol/settings';
import type { CheckResult } from '../engine/check';
import type { FileKind } from '../engine/kinds';
import { discoverPipelineFiles } from '../engine/workspace/discoverPipelineFiles';
import type { CheckRequest } from './checkRequests';
import { pathToUri, uriToPath } from './uris';

export interface CheckedFile {
  readonly uri: string;
  readonly path: string;
  readonly folder: string;
  readonly kind: FileKind;
  readonly result: CheckResult;
}

/** A file's check result with its external findings added (externalChecks.ts). */
export type CompleteCheck = (
  file: { readonly path: string; readonly text: string; readonly kind: FileKind; readonly settings: PreflightSettings },
  result: CheckResult,
) => Promise<CheckResult>;

export class WorkspaceFiles {
  private folders: string[] = [];
  private readonly diskCache = new Map<string, { mtimeMs: number; size: number; result: CheckResult }>();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settingsFor: (uri: string) => Promise<PreflightSettings>,
    /** Checks off the server's thread (checkInWorker.ts); a file that cannot be checked gets a finding, never a throw. */
    private readonly check: (request: CheckRequest) => Promise<CheckResult>,
    /** The findings already published for exactly this version of an open document, if any. */
    private readonly validated: (document: TextDocument) => CheckResult | undefined,
    private readonly complete: CompleteCheck,
  ) {}

  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== undefined);
  }

  get folderPaths(): readonly string[] {
    return this.folders;
  }

  /** The file as checkAll would list it (the first workspace folder holding it); undefined outside every folder. */
  summaryOf(uri: string, filePath: string, kind: FileKind, result: CheckResult): PipelineFileSummary | undefined {
    const folder = this.folders.find((f) => isInside(filePath, f));
    return folder === undefined ? undefined : summarize({ uri, path: filePath, folder, kind, result });
  }

  invalidate(filePath?: string): void {
    if (filePath === undefined) this.diskCache.clear();
    else this.diskCache.delete(filePath);
  }

  async checkAll(): Promise<CheckedFile[]> {
    const openByPath = new Map<string, TextDocument>();
    for (const doc of this.documents.all()) {
      const p = uriToPath(doc.uri);
      if (p !== undefined) openByPath.set(p, doc);
    }
    const checked: CheckedFile[] = [];
    for (const folder of this.folders) {
      for (const found of await discoverPipelineFiles(folder)) {
        const open = openByPath.get(found.path);
        const uri = open?.uri ?? pathToUri(found.path);
        const settings = await this.settingsFor(uri);
        const result = open
          ? (this.validated(open) ?? (await this.checkText(found.path, open.getText(), found.kind, settings, 'edited')))
          : await this.checkOnDisk(found.path, found.kind, settings);
        if (result) checked.push({ uri, path: found.path, folder, kind: found.kind, result });
      }
    }
    return checked;
  }

  private async checkOnDisk(
    filePath: string,
    kind: FileKind,
    settings: PreflightSettings,
  ): Promise<CheckResult | undefined> {
    const stat = await fs.stat(filePath).catch(() => undefined);
    if (!stat) return undefined;
    const cached = this.diskCache.get(filePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.result;
    const text = await fs.readFile(filePath, 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    const result = await this.checkText(filePath, text, kind, settings, 'once'); // read from disk when it changed, not typed into
    this.diskCache.set(filePath, { mtimeMs: stat.mtimeMs, size: stat.size, result });
    return result;
  }

  private async checkText(
    filePath: string,
    text: string,
    kind: FileKind,
    settings: PreflightSettings,
    parseUse: CheckRequest['parseUse'],
  ): Promise<CheckResult> {
    return this.complete(
      { path: filePath, text, kind, settings },
      await this.check(request(filePath, text, kind, settings, parseUse)),
    );
  }
}

function request(
  filePath: string,
  text: string,
  kind: FileKind,
  settings: PreflightSettings,
  parseUse: CheckRequest['parseUse'],
): CheckRequest {
  return {
    path: filePath,
    text,
    kind,
    severities: settings.rules,
    runnerLabels: settings.runnerLabels,
    maxFileBytes: maxFileBytes(settings.maxFileSizeMB),
    parseUse,
  };
}

function isInside(filePath: string, folder: string): boolean {
  const rel = path.relative(folder, filePath);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

export function summarize(file: CheckedFile): PipelineFileSummary {
  let errors = 0;
  let warnings = 0;
  for (const f of file.result.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  return {
    uri: file.uri,
    relativePath: path.relative(file.folder, file.path).split(path.sep).join('/'),
    kind: file.kind,
    errors,
    warnings,
  };
}
