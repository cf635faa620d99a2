/**
 * Makes this process a child its parent owns: Ctrl+C in the terminal is left to the parent, which
 * stops children in order; when the parent goes, so does this process; a crash is reported over
 * IPC before exiting. Returns the typed way to reply to the parent.
 */
export function ownedByParent<Reply>(errorReply: (message: string) => Reply): (reply: Reply) => void {
  const send = (reply: Reply): void => void process.send?.(reply);
  process.on('SIGINT', () => {});
  process.on('disconnect', () => process.exit(0));
  process.on('uncaughtException', (error) => {
    send(errorReply(error.stack ?? String(error)));
    process.exit(1);
  });
  return send;
}
