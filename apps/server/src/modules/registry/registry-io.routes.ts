/** HTTP adapter of resident import and export. */
import { DomainError } from '../../platform/http/errors.ts';
import { callerOf } from '../../platform/http/caller-of.ts';
import type { RouteHandlers } from '../../platform/http/routing.ts';
import type { RegistryExportService } from './registry-export.service.ts';
import type { RegistryImportService } from './registry-import.service.ts';

/** Handlers of the import, export and ledger routes. */
export function registryIoHandlers(
  imports: RegistryImportService,
  exports: RegistryExportService,
): Pick<
  RouteHandlers,
  | 'uploadResidentImport'
  | 'runResidentImport'
  | 'getResidentImport'
  | 'undoResidentImport'
  | 'importTemplate'
  | 'exportResidents'
  | 'exportHouses'
  | 'exportUnits'
  | 'exportLedger'
> {
  return {
    uploadResidentImport: async ({ query, raw }, ctx) => {
      if (!raw) throw new DomainError('IMPORT_FILE_UNREADABLE');
      return imports.upload(callerOf(ctx), query.nodeId, query.fileName, raw, query.kind);
    },
    runResidentImport: async ({ params, body }, ctx) => imports.run(callerOf(ctx), params.id, body),
    getResidentImport: async ({ params }, ctx) => imports.status(callerOf(ctx), params.id),
    undoResidentImport: async ({ params }, ctx) => imports.undo(callerOf(ctx), params.id),
    importTemplate: async ({ query }) => exports.template(query.kind),
    exportResidents: async ({ query }, ctx) => exports.residents(callerOf(ctx), query),
    exportHouses: async ({ query }, ctx) => exports.houses(callerOf(ctx), query),
    exportUnits: async ({ query }, ctx) => exports.units(callerOf(ctx), query),
    exportLedger: async ({ params, query }, ctx) =>
      exports.ledger(callerOf(ctx), params.kind, query.nodeId, query.asOf),
  };
}
