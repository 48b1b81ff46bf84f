import express, { type Request, type Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import { verifyPassword } from '../auth/password.js';
import type { HallConfig } from '../config/hall-config.js';
import { landingHall, renderLanding, type LandingHall } from './landing-page.js';

/** The README's demo password: the landing page lists the demo accounts only while it works. */
const DEMO_PASSWORD = 'demo1234';
const DEMO_HALL = 'demo';

/**
 * The front page at `/` and `/admin` (to the admin console). The demo hall's ready-made links and
 * logins appear only while its devices and accounts still have the README's tokens and password,
 * so a hall that kept the id `demo` but changed its secrets shows none of them.
 */
export function landingRouter(deps: {
  halls: Map<string, { config: HallConfig }>;
  auth: Authenticator;
}): express.Router {
  const router = express.Router();
  // one scrypt per stored hash, not per visit
  const checked = new Map<string, Promise<boolean>>();
  const isDemoPassword = (hash: string) => {
    let p = checked.get(hash);
    if (!p) {
      p = verifyPassword(DEMO_PASSWORD, hash).catch(() => false);
      checked.set(hash, p);
    }
    return p;
  };
  const demoDevice = async (hallId: string, token: string, kind: string) => {
    const who = await deps.auth.resolve(`Bearer ${token}`).catch(() => null);
    return who?.kind === 'device' && who.hallId === hallId && who.device.kind === kind;
  };
  const describe = async (config: HallConfig): Promise<LandingHall> => {
    if (config.id !== DEMO_HALL)
      return landingHall(config, { kiosk: false, screen: false, display3: false }, null);
    const [kiosk, screen, display3] = await Promise.all([
      demoDevice(config.id, 'demo-kiosk', 'kiosk'),
      demoDevice(config.id, 'demo-screen', 'screen'),
      demoDevice(config.id, 'demo-display-3', 'display'),
    ]);
    const open = await Promise.all(
      config.staff.map(async (s) => ((await isDemoPassword(s.passwordHash)) ? s.id : null)),
    );
    const logins = open.filter((id): id is string => id !== null);
    return landingHall(config, { kiosk, screen, display3 }, logins.length ? logins : null);
  };

  router.get('/', async (_req: Request, res: Response) => {
    const halls = await Promise.all([...deps.halls.values()].map((h) => describe(h.config)));
    res.type('html').setHeader('Cache-Control', 'no-store');
    res.send(renderLanding(halls));
  });
  router.get(['/admin', '/admin/'], (req: Request, res: Response) => {
    const hall = typeof req.query.hall === 'string' ? req.query.hall : null;
    res.redirect(302, `/counter/admin${hall ? `?hall=${encodeURIComponent(hall)}` : ''}`);
  });
  return router;
}
