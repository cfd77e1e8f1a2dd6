/**
 * The SvcForge PowerShell module as a bundle ships it: its manifest and one .psm1 that
 * holds every function (Private/ then Public/, each under a header naming its source
 * file), instead of the source tree's loader that dot-sources ~50 files. One file to
 * review; Windows PowerShell imports it faster (each dot-sourced file is parsed and
 * scanned on its own); a render writes two files instead of fifty. From source (tests,
 * bin/dev.js) it is merged here on each call; the bundled CLI gets this module swapped
 * for the same text merged at build time (scripts/bundle.mjs), so a render reads none
 * of the files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-info.js';
import { psString } from '../quote/powershell.js';

/** Bundle file name -> text; empty when the package has no module (a broken install). */
export function moduleFiles(source = join(packageRoot, 'ps-scripts', 'SvcForge')): [string, string][] {
  if (!existsSync(source)) return [];
  const functions = (folder: string): { name: string; text: string }[] =>
    readdirSync(join(source, folder))
      .filter((file) => file.endsWith('.ps1'))
      .sort()
      .map((file) => ({ name: `${folder}/${file}`, text: readFileSync(join(source, folder, file), 'utf8').replace(/^\uFEFF/, '') }));
  const publicFunctions = functions('Public');
  const exported = publicFunctions.map((file) => psString(file.name.replace(/^Public\/|\.ps1$/g, ''))).join(', ');
  const module = [
    '# SvcForge: the logic behind the scripts svcforge renders and the steps its session runs.',
    '# Every function of ps-scripts/SvcForge in one file, merged by `svcforge render`; Public/ functions are exported.',
    '# Must parse and run on Windows PowerShell 5.1 and PowerShell 7.',
    'Set-StrictMode -Version Latest',
    ...[...functions('Private'), ...publicFunctions].map((file) => `\n# ---- ${file.name}\n${file.text.trimEnd()}`),
    '',
    `Export-ModuleMember -Function @(${exported})`,
    '',
  ].join('\n');
  return [
    ['SvcForge/SvcForge.psd1', readFileSync(join(source, 'SvcForge.psd1'), 'utf8')],
    ['SvcForge/SvcForge.psm1', module],
  ];
}
