import type { PersonalData } from '../lib/personal-data'
import { identityPersonalData } from '../identity/personal-data'
import { preferencesPersonalData } from '../identity/preferences-personal-data'
import { suggestionsPersonalData } from '../suggestions/personal-data'
import { conventionsPersonalData } from '../conventions/personal-data'
import { bookingsPersonalData } from '../bookings/personal-data'
import { meetingsPersonalData } from '../meetings/personal-data'
import { inboxPersonalData } from '../inbox/personal-data'
import { auditPersonalData } from '../audit/personal-data'
import { transparencyPersonalData } from '../transparency/personal-data'
import { moderationPersonalData } from '../moderation/personal-data'

/**
 * Every domain that holds something about a person. A new domain with a table naming a person
 * or a household adds its entry here; tests/worker/personal-data-registry.test.ts fails until it
 * does. The export shows the entries in this order; deletion forgets them in reverse, so the
 * account itself (identity) goes last.
 */
export const PERSONAL_DATA: readonly PersonalData[] = [
  identityPersonalData,
  preferencesPersonalData,
  suggestionsPersonalData,
  conventionsPersonalData,
  bookingsPersonalData,
  meetingsPersonalData,
  inboxPersonalData,
  auditPersonalData,
  transparencyPersonalData,
  moderationPersonalData,
]
