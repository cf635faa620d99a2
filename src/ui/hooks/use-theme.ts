import { createContext, useContext } from 'react';
import type { Theme } from '../format/theme.js';

/** The theme of the whole UI, given once by App; components read it with useTheme(). */
export const ThemeContext = createContext<Theme | undefined>(undefined);

/** The theme App provides. Throws outside a ThemeContext rather than draw with colours nobody chose. */
export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (theme === undefined) {
    throw new Error('useTheme() was called outside a ThemeContext: render the component inside <App>, which provides the theme, or wrap it in <ThemeContext value={createTheme(colour)}>');
  }
  return theme;
}
