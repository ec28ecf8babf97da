// The mini-program page a notice or a link about a 金点子 opens (miniapp/src/packages/suggestions/;
// tests/miniapp/worker-links.test.ts checks that it exists).
export const SUGGESTION_PAGE = '/packages/suggestions/pages/detail/index'
export const suggestionLink = (id: string) => `${SUGGESTION_PAGE}?id=${id}`
