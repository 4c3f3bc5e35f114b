import { z } from 'zod';

export const idParams = z.object({ id: z.string().uuid('is not a valid id') });

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.record(z.string(), z.unknown())),
  }),
});

/** Error replies documented on every route. */
export const errorResponses = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  412: errorBody,
  429: errorBody,
} as const;
