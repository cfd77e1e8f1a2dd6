/**
 * svcforge-host.conf values: the only way a value enters the supervisor's config file.
 */

/** A value in svcforge-host.conf (supervisor/FORMAT.md): bare when safe, else quoted with escapes. */
export function confValue(value: string): string {
  if (value.includes('\0')) throw new TypeError('confValue: NUL cannot be stored in svcforge-host.conf');
  const bare = value !== '' && !/^[ \t]|[ \t]$/.test(value) && !/[\u0000-\u001f\u007f]/.test(value) && !value.startsWith('"');
  if (bare) return value;
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (character) => {
    switch (character) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\n':
        return '\\n';
      case '\r':
        return '\\r';
      case '\t':
        return '\\t';
      default:
        return `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
    }
  });
  return `"${escaped}"`;
}
