import { describe, expect, it } from 'vitest';
import { GUIDANCE } from '../../../../shared/domain/alerts/guidance.js';

describe('guidance cited by alerts', () => {
  it.each(Object.entries(GUIDANCE))(
    '%s links to a public https page, not a repository path',
    (_, guidance) => {
      const url = new URL(guidance.reference);
      expect(url.protocol).toBe('https:');
      expect(url.hostname).toMatch(/\.(uk|com|org)$/);
      expect(guidance.name.length).toBeGreaterThan(10);
    },
  );
});
