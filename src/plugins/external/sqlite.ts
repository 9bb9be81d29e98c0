import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Db } from '../../store/database.js';
import { migrate } from '../../store/migrations.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

/** The SQLite file, migrated to the newest schema before the first request; closed last on shutdown. */
async function sqlite(fastify: FastifyInstance, opts: { path: string; secretKey?: string }): Promise<void> {
  const db = openDatabase(opts.path, opts.secretKey);
  try {
    const applied = migrate(db);
    if (applied.length > 0) fastify.log.info({ applied, path: opts.path }, 'database migrated');
  } catch (error) {
    db.close();
    throw error;
  }
  fastify.decorate('db', db);
  fastify.addHook('onClose', async () => {
    db.close();
  });
}

export default fp(sqlite, { name: 'sqlite' });
