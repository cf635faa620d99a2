import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { createTheme } from '../../src/ui/format/theme.js';
import { ThemeContext } from '../../src/ui/hooks/use-theme.js';

/**
 * Renders a component alone inside the theme App would give it: without colour unless asked, so
 * frames compare as plain text. A rerender keeps the theme.
 */
export function renderThemed(node: ReactElement, colour = false) {
  const theme = createTheme(colour);
  const themed = (element: ReactElement): ReactElement => <ThemeContext value={theme}>{element}</ThemeContext>;
  const rendered = render(themed(node));
  return { ...rendered, rerender: (element: ReactElement) => rendered.rerender(themed(element)) };
}
