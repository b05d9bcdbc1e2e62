// The RADIUS codec's public surface, for the servers and the Disconnect/CoA client.

export * from './attribute-types';
export * from './attribute-values';
export * from './attributes';
export * from './authenticators';
export * from './build-packet';
export * from './chap';
export * from './dictionary';
export * from './load-dictionary';
export * from './message-authenticator';
export * from './packet';
export * from './packet-codes';
export * from './proxy-state';
export * from './radius-decode-error';
export * from './secret';
export * from './user-password';
export * from './vendor-specific';
