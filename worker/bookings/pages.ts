// The mini-program page a notice about a booking opens (miniapp/src/packages/bookings/;
// tests/miniapp/worker-links.test.ts checks that it exists).
export const MY_BOOKINGS_PAGE = '/packages/bookings/pages/mine/index'
