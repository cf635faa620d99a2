import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { waitFor } from './wait.js';

/**
 * Where the system's Chromium is: TERMCHAT_CHROMIUM, else Debian's /usr/bin/chromium. Without it
 * the web page's tests fail, saying how to install it: CI installs it, so they never skip unseen.
 */
export function chromiumPath(): string {
  const path = process.env.TERMCHAT_CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`the web page's tests drive Chromium, which is not at ${path}: install it (apt-get install chromium) or set TERMCHAT_CHROMIUM to its path`);
  return path;
}

/** A page of the browser, and what the test sees of the chat on it. */
export interface ChatPage {
  readonly page: Page;
  /** The conversation's rows as drawn, in order. */
  rows(): Promise<Row[]>;
  /** The status bar's text, its two lines joined. */
  status(): Promise<string>;
  /** Types `text` in the message box and presses Enter. */
  send(text: string): Promise<void>;
  /** Waits until the status bar says open. */
  opened(timeoutMs?: number): Promise<void>;
}

/** A row of the conversation: a message (with its delivery mark when it is one's own) or the client's own line. */
export interface Row {
  readonly kind: 'message' | 'system';
  readonly user: string;
  readonly text: string;
  readonly mark: string;
}

/**
 * One headless Chromium for the whole test file (started before its first test, closed after
 * its last), and a fresh browser context (storage, cookies) for each page a test opens, closed
 * after that test.
 */
/** How to open a page: its window's size, light or dark, and a script to run before the page's own. */
export interface PageOptions {
  readonly viewport?: { readonly width: number; readonly height: number };
  readonly colorScheme?: 'light' | 'dark';
  readonly init?: string;
}

export function browserForFile(): { open(url: string, options?: PageOptions): Promise<ChatPage> } {
  let browser: Browser | undefined;
  const contexts = new Set<BrowserContext>();
  beforeAll(async () => {
    // Chromium's sandbox will not start as root (CI's containers).
    browser = await chromium.launch({ executablePath: chromiumPath(), args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  }, 30_000);
  afterEach(async () => {
    await Promise.all([...contexts].map((context) => context.close()));
    contexts.clear();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open(url, { viewport = { width: 1280, height: 800 }, colorScheme = 'light', init } = {}) {
      const context = await browser!.newContext({ viewport, colorScheme });
      contexts.add(context);
      const page = await context.newPage();
      if (init !== undefined) await page.addInitScript(init);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(url);
      return chatPage(page, problems);
    },
  };
}

function chatPage(page: Page, problems: readonly string[]): ChatPage {
  const status = async (): Promise<string> => ((await page.locator('.status').count()) === 0 ? '' : (await page.locator('.status').innerText()).replace(/\s+/g, ' '));
  return {
    page,
    rows: () =>
      page.$$eval('.row', (elements) =>
        elements.map((row) => ({
          kind: row.classList.contains('message') ? ('message' as const) : ('system' as const),
          user: row.querySelector('.nick')?.textContent ?? '',
          text: row.querySelector('.text')?.textContent ?? '',
          mark: row.querySelector('.mark')?.textContent ?? '',
        })),
      ),
    status,
    async send(text) {
      await page.locator('#message').fill(text);
      await page.locator('#message').press('Enter');
    },
    async opened(timeoutMs = 10_000) {
      await waitFor(
        async () => {
          if (problems.length > 0) throw new Error(`the page failed: ${problems.join('; ')}`);
          return (await status()).startsWith('● open ');
        },
        timeoutMs,
        'the page open',
        25,
      );
    },
  };
}

/** The messages among rows, as "user: text mark". */
export function messagesOf(rows: readonly Row[]): string[] {
  return rows.filter((row) => row.kind === 'message').map((row) => `${row.user}: ${row.text}${row.mark === '' ? '' : ` ${row.mark}`}`);
}
