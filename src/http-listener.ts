// Binds an express app (or any request handler) to a host:port as a lifecycle component,
// over http, or over https when given a certificate and its key.

import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Component } from './lifecycle';
import type { ListenAddress } from './config/units';

export class HttpListener implements Component {
  private server: http.Server | https.Server | null = null;

  constructor(
    readonly name: string,
    readonly handler: http.RequestListener,
    private readonly address: ListenAddress,
    private readonly tls: { cert: string; key: string } | null = null,
  ) {}

  async start(): Promise<void> {
    const server = this.tls
      ? https.createServer(
          // A client that opens a connection and never finishes the handshake is let go quickly.
          { cert: this.tls.cert, key: this.tls.key, minVersion: 'TLSv1.2', handshakeTimeout: 10_000 },
          this.handler,
        )
      : http.createServer(this.handler);
    server.headersTimeout = 20_000;
    server.requestTimeout = 30_000;
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.address.port, this.address.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
  }

  /** The bound address (useful when the configured port was 0). */
  boundAddress(): AddressInfo | null {
    const a = this.server?.address();
    return a && typeof a === 'object' ? a : null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 2000).unref();
    });
  }
}
