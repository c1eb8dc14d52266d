// action.yml as the runner and the Marketplace read it.
import { parse } from 'yaml';
import { readRepoFile } from './workflows.js';

interface ActionInput {
  description: string;
  required?: boolean;
  default?: string;
}

export interface ActionMetadata {
  name: string;
  description: string;
  author?: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export const actionMetadata = (): ActionMetadata =>
  parse(readRepoFile('action.yml')) as ActionMetadata;

/** The inputs a runner gives the action for a step's `with:`: action.yml's defaults, then those values. */
export function runnerInputs(given: Record<string, string>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(actionMetadata().inputs)) {
    if (input.default !== undefined) inputs[name] = input.default;
  }
  return { ...inputs, ...given };
}
