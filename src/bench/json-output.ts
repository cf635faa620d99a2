import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';

/** The machine a bench ran on, so that a JSON file is read with its context. */
export function machineInfo(): Record<string, string | number> {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', totalMemoryBytes: totalmem(), node: process.version, platform: `${process.platform}-${process.arch}` };
}

/** Writes `data` as indented JSON (Infinity and NaN, which JSON lacks, as null). */
export async function writeJson(path: string, data: unknown): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const text = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
  await writeFile(path, `${text}\n`);
}
