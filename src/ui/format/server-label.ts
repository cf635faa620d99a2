/**
 * The server the header names. With one server it is that one. With several instances of one
 * chat (a comma-separated list) it is the instance in use, or the one last tried, with its place
 * in the list ("http://b:4000 (2 of 2)"), so a failover shows as a change of server.
 * `current` is the origin a connecting or open state carries.
 */
export function serverLabel(configured: string, current: string | undefined): string {
  const servers = configured.split(',').map((part) => part.trim()).filter((part) => part !== '');
  if (servers.length <= 1) return servers[0] ?? configured;
  // The state carries an origin (no path); the list may hold paths, so compare origins.
  const index = current === undefined ? 0 : servers.findIndex((server) => originOf(server) === current);
  if (index < 0) return current ?? servers[0]!;
  return `${servers[index]!} (${index + 1} of ${servers.length})`;
}

function originOf(server: string): string | undefined {
  try {
    return new URL(server.replace(/^ws/i, 'http')).origin;
  } catch {
    return undefined;
  }
}
