import {
  Agent,
  fetch as undiciFetch,
  type Dispatcher,
  type RequestInit,
  type Response,
} from 'undici'

// The one HTTP client of the browser tests' API calls, the HTTP races and the benchmarks'
// set-up requests (autocannon keeps its own connections busy and is not affected).
//
// Every request goes on a connection of its own, closed after the response (`Connection:
// close`). The local server (workerd) closes a kept-alive connection after 5 s idle without
// announcing it, and a client only notices that when its event loop runs: a test blocked for
// seconds (a synchronous `wrangler d1 execute`, a busy machine) then wrote its next burst on
// sockets the server had closed, and those requests failed with "other side closed"
// (docs/decisions/008-local-server.md). A fresh loopback connection costs well under a
// millisecond.
//
// At most 32 requests are in flight to one server; the rest wait in this client. workerd gives a
// new connection 15 s to have its request read, and it reads a connection only when it gets to
// it: on a starved machine (two CPU-bound loops beside the tests) 300 booking POSTs at once took
// over 15 s, and the last connections were closed unread ("other side closed", 0 bytes read).
// 32 at once is still a real race for the same rows; the SQL rules are what the races prove.
//
// Nothing is retried: every request a test checks was sent exactly once.
const oneRequestPerConnection: Dispatcher.DispatcherComposeInterceptor =
  (dispatch) => (options, handler) =>
    dispatch({ ...options, reset: true }, handler)

const dispatcher = new Agent({ connections: 32 }).compose(oneRequestPerConnection)

export function http(url: string, init: RequestInit = {}): Promise<Response> {
  return undiciFetch(url, { ...init, dispatcher })
}
