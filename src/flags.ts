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
