/**
 * How install treats each folder it sets (issue 11 items 1, 2, 12): svcforge's own folders
 * (under its roots) get an exclusive ACL and the Administrators owner; any other folder
 * keeps its inheritance and entries, gets the service's entry added, and is given its
 * original permissions back at uninstall (the ledger records which is which); a folder an
 * executable of the service lives in must not be writable by non-administrators.
 */
import { defaultRoots } from './derive.js';
import type { Deployment } from './deployment.js';
import { step, type ParameterValue, type Step } from './steps.js';
import { winDirname, winJoin } from './windows-path.js';

/** `<dataDir>\folders.json`: the folders svcforge created, and the original SDDL of those it did not. */
export const folderLedgerFile = (deployment: Pick<Deployment, 'paths'>): string => winJoin(deployment.paths.dataDir, 'folders.json');

const isUnder = (path: string, root: string): boolean => {
  const p = path.toLowerCase().replace(/\\+$/, '');
  const r = root.toLowerCase();
  return p === r || p.startsWith(`${r}\\`);
};

/** Under C:\ProgramData\svcforge or C:\Program Files\svcforge: svcforge's own. */
export const ownedBySvcforge = (path: string): boolean => isUnder(path, defaultRoots.programData) || isUnder(path, defaultRoots.programFiles);

/** Folders holding an executable the service runs: the program's, svcforge-host.exe's, nssm.exe's. */
export function binaryFolders(deployment: Deployment): string[] {
  const folders = [
    ...(deployment.release ? [] : [deployment.paths.programDir]),
    ...(deployment.host === 'svcforge' ? [deployment.paths.installDir] : []),
    ...(deployment.host === 'nssm' && deployment.nssmPath ? [winDirname(deployment.nssmPath)] : []),
  ];
  return unique(folders);
}

export interface DirectoryOptions {
  readAccount?: string[];
  modifyAccount?: string[];
}

/** One Set-SvcForgeDirectory step, with the treatment its path calls for. */
export function directoryStep(deployment: Deployment, id: string, path: string, options: DirectoryOptions = {}): Step {
  const parameters: [string, ParameterValue][] = [['Path', path]];
  if (options.readAccount) parameters.push(['ReadAccount', options.readAccount]);
  if (options.modifyAccount) parameters.push(['ModifyAccount', options.modifyAccount]);
  if (ownedBySvcforge(path)) parameters.push(['Owned', true]);
  if (binaryFolders(deployment).some((folder) => folder.toLowerCase() === path.toLowerCase())) parameters.push(['BinaryFolder', true]);
  parameters.push(['LedgerFile', folderLedgerFile(deployment)]);
  return step(id, 'Set-SvcForgeDirectory', parameters);
}

/**
 * C:\ProgramData\svcforge itself, locked before anything is created in it: it would
 * inherit "Users may create folders" from ProgramData. What is below it belongs to each
 * service's own steps, so its children are left alone.
 */
export function dataRootStep(): Step {
  return step('data-root', 'Set-SvcForgeDirectory', [
    ['Path', defaultRoots.programData],
    ['Owned', true],
    ['KeepChildAcl', true],
  ]);
}

/**
 * The first install step, read-only: every folder install will set is checked (system
 * folders refused, svcforge's own folders owned by someone else refused, writable
 * binary folders refused), so a refusal changes nothing at all.
 */
export function folderCheckStep(deployment: Deployment, folders: string[]): Step {
  const all = unique([defaultRoots.programData, ...folders]);
  const binary = binaryFolders(deployment);
  return step(
    'folders',
    'Assert-SvcForgeDirectorySafe',
    [
      ['OwnedPath', all.filter(ownedBySvcforge)],
      ['BinaryFolder', binary.filter((folder) => !ownedBySvcforge(folder))],
      ['OtherPath', all.filter((folder) => !ownedBySvcforge(folder) && !binary.some((b) => b.toLowerCase() === folder.toLowerCase()))],
      ['LedgerFile', folderLedgerFile(deployment)],
    ],
    false,
  );
}

function unique(paths: string[]): string[] {
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = path.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
