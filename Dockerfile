# ECN gateway image: multi-stage, production dependencies only, non-root, data volume,
# health check. Builds for amd64 and arm64 (better-sqlite3 compiles in the build stage):
#   docker buildx build --platform linux/amd64,linux/arm64 -t ecn-gateway .
#
# For the city's central side: a gateway instance on the shared Redis pool (store.kind: redis,
# ECN_STORE_KIND=redis ECN_STORE_REDIS_URL=redis://…), serving RADIUS to access points and the
# portal and console for spaces whose router is an external NAS, scraped by the city's
# Prometheus. A space's own box is installed from the Debian package (docs/deploy-box.md): the
# box is the router, and its nftables gateway needs the host's network stack, which a container
# does not have.
# What the host gives it:
# - Network: the default bridge network with published ports is enough: -p 8080:8080 (portal),
#   -p 1812:1812/udp -p 1813:1813/udp (RADIUS, with ECN_RADIUS_AUTH_LISTEN=0.0.0.0:1812 and
#   ECN_RADIUS_ACCT_LISTEN=0.0.0.0:1813, since they default to loopback), and /metrics with
#   ECN_METRICS_LISTEN=0.0.0.0:9464 -p <city-side address>:9464:9464 for the city's Prometheus.
#   RADIUS clients are declared by the address the container sees: behind Docker's NAT that is
#   the host's bridge address unless the NAS reaches it through --network host.
# - Capabilities: none beyond Docker's defaults, and it runs as the unprivileged user ecn; add
#   --cap-drop ALL. (Only gateway.kind: nftables needs CAP_NET_ADMIN and --network host: that is
#   the box's case, for the package.)
# - Storage: a volume on /var/lib/ecn (the legal journal and its key, statistics).
# test/integration/dockerfile.test.ts checks this file's build steps without a container engine.

FROM node:20-bookworm-slim AS build
WORKDIR /src
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
# The console stays on the container's loopback: it is for staff only, and `-p 8081:8081`
# would publish it on every address of the host, the residents' Wi-Fi side included (Docker's
# published ports also bypass the host firewall's INPUT rules). To reach it from the staff
# network, say so and name the host's staff-side address, e.g.
#   docker run -e ECN_CONSOLE_LISTEN=0.0.0.0:8081 -p 192.168.20.1:8081:8081 …
# The portal listens on every address of the container, so it cannot guess the URL that
# residents' browsers are sent to: set ECN_PORTAL_PUBLIC_URL to the host's address as the
# residents reach it (the default only suits a trial on the host itself).
ENV NODE_ENV=production \
    ECN_DATA_DIR=/var/lib/ecn \
    ECN_PORTAL_LISTEN=0.0.0.0:8080 \
    ECN_PORTAL_PUBLIC_URL=http://localhost:8080 \
    ECN_CONSOLE_LISTEN=127.0.0.1:8081
WORKDIR /opt/ecn
# The data folder is private to the service (it also sets 0700 itself at start).
RUN groupadd --system ecn && useradd --system --gid ecn --home-dir /var/lib/ecn --shell /usr/sbin/nologin ecn \
    && mkdir -p -m 0700 /var/lib/ecn && chown ecn:ecn /var/lib/ecn
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY config ./config
COPY views ./views
COPY locales ./locales
USER ecn
VOLUME ["/var/lib/ecn"]
# 8080: the portal. The console (8081) is not exposed: see ECN_CONSOLE_LISTEN above.
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:8080/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["node", "dist/main.js"]
