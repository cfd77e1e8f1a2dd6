/**
 * Seeds the test shim's ACL store (state.json `acls`) the way an administrator prepares a
 * folder holding a service's executable: inheritance off, Administrators and SYSTEM full
 * control, Users read and execute. install refuses such a folder while a non-administrator
 * can change it (issue 11 item 1), and a folder the shim never saw inherits C:\'s
 * "Users may create folders". Same shape as Protect-SvcForgeShimFolder in test/shim.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function protectShimFolder(stateDirectory: string, windowsPaths: string[]): void {
  mkdirSync(stateDirectory, { recursive: true });
  const file = join(stateDirectory, 'state.json');
  const state = (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {}) as { acls?: Record<string, unknown> };
  state.acls ??= {};
  const entry = (identity: string, rights: number) => ({ identity, rights, type: 'Allow', inherited: false, inheritanceFlags: 3, propagationFlags: 0 });
  for (const path of windowsPaths) {
    state.acls[path.replace(/\\+$/, '').toLowerCase()] = {
      path,
      protected: true,
      owner: 'BUILTIN\\Administrators',
      entries: [entry('BUILTIN\\Administrators', 2032127), entry('NT AUTHORITY\\SYSTEM', 2032127), entry('BUILTIN\\Users', 1179817)],
    };
  }
  writeFileSync(file, JSON.stringify(state, null, 2));
}
