import type { MiddlewareHandler } from 'hono'
import { type ContentSecurityPolicyOptionHandler, secureHeaders } from 'hono/secure-headers'

/**
 * hono's secureHeaders with a Content Security Policy that allows only our own origin: htmx and
 * the stylesheet are served from it and there are no inline scripts or styles. The referrer policy
 * keeps the Origin header on same-site POSTs so csrf() can check it (honojs/hono#2540).
 * `formTargets` names the other origins a form may lead to: the identity provider's, since the
 * sign-in and sign-out forms end in a redirect there and browsers hold redirects to form-action.
 */
export function securityHeaders(formTargets?: () => string[]): MiddlewareHandler {
  const providers: ContentSecurityPolicyOptionHandler[] = formTargets
    ? [() => formTargets().join(' ')]
    : []
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'", ...providers],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'strict-origin-when-cross-origin',
  })
}
