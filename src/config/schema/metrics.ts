// The `metrics` section: the Prometheus endpoint the city reads.

import { z } from 'zod';
import { listen } from './fields';

export const metricsSchema = z
  .object({
    listen: listen('127.0.0.1:9464', 'Address of `/metrics` (Prometheus); keep it off the captive side.'),
    token: z
      .string()
      .default('')
      .describe('Optional bearer token required on `/metrics` (ECN_METRICS_TOKEN); empty means none.'),
    // Issue #16 (2): kept here so that a re-run of `ecn setup` offers it as the default.
    remoteWriteUrl: z
      .string()
      .max(500)
      .regex(/^$|^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'expected an http(s) URL, or empty')
      .default('')
      .describe(
        "The city's Prometheus remote_write URL, which `ecn setup` writes into the box's Prometheus agent configuration (`/etc/ecn/prometheus-agent.yml`); the service itself does not push. Empty: no agent configuration.",
      ),
  })
  .prefault({})
  .describe('Prometheus metrics for the city.');
