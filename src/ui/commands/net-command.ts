import { isClean } from '../../relay/condition.js';
import { describeChange, describeCondition, type NetCommand } from '../../relay/net-text.js';
import type { NetLever } from '../net-lever.js';
import type { SystemLine } from '../state/system-lines.js';

/** How /net's words are written, for the lines that teach them. */
const WORDS = '/net delay 100 [20] · rate 56kbit · cut · blackhole · down 10 · heal';

/**
 * Carries out `/net …` on the lever and says what came of it, in one system line: the condition
 * after a change (and the connections it reset), the condition in force for `/net` alone, or why
 * nothing changed. `scope` names the connections the lever moves.
 */
export function runNetCommand(command: NetCommand, lever: NetLever, scope = 'every connection of this chat'): SystemLine {
  if (lever.unavailable !== undefined) return { text: `/net is unavailable: ${lever.unavailable}`, tone: 'error' };
  if (command.kind === 'show') {
    const { condition } = lever;
    if (isClean(condition)) return { text: `net clean: your connections pass a relay on this machine untouched; change it with ${WORDS}`, tone: 'info' };
    return { text: `${describeCondition(condition, lever.now())} on ${scope}; /net heal makes it clean`, tone: 'warn' };
  }
  const applied = lever.apply(command);
  if (!applied.ok) return { text: `/net: ${applied.reason}`, tone: 'error' };
  return { text: describeChange(applied.condition, lever.now(), applied.reset, command.kind === 'cut'), tone: isClean(applied.condition) ? 'ok' : 'warn' };
}
