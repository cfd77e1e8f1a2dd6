/** Asking for a value the terminal must not echo: secrets and account passwords. */

/** A hidden prompt on the terminal (on stderr, so --json output stays clean), or undefined without a terminal. */
export function hiddenPrompt<K>(message: (key: K) => string): ((key: K) => Promise<string>) | undefined {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return undefined;
  return async (key: K) => {
    const { password } = await import('@inquirer/prompts');
    return password({ message: message(key), mask: '*' }, { output: process.stderr });
  };
}
