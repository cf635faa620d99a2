import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { Header } from '../../../src/ui/components/Header.js';
import { useTheme } from '../../../src/ui/hooks/use-theme.js';
import { renderThemed } from '../render-themed.js';

afterEach(() => cleanup());

describe('the theme context', () => {
  it('gives a component rendered inside it its theme', () => {
    const text = { rooms: [{ text: '#lobby', state: 'active' as const }], identity: 'alice @ http://127.0.0.1:4000', transport: 'ws', online: '' };
    expect(renderThemed(<Header text={text} />).lastFrame()).toBe('#lobby  alice @ http://127.0.0.1:4000  ws');
  });

  it('refuses to give a theme outside it, saying where one comes from', () => {
    let caught: unknown;
    function Probe() {
      try {
        useTheme();
      } catch (error) {
        caught = error;
      }
      return null;
    }
    render(<Probe />);
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toMatch(/^useTheme\(\) was called outside a ThemeContext: render the component inside <App>/);
  });
});
