// What integrators above meetings (today: transparency, the resolutions register) may use of
// 议事会: the names of meeting types and the page a meeting opens on (docs/architecture.md).

export { meetingLink, TYPE_LABELS } from './repo'
