import { z } from '@hono/zod-openapi'

export const StreetListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      district: z.string(),
      communities: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
  ),
})

export const CommunityListSchema = z.object({
  items: z.array(
    z.object({ id: z.string(), name: z.string(), streetId: z.string(), streetName: z.string() }),
  ),
})

export const CommunitySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    streetName: z.string(),
    compounds: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        buildings: z.array(
          z.object({ id: z.string(), name: z.string(), units: z.array(z.string()) }),
        ),
      }),
    ),
    alleys: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
    centres: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
  })
  .openapi('Community')

export const CentreSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    openingNote: z.string(),
    communities: z.array(z.object({ id: z.string(), name: z.string() })),
    rooms: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        capacity: z.number(),
        facilities: z.array(z.string()),
      }),
    ),
  })
  .openapi('Centre')
