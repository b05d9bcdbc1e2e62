// The security headers of every web app of the service (portal, console): a CSP with no
// script at all and nothing from elsewhere, no referrer, HSTS only where the app is https.

import helmet from 'helmet';

export function securityHeaders(opts: { secure: boolean; dataImages?: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        // The console previews an uploaded logo inline (data: URL); the portal never needs it.
        imgSrc: opts.dataImages ? ["'self'", 'data:'] : ["'self'"],
        fontSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    // Most boxes serve plain http: HSTS only where the app is reached over https.
    strictTransportSecurity: opts.secure ? undefined : false,
    referrerPolicy: { policy: 'no-referrer' },
  });
}
