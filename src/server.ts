import { enableCompileCache } from 'node:module';
import { dirname, join, resolve } from 'node:path';

// Keep V8's compiled code between starts (in NODE_COMPILE_CACHE, else the OS temp folder): bench:startup measures the
// start with and without it. NODE_DISABLE_COMPILE_CACHE=1 turns it off. The service's modules load after it, below.
enableCompileCache();
const { buildApp } = await import('./app.js');
const { SECRET_KEY_FILE } = await import('./store/secrets.js');
const { ConfigError, loadConfig } = await import('./config.js');

/** Starts the service: settings from the environment, graceful close on SIGTERM and SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const app = await buildApp({
    config,
    reminders: { schedule: config.remindersEnabled },
    webhooks: { deliver: true },
    warmUp: true,
  });
  if (config.today) {
    app.log.warn(
      `!!! TODAY=${config.today} is set: the service treats ${config.today} as today (demonstrations and tests only) !!!`,
    );
  }
  if (!config.secretKey) {
    app.log.warn(
      { file: join(dirname(resolve(config.databasePath)), SECRET_KEY_FILE) },
      'server key read from the key file beside the database (SECRET_KEY is not set): back it up apart from the database',
    );
  }
  if (!config.adminApiKey && app.store.apiKeys.list().every((key) => !key.admin || key.revokedAt !== null)) {
    app.log.warn('no admin API key exists: set ADMIN_API_KEY to create one');
  }

  let closing = false;
  const close = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: no new requests, finishing the running ones, then closing the database');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => close('SIGTERM'));
  process.once('SIGINT', () => close('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
