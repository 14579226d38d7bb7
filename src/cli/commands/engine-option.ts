import { Option } from 'commander';
import { ENGINE_NAMES } from '../../config/schema.ts';

/** `--engine <engine>`, its choices the engines config can name. */
export function engineOption(description = 'claim and verification engine'): Option {
  return new Option('--engine <engine>', description).choices([...ENGINE_NAMES]);
}
