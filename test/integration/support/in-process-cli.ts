import { vi } from 'vitest';
import { runCli } from '../../../cli/run-cli.js';

/** Where the CLI's indented JSON starts: handlers running in this process may log single-line JSON first. */
const printedJsonStart = (stdout: string): number => Math.max(0, stdout.search(/^[[{](\n|\]|\})/m));

/** Runs the operator CLI in this process and returns its exit code, parsed JSON output and error text. */
export const cliInProcess = async (
  ...args: string[]
): Promise<{ exitCode: number; output: unknown; error: string }> => {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const exitCode = await runCli(args);
    const output = stdout === '' ? undefined : JSON.parse(stdout.slice(printedJsonStart(stdout)));
    return { exitCode, output, error: stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
};
