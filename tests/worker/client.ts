import { createExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { hc, type ApplyGlobalResponse, type ClientResponse } from 'hono/client'
import { expect } from 'vitest'
import type { AppType } from '../../worker/app'
import worker from '../../worker/index'

// The typed test client: Hono's `hc` over the worker's own route types (`AppType`), so that a
// call's path, params, query, body and response body come from the zod schemas. Requests go
// through fetchWorker() below (straight to the worker entry with this file's env, or through the
// runtime binding with `viaRuntime`), exactly as the untyped api() sent them.
//
//   const res = await send(client(wang).rooms[':id'].day.$get({ param: { id }, query: { date } }))
//   expectStatus(res, 200).body.slots          // narrowed to the 200 response's type
//
// Tests about bad input (malformed JSON, wrong methods, multipart, fields the schema refuses)
// use rawRequest() from helpers.ts instead: it is untyped on purpose.

/**
 * Any request (multipart, raw bytes) to the worker. Requests go straight to the worker's entry
 * (worker/index.ts `fetch`) with this file's env (plus `env` overrides): in this pool every call
 * through `exports.default.fetch` is slower than the one before (200 GET /api/health: 1.3 s, then
 * 5 s, 13 s, 24 s). `viaRuntime` sends one through that binding instead, for races whose
 * interleaving only shows that way.
 */
export async function fetchWorker(request: Request, options: { viaRuntime?: boolean; env?: Partial<Cloudflare.Env> } = {}): Promise<Response> {
  return options.viaRuntime
    ? exports.default.fetch(request)
    : worker.fetch(request, { ...env, ...options.env }, createExecutionContext())
}

/** The error body every failure answers with (worker/lib/errors.ts `errorBody`). */
export type ErrorBody = {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; details?: Record<string, unknown> }
}

// Answers any route may give besides the ones its createRoute() lists: the write rate limit
// (429), the platform's refusals (400 bad JSON, 415 content type), unknown paths (404) and
// onError's 500.
type Err = { json: ErrorBody }
type App = ApplyGlobalResponse<AppType, { 400: Err; 401: Err; 403: Err; 404: Err; 409: Err; 415: Err; 429: Err; 500: Err }>

export type CallOptions = {
  /** Bearer token of the caller; none (or null) calls as a visitor. */
  token?: string | null
  headers?: Record<string, string>
  /** Sends through the runtime's `exports.default.fetch` instead of calling the entry (see helpers.ts). */
  viaRuntime?: boolean
  /** Overrides of this file's env for this call. */
  env?: Partial<Cloudflare.Env>
}

/** The API under /api as the caller `token` (or with `options`). Cheap: build one per call. */
export function client(token?: string | null, options: Omit<CallOptions, 'token'> = {}) {
  const headers: Record<string, string> = { ...options.headers }
  if (token) headers.authorization = `Bearer ${token}`
  return hc<App>('http://linli.test/api', {
    headers,
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetchWorker(new Request(input, init), options),
  })
}

/** One response as the tests read it: status and parsed body, typed per status. */
export type Result<R> = R extends ClientResponse<infer O, infer S, infer _F> ? { status: S; body: O; headers: Headers } : never

/** Awaits a client call and reads its body (JSON, or the text when it is not JSON). */
export async function send<R extends ClientResponse<unknown, number>>(call: Promise<R>): Promise<Result<R>> {
  const response = await call
  const text = await response.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = text
  }
  return { status: response.status, body, headers: response.headers } as Result<R>
}

type Narrowed<R extends { status: number }, S> = number extends R['status'] ? R : Extract<R, { status: S }>

/**
 * Asserts the status like expectStatus() and narrows `res` in place:
 * `assertStatus(res, 404); res.body.error.code`.
 */
export function assertStatus<R extends { status: number; body: unknown }, S extends R['status']>(
  res: R, status: S, message?: string,
): asserts res is Narrowed<R, S> {
  expect(res.status, message ?? JSON.stringify(res.body)).toBe(status)
}

/**
 * Asserts the status (showing the body when it differs: the error message says why) and narrows
 * the result to that status's body type.
 */
export function expectStatus<R extends { status: number; body: unknown }, S extends R['status']>(res: R, status: S): Narrowed<R, S> {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res as Narrowed<R, S>
}
