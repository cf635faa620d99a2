import createDebug from 'debug';

/** C0, DEL, C1 and the line and paragraph separators: what could start a forged line or drive a terminal. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** A token in a URL's query, as `?token=` or `&token=`. */
const TOKEN_PARAMETER = /([?&]token=)[^&#\s]*/gi;
/** A credential as an Authorization header carries it. */
const CREDENTIAL = /\b(bearer|basic)(\s+)[^\s,;]+/gi;

function escapeControl(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
}

/**
 * `text` fit for a log: control characters escaped (`\x1b`, `\x0a`), so that a client's words can
 * neither forge a line nor reach the operator's terminal; tokens in URLs and credentials after
 * Bearer or Basic replaced by `[redacted]`.
 */
export function logSafe(text: string): string {
  return text.replace(CONTROL, escapeControl).replace(TOKEN_PARAMETER, '$1[redacted]').replace(CREDENTIAL, '$1$2[redacted]');
}

function safeArgument(value: unknown): unknown {
  if (typeof value === 'string') return logSafe(value);
  if (value instanceof Error) return logSafe(value.stack ?? `${value.name}: ${value.message}`);
  return value;
}

/** A debug channel whose string and error arguments are made safe (logSafe) before they are formatted. */
export type Channel = (format: string, ...args: unknown[]) => void;

function channel(namespace: string): Channel {
  const out = createDebug(namespace);
  return (format, ...args) => {
    // Nothing is escaped unless the channel is on: off, a call costs what debug's own does.
    if (!out.enabled) return;
    out(format, ...args.map(safeArgument));
  };
}

/** Narration of the server's flow, on with DEBUG=termchat:*. */
export const debug = {
  http: channel('termchat:http'),
  ws: channel('termchat:ws'),
  sse: channel('termchat:sse'),
  hub: channel('termchat:hub'),
  store: channel('termchat:store'),
  redis: channel('termchat:redis'),
};
