/** HTTP adapter of housing, rentals and units. */
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { HousingService } from './housing.service.ts';
import type { UnitsService } from './units.service.ts';

export function housingHandlers(
  housing: HousingService,
  units: UnitsService,
): Pick<
  RouteHandlers,
  | 'listHouses'
  | 'getBuildingHousing'
  | 'getHouse'
  | 'registerHouse'
  | 'updateHouse'
  | 'revealHouse'
  | 'registerRental'
  | 'endRental'
  | 'revealRental'
  | 'listUnits'
  | 'getUnit'
  | 'registerUnit'
  | 'updateUnit'
  | 'revealUnit'
> {
  return {
    listHouses: async ({ query }, ctx) => housing.list(callerOf(ctx), query),
    getBuildingHousing: async ({ params }, ctx) => housing.building(callerOf(ctx), params.id),
    getHouse: async ({ params }, ctx) => housing.get(callerOf(ctx), params.id),
    registerHouse: async ({ body }, ctx) => housing.register(callerOf(ctx), body),
    updateHouse: async ({ params, body }, ctx) => housing.update(callerOf(ctx), params.id, body),
    revealHouse: async ({ params, body }, ctx) => housing.revealHouse(callerOf(ctx), params.id, body),
    registerRental: async ({ params, body }, ctx) => housing.let(callerOf(ctx), params.id, body),
    endRental: async ({ params, body }, ctx) => housing.endRental(callerOf(ctx), params.id, body),
    revealRental: async ({ params, body }, ctx) => housing.revealRental(callerOf(ctx), params.id, body),
    listUnits: async ({ query }, ctx) => units.list(callerOf(ctx), query),
    getUnit: async ({ params }, ctx) => units.get(callerOf(ctx), params.id),
    registerUnit: async ({ body }, ctx) => units.register(callerOf(ctx), body),
    updateUnit: async ({ params, body }, ctx) => units.update(callerOf(ctx), params.id, body),
    revealUnit: async ({ params, body }, ctx) => units.reveal(callerOf(ctx), params.id, body),
  };
}
