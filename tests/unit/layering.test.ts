/**
 * The layering rules of eslint.config.js must actually fire: lint in-memory files placed under
 * shared/ and renderer/ with ESLint's Node API and expect the wrong imports to be reported.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function restrictedImports(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('layering rules', () => {
  it('shared/ may not import Node, Electron, React, main/ or renderer/', async () => {
    expect(await restrictedImports('shared/model/zz-probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toEqual([expect.stringMatching(/shared\/ is pure/)]);
    expect(await restrictedImports('shared/model/zz-probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/model/zz-probe.ts', "import { useState } from 'react';\nexport const x = useState;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/api/zz-probe.ts', "import { openStore } from '../../main/backend/store';\nexport const x = openStore;\n")).toHaveLength(1);
    expect(await restrictedImports('shared/api/zz-probe.ts', 'export const w = window.location;\n')).toHaveLength(1);
  });

  it('renderer/ may not import main/ or Node modules', async () => {
    expect(await restrictedImports('renderer/zz-probe.ts', "import x from '../main/backend/store';\nexport const y = x;\n")).toEqual([expect.stringMatching(/renderer\/ never imports main/)]);
    expect(await restrictedImports('renderer/app/zz-probe.ts', "import { openBackend } from '../../main/backend';\nexport const y = openBackend;\n")).toHaveLength(1);
    expect(await restrictedImports('renderer/app/zz-probe.ts', "import fs from 'node:fs';\nexport const y = fs;\n")).toHaveLength(1);
  });

  it('main/ may not import renderer/', async () => {
    expect(await restrictedImports('main/backend/zz-probe.ts', "import { useApi } from '../../renderer/api/react';\nexport const y = useApi;\n")).toHaveLength(1);
  });

  it('allowed imports stay clean', async () => {
    expect(await restrictedImports('shared/model/zz-probe.ts', "import { z } from 'zod';\nexport const x = z;\n")).toEqual([]);
    expect(await restrictedImports('renderer/app/zz-probe.ts', "import { apiContract } from '../../shared/api/contract';\nexport const x = apiContract;\n")).toEqual([]);
  });
});
