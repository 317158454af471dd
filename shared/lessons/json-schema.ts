import { z } from 'zod';
import { LESSON_SCHEMA_URL, LESSON_SCHEMA_VERSION, Lesson } from './schema';

/**
 * The JSON Schema of a lesson file, generated from the zod schema and committed at
 * resources/schema/lesson-v1.schema.json (`npm run gen:schema`); lessons.test.ts fails when the
 * committed copy is stale. Editors use it to complete and check lesson files as trainers type.
 */
export const LESSON_SCHEMA_FILE = `resources/schema/lesson-v${LESSON_SCHEMA_VERSION}.schema.json`;

export function lessonJsonSchemaText(): string {
  const generated = z.toJSONSchema(Lesson, { io: 'input', target: 'draft-2020-12', reused: 'inline', unrepresentable: 'any' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  const doc = {
    $schema,
    $id: LESSON_SCHEMA_URL,
    title: `EventFlow Studio lesson (schema version ${LESSON_SCHEMA_VERSION})`,
    description: [
      'A lesson file (resources/lessons/*.lesson.json or .yaml): a starting topology and steps with narration, the learner action, a "show me" and claims over run figures.',
      'Generated from the zod schema in shared/lessons (npm run gen:schema). See docs/lessons.md.',
      'Checked by the app beyond this schema: the starting topology exists and is valid; claims read runs started by this or an earlier step.',
    ].join('\n'),
    ...rest,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
