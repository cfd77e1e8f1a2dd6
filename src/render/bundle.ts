/**
 * Deployment -> Bundle: file name -> bytes. Pure apart from reading the package's
 * own templates, PowerShell module and (when built) svcforge-host.exe. The same
 * input always gives byte-identical output.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Deployment } from '../model/deployment.js';
import type { Spec } from '../spec-file/schema.js';
import { packageRoot } from '../package-info.js';
import { loadTemplates, type TemplateSet } from './engine.js';
import { moduleFiles } from './module-files.js';
import { buildView, type Generator } from './view.js';

export type Bundle = Map<string, Buffer>;

export const hostExeSource = join(packageRoot, 'supervisor', 'dist', 'svcforge-host.exe');

export interface RenderOptions {
  generator: Generator;
  /** the resolved spec, kept in the bundle as svcforge.json */
  spec: Spec;
  /** svcforge-host.exe to ship; defaults to the package's build */
  hostExe?: string;
  templates?: TemplateSet;
}

export class MissingHostError extends Error {}

export function renderBundle(deployment: Deployment, options: RenderOptions): Bundle {
  const templates = options.templates ?? loadTemplates();
  const hostExe = options.hostExe ?? hostExeSource;
  if (deployment.host === 'svcforge' && !existsSync(hostExe)) throw new MissingHostError(hostExe);
  const view = buildView(deployment, options.generator);
  const bundle: Bundle = new Map();
  const text = (name: string, content: string) => bundle.set(name, Buffer.from(content, 'utf8'));

  const scripts = ['install.ps1', ...(deployment.release ? ['deploy.ps1'] : []), 'uninstall.ps1', 'status.ps1', 'firewall.ps1'];
  for (const script of scripts) {
    text(script, withBom(templates.render(script, view)));
  }
  if (deployment.host === 'svcforge') {
    bundle.set('svcforge-host.exe', readFileSync(hostExe));
    for (const instance of view.instances) {
      text(instance.confFile!, templates.render('svcforge-host.conf', { ...view, conf: instance.conf }));
    }
  }
  for (const [name, content] of moduleFiles()) text(name, content);
  text('README.md', templates.render('README.md', view));
  text('svcforge.json', `${JSON.stringify(options.spec, null, 2)}\n`);
  text('manifest.json', manifest(bundle, options.generator));
  return bundle;
}

/**
 * Windows PowerShell 5.1 reads a BOM-less script as the ANSI code page, which
 * mangles any non-ASCII value; a UTF-8 BOM makes both 5.1 and 7 read UTF-8.
 */
function withBom(script: string): string {
  return `\uFEFF${script}`;
}

function manifest(bundle: Bundle, generator: Generator): string {
  const files = [...bundle.keys()]
    .sort()
    .map((name) => ({ name, sha256: createHash('sha256').update(bundle.get(name)!).digest('hex'), bytes: bundle.get(name)!.length }));
  return `${JSON.stringify({ generator: { name: 'svcforge', version: generator.version }, spec: generator.specFile, profile: generator.profile, files }, null, 2)}\n`;
}
