// `ecn devices`: the space's own devices (public PCs, staff laptops), trusted by MAC (issue #15,
// item 2). The same use cases as the console's page, audited as the box's operator.

import type { Command } from 'commander';
import { trustDevice, untrustDevice } from '../services/trusted-devices';
import type { CliIo } from './main';
import type { WithServices } from './users';

export function registerDeviceCommands(
  program: Command,
  io: CliIo,
  withServices: WithServices,
  operator: string,
): void {
  const devices = program
    .command('devices')
    .description("the space's own devices (public PCs, staff), let through without a ticket");

  devices
    .command('trust')
    .description('trust a device by its MAC (any usual notation); again with another label renames it')
    .requiredOption('--mac <mac>', 'aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabb.ccdd.eeff')
    .requiredOption('--label <label>', 'what the team calls it, e.g. "PC 3" (1 to 40 characters)')
    .action(async (opts: { mac: string; label: string }) => {
      await withServices(async (deps, cfg) => {
        const { device, created } = await trustDevice(deps, {
          spaceId: cfg.space.id,
          mac: opts.mac,
          label: opts.label,
          actor: operator,
        });
        io.err(`${created ? 'Trusted' : 'Relabelled'}: ${device.mac} "${device.label}".\n`);
      });
    });

  devices
    .command('list')
    .description("list the space's trusted devices")
    .action(async () => {
      await withServices(async (deps, cfg) => {
        for (const d of await deps.store.listTrustedDevices(cfg.space.id)) {
          io.out(`${d.mac}\t${d.label}\t${new Date(d.addedAt).toISOString()}\t${d.addedBy}\n`);
        }
      });
    });

  devices
    .command('untrust')
    .description('stop trusting a device; its open session ends at the next sweep')
    .argument('<mac>')
    .action(async (mac: string) => {
      await withServices(async (deps, cfg) => {
        await untrustDevice(deps, { spaceId: cfg.space.id, mac, actor: operator });
        io.err(`No longer trusted: ${mac}.\n`);
      });
    });
}
