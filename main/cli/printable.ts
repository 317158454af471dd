/**
 * Error text quotes hostile input (a JSON parser's snippet of binary garbage, a node name):
 * control characters are shown escaped so a file cannot drive the user's terminal.
 */
// C0 controls except \t and \n, DEL, and the C1 range (ESC/CSI sequences)
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
