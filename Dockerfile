# syntax=docker/dockerfile:1
# e-Office's one image: `web` (default), `worker` and `migrate` are commands of the same build.

# --- build: compile TypeScript, bundle the workflows, then drop the dev dependencies ---
FROM node:20-bookworm-slim AS build
# Compilers only in case a native module (better-sqlite3, argon2) has no prebuilt binary for this platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# Debian's Chromium renders the PDFs; Puppeteer's own download would only bloat the image.
ENV PUPPETEER_SKIP_DOWNLOAD=true
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# `npm run build` compiles to dist/ (migrations included) and writes dist/workflow-bundle.js.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- runtime ---
FROM node:20-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-liberation tini ca-certificates \
  && rm -rf /var/lib/apt/lists/* \
  && useradd --system --uid 10001 --user-group --home-dir /var/lib/eoffice --shell /usr/sbin/nologin eoffice \
  && mkdir -p /var/lib/eoffice/files /var/lib/eoffice/pki /var/lib/eoffice/backups \
  && chown -R eoffice:eoffice /var/lib/eoffice \
  && chmod 700 /var/lib/eoffice/pki
ENV NODE_ENV=production \
  PUPPETEER_SKIP_DOWNLOAD=true \
  CHROMIUM_PATH=/usr/bin/chromium \
  DATA_DIR=/var/lib/eoffice \
  HOME=/var/lib/eoffice \
  HOST=0.0.0.0 \
  PORT=3000
WORKDIR /app
# What the running app reads from the project root (lib/paths.ts finds it by package.json): compiled
# code and the workflow bundle, production node_modules (also served: bootstrap, icons, chart.js,
# quill), the letter templates (.hbs, .css, .svg), the page views and static files.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/templates ./templates
COPY --from=build /app/web/views ./web/views
COPY --from=build /app/web/static ./web/static
# Bantuan: the user guide and its pictures, served and printed by e-Office itself.
COPY --from=build /app/docs/panduan ./docs/panduan
USER eoffice
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/bin/eoffice.js", "web"]
