import type { Config } from '../config/index.js';
import type { DiscoverSettings } from './types.js';

/** The `value_discovery:` section of a loaded config (the loader already filled every default in). */
export function discoverSettings(config: Config): DiscoverSettings {
  return config.value_discovery;
}
