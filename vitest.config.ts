import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/setup/build-site.ts'],
    testTimeout: 60_000,
    // Test builds print no PDF (several seconds each): only tests/print-document.test.ts asks for them.
    env: { JALONS_PDF: 'non' },
    hookTimeout: 120_000,
    // Browser tests share one machine with two cores: keep workers few.
    maxWorkers: 2,
    reporters: ['default', './tests/setup/summary-reporter.ts'],
  },
});
