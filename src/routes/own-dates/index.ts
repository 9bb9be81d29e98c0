import type { FastifyPluginAsync } from 'fastify';
import corrections from './corrections.js';
import ownItems from './own-items.js';

/** Her own dates (issue 20 §4): own items and corrections of computed dates, under /providers/{id}. */
const ownDates: FastifyPluginAsync = async (fastify) => {
  await fastify.register(ownItems);
  await fastify.register(corrections);
};

export default ownDates;
