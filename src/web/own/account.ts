import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ProviderRecord } from '../../store/providers.js';
import type { WebAccount } from '../../store/web.js';
import { sendMessage, type WebContext } from '../context.js';

// Shared by the own page (index.ts) and its address and settings pages, so neither imports index.ts back.

/** Her account and provider behind the page link, or undefined (the caller answers with a clear page). */
export function accountOf(
  fastify: FastifyInstance,
  context: WebContext,
  token: string,
): { account: WebAccount; provider: ProviderRecord } | undefined {
  const account = context.store.account(token);
  const provider =
    account && fastify.store.providers.get(account.providerId, { keyId: account.apiKeyId, admin: false });
  return account && provider ? { account, provider } : undefined;
}

export function sendLinkGone(request: FastifyRequest, reply: FastifyReply) {
  return sendMessage(
    request,
    reply,
    (t) => ({
      heading: t.linkGoneTitle,
      paragraphs: [t.linkGoneBody],
      links: [
        { href: '/nieuwe-link', text: t.newLinkTitle },
        { href: '/', text: t.home },
      ],
    }),
    { status: 404 },
  );
}
