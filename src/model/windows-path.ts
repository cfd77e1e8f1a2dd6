/** Windows path arithmetic that behaves the same on Linux, where node:path would not. */
export function winJoin(...parts: string[]): string {
  return parts.map((part, index) => (index === 0 ? part.replace(/\\+$/, '') : part.replace(/^\\+|\\+$/g, ''))).join('\\');
}

export function winDirname(path: string): string {
  const cut = path.replace(/\\+$/, '').lastIndexOf('\\');
  if (cut <= 2) return path.slice(0, 3);
  return path.slice(0, cut);
}
