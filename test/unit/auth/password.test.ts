import { describe, expect, it } from 'vitest'
import { generatePassword, hashPassword, verifyPassword } from '../../../src/web/auth/password.ts'

const CHEAP = { N: 2 ** 10, r: 8, p: 1 }

describe('password hashing (scrypt)', () => {
  it('stores the parameters, a salt and the key, and verifies only the right password', async () => {
    const stored = await hashPassword('open sesame', CHEAP)
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(stored).not.toContain('open sesame')
    await expect(verifyPassword('open sesame', stored)).resolves.toBe(true)
    await expect(verifyPassword('open sesame ', stored)).resolves.toBe(false)
    await expect(verifyPassword('', stored)).resolves.toBe(false)
  })

  it('salts each hash, so one password hashes differently twice', async () => {
    const [a, b] = await Promise.all([hashPassword('same', CHEAP), hashPassword('same', CHEAP)])
    expect(a).not.toBe(b)
  })

  it('uses N=2^15, r=8, p=1 by default', async () => {
    expect(await hashPassword('x')).toMatch(/^scrypt\$32768\$8\$1\$/)
  })

  it('refuses a stored value that is not one of its hashes', async () => {
    await expect(verifyPassword('x', 'plain-text')).rejects.toThrow('unrecognised')
  })

  it('generates 24-character URL-safe passwords, different each time', () => {
    const a = generatePassword()
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(generatePassword()).not.toBe(a)
  })
})
