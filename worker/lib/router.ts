import { createRoute, OpenAPIHono, z, type RouteConfig } from '@hono/zod-openapi'
import type { AppEnv } from './env'
import { AppError, type ErrorIssue } from './errors'

// Zod speaks Chinese to residents; field-specific messages in schemas override these defaults.
z.config(z.locales.zhCN())

/** Every domain's routes are built on this so validation failures all look the same. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error)
    },
  })
}

// Chinese names of fields, for zod's generic messages (schemas with their own message name the
// field themselves). Keyed by the last segment of the path.
const FIELD_LABELS: Record<string, string> = {
  lat: '纬度',
  lng: '经度',
  location: '位置',
  showName: '是否公开昵称',
  kind: '类型',
  category: '类别',
  status: '状态',
  sort: '排序方式',
  limit: '每页条数',
  cursor: '分页参数',
  photoIds: '照片',
  option: '表决选项',
  rule: '表决规则',
  headcount: '人数',
  startsAt: '开始时间',
  endsAt: '结束时间',
  role: '角色',
  decision: '答复结论',
  stars: '评分',
  unresolved: '是否未解决',
  representativeOnly: '是否仅户代表投票',
  quorum: '有效表决比例',
  approval: '通过比例',
}

export function validationError(error: z.ZodError): AppError {
  const issues: ErrorIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message:
      issue.code === 'unrecognized_keys' ? `不接受的字段：${issue.keys.join('、')}` : issue.message,
  }))
  const first = issues[0]
  // Field names stay in `issues` for the client; the message is for the resident, in Chinese only.
  const rawIssue = error.issues[0]
  const label =
    rawIssue && rawIssue.code !== 'custom'
      ? FIELD_LABELS[String(rawIssue.path[rawIssue.path.length - 1] ?? '')]
      : undefined
  const message = first
    ? `提交的内容有误：${label && !first.message.includes(label) ? `${label}：` : ''}${first.message}`
    : '提交的内容有误'
  return new AppError('VALIDATION_FAILED', message, issues)
}

// Shorthands for route definitions, so each createRoute() reads as the contract it is.

export function jsonBody<T extends z.ZodTypeAny>(schema: T) {
  return { body: { required: true, content: { 'application/json': { schema } } } }
}

export function jsonResponse<T extends z.ZodTypeAny>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description }
}

const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('Error')

const errorResponse = (description: string) => jsonResponse(ErrorSchema, description)

export const errorResponses = {
  400: errorResponse('输入无效 VALIDATION_FAILED'),
  401: errorResponse('未登录 UNAUTHENTICATED'),
  403: errorResponse('无权限 FORBIDDEN / 需先同意隐私政策 CONSENT_REQUIRED'),
  404: errorResponse('不存在 NOT_FOUND'),
  409: errorResponse('冲突 CONFLICT / 状态不允许 INVALID_STATE'),
  429: errorResponse('操作太频繁 RATE_LIMITED'),
}

/**
 * The error responses a route declares, by status: `responses: { 200: …, ...errorsOf(400, 401, 404) }`.
 * One list per route, in the order of the statuses, instead of `400: e[400], 401: e[401]…`.
 */
export function errorsOf<Status extends keyof typeof errorResponses>(
  ...statuses: Status[]
): Pick<typeof errorResponses, Status> {
  return Object.fromEntries(statuses.map((status) => [status, errorResponses[status]])) as Pick<
    typeof errorResponses,
    Status
  >
}

export const bearerSecurity = [{ Bearer: [] as string[] }]

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
})

export const OkSchema = z.object({ ok: z.literal(true) })

type RouteMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'
type RouteParts = Omit<RouteConfig, 'method' | 'path' | 'tags' | 'security'>

/**
 * The route declarations of one OpenAPI tag: `open('get', path, { summary, request, responses })`
 * for routes anyone may call, `signedIn(…)` for those that take the bearer token. Method, path,
 * tag and security fit on one line, so each declaration reads as its contract (summary, input,
 * answers) and nothing else.
 */
export function routesTagged(tag: string) {
  const tags = [tag]
  const declare =
    (security: typeof bearerSecurity | undefined) =>
    <const M extends RouteMethod, const P extends string, R extends RouteParts>(
      method: M,
      path: P,
      parts: R,
    ) =>
      createRoute({ ...parts, method, path, tags, ...(security ? { security } : {}) })
  return { open: declare(undefined), signedIn: declare(bearerSecurity) }
}
