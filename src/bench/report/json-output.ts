import { writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';

/** The machine a bench ran on, so that a JSON file is read with its context. */
export function machineInfo(): Record<string, string | number> {
  const list = cpus();
  return { cpus: list.length, cpuModel: list[0]?.model ?? 'unknown', totalMemoryBytes: totalmem(), node: process.version, platform: `${process.platform}-${process.arch}` };
}

/** Writes `data` as indented JSON (Infinity and NaN, which JSON lacks, as null), in a directory the bench made before its run. */
export async function writeJson(path: string, data: unknown): Promise<void> {
  const text = JSON.stringify(data, (_key, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value), 2);
  await writeFile(path, `${text}\n`);
}
