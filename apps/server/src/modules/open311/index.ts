/**
 * Open311 GeoReport v2 (开放接口): our request categories as services, and requests read and posted
 * by machine clients with an API key scoped to one jurisdiction, under /open311/v2/ (ADR 0010).
 */
export { createOpen311Service, type Open311Service } from './open311.service.ts';
export { registerOpen311, OPEN311_PREFIX } from './open311.routes.ts';
