/** Housing (房屋) and rental registration (出租登记): the building view, a room's house and its rentals. */
export { BuildingView } from './building-view.tsx';
export { HouseDrawer, type RoomRef } from './house-drawer.tsx';
export { useHousingLabels, useColors } from './housing-labels.ts';
export { useHouses, housingKeys } from './housing-queries.ts';
