import type { D1Migration } from 'cloudflare:test'
import type { Bindings } from '../../worker/lib/env'

declare global {
  namespace Cloudflare {
    interface GlobalProps {
      mainModule: typeof import('../../worker/index')
    }
    interface Env extends Bindings {
      TEST_MIGRATIONS: D1Migration[]
    }
  }
}
