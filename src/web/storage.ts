const NAME_KEY = 'termchat.name';
const TOKEN_KEY = 'termchat.token';

/** What the page keeps: the name in this browser (localStorage), a token only in this tab (sessionStorage). */
export interface PageStorage {
  name(): string | undefined;
  rememberName(name: string): void;
  token(): string | undefined;
  rememberToken(token: string | undefined): void;
}

/**
 * The page's storage on the browser's. Either may be missing or refuse (a private window, a
 * policy): then nothing is remembered, and nothing breaks.
 */
export function browserStorage(local: () => Storage, session: () => Storage): PageStorage {
  const read = (store: () => Storage, key: string): string | undefined => {
    try {
      return store().getItem(key) ?? undefined;
    } catch {
      return undefined;
    }
  };
  const write = (store: () => Storage, key: string, value: string | undefined): void => {
    try {
      if (value === undefined) store().removeItem(key);
      else store().setItem(key, value);
    } catch {
      // Not kept: it is asked for again next time.
    }
  };
  return {
    name: () => read(local, NAME_KEY),
    rememberName: (name) => write(local, NAME_KEY, name),
    token: () => read(session, TOKEN_KEY),
    rememberToken: (token) => write(session, TOKEN_KEY, token),
  };
}
