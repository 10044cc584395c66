import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../src/db/repos/audit.ts'
import { insertSession } from '../../../src/db/repos/sessions.ts'
import { findLogin, listUsers } from '../../../src/db/repos/users.ts'
import { sha256Hex } from '../../../src/web/auth/secrets.ts'
import { postForm, TODAY, testApp } from '../../helpers/web.ts'

const PASSWORD = /<code id="new-password">([A-Za-z0-9_-]{24})<\/code>/

function form(fields: [string, string][]) {
  return new URLSearchParams(fields)
}

describe('/users (admins)', () => {
  it('adds a manager with teams, shows a generated password once, and that password signs in', async () => {
    const t = testApp()
    const admin = t.as('admin')
    const res = await postForm(
      t.app,
      '/users',
      form([
        ['name', 'Dana Ward'],
        ['email', 'Dana.Ward@Example.com'],
        ['role', 'manager'],
        ['teams', 'pretraining'],
        ['teams', 'inference'],
      ]),
      admin,
    )
    expect(res.status).toBe(201)
    const password = PASSWORD.exec(await res.text())?.[1]
    expect(password).toBeDefined()
    const stored = findLogin(t.db, 'dana.ward@example.com')!
    expect(stored.user).toMatchObject({ role: 'manager', teamIds: ['inference', 'pretraining'] })
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/)
    const list = await (await t.app.request('/users', { headers: admin })).text()
    expect(list).not.toContain(password!)
    const login = await postForm(t.app, '/login', {
      email: 'dana.ward@example.com',
      password: password!,
    })
    expect(login.status).toBe(303)
    expect(listAudit(t.db, { entityType: 'user' })[0]).toMatchObject({
      action: 'user.create',
      userId: t.user('admin').id,
      after: { email: 'dana.ward@example.com', role: 'manager' },
    })
    // the password is in no log line
    expect(JSON.stringify(t.logs)).not.toContain(password!)
  })

  it('re-renders bad input 422 with each field named and the input kept, storing nothing', async () => {
    const t = testApp()
    const admin = t.as('admin')
    const before = listUsers(t.db).length
    const res = await postForm(
      t.app,
      '/users',
      form([
        ['name', 'Sam'],
        ['email', 'not-an-email'],
        ['role', 'manager'],
      ]),
      admin,
    )
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('Enter an email address like name@example.com')
    expect(html).toContain('value="not-an-email"')
    expect(html).toContain('value="Sam"')
    const noTeam = await postForm(
      t.app,
      '/users',
      form([
        ['name', 'Sam'],
        ['email', 'sam@example.com'],
        ['role', 'manager'],
      ]),
      admin,
    )
    expect(noTeam.status).toBe(422)
    expect(await noTeam.text()).toContain('Choose the teams this manager manages')
    const taken = await postForm(
      t.app,
      '/users',
      form([
        ['name', 'Again'],
        ['email', 'ADMIN@test.example'],
        ['role', 'viewer'],
      ]),
      admin,
    )
    expect(await taken.text()).toContain('An account with this email already exists')
    const badRole = await postForm(
      t.app,
      '/users',
      form([
        ['name', 'X'],
        ['email', 'x@example.com'],
        ['role', 'owner'],
      ]),
      admin,
    )
    expect(badRole.status).toBe(422)
    expect(await badRole.text()).toContain('Choose one of admin, leadership')
    expect(listUsers(t.db).length).toBe(before)
  })

  it('escapes a script payload in a name wherever it is shown', async () => {
    const t = testApp()
    const payload = '<script>alert("x")</script>'
    const res = await postForm(
      t.app,
      '/users',
      form([
        ['name', payload],
        ['email', 'evil@example.com'],
        ['role', 'viewer'],
      ]),
      t.as('admin'),
    )
    expect(res.status).toBe(201)
    const list = await (await t.get('/users', 'admin')).text()
    expect(list).not.toContain(payload)
    expect(list).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    // and in the header of the account itself
    const user = findLogin(t.db, 'evil@example.com')!.user
    insertSession(t.db, sha256Hex('evil-session'), user.id, TODAY)
    const home = await t.app.request('/', { headers: { cookie: 'planner_session=evil-session' } })
    expect(await home.text()).not.toContain(payload)
  })

  it('changes a role and teams, and resets a password shown once', async () => {
    const t = testApp()
    const admin = t.as('admin')
    const viewerId = t.user('viewer').id
    const changed = await postForm(
      t.app,
      `/users/${viewerId}/role`,
      form([
        ['role', 'manager'],
        ['teams', 'platform'],
      ]),
      admin,
    )
    expect(changed.status).toBe(303)
    expect(findLogin(t.db, 'viewer@test.example')!.user).toMatchObject({
      role: 'manager',
      teamIds: ['platform'],
    })
    const reset = await postForm(t.app, `/users/${viewerId}/password`, {}, admin)
    const password = PASSWORD.exec(await reset.text())?.[1]
    expect(password).toBeDefined()
    const login = await postForm(t.app, '/login', {
      email: 'viewer@test.example',
      password: password!,
    })
    expect(login.status).toBe(303)
    expect(listAudit(t.db).map((e) => e.action)).toEqual(['user.password_reset', 'user.role'])
  })

  it('does not let an admin change their own role or disable themselves', async () => {
    const t = testApp()
    const adminId = t.user('admin').id
    const res = await postForm(t.app, `/users/${adminId}/disable`, {}, t.as('admin'))
    expect(res.status).toBe(404)
    expect(findLogin(t.db, 'admin@test.example')!.user.disabled).toBe(false)
  })

  it('refuses the same changes from a non-admin, changing nothing', async () => {
    const t = testApp()
    const viewerId = t.user('viewer').id
    const res = await postForm(
      t.app,
      `/users/${viewerId}/role`,
      { role: 'admin' },
      t.as('leadership'),
    )
    expect(res.status).toBe(403)
    expect(findLogin(t.db, 'viewer@test.example')!.user.role).toBe('viewer')
  })
})
