# syntax=docker/dockerfile:1
# Geboortezorg deadlines: the REST service, iCal feeds and e-mail reminders in one process.
# Same commands as README and CI: `npm ci` (better-sqlite3 builds from source), `npm run build`,
# and the start command `node dist/server.js` (what `npm start` execs after building).

ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# Toolchain for better-sqlite3's native build.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
# The build parses the calendars once (dist/calendars.parsed.json); the runtime stage copies them all the same.
COPY calendars ./calendars
# The build compiles every route's schemas (dist/compiled-schemas) on an app built over a throwaway database.
COPY migrations ./migrations
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/data/deadlines.db \
    MAIL_DIR=/data/mail \
    LOG_LEVEL=info
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY calendars ./calendars
COPY migrations ./migrations
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: SIGTERM from `docker stop` reaches node itself, and the service closes gracefully.
CMD ["node", "dist/server.js"]
