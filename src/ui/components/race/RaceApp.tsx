import { useApp } from 'ink';
import { useMemo } from 'react';
import { createTheme } from '../../format/theme.js';
import { ThemeContext } from '../../hooks/use-theme.js';
import { RaceScreen, type RaceScreenProps } from './RaceScreen.js';

export interface RaceAppProps extends Omit<RaceScreenProps, 'onQuit'> {
  /** False honours NO_COLOR. */
  readonly colour?: boolean;
  /** Defaults to exiting the Ink app. */
  readonly onQuit?: () => void;
}

/** termchat race's terminal UI: the race screen in the theme asked for. */
export function RaceApp({ colour = true, onQuit, ...screen }: RaceAppProps) {
  const { exit } = useApp();
  const theme = useMemo(() => createTheme(colour), [colour]);
  return (
    <ThemeContext value={theme}>
      <RaceScreen {...screen} onQuit={onQuit ?? (() => exit())} />
    </ThemeContext>
  );
}
