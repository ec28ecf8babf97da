import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['node_modules/', '.wrangler/', 'miniapp/dist/', 'db/migrations/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Test helpers parse arbitrary JSON responses; product code stays typed.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['log', 'error', 'warn'] }],
    },
  },
  {
    // Worker tests call the typed client (tests/worker/client.ts); rawRequest() is the escape
    // hatch for tests about bad input. The untyped api() alias is gone: refuse its return.
    files: ['tests/worker/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            './helpers',
            './client',
            './suggestion-helpers',
            './convention-helpers',
            './meeting-helpers',
          ].map((name) => ({
            name,
            importNames: ['api'],
            message:
              'Use the typed client (client() + send()), or rawRequest() in a test about bad input.',
          })),
        },
      ],
    },
  },
  {
    files: ['miniapp/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Node scripts (lockfile patch, tab-icon drawing).
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
)
