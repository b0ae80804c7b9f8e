import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { AppContext } from '../api/context';
import { ROLE_LABELS, type Role } from '../lib/rbac/roles';
import { navigationFor } from './navigation';

declare module '../api/context' {
  interface AppState {
    /** Pages only: the instance name from the system settings (lib/settings/load-page-settings.ts). */
    instanceName?: string;
  }
}

const VIEWS = path.resolve(__dirname, '..', '..', 'web', 'views');
const viewsDir = fs.existsSync(VIEWS) ? VIEWS : path.resolve(__dirname, 'views');

const wib = new Intl.DateTimeFormat('id-ID', {
  timeZone: 'Asia/Jakarta',
  dateStyle: 'long',
  timeStyle: 'short',
});

/**
 * Server-rendered pages: Handlebars views inside layouts/main, with partials. Templates are compiled
 * once per process (re-read on each render outside production, for editing). The instance name in the
 * header and title comes from the system settings per request; the one given here is the fallback for
 * a page rendered before the settings were read (e.g. an error in an early middleware).
 */
export class PageRenderer {
  private readonly hbs = Handlebars.create();
  private readonly cache = new Map<string, Handlebars.TemplateDelegate>();

  constructor(private readonly options: { instanceName: string; cache: boolean }) {
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    // Builds a path from parts inside a template, e.g. a form's action for a partial.
    this.hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).join(''));
    this.hbs.registerHelper('roleLabel', (r: Role) => ROLE_LABELS[r] ?? r);
    this.hbs.registerHelper('wib', (d: Date | null) => (d ? `${wib.format(new Date(d))} WIB` : '—'));
    const partials = path.join(viewsDir, 'partials');
    for (const file of fs.readdirSync(partials)) {
      this.hbs.registerPartial(
        path.basename(file, '.hbs'),
        fs.readFileSync(path.join(partials, file), 'utf8'),
      );
    }
  }

  private template(name: string): Handlebars.TemplateDelegate {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const compiled = this.hbs.compile(fs.readFileSync(path.join(viewsDir, `${name}.hbs`), 'utf8'), {
      strict: false,
    });
    if (this.options.cache) this.cache.set(name, compiled);
    return compiled;
  }

  render(ctx: AppContext, view: string, data: Record<string, unknown> = {}): string {
    const auth = ctx.state.auth;
    const page = {
      ...data,
      instanceName: ctx.state.instanceName ?? this.options.instanceName,
      user: auth?.user.toPublic(),
      // Held at the password change, the account may not open the event stream yet.
      liveUpdates: Boolean(auth) && !auth?.user.mustChangePassword,
      csrfToken: auth?.via === 'cookie' ? auth.session.csrfToken : undefined,
      nav: auth ? navigationFor(auth.actor.roles, ctx.path) : [],
      unreadNotifications: ctx.state.unreadNotifications ?? 0,
      year: new Date().getFullYear(),
    };
    const body = this.template(view)(page);
    return this.template('layouts/main')({ ...page, body });
  }
}
