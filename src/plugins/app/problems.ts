import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  HttpProblem,
  invalidInputDetail,
  listedErrors,
  problemBody,
  problemTypeOfStatus,
  type FieldError,
  type ProblemType,
} from '../../problems.js';
import { PROBLEM_CONTENT_TYPE } from '../../schemas/common.js';

type SchemaError = NonNullable<FastifyError['validation']>[number];

/** Every 4xx and 5xx answer is RFC 9457 problem details; a 5xx says nothing about what failed inside. */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: FieldError[],
  type: ProblemType = problemTypeOfStatus(status),
) {
  return reply
    .code(status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(problemAnswer(request, status, detail, errors, type));
}

/** The problem details of an answer, also for a row of a batch that answers each row on its own. */
export function problemAnswer(
  request: FastifyRequest,
  status: number,
  detail: string,
  errors?: FieldError[],
  type: ProblemType = problemTypeOfStatus(status),
) {
  return {
    ...problemBody(type, status, detail, request.url.split('?')[0]!),
    requestId: request.id,
    ...(errors ? listedProblemErrors(errors) : {}),
  };
}

function listedProblemErrors(all: FieldError[]): { errors: FieldError[]; errorsOmitted?: number } {
  const { errors, errorsOmitted } = listedErrors(all);
  return errorsOmitted > 0 ? { errors, errorsOmitted } : { errors };
}

/** Pages for people (src/web/not-found.ts): each answers itself, or returns undefined to leave it a problem. */
export interface ErrorPages {
  /** An unknown address people read. */
  notFound: (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;
  /** A 4xx of a page a browser opened (a GET of a feed page or an unsubscribe link with a bad token). */
  clientError: (request: FastifyRequest, reply: FastifyReply, status: number) => FastifyReply | undefined;
}

export interface ProblemsOptions {
  pages?: ErrorPages;
}

async function problems(fastify: FastifyInstance, opts: ProblemsOptions): Promise<void> {
  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    detail: string,
    errors?: FieldError[],
    type?: ProblemType,
  ) =>
    (status >= 400 && status < 500 ? opts.pages?.clientError(request, reply, status) : undefined) ??
    sendProblem(request, reply, status, detail, errors, type);

  fastify.setErrorHandler((error: FastifyError | HttpProblem, request, reply) => {
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return send(request, reply, error.statusCode, error.detail, error.errors, error.type);
    }
    if (error.validation) {
      const errors = error.validation.map((e) => fieldError(e, error.validationContext));
      return send(request, reply, 400, invalidInputDetail(errors), errors);
    }
    if (isStorageUnavailable(error)) {
      request.log.error({ err: error }, 'database cannot write or read');
      reply.header('retry-after', String(STORAGE_RETRY_AFTER_SECONDS));
      return send(
        request,
        reply,
        503,
        'The database cannot save or read data right now (disk full, read-only or busy). Nothing from this request was saved; try again later.',
        undefined,
        'storage-unavailable',
      );
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return send(request, reply, status, error.message, undefined, FASTIFY_ERROR_TYPES[error.code]);
    request.log.error({ err: error }, 'request failed');
    return send(
      request,
      reply,
      status >= 500 && status <= 599 ? status : 500,
      'Something went wrong on our side. Quote the requestId when asking for support.',
    );
  });

  fastify.setNotFoundHandler(
    (request, reply) =>
      opts.pages?.notFound(request, reply) ??
      send(request, reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`),
  );
}

const STORAGE_RETRY_AFTER_SECONDS = 60;

/** Fastify's own refusals whose cause is more than their status: a body that is not JSON is not a schema failure. */
const FASTIFY_ERROR_TYPES: Record<string, ProblemType> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-body',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'malformed-body',
  FST_ERR_BAD_URL: 'malformed-request',
};

/** SQLite errors of the storage itself, not of the request: each statement runs in a transaction, so nothing is half-written. */
function isStorageUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL)/.test(code);
}

/** `/contracts/0/insurer` → `contracts[0].insurer`, with the ajv message made readable (also for batch rows). */
export function fieldError(error: SchemaError, context: string | undefined): FieldError {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'required') {
    segments.push(String(params.missingProperty));
    message = 'is required';
  } else if (error.keyword === 'additionalProperties') {
    segments.push(String(params.additionalProperty));
    message = 'is not a known field';
  } else if (error.keyword === 'enum') {
    message = `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
  } else if (error.keyword === 'format') {
    message =
      params.format === 'email'
        ? 'must be a valid e-mail address'
        : params.format === 'date'
          ? 'must be a real date YYYY-MM-DD'
          : `must be a valid ${params.format}`;
  } else if (error.keyword === 'pattern' && segments.at(-1) === 'agb') {
    message = 'must be 8 digits';
  } else if (error.keyword === 'uniqueItems') {
    message = 'must not repeat a value';
  } else if (error.keyword === 'minProperties' && segments.length === 0) {
    message = 'give at least one field to change';
  }
  const field =
    segments.reduce((path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s), '') ||
    (context ?? 'body');
  const where =
    context === 'body' || context === 'querystring' || context === 'params' || context === 'headers'
      ? context
      : undefined;
  return where ? { field, in: where, message } : { field, message };
}

export default fp(problems, { name: 'problems' });
