// One run of an external linter: its whole output, or why there is none. Output is collected without a size limit
// (execFile's maxBuffer would kill a run that reports much, and its findings with it).
import { spawn } from 'node:child_process';

export interface ToolOutput {
  readonly stdout: string;
  readonly stderr: string;
  /** Why the run did not finish normally (could not start, timed out, killed); undefined when it did. */
  readonly failure: string | undefined;
}

export function runTool(executable: string, args: readonly string[], timeoutMs: number): Promise<ToolOutput> {
  return new Promise((resolve) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let failure: string | undefined;
    const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    // A safety net against a tool that never returns; with bounded parallelism a normal run is far below it.
    const timer = setTimeout(() => {
      failure = `${executable} did not finish within ${Math.round(timeoutMs / 1000)} s`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      failure ??= `${executable} could not run: ${error.message}`;
    });
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== null) failure ??= `${executable} was stopped by ${signal}`;
      resolve({
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        failure,
      });
    });
  });
}
