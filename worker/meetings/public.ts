// What integrators above meetings (today: transparency, the resolutions register) may use of
// 议事会: the names of meeting types and the page a meeting opens on (docs/architecture.md).

export { meetingLink, TYPE_LABELS } from './repo'

/** What the home page (首页) shows of this domain, read in its one batch. */
export { myNextMeetingsRead, type NextMeeting } from './to-dos'

/** A meeting's row (its door sign's check-in code included): for the organisers' printed codes. */
export { loadMeeting } from './repo'
