import { el } from './dom.js';

/**
 * The form a server that wants a token gets: what it said (asked, or refused the one given, in
 * its own words), a field for the token, and the way back. The token stays in this tab.
 */
export function tokenView(problem: string, onToken: (token: string) => void, onBack: () => void): { element: HTMLElement; focus(): void } {
  const token = el('input', { id: 'token', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'token-problem' });
  const submit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (token.value.trim() !== '') onToken(token.value.trim());
  };
  const element = el(
    'form',
    { className: 'join token', onsubmit: submit, 'aria-labelledby': 'token-title' },
    el('h1', { id: 'token-title', text: 'A token, please' }),
    el('p', { id: 'token-problem', className: 'problem', role: 'alert', text: problem }),
    el('label', { for: 'token', text: 'Token' }),
    token,
    el('p', { className: 'hint', text: 'Kept in this tab only, never in the address or in this browser.' }),
    el('div', { className: 'buttons' }, el('button', { type: 'submit', text: 'Join' }), el('button', { type: 'button', className: 'secondary', text: 'Back', onclick: onBack })),
  );
  return { element, focus: () => token.focus() };
}
