/**
 * oclif wraps `summary` and `description` to the terminal itself: a line break written in
 * the source breaks the line again wherever it falls ("PowerShell\n  module"). So each
 * paragraph is one line, and paragraphs are separated by a blank line.
 */
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const commandsDir = join(import.meta.dirname, '..', '..', 'src', 'commands');

function commandFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? commandFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Paragraphs that hold a line break: each is reported with its first words. */
function brokenParagraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n\n')
    .filter((paragraph) => paragraph.includes('\n'))
    .map((paragraph) => JSON.stringify(paragraph.slice(0, 60)));
}

describe('--help text', () => {
  it('writes every command summary and description as paragraphs without hard line breaks', async () => {
    const files = commandFiles(commandsDir);
    expect(files.length, 'command files found').to.be.greaterThan(15);
    const found: string[] = [];
    for (const file of files) {
      const command = ((await import(pathToFileURL(file).href)) as { default: { summary?: string; description?: string } }).default;
      expect(command.summary, `${relative(commandsDir, file)} has a summary`).to.be.a('string');
      for (const field of ['summary', 'description'] as const) {
        for (const paragraph of brokenParagraphs(command[field])) found.push(`${relative(commandsDir, file)} ${field}: ${paragraph}`);
      }
      expect(command.summary!, `${relative(commandsDir, file)} summary is one line`).to.not.include('\n');
    }
    expect(found).to.deep.equal([]);
  });

  it('finds a hard line break inside a paragraph (the check can fail)', () => {
    expect(brokenParagraphs('one paragraph\n\nanother one')).to.deep.equal([]);
    expect(brokenParagraphs('runs in one PowerShell\nsession\n\nok')).to.have.length(1);
  });
});
