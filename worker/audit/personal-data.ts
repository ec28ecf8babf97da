import { auditLog } from '../../db/schema'
import type { PersonalData } from '../lib/personal-data'

/**
 * The audit log names the staff member who acted (and on whose behalf). It is the community's
 * record of staff actions and stays on deletion; the account row it points to then reads
 * "已注销用户". It is not part of a resident's export (staff see it in 操作记录).
 */
export const auditPersonalData: PersonalData = {
  domain: 'audit',
  tables: [auditLog],
  async exportOf() {
    return {}
  },
  async forgetStatements() {
    return []
  },
}
