// What `ecn setup` is given (its flags and its services) and the helpers its steps share.

import path from 'node:path';
import { loadConfig, type FrozenConfig } from '../../config/load';
import { EcnError } from '../../domain/errors';
import type { ServiceDeps } from '../../services/deps';
import type { CliIo } from '../main';
import type { Refusal } from './answers';
import { underRoot } from './files';
import type { Translate } from './messages';
import type { Prompter } from './prompter';

export const DEFAULT_SETUP_CONFIG = '/etc/ecn/config.yaml';
export const NFTABLES_FILE = '/etc/nftables.conf';
export const DHCP_FILE = '/etc/dnsmasq.d/ecn.conf';
export const RESOLVER_FILE = '/etc/dnsmasq.d/ecn-resolver.conf';
export const AGENT_FILE = '/etc/ecn/prometheus-agent.yml';

export interface SetupDeps {
  io: CliIo;
  /** The program's `--config`, when given. */
  configFlag: () => string | undefined;
  /** Opens the store of `cfg` for one piece of work, as the other commands do. */
  withServices: <T>(cfg: FrozenConfig, fn: (deps: ServiceDeps) => Promise<T>) => Promise<T>;
  /** A terminal to ask on, or null when standard input is not one. */
  prompter: () => Prompter | null;
}

export interface SetupOptions {
  mode?: string;
  spaceId?: string;
  spaceName?: string;
  wifiSsid?: string;
  lanIf?: string;
  wanIf?: string;
  lanAddress?: string;
  adminNet?: string;
  remoteWriteUrl?: string;
  manager?: string;
  managerPasswordFile?: string;
  yes?: boolean;
  lang?: string;
  root: string;
  check: boolean;
  systemctlCommand: string;
}

export function invalid(t: Translate, r: Refusal): EcnError {
  return new EcnError('ECN_ERR_SETUP_INVALID', `${t(r.key, r.vars)} ${t('bad.stopped')}`);
}

export /**
 * The configuration as the service will see it (file, then ECN_* variables); under `--root`,
 * its data folder is under the root too, so a test never touches the real /var/lib/ecn.
 */
function effectiveConfig(
  configFile: string,
  fileCfg: FrozenConfig,
  root: string,
  env: Record<string, string | undefined>,
): FrozenConfig {
  const withRoot = { ...env };
  if (root !== path.resolve('/') && withRoot.ECN_DATA_DIR === undefined) {
    withRoot.ECN_DATA_DIR = underRoot(root, fileCfg.dataDir);
  }
  return loadConfig({ file: configFile, env: withRoot });
}
