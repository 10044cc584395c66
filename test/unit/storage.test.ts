import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { storageMessage } from '../../src/db/storage.ts'

/** An error as SQLite or Node raises it: a message and a code. */
const fault = (code: string, message: string) => Object.assign(new Error(message), { code })

describe('storageMessage', () => {
  // the checks run as root here, which may write anywhere: the permission cases are read from
  // the errors SQLite and Node raise for them
  it.each([
    [
      'SQLITE_CANTOPEN',
      'unable to open database file',
      'the planner may not read and write it there',
    ],
    ['EACCES', 'permission denied', 'give the planner write access to the file and its folder'],
    ['SQLITE_READONLY', 'attempt to write a readonly database', 'may not read and write it'],
    ['SQLITE_FULL', 'database or disk is full', 'the disk holding it is full'],
    ['SQLITE_BUSY', 'database is locked', 'another program holds it locked'],
    ['SQLITE_IOERR_SHORT_READ', 'disk I/O error', 'the disk could not be read or written'],
    ['SQLITE_CORRUPT', 'database disk image is malformed', 'it is damaged'],
  ])('%s: names the file, the problem and what to do', (code, message, says) => {
    const text = storageMessage('data/planner.sqlite', fault(code, message))
    expect(text).toMatch(new RegExp(`^Cannot use the database ${resolve('data/planner.sqlite')}: `))
    expect(text).toContain(says)
    expect(text).toContain(`(${message})`)
    expect(text.endsWith('.')).toBe(true)
  })
})
