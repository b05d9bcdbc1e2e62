// Attribute type numbers the codec itself needs (crypto, VSA framing, Proxy-State). Everything
// else is looked up by name in the dictionaries.

export const AttributeType = {
  UserName: 1,
  UserPassword: 2,
  ChapPassword: 3,
  VendorSpecific: 26,
  ProxyState: 33,
  ChapChallenge: 60,
  EapMessage: 79,
  MessageAuthenticator: 80,
} as const;
