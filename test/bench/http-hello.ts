/**
 * The HTTP bench's baseline: a bare Hono "hello" route on @hono/node-server, the same stack as
 * the planner without middleware, pages or database, so the bench can show what the planner adds.
 */
import { serve } from '@hono/node-server'
import { Hono } from 'hono'

const app = new Hono().get('/hello', (c) => c.text('hello'))
// PORT=0 lets the OS choose; the ready line says which port it chose
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`ready ${info.port}\n`)
})
