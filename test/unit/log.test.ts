import { describe, expect, it } from 'vitest'
import { createLogger } from '../../src/web/log.ts'

const AT = new Date('2027-01-15T12:00:00Z')

function capture(level: Parameters<typeof createLogger>[0]) {
  const lines: string[] = []
  return {
    lines,
    logger: createLogger(
      level,
      (line) => lines.push(line),
      () => AT,
    ),
  }
}

describe('createLogger', () => {
  it('writes one JSON line with time, level, message and fields', () => {
    const { lines, logger } = capture('info')
    logger.info('listening', { port: 3000, url: 'http://localhost:3000' })
    expect(lines).toEqual([
      '{"time":"2027-01-15T12:00:00.000Z","level":"info","msg":"listening","port":3000,"url":"http://localhost:3000"}',
    ])
  })

  it('drops entries below its level', () => {
    const { lines, logger } = capture('warn')
    logger.debug('a')
    logger.info('b')
    logger.warn('c')
    logger.error('d')
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['c', 'd'])
  })

  it('writes nothing when silent', () => {
    const { lines, logger } = capture('silent')
    logger.error('e')
    expect(lines).toEqual([])
  })
})
