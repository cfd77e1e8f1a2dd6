/** Flags and args more than one command takes, defined once. */
import { Args, Flags } from '@oclif/core';

export const specArg = Args.string({
  name: 'SPEC',
  description: 'path of the spec file',
  default: 'svcforge.yaml',
});

export const profileFlag = Flags.string({
  char: 'p',
  description: 'overlay the named entry of `profiles:` on the spec',
  helpValue: 'NAME',
});

/** The lifecycle commands' target: a spec file, or the name of an installed service. */
export const targetArg = Args.string({
  name: 'SPEC|NAME',
  description: 'spec file, or the name of an installed service (its files are found from its binary path)',
  default: 'svcforge.yaml',
});
