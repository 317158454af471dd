/** How the CLI reads the files an AsyncAPI document's `$ref`s point at: next to the document, with the input limits of any input file. */
import path from 'node:path';
import type { ExternalRefs } from '../../shared/export/asyncapi/bundle';
import { CliError } from './command';
import { readInputText } from './topology-file';

export function fileRefs(docAbs: string): ExternalRefs {
  return {
    base: docAbs.split(path.sep).join('/'),
    read(location) {
      try {
        return readInputText(location.split('/').join(path.sep), path.dirname(docAbs)).text;
      } catch (e) {
        if (e instanceof CliError) return undefined;
        throw e;
      }
    },
  };
}
