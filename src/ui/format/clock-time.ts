/** Local wall-clock time of an epoch-ms instant as HH:MM, the width every message line reserves. */
export function formatClockTime(at: number): string {
  const date = new Date(at);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}
