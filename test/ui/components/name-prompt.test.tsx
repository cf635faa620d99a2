import { cleanup } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { NamePrompt } from '../../../src/ui/components/NamePrompt.js';
import { waitFor } from '../../helpers/wait.js';
import { renderApp } from '../app-harness.js';
import { keys } from '../ink-helpers.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

describe('NamePrompt', () => {
  it('asks for a name and shows why one was refused', () => {
    const { lastFrame } = renderThemed(<NamePrompt viewport={{ before: 'al', atCursor: ' ', after: '' }} error="user must be 1-32 printable characters" version="0.1.0" />);
    expect(lastFrame()).toContain('Welcome to termchat 0.1.0. What should people call you?');
    expect(lastFrame()).toContain('name › al');
    expect(lastFrame()).toContain('user must be 1-32 printable characters');
  });
});

describe('name prompt in the app', () => {
  it('asks on first run instead of failing, then joins under that name and remembers it', async () => {
    const app = await renderApp({ user: undefined });
    await app.frame((f) => f.includes('What should people call you?'));
    expect(app.clients).toHaveLength(0);
    await app.type('   ', keys.enter);
    await app.frame((f) => f.includes('not blank'));
    expect(app.clients).toHaveLength(0);
    await app.type(keys.ctrlU, 'dora', keys.enter);
    await app.frame((f) => f.includes('dora ›'));
    expect(app.clients).toHaveLength(1);
    expect(app.client().options.user).toBe('dora');
    await waitFor(() => app.client().connectCalls === 1, 2000, 'connect()');
    expect(app.remembered).toEqual([{ user: 'dora' }]);
  });

  it('quits from the prompt with Ctrl+C', async () => {
    const app = await renderApp({ user: undefined });
    await app.type(keys.ctrlC);
    expect(app.quits()).toBe(1);
  });
});
