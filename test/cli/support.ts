/** Run a CLI command module in-process and capture what it prints. */
import { vi } from "vitest";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli<A extends unknown[]>(mod: { run(args: string[], ...rest: A): Promise<number> }, args: string[], ...rest: A): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  try {
    const code = await mod.run(args, ...rest);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
