import { z } from 'zod';
import { fieldProblemsOf, requestParseOptions } from '../../src/http/zod-issues';

function problemsFor(schema: z.ZodType, value: unknown) {
  const result = schema.safeParse(value, requestParseOptions);
  if (result.success) throw new Error('expected the value to fail');
  return fieldProblemsOf(result.error);
}

describe('fieldProblemsOf', () => {
  it('marks a missing field as required', () => {
    expect(problemsFor(z.object({ name: z.string() }), {})).toEqual([
      { field: 'name', code: 'required' },
    ]);
  });

  it('reports too many array items, not characters', () => {
    const schema = z.object({ categories: z.array(z.string()).max(13) });
    expect(problemsFor(schema, { categories: Array(14).fill('x') })).toEqual([
      { field: 'categories', code: 'too_many', params: { max: 13 } },
    ]);
  });

  it('reports a long string as too long', () => {
    expect(problemsFor(z.object({ name: z.string().max(3) }), { name: 'abcd' })).toEqual([
      { field: 'name', code: 'too_long', params: { max: 3 } },
    ]);
  });

  it('marks a value of the wrong type as invalid', () => {
    expect(problemsFor(z.object({ name: z.string() }), { name: 5 })).toEqual([
      { field: 'name', code: 'invalid' },
    ]);
    expect(problemsFor(z.object({ limit: z.coerce.number() }), { limit: 'abc' })).toEqual([
      { field: 'limit', code: 'invalid' },
    ]);
  });

  it('reports numbers out of range, not characters', () => {
    const schema = z.object({ limit: z.coerce.number().int().min(1).max(50) });
    expect(problemsFor(schema, { limit: '1000' })).toEqual([
      { field: 'limit', code: 'above_max', params: { max: 50 } },
    ]);
    expect(problemsFor(schema, { limit: '0' })).toEqual([
      { field: 'limit', code: 'below_min', params: { min: 1 } },
    ]);
  });

  it('names unknown keys of strict objects', () => {
    expect(problemsFor(z.strictObject({ name: z.string() }), { name: 'a', role: 'admin' })).toEqual(
      [{ field: 'role', code: 'unknown_field' }],
    );
  });

  it('honours a custom field code', () => {
    const schema = z.object({
      password: z.string().refine(() => false, { params: { code: 'weak_password' } }),
    });
    expect(problemsFor(schema, { password: 'x' })).toEqual([
      { field: 'password', code: 'weak_password' },
    ]);
  });
});
