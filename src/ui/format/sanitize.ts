// C0 and C1 controls (ESC above all) would let a message move the cursor, clear the screen or
// retitle the terminal; direction overrides would reorder the line around them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that is safe to draw: terminal controls removed, tabs as spaces, CR LF and CR as LF.
 * Newlines stay, so a multi-line message keeps its lines.
 */
export function sanitizeText(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/\t/g, '    ').replace(UNSAFE, '');
}
