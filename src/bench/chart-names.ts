/** The file name (without extension) of a tier's charts: tier-005-clients, so they sort by size. */
export function chartFileName(clients: number): string {
  return `tier-${String(clients).padStart(3, '0')}-clients`;
}
