/**
 * Adds the @testing-library/jest-dom matchers to Jest's `expect` (and their
 * types to `@jest/globals`).
 */
import '@testing-library/jest-dom/jest-globals';
