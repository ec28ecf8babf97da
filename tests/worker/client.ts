import { createExecutionContext } from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { hc, type ApplyGlobalResponse, type ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import { expect } from 'vitest'
import type { AppType } from '../../worker/app'
import worker from '../../worker/index'

// The typed test client: Hono's `hc` over the worker's own route types (`AppType`), so that a
// call's path, params, query, body and response body come from the zod schemas. Requests go
// through fetchWorker() below (straight to the worker entry with this file's env, or through the
// runtime binding with `viaRuntime`), exactly as rawRequest() sends them.
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
export async function fetchWorker(
  request: Request,
  options: { viaRuntime?: boolean; env?: Partial<Cloudflare.Env> } = {},
): Promise<Response> {
  return options.viaRuntime
    ? exports.default.fetch(request)
    : worker.fetch(request, { ...env, ...options.env }, createExecutionContext())
}

/** An untyped response (rawRequest, multipart uploads): the typed client's results are in client.ts. */
export type Res = { status: number; body: any; headers: Headers }

/**
 * The untyped escape hatch, for tests about bad input only: malformed or raw JSON text, wrong
 * methods, unknown paths, fields the schema refuses. Everything else calls the typed client
 * (client.ts). Sends JSON (or the text as given) with an optional bearer token to the worker's
 * entry the way the typed client does (`viaRuntime` and `env` as in fetchWorker).
 */
export async function rawRequest(
  method: string,
  path: string,
  options: {
    token?: string | null
    body?: unknown
    headers?: Record<string, string>
    viaRuntime?: boolean
    env?: Partial<Cloudflare.Env>
  } = {},
): Promise<Res> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
    headers['content-type'] ??= 'application/json'
  }
  const request = new Request(`http://linli.test${path}`, { method, headers, body })
  return readJson(await fetchWorker(request, options))
}

export async function readJson(response: Response): Promise<Res> {
  const text = await response.text()
  let json: unknown = null
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: response.status, body: json, headers: response.headers }
}

/** The error body every failure answers with (worker/lib/errors.ts `errorBody`). */
export type ErrorBody = {
  error: {
    code: string
    message: string
    issues?: { path: string; message: string }[]
    details?: Record<string, unknown>
  }
}

// Answers any route may give besides the ones its createRoute() lists: the write rate limit
// (429), the platform's refusals (400 bad JSON, 415 content type), unknown paths (404) and
// onError's 500.
type Err = { json: ErrorBody }
type App = ApplyGlobalResponse<
  AppType,
  { 400: Err; 401: Err; 403: Err; 404: Err; 409: Err; 415: Err; 429: Err; 500: Err }
>

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
    fetch: (input: RequestInfo | URL, init?: RequestInit) =>
      fetchWorker(new Request(input, init), options),
  })
}

/** One response as the tests read it: status and parsed body, typed per status. */
export type Result<R> =
  R extends ClientResponse<infer O, infer S, infer _F>
    ? { status: S; body: O; headers: Headers }
    : never

/** Awaits a client call and reads its body (JSON, or the text when it is not JSON). */
export async function send<R extends ClientResponse<unknown, number>>(
  call: Promise<R>,
): Promise<Result<R>> {
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

type Narrowed<R extends { status: number }, S> = number extends R['status']
  ? R
  : Extract<R, { status: S }>

/**
 * Asserts the status like expectStatus() and narrows `res` in place:
 * `assertStatus(res, 404); res.body.error.code`.
 */
export function assertStatus<R extends { status: number; body: unknown }, S extends R['status']>(
  res: R,
  status: S,
  message?: string,
): asserts res is Narrowed<R, S> {
  expect(res.status, message ?? JSON.stringify(res.body)).toBe(status)
}

/**
 * Asserts the status (showing the body when it differs: the error message says why) and narrows
 * the result to that status's body type.
 */
export function expectStatus<R extends { status: number; body: unknown }, S extends R['status']>(
  res: R,
  status: S,
): Narrowed<R, S> {
  expect(res.status, JSON.stringify(res.body)).toBe(status)
  return res as Narrowed<R, S>
}

/**
 * For a body read without a status check of its own: asserts a success (2xx) status and
 * narrows to the success responses' types.
 */
export function succeeded<R extends { status: number; body: unknown }>(
  res: R,
): Extract<R, { status: SuccessStatusCode }> {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
  return res as Extract<R, { status: SuccessStatusCode }>
}

/** For an error read without a status check of its own: asserts a 4xx/5xx status; the body is the error body. */
export function failed<R extends { status: number; body: unknown }>(
  res: R,
): { status: R['status']; body: ErrorBody; headers: Headers } {
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400)
  return res as unknown as { status: R['status']; body: ErrorBody; headers: Headers }
}
