export * from './places'
export * from './identity'
export * from './platform'
export * from './suggestions'
