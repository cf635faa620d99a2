import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

/** A program from the system's packages that some tests drive, and how to get it. */
export interface SystemTool {
  readonly command: string;
  /** Whether it can be run here. */
  readonly installed: boolean;
  /** The words that say how to install it. */
  readonly install: string;
}

/** A tool found on the PATH (`command -v`), with how to install it. */
export function systemTool(command: string, install: string): SystemTool {
  const installed = spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
  return { command, installed, install };
}

const warned = new Set<string>();

/**
 * `describe` for tests that need `tool`: without it they are skipped with one line saying how to
 * install it, except under CI=true, where a missing tool fails the suite (.ci/run installs it).
 */
export function describeWith(tool: SystemTool, name: string, body: () => void): void {
  if (tool.installed) return void describe(name, body);
  const how = `install it (${tool.install}) to run them`;
  if (process.env.CI === 'true') {
    return void describe(name, () => {
      it(`needs ${tool.command}`, () => {
        throw new Error(`${tool.command} is not installed but CI=true: ${how} (.ci/run installs it)`);
      });
    });
  }
  if (!warned.has(tool.command)) console.warn(`${tool.command} not found: its tests are skipped; ${how}`);
  warned.add(tool.command);
  describe.skip(name, body);
}
