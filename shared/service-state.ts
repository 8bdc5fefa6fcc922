// Whether the services (outbox, dispatcher, Diagnostics, benchmark, training sandbox) are up.
// They run in their own process; the process that owns the window restarts it when it dies and
// tells the page through this state, so the clerk sees why answers stopped for a moment.
import { z } from 'zod';
import { appErrorSchema } from './outbox-types';

export const SERVICE_STATUSES = ['starting', 'running', 'restarting', 'failed'] as const;

export const serviceStateSchema = z.object({
  /** failed: it kept dying and is not started again (error says why). */
  status: z.enum(SERVICE_STATUSES),
  /** Restarts since the app started. */
  restarts: z.number().int().min(0),
  error: appErrorSchema.nullable(),
});
export type ServiceState = z.infer<typeof serviceStateSchema>;
