/** API tokens for machine clients (Open311 and others), scoped to a node, hashed at rest. */
import { z } from 'zod';

export const ApiToken = z.object({
  id: z.number().int(),
  name: z.string(),
  nodeId: z.number().int(),
  nodeName: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const CreateTokenBody = z.strictObject({
  name: z.string().trim().min(1, '请填写令牌名称').max(60),
  nodeId: z.number().int().positive(),
});
export const CreatedToken = z.object({ token: ApiToken, secret: z.string() });
